// @ts-check
/**
 * Zoomed-out summaries of a row: min/max position per pixel bin from a pyramid built once per plan
 * (O(L)), then O(log L) per bin; the dominant kind of each bin from the row's segments; whether a bin
 * holds a differing token from a prefix count. Bin j of `bins` over [from, to) covers
 * [from + floor(j (to - from) / bins), from + floor((j + 1) (to - from) / bins)).
 */
import {KINDS, segmentAt} from './row-layout.js';

/** The finest pyramid level holds blocks of 2^BASE_SHIFT slots; shorter runs are scanned. */
const BASE_SHIFT = 4;

/** @typedef {{length: number, min: Float64Array[], max: Float64Array[]}} MinMaxPyramid
 *  min[k][j] is the minimum of slots [j 2^(k+BASE_SHIFT), (j+1) 2^(k+BASE_SHIFT)), clipped to length. */

/**
 * @param {ArrayLike<number>} values one row's positions on one axis
 * @returns {MinMaxPyramid}
 */
export function buildPyramid(values) {
  const length = values.length;
  const block = 1 << BASE_SHIFT;
  const n0 = Math.ceil(length / block);
  const min0 = new Float64Array(n0);
  const max0 = new Float64Array(n0);
  for (let j = 0; j < n0; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    const end = Math.min(length, (j + 1) * block);
    for (let i = j * block; i < end; i++) {
      const v = values[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min0[j] = lo;
    max0[j] = hi;
  }
  const min = [min0];
  const max = [max0];
  while (min[min.length - 1].length > 1) {
    const pmin = min[min.length - 1];
    const pmax = max[max.length - 1];
    const n = Math.ceil(pmin.length / 2);
    const cmin = new Float64Array(n);
    const cmax = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const b = 2 * j + 1 < pmin.length ? 2 * j + 1 : 2 * j;
      cmin[j] = Math.min(pmin[2 * j], pmin[b]);
      cmax[j] = Math.max(pmax[2 * j], pmax[b]);
    }
    min.push(cmin);
    max.push(cmax);
  }
  return {length, min, max};
}

/**
 * Min and max of values[a, b) written to outMin[at], outMax[at] (Infinity/-Infinity when empty).
 * @param {ArrayLike<number>} values @param {MinMaxPyramid} pyramid @param {number} a @param {number} b
 * @param {Float64Array} outMin @param {Float64Array} outMax @param {number} at
 */
export function rangeMinMax(values, pyramid, a, b, outMin, outMax, at) {
  let lo = Infinity;
  let hi = -Infinity;
  const block = 1 << BASE_SHIFT;
  while (a < b && (a & (block - 1)) !== 0) {
    const v = values[a++];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  while (a < b) {
    // the largest aligned block starting at a that ends by b (or is the clipped last block)
    let k = 0;
    while (k + 1 < pyramid.min.length) {
      const size = 1 << (k + 1 + BASE_SHIFT);
      if ((a & (size - 1)) !== 0 || Math.min(a + size, pyramid.length) > b) break;
      k++;
    }
    const size = 1 << (k + BASE_SHIFT);
    if (Math.min(a + size, pyramid.length) > b) break;
    const j = a >> (k + BASE_SHIFT);
    if (pyramid.min[k][j] < lo) lo = pyramid.min[k][j];
    if (pyramid.max[k][j] > hi) hi = pyramid.max[k][j];
    a += size;
  }
  while (a < b) {
    const v = values[a++];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  outMin[at] = lo;
  outMax[at] = hi;
}

/**
 * Min/max per bin of values[from, to).
 * @param {ArrayLike<number>} values @param {MinMaxPyramid} pyramid
 * @param {number} from @param {number} to @param {number} bins
 * @param {Float64Array} outMin @param {Float64Array} outMax
 */
export function binMinMax(values, pyramid, from, to, bins, outMin, outMax) {
  const span = to - from;
  for (let j = 0; j < bins; j++) {
    rangeMinMax(values, pyramid, from + Math.floor(j * span / bins), from + Math.floor((j + 1) * span / bins),
      outMin, outMax, j);
  }
}

/**
 * The kind covering most of each bin (outKind) and whether more than one kind is present (outMixed).
 * Tokens are whole-row indices; the sweep is O(bins + segments in view).
 * @param {import('./row-layout.js').RowLayout} layout
 * @param {number} from @param {number} to @param {number} bins
 * @param {Uint8Array} outKind @param {Uint8Array} outMixed
 */
export function binKinds(layout, from, to, bins, outKind, outMixed) {
  const cover = new Float64Array(KINDS.length);
  const starts = layout.segStart;
  const span = to - from;
  let s = segmentAt(layout, from);
  for (let j = 0; j < bins; j++) {
    const a = from + Math.floor(j * span / bins);
    const b = from + Math.floor((j + 1) * span / bins);
    cover.fill(0);
    while (s + 1 < starts.length && starts[s + 1] <= a) s++;
    let present = 0;
    for (let t = s; t < starts.length && starts[t] < b; t++) {
      const segEnd = t + 1 < starts.length ? starts[t + 1] : Infinity;
      const c = Math.min(b, segEnd) - Math.max(a, starts[t]);
      if (c > 0) {
        if (cover[layout.segKind[t]] === 0) present++;
        cover[layout.segKind[t]] += c;
      }
    }
    let best = 0;
    for (let k = 1; k < cover.length; k++) if (cover[k] > cover[best]) best = k;
    outKind[j] = best;
    outMixed[j] = present > 1 ? 1 : 0;
  }
}

/** @param {Uint8Array} flags @returns {Int32Array} prefix[i] = number of set flags before i */
export function prefixCount(flags) {
  const out = new Int32Array(flags.length + 1);
  for (let i = 0; i < flags.length; i++) out[i + 1] = out[i] + (flags[i] ? 1 : 0);
  return out;
}

/**
 * Number of set flags per bin of local slots [from, to), from a prefixCount.
 * @param {Int32Array} prefix @param {number} from @param {number} to @param {number} bins @param {Int32Array} out
 */
export function binCounts(prefix, from, to, bins, out) {
  const span = to - from;
  for (let j = 0; j < bins; j++) {
    out[j] = prefix[from + Math.floor((j + 1) * span / bins)] - prefix[from + Math.floor(j * span / bins)];
  }
}

/** @param {Uint8Array} flags @param {number} [after] @returns {number} the first set index > after, or -1 */
export function nextSet(flags, after = -1) {
  for (let i = after + 1; i < flags.length; i++) if (flags[i]) return i;
  return -1;
}
