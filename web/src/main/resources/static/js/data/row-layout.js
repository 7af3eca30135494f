// @ts-check
/**
 * The token layout of one row: which slots are padding, text or a span, found by binary search over
 * the row's segments (a few per block, never one object per token).
 */

/** Token kinds, in the order of the modality colours. */
export const KINDS = /** @type {const} */ (['pad', 'text', 'image', 'video', 'audio', 'table', 'other']);
const KIND_PAD = 0;
const KIND_TEXT = 1;

/** @param {string} type @returns {number} the kind code of a span type */
export function kindOf(type) {
  const k = KINDS.indexOf(/** @type {any} */ (type));
  return k > KIND_TEXT ? k : KINDS.length - 1;
}

/**
 * @typedef {{
 *   first: number, end: number,
 *   spans: import('./plan-data.js').Span[],
 *   segStart: Int32Array, segKind: Uint8Array, segSpan: Int32Array
 * }} RowLayout
 * Slots [first, end) are the plan's (whole-row indices; first > 0 only for a range answer). Segment s
 * covers [segStart[s], segStart[s + 1]) (the last ends at `end`) with kind segKind[s]; segSpan[s] is the
 * index into spans, or -1 for padding and text.
 */

/**
 * @param {import('./plan-data.js').PlanData} plan
 * @param {number} row
 * @param {'left'|'right'} [paddingSide] the request's; when absent, right if a span starts inside
 *   the leading `padding` slots, else left (the Qwen and most schemes' default)
 * @returns {RowLayout}
 */
export function rowLayout(plan, row, paddingSide) {
  const seq = plan.sequences[row] ?? {length: plan.length, padding: 0, spans: []};
  const spans = [...(seq.spans ?? [])].sort((a, b) => a.start - b.start);
  const total = seq.length + seq.padding;
  const side = paddingSide ?? (spans.length > 0 && spans[0].start < seq.padding ? 'right' : 'left');
  const realStart = side === 'left' ? seq.padding : 0;
  const realEnd = realStart + seq.length;
  /** @type {number[]} */ const starts = [];
  /** @type {number[]} */ const kinds = [];
  /** @type {number[]} */ const owners = [];
  const push = (/** @type {number} */ start, /** @type {number} */ kind, /** @type {number} */ owner) => {
    if (starts.length > 0 && starts[starts.length - 1] === start) {
      kinds[kinds.length - 1] = kind;
      owners[owners.length - 1] = owner;
    } else {
      starts.push(start);
      kinds.push(kind);
      owners.push(owner);
    }
  };
  push(0, realStart > 0 ? KIND_PAD : KIND_TEXT, -1);
  let at = realStart;
  push(at, KIND_TEXT, -1);
  spans.forEach((span, s) => {
    if (span.start > at) push(at, KIND_TEXT, -1);
    push(span.start, kindOf(span.type), s);
    at = span.start + span.length;
  });
  if (at < realEnd) push(at, KIND_TEXT, -1);
  if (realEnd < total) push(realEnd, KIND_PAD, -1);
  const first = plan.range ? plan.range.start : 0;
  return {
    first, end: first + plan.length, spans,
    segStart: Int32Array.from(starts), segKind: Uint8Array.from(kinds), segSpan: Int32Array.from(owners),
  };
}

/**
 * The segment holding token i: the last segment starting at or before i.
 * @param {RowLayout} layout @param {number} i @returns {number}
 */
export function segmentAt(layout, i) {
  const s = layout.segStart;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid] <= i) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** @param {RowLayout} layout @param {number} i @returns {number} the span index of token i, or -1 */
export function spanAt(layout, i) {
  return layout.segSpan[segmentAt(layout, i)];
}

/** @param {RowLayout} layout @param {number} i @returns {number} the kind code of token i */
export function kindAt(layout, i) {
  return layout.segKind[segmentAt(layout, i)];
}

/**
 * The merged-grid cell of a token inside a visual span, row-major over (t, h, w) as the Qwen
 * processors lay out the placeholder tokens; null when the span has no grid or i is outside it.
 * @param {import('./plan-data.js').Span} span @param {number} i
 * @returns {{t: number, h: number, w: number}|null}
 */
export function gridCell(span, i) {
  const k = i - span.start;
  if (!span.grid || k < 0 || k >= span.length) return null;
  const [, h, w] = span.grid;
  return {t: Math.floor(k / (h * w)), h: Math.floor(k / w) % h, w: k % w};
}

/**
 * The token of a grid cell of a span (the inverse of gridCell).
 * @param {import('./plan-data.js').Span} span @param {number} t @param {number} h @param {number} w
 */
export function tokenOfCell(span, t, h, w) {
  const [, gh, gw] = /** @type {number[]} */ (span.grid);
  return span.start + (t * gh + h) * gw + w;
}

/** Tokens after each block where text resumes (the slot right after a span, when it is text).
 * @param {RowLayout} layout @returns {number[]} */
export function textResumes(layout) {
  /** @type {number[]} */
  const out = [];
  for (let s = 0; s + 1 < layout.segStart.length; s++) {
    if (layout.segSpan[s] >= 0 && layout.segKind[s + 1] === KIND_TEXT) out.push(layout.segStart[s + 1]);
  }
  return out;
}
