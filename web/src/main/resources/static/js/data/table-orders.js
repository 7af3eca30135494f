// @ts-check
/**
 * The grid of a 2D-TPE table span recovered from its four position streams (spec table-camera §1.2):
 * tx is the row-wise order, ty the column-wise order (column-major rank), px codes the grid row and
 * py the grid column, so the distinct px (py) values of the span, sorted, number the grid rows (columns).
 */

/**
 * @typedef {{rows: number, cols: number, first: Int32Array, count: Int32Array, rowRank: Int32Array,
 *            colRank: Int32Array}} TableGrid
 * Item (r, c) at index r * cols + c: its first token (-1 when empty), token count, and the order of its
 * first token in the row-wise (tx) and column-wise (ty) traversal, counted from 0 at the span's start.
 */

/** @param {string[]} axes @returns {boolean} whether a plan carries the 2D-TPE streams */
export function hasTableAxes(axes) {
  return ['tx', 'ty', 'px', 'py'].every((a) => axes.includes(a));
}

/**
 * @param {import('./plan-data.js').PlanData} plan @param {number} row
 * @param {import('./plan-data.js').Span} span a span of type table (whole-row indices)
 * @returns {TableGrid}
 */
export function tableGrid(plan, row, span) {
  const at = (/** @type {string} */ name) => {
    const from = (plan.axes.indexOf(name) * plan.batch + row) * plan.length - (plan.range ? plan.range.start : 0);
    return (/** @type {number} */ i) => plan.positions[from + i];
  };
  const tx = at('tx');
  const ty = at('ty');
  const px = at('px');
  const py = at('py');
  const end = span.start + span.length;
  const rowValues = distinctSorted(px, span.start, end);
  const colValues = distinctSorted(py, span.start, end);
  const rows = rowValues.length;
  const cols = colValues.length;
  const first = new Int32Array(rows * cols).fill(-1);
  const count = new Int32Array(rows * cols);
  const rowRank = new Int32Array(rows * cols).fill(-1);
  const colRank = new Int32Array(rows * cols).fill(-1);
  for (let i = span.start; i < end; i++) {
    const item = rowValues.indexOf(px(i)) * cols + colValues.indexOf(py(i));
    if (first[item] < 0) {
      first[item] = i;
      rowRank[item] = tx(i) - span.start;
      colRank[item] = ty(i) - span.start;
    }
    count[item]++;
  }
  return {rows, cols, first, count, rowRank, colRank};
}

/**
 * Items in traversal order (non-empty ones), by rowRank or colRank.
 * @param {TableGrid} grid @param {'row'|'col'} order @returns {number[]} item indices
 */
export function traversal(grid, order) {
  const rank = order === 'row' ? grid.rowRank : grid.colRank;
  /** @type {number[]} */
  const items = [];
  for (let k = 0; k < rank.length; k++) if (grid.first[k] >= 0) items.push(k);
  return items.sort((a, b) => rank[a] - rank[b]);
}

/** @param {(i: number) => number} value @param {number} from @param {number} to @returns {number[]} */
function distinctSorted(value, from, to) {
  const set = new Set();
  for (let i = from; i < to; i++) set.add(value(i));
  return [...set].sort((a, b) => a - b);
}
