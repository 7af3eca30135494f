// @ts-check
/**
 * Colours of the views, chosen for colour-blind readers: modality colours differ in lightness (not only
 * in hue, Okabe–Ito hues), values use viridis, interpolated here between its published key colours.
 */

/** Modality colours by kind code (row-layout KINDS: pad, text, image, video, audio, table, other). */
export const KIND_COLORS = ['#f7f7f7', '#222e3a', '#e69f00', '#0072b2', '#cc79a7', '#8fd6b4', '#f0e442'];

/** Axis colours (Okabe–Ito), cycled when a scheme has more axes. */
const AXIS_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];

/** The colour marking differing tokens. */
export const DIFF_COLOR = '#d55e00';

/** @param {number} axis */
export function axisColor(axis) {
  return AXIS_COLORS[axis % AXIS_COLORS.length];
}

/** viridis at 0, 1/9, ..., 1 (RGB bytes). */
const VIRIDIS_KEYS = [
  [0x44, 0x01, 0x54], [0x48, 0x28, 0x78], [0x3e, 0x49, 0x89], [0x31, 0x68, 0x8e], [0x26, 0x82, 0x8e],
  [0x1f, 0x9e, 0x89], [0x35, 0xb7, 0x79], [0x6e, 0xce, 0x58], [0xb5, 0xde, 0x2b], [0xfd, 0xe7, 0x25],
];

/**
 * viridis(t) for t in [0, 1] (clamped), written as RGB bytes into out[at..at+2].
 * @param {number} t @param {Uint8ClampedArray|Uint8Array|number[]} out @param {number} at
 */
export function viridisInto(t, out, at) {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS_KEYS.length - 1);
  const k = Math.min(VIRIDIS_KEYS.length - 2, Math.floor(x));
  const f = x - k;
  const a = VIRIDIS_KEYS[k];
  const b = VIRIDIS_KEYS[k + 1];
  out[at] = Math.round(a[0] + (b[0] - a[0]) * f);
  out[at + 1] = Math.round(a[1] + (b[1] - a[1]) * f);
  out[at + 2] = Math.round(a[2] + (b[2] - a[2]) * f);
}

/** @param {number} t @returns {string} a CSS rgb() colour of viridis(t) */
export function viridisCss(t) {
  const c = [0, 0, 0];
  viridisInto(t, c, 0);
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Relative luminance (WCAG) of a #rrggbb colour, 0..1.
 * @param {string} hex */
export function luminance(hex) {
  const lin = (/** @type {number} */ c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * lin((n >> 16 & 255) / 255) + 0.7152 * lin((n >> 8 & 255) / 255) + 0.0722 * lin((n & 255) / 255);
}
