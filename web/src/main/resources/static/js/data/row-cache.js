// @ts-check
/**
 * What the views derive from a plan's row, computed once and kept with the plan: the row layout, the
 * min/max pyramid of each axis (O(L) each, built on first use) and each axis's range over the row.
 */
import {buildPyramid} from './aggregate.js';
import {axisRow} from './plan-data.js';
import {rowLayout} from './row-layout.js';

/** @typedef {{layout: import('./row-layout.js').RowLayout,
 *             values: (axis: number) => Int32Array|Float32Array,
 *             pyramid: (axis: number) => import('./aggregate.js').MinMaxPyramid,
 *             range: (axis: number) => {min: number, max: number}}} RowData */

/** @type {WeakMap<import('./plan-data.js').PlanData, Map<number, RowData>>} */
const cache = new WeakMap();

/**
 * @param {import('./plan-data.js').PlanData} plan @param {number} row
 * @returns {RowData}
 */
export function rowData(plan, row) {
  let rows = cache.get(plan);
  if (!rows) cache.set(plan, rows = new Map());
  let data = rows.get(row);
  if (!data) rows.set(row, data = build(plan, row));
  return data;
}

/** @param {import('./plan-data.js').PlanData} plan @param {number} row @returns {RowData} */
function build(plan, row) {
  /** @type {import('./aggregate.js').MinMaxPyramid[]} */
  const pyramids = [];
  const values = (/** @type {number} */ axis) => axisRow(plan, axis, row);
  const pyramid = (/** @type {number} */ axis) => pyramids[axis] ??= buildPyramid(values(axis));
  return {
    layout: rowLayout(plan, row),
    values,
    pyramid,
    range(axis) {
      const top = pyramid(axis);
      const k = top.min.length - 1;
      return top.length === 0 ? {min: 0, max: 0} : {min: top.min[k][0], max: top.max[k][0]};
    },
  };
}
