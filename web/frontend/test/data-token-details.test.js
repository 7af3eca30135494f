// @ts-check
import test from 'node:test';
import assert from 'node:assert/strict';
import {planDataFromJson} from '../../src/main/resources/static/js/data/plan-data.js';
import {rowData} from '../../src/main/resources/static/js/data/row-cache.js';
import {shortestFloat32, tokenDetails} from '../../src/main/resources/static/js/data/token-details.js';

/** A JSON answer of 3 axes over [text 2, image 2x3, text 2]. @param {string} dtype @param {number} shift */
const answer = (dtype, shift) => planDataFromJson({scheme: 's', dtype, axes: ['t', 'h', 'w'], batch: 1, length: 10,
  position_ids: [0, 1, 2].map((a) => [Array.from({length: 10}, (_, i) => i + a * shift)]), rope_deltas: [0],
  sequences: [{length: 10, padding: 0, max_position: 9, warnings: [],
    spans: [{type: 'image', start: 2, length: 6, grid: [1, 2, 3]}]}], tensors: {}, frequencies: {}});

test('details name the span, the grid cell and every candidate\'s positions', () => {
  const main = answer('int32', 0);
  const other = answer('int32', 100);
  const d = tokenDetails([main, other], ['main', 'other'], 0, rowData(main, 0).layout, 6);
  assert.equal(d.kind, 'image');
  assert.equal(d.span, 0);
  assert.deepEqual(d.cell, {t: 0, h: 1, w: 1});
  assert.deepEqual(d.positions, [6, 6, 6]);
  assert.match(d.text, /cell t=0 h=1 w=1/);
  assert.match(d.text, /main: t=6 {2}h=6 {2}w=6/);
  assert.match(d.text, /other: t=6 {2}h=106 {2}w=206/);
  const text = tokenDetails([main], ['main'], 0, rowData(main, 0).layout, 9);
  assert.equal(text.kind, 'text');
  assert.equal(text.cell, null);
});

test('float positions are reported as the shortest decimal of their float32', () => {
  assert.equal(shortestFloat32(Math.fround(3.2928932)), 3.2928932);
  assert.equal(shortestFloat32(Math.fround(0.1)), 0.1);
  assert.equal(shortestFloat32(-2.5), -2.5);
  let seed = 1;
  for (let k = 0; k < 2000; k++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const v = Math.fround((seed / 2 ** 31 - 0.5) * 10 ** ((seed % 13) - 4));
    const s = shortestFloat32(v);
    assert.equal(Math.fround(s), v);
    assert.ok(String(s).replace(/^-|e.*$|\./g, '').replace(/^0+/, '').length <= 9);
  }
  const plan = planDataFromJson({scheme: 's', dtype: 'float32', axes: ['p'], batch: 1, length: 1,
    position_ids: [[[4.7071066]]], rope_deltas: [0], sequences: [], tensors: {}, frequencies: {}});
  const d = tokenDetails([plan], ['main'], 0, rowData(plan, 0).layout, 0);
  assert.deepEqual(d.positions, [4.7071066]);
  assert.equal(JSON.stringify(d.positions), '[4.7071066]');
});

test('a range answer reads token i from slot i - range.start', () => {
  const plan = planDataFromJson({scheme: 's', dtype: 'int32', axes: ['p'], batch: 1, length: 100,
    range: {start: 40, length: 3}, position_ids: [[[7, 8, 9]]], rope_deltas: [0],
    sequences: [{length: 100, padding: 0, max_position: 99, warnings: [], spans: []}], tensors: {}, frequencies: {}});
  const {layout} = rowData(plan, 0);
  assert.equal(layout.first, 40);
  assert.equal(layout.end, 43);
  assert.deepEqual(tokenDetails([plan], ['main'], 0, layout, 41).positions, [8]);
  assert.deepEqual(rowData(plan, 0).range(0), {min: 7, max: 9});
});
