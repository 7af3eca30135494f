// @ts-check
/**
 * What the views say about one token: its span, grid cell and position on every axis, in each
 * compared plan.
 */
import {positionAt} from './plan-data.js';
import {KINDS, gridCell, kindAt, spanAt} from './row-layout.js';

/** @typedef {{token: number, kind: string, span: number, cell: {t: number, h: number, w: number}|null,
 *             positions: number[], text: string}} TokenDetails */

/**
 * @param {import('./plan-data.js').PlanData[]} plans plans[0] the main layout
 * @param {string[]} labels @param {number} row
 * @param {import('./row-layout.js').RowLayout} layout plans[0]'s layout of the row
 * @param {number} token whole-row index
 * @returns {TokenDetails}
 */
export function tokenDetails(plans, labels, row, layout, token) {
  const main = plans[0];
  const local = token - layout.first;
  const kind = KINDS[kindAt(layout, token)];
  const span = spanAt(layout, token);
  const cell = span >= 0 ? gridCell(layout.spans[span], token) : null;
  const float = main.positions instanceof Float32Array;
  const positions = main.axes.map((_, a) => {
    const v = positionAt(main, a, row, local);
    return float ? shortestFloat32(v) : v;
  });
  const lines = [`token ${token.toLocaleString('en')} · ${kind}`
    + (span >= 0 ? ` (span ${span}${layout.spans[span].grid ? `, grid ${layout.spans[span].grid?.join('×')}` : ''})` : '')
    + (cell ? ` · cell t=${cell.t} h=${cell.h} w=${cell.w}` : '')];
  plans.forEach((plan, p) => {
    if (p > 0 && (row >= plan.batch || local >= plan.length)) {
      lines.push(`${labels[p] ?? `plan ${p}`}: —`);
    } else if (plan.axes.length > 0) {
      const values = plan.axes.map((name, a) => `${name}=${format(positionAt(plan, a, row, local))}`);
      lines.push(`${labels[p] ?? `plan ${p}`}: ${values.join('  ')}`);
    }
  });
  return {token, kind, span, cell, positions, text: lines.join('\n')};
}

/**
 * The shortest decimal that reads back as the same float32 (what the JSON answer prints), so a float
 * position compares equal to the API's text.
 * @param {number} v
 */
export function shortestFloat32(v) {
  if (!Number.isFinite(v)) return v;
  for (let digits = 1; digits < 9; digits++) {
    const d = Number(v.toPrecision(digits));
    if (Math.fround(d) === v) return d;
  }
  return Number(v.toPrecision(9));
}

/** Integers as they are, floats to 6 significant digits. @param {number} v */
export function format(v) {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
