// @ts-check
import test from 'node:test';
import assert from 'node:assert/strict';
import {hasTableAxes, tableGrid, traversal} from '../../src/main/resources/static/js/data/table-orders.js';

// The worked example of table-camera.md §1.5: 5 prefix tokens, a 2x3 table with token counts
// [[1,1,2],[2,1,1]] (grid 4 x 7, 30 tokens), 3 suffix tokens.
const tx = Array.from({length: 38}, (_, n) => n);
const ty = [0, 1, 2, 3, 4, 5, 10, 14, 18, 22, 23, 27, 31, 6, 11, 15, 19, 24, 28, 32, 7, 8, 12, 16, 20, 25, 29, 33,
  9, 13, 17, 21, 26, 30, 34, 35, 36, 37];
const px = [0, 1, 2, 3, 4, ...Array(8).fill(12), ...Array(7).fill(20), ...Array(8).fill(28), ...Array(7).fill(36),
  44, 45, 46];
const py = [0, 1, 2, 3, 4, 9, 14, 19, 24, 29, 29, 34, 39, 9, 14, 19, 24, 29, 34, 39, 9, 9, 14, 19, 24, 29, 34, 39,
  9, 14, 19, 24, 29, 34, 39, 44, 45, 46];
const plan = /** @type {any} */ ({axes: ['tx', 'ty', 'px', 'py'], batch: 1, length: 38,
  positions: Int32Array.from([...tx, ...ty, ...px, ...py])});
const span = {type: 'table', start: 5, length: 30};

test('the grid of the spec example: 4 grid rows x 7 columns, multi-token items counted once', () => {
  assert.ok(hasTableAxes(plan.axes));
  assert.ok(!hasTableAxes(['t', 'h', 'w']));
  const g = tableGrid(plan, 0, span);
  assert.equal(g.rows, 4);
  assert.equal(g.cols, 7);
  // row 0: c00 | c01 | c02a c02b | SEP -> first tokens 5 6 7 8 9 11 12
  assert.deepEqual([...g.first.subarray(0, 7)], [5, 6, 7, 8, 9, 11, 12]);
  assert.deepEqual([...g.count.subarray(0, 7)], [1, 1, 1, 1, 2, 1, 1]);
  // row 2: c10a c10b | c11 | c12 | SEP
  assert.deepEqual([...g.count.subarray(14, 21)], [2, 1, 1, 1, 1, 1, 1]);
  assert.equal(g.rowRank[2 * 7 + 0], 15);
  // the column-wise order visits grid column 0 top to bottom first: c00, '-', c10a, CLS
  assert.deepEqual([0, 7, 14, 21].map((k) => g.colRank[k]), [0, 1, 2, 4]);
});

test('traversals: row-wise is reading order, column-wise is column-major', () => {
  const g = tableGrid(plan, 0, span);
  const rows = traversal(g, 'row');
  const cols = traversal(g, 'col');
  assert.equal(rows.length, 28);
  assert.deepEqual(rows.slice(0, 8), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(cols.slice(0, 6), [0, 7, 14, 21, 1, 8]);
});
