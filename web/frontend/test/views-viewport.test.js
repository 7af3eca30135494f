// @ts-check
import test from 'node:test';
import assert from 'node:assert/strict';
import {pan, reveal, showRange, tokenAt, viewport, zoom} from '../../src/main/resources/static/js/views/viewport.js';
import {KIND_COLORS, luminance, viridisCss} from '../../src/main/resources/static/js/data/colors.js';

test('zoom keeps the anchored token in place and stays inside the row', () => {
  let v = viewport(0, 1_000_000);
  v = zoom(v, 10, 0.25);
  assert.equal(v.end - v.start, 100_000);
  assert.equal(v.start + 0.25 * (v.end - v.start), 250_000);
  for (let k = 0; k < 30; k++) v = zoom(v, 2, 0.5);
  assert.equal(v.end - v.start, 4, 'down to single tokens, not below minSpan');
  for (let k = 0; k < 40; k++) v = zoom(v, 0.5, 0.9);
  assert.deepEqual([v.start, v.end], [0, 1_000_000]);
});

test('pan and showRange clamp to the row; reveal moves only when needed', () => {
  let v = showRange(viewport(0, 100), 10, 20);
  assert.deepEqual([v.start, v.end], [10, 20]);
  v = pan(v, -50);
  assert.deepEqual([v.start, v.end], [0, 10]);
  v = pan(v, 500);
  assert.deepEqual([v.start, v.end], [90, 100]);
  assert.equal(reveal(v, 95), v);
  const r = reveal(v, 10);
  assert.ok(r.start <= 10 && r.end > 10);
  assert.equal(tokenAt(r, 0), Math.floor(r.start));
  assert.equal(tokenAt(showRange(viewport(0, 100), 0, 100), 1), 99);
});

test('modality colours differ in lightness; viridis runs dark to light', () => {
  const l = KIND_COLORS.map(luminance).sort((a, b) => a - b);
  for (let i = 1; i < l.length; i++) {
    const contrast = (l[i] + 0.05) / (l[i - 1] + 0.05);
    assert.ok(contrast > 1.15, `neighbouring modality colours ${i - 1}, ${i} too close in lightness: ${contrast}`);
  }
  assert.equal(viridisCss(0), 'rgb(68, 1, 84)');
  assert.equal(viridisCss(1), 'rgb(253, 231, 37)');
  assert.equal(viridisCss(2), viridisCss(1));
});
