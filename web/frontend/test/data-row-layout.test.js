// @ts-check
import test from 'node:test';
import assert from 'node:assert/strict';
import {KINDS, gridCell, kindAt, kindOf, rowLayout, spanAt, textResumes, tokenOfCell}
  from '../../src/main/resources/static/js/data/row-layout.js';

/** A deterministic generator (LCG) so failures reproduce. @param {number} seed */
function random(seed) {
  let s = seed;
  return (/** @type {number} */ n) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((s / 2 ** 31) * n);
  };
}

/** A row of random text runs and visual spans, padded on a random side. @param {(n: number) => number} r */
function randomRow(r) {
  const types = ['image', 'video', 'audio', 'table'];
  /** @type {import('../../src/main/resources/static/js/data/plan-data.js').Span[]} */
  const spans = [];
  const padding = r(3) === 0 ? 0 : r(20);
  const side = r(2) === 0 ? 'left' : 'right';
  let at = side === 'left' ? padding : 0;
  const blocks = r(6);
  for (let b = 0; b < blocks; b++) {
    at += r(3) === 0 ? 0 : r(10);
    const grid = [1 + r(3), 1 + r(4), 1 + r(5)];
    const type = types[r(types.length)];
    const length = type === 'table' || type === 'audio' ? 1 + r(30) : grid[0] * grid[1] * grid[2];
    spans.push(type === 'table' || type === 'audio' ? {type, start: at, length} : {type, start: at, length, grid});
    at += length;
  }
  at += r(5);
  const real = at - (side === 'left' ? padding : 0);
  const sequence = {length: real, padding, max_position: 0, spans: [...spans].reverse(), warnings: []};
  const plan = /** @type {any} */ ({length: real + padding, sequences: [sequence]});
  return {plan, spans, padding, side: /** @type {'left'|'right'} */ (side), real};
}

test('token -> span and kind agree with a linear scan over generated layouts', () => {
  const r = random(11);
  for (let round = 0; round < 300; round++) {
    const {plan, spans, padding, side, real} = randomRow(r);
    const layout = rowLayout(plan, 0, side);
    const realStart = side === 'left' ? padding : 0;
    for (let i = 0; i < real + padding; i++) {
      const owner = spans.findIndex((s) => i >= s.start && i < s.start + s.length);
      const span = spanAt(layout, i);
      assert.equal(span === -1 ? -1 : spans.indexOf(layout.spans[span]), owner, `round ${round} token ${i}`);
      const pad = i < realStart || i >= realStart + real;
      const expected = pad ? 'pad' : owner >= 0 ? spans[owner].type : 'text';
      assert.equal(KINDS[kindAt(layout, i)], expected, `round ${round} token ${i}`);
    }
  }
});

test('padding side is inferred from where the spans start when not given', () => {
  const right = /** @type {any} */ ({length: 8, sequences: [{length: 5, padding: 3,
    spans: [{type: 'image', start: 1, length: 2, grid: [1, 1, 2]}]}]});
  assert.equal(KINDS[kindAt(rowLayout(right, 0), 0)], 'text');
  assert.equal(KINDS[kindAt(rowLayout(right, 0), 7)], 'pad');
  const left = /** @type {any} */ ({length: 8, sequences: [{length: 5, padding: 3,
    spans: [{type: 'image', start: 4, length: 2, grid: [1, 1, 2]}]}]});
  assert.equal(KINDS[kindAt(rowLayout(left, 0), 0)], 'pad');
  assert.equal(KINDS[kindAt(rowLayout(left, 0), 7)], 'text');
});

test('grid cell <-> token round trips row-major over (t, h, w)', () => {
  const r = random(5);
  for (let round = 0; round < 200; round++) {
    const grid = [1 + r(4), 1 + r(9), 1 + r(9)];
    const span = {type: 'video', start: r(100), length: grid[0] * grid[1] * grid[2], grid};
    let expected = span.start;
    for (let t = 0; t < grid[0]; t++) for (let h = 0; h < grid[1]; h++) for (let w = 0; w < grid[2]; w++) {
      assert.deepEqual(gridCell(span, expected), {t, h, w});
      assert.equal(tokenOfCell(span, t, h, w), expected);
      expected++;
    }
    assert.equal(gridCell(span, span.start - 1), null);
    assert.equal(gridCell(span, span.start + span.length), null);
  }
});

test('text resumes after each block followed by text, not after one followed by a block', () => {
  const plan = /** @type {any} */ ({length: 20, sequences: [{length: 20, padding: 0, spans: [
    {type: 'image', start: 2, length: 4, grid: [1, 2, 2]},
    {type: 'video', start: 6, length: 4, grid: [1, 2, 2]},
    {type: 'image', start: 12, length: 4, grid: [1, 2, 2]},
  ]}]});
  assert.deepEqual(textResumes(rowLayout(plan, 0)), [10, 16]);
});

test('unknown span types are "other"', () => {
  assert.equal(KINDS[kindOf('point-cloud')], 'other');
  assert.equal(KINDS[kindOf('text')], 'other');
  assert.equal(KINDS[kindOf('video')], 'video');
});
