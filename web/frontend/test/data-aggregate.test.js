// @ts-check
import test from 'node:test';
import assert from 'node:assert/strict';
import {binCounts, binKinds, binMinMax, buildPyramid, nextSet, prefixCount, rangeMinMax}
  from '../../src/main/resources/static/js/data/aggregate.js';
import {KINDS, kindAt, rowLayout} from '../../src/main/resources/static/js/data/row-layout.js';

/** @param {number} seed */
function random(seed) {
  let s = seed;
  return (/** @type {number} */ n) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((s / 2 ** 31) * n);
  };
}

test('range min/max from the pyramid equals a brute-force scan', () => {
  const r = random(3);
  const out = [new Float64Array(1), new Float64Array(1)];
  for (let round = 0; round < 40; round++) {
    const n = 1 + r(3000);
    const values = round % 2 ? Int32Array.from({length: n}, () => r(10000) - 5000)
      : Float32Array.from({length: n}, () => (r(100000) - 50000) / 7);
    const pyramid = buildPyramid(values);
    for (let q = 0; q < 200; q++) {
      const a = r(n);
      const b = a + 1 + r(n - a);
      rangeMinMax(values, pyramid, a, b, out[0], out[1], 0);
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = a; i < b; i++) {
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
      assert.equal(out[0][0], lo, `n ${n} [${a}, ${b})`);
      assert.equal(out[1][0], hi, `n ${n} [${a}, ${b})`);
    }
  }
});

test('bins cover the window exactly and agree with brute force per bin', () => {
  const r = random(9);
  for (let round = 0; round < 30; round++) {
    const n = 50 + r(5000);
    const values = Int32Array.from({length: n}, (_, i) => (i % 97 === 0 ? -r(50) : i + r(20)));
    const pyramid = buildPyramid(values);
    const from = r(n - 10);
    const to = from + 1 + r(n - from);
    const bins = 1 + r(300);
    const min = new Float64Array(bins);
    const max = new Float64Array(bins);
    binMinMax(values, pyramid, from, to, bins, min, max);
    let next = from;
    for (let j = 0; j < bins; j++) {
      const a = from + Math.floor(j * (to - from) / bins);
      const b = from + Math.floor((j + 1) * (to - from) / bins);
      assert.equal(a, next);
      next = b;
      const slice = Array.from(values.subarray(a, b));
      assert.equal(min[j], slice.length ? Math.min(...slice) : Infinity);
      assert.equal(max[j], slice.length ? Math.max(...slice) : -Infinity);
    }
    assert.equal(next, to);
  }
});

test('dominant and mixed kinds per bin agree with counting each token', () => {
  const r = random(21);
  for (let round = 0; round < 60; round++) {
    /** @type {any[]} */
    const spans = [];
    let at = r(30);
    const padding = r(2) ? r(40) : 0;
    at += padding;
    for (let b = r(8); b > 0; b--) {
      const length = 1 + r(200);
      spans.push({type: ['image', 'video', 'table'][r(3)], start: at, length, grid: [1, 1, length]});
      at += length + r(50);
    }
    const plan = /** @type {any} */ ({length: at, sequences: [{length: at - padding, padding, spans}]});
    const layout = rowLayout(plan, 0, 'left');
    const from = r(at);
    const to = from + 1 + r(at - from);
    const bins = 1 + r(100);
    const kind = new Uint8Array(bins);
    const mixed = new Uint8Array(bins);
    binKinds(layout, from, to, bins, kind, mixed);
    for (let j = 0; j < bins; j++) {
      const a = from + Math.floor(j * (to - from) / bins);
      const b = from + Math.floor((j + 1) * (to - from) / bins);
      const counts = new Array(KINDS.length).fill(0);
      for (let i = a; i < b; i++) counts[kindAt(layout, i)]++;
      const present = counts.filter((c) => c > 0).length;
      assert.equal(mixed[j], present > 1 ? 1 : 0, `round ${round} bin ${j}`);
      if (present > 0) assert.equal(counts[kind[j]], Math.max(...counts), `round ${round} bin ${j}`);
    }
  }
});

test('diff counts per bin and the next difference', () => {
  const flags = Uint8Array.from([0, 1, 0, 0, 1, 1, 0, 0, 0, 1]);
  const prefix = prefixCount(flags);
  const out = new Int32Array(3);
  binCounts(prefix, 1, 10, 3, out);
  assert.deepEqual([...out], [1, 2, 1]);
  assert.equal(nextSet(flags), 1);
  assert.equal(nextSet(flags, 1), 4);
  assert.equal(nextSet(flags, 9), -1);
});
