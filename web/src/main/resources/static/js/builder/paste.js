// @ts-check
/**
 * What a person pastes into the builder's JSON box, read as a request: a whole /v1/plans (or /v1/compare)
 * request, what a backend holds (`input_ids` as one row or a batch, with `image_grid_thw` /
 * `video_grid_thw` / `second_per_grid_ts` / `attention_mask`), chat messages, or a list of parts.
 */

/** @typedef {import('../state.js').Candidate} Candidate
 *  @typedef {{kind: 'request'|'compare'|'input_ids'|'messages'|'parts', request: Record<string, any>,
 *             candidates: Candidate[]|null}} Pasted
 */

const BATCH_TENSORS = ['image_grid_thw', 'video_grid_thw', 'second_per_grid_ts'];

/** @param {any} v @returns {v is Record<string, any>} */
function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** @param {any} v @returns {boolean} */
function isIntList(v) {
  return Array.isArray(v) && v.every((x) => Number.isInteger(x));
}

/**
 * @param {string} text the pasted JSON
 * @param {Record<string, any>} current the builder's request: its model, scheme and params are kept when
 *   the pasted value names none (a pasted list of messages still plans with the chosen model)
 * @returns {Pasted}
 */
export function readPasted(text, current) {
  /** @type {any} */
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON: ${e instanceof Error ? e.message : e}`);
  }
  const keep = () => {
    /** @type {Record<string, any>} */
    const r = {};
    for (const k of ['model', 'scheme', 'format', 'params']) if (current[k] !== undefined) r[k] = current[k];
    return r;
  };
  if (isObject(v) && Array.isArray(v.sequences)) {
    const { candidates, ...request } = v;
    return Array.isArray(candidates)
      ? { kind: 'compare', request, candidates }
      : { kind: 'request', request, candidates: null };
  }
  if (isObject(v) && (isIntList(v.input_ids) || (Array.isArray(v.input_ids) && v.input_ids.every(isIntList)))) {
    const rows = isIntList(v.input_ids) ? [v.input_ids] : v.input_ids;
    const masks = v.attention_mask === undefined ? null
      : isIntList(v.attention_mask) ? [v.attention_mask] : v.attention_mask;
    const request = keep();
    for (const k of ['model', 'scheme', 'format', 'params']) if (v[k] !== undefined) request[k] = v[k];
    for (const k of BATCH_TENSORS) if (v[k] !== undefined) request[k] = v[k];
    request.sequences = rows.map((/** @type {number[]} */ ids, /** @type {number} */ i) => (masks && masks[i] ? { input_ids: ids, attention_mask: masks[i] }
      : { input_ids: ids }));
    return { kind: 'input_ids', request, candidates: null };
  }
  const messages = Array.isArray(v) && v.length > 0 && v.every((m) => isObject(m) && 'role' in m) ? v
    : isObject(v) && Array.isArray(v.messages) ? v.messages : null;
  if (messages) return { kind: 'messages', request: { ...keep(), sequences: [{ messages }] }, candidates: null };
  const parts = Array.isArray(v) && v.length > 0 && v.every((p) => isObject(p) && typeof p.type === 'string') ? v
    : isObject(v) && Array.isArray(v.parts) ? v.parts : null;
  if (parts) return { kind: 'parts', request: { ...keep(), sequences: [{ parts }] }, candidates: null };
  throw new Error('expected a /v1/plans request, input_ids (+ grids), chat messages or a list of parts');
}
