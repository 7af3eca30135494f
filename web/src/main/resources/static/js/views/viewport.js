// @ts-check
/**
 * The visible token window of a zoomable view: [start, end) in fractional token coordinates inside
 * [min, max), zoomed about an anchor and panned, never narrower than `minSpan` tokens.
 */

/** @typedef {{start: number, end: number, min: number, max: number, minSpan: number}} Viewport */

/** @param {number} min @param {number} max @param {number} [minSpan] @returns {Viewport} */
export function viewport(min, max, minSpan = 4) {
  return {start: min, end: max, min, max, minSpan: Math.min(minSpan, Math.max(1, max - min))};
}

/**
 * Shows [start, end) (clamped; widened to minSpan about its centre).
 * @param {Viewport} v @param {number} start @param {number} end @returns {Viewport}
 */
export function showRange(v, start, end) {
  let width = Math.min(v.max - v.min, Math.max(v.minSpan, end - start));
  let s = (start + end) / 2 - width / 2;
  s = Math.min(Math.max(s, v.min), v.max - width);
  return {...v, start: s, end: s + width};
}

/**
 * Zooms by factor (> 1 zooms in) keeping the token under anchor (0..1 across the view) in place.
 * @param {Viewport} v @param {number} factor @param {number} anchor @returns {Viewport}
 */
export function zoom(v, factor, anchor) {
  const width = v.end - v.start;
  const target = Math.min(v.max - v.min, Math.max(v.minSpan, width / factor));
  const at = v.start + anchor * width;
  return showRange(v, at - anchor * target, at - anchor * target + target);
}

/** @param {Viewport} v @param {number} tokens (positive moves right) @returns {Viewport} */
export function pan(v, tokens) {
  return showRange(v, v.start + tokens, v.end + tokens);
}

/** Token under a fraction of the view's width. @param {Viewport} v @param {number} frac */
export function tokenAt(v, frac) {
  return Math.min(v.max - 1, Math.max(v.min, Math.floor(v.start + frac * (v.end - v.start))));
}

/** Keeps token i visible (pans as little as needed, with a margin of a tenth of the view).
 * @param {Viewport} v @param {number} i @returns {Viewport} */
export function reveal(v, i) {
  const width = v.end - v.start;
  if (i >= v.start && i + 1 <= v.end) return v;
  const s = i < v.start ? i - width / 10 : i + 1 - width + width / 10;
  return showRange(v, s, s + width);
}
