// @ts-check
/**
 * A /v1/plans answer as typed arrays (PlanData), from either answer format: the views read only this.
 */
import {readSafetensors} from './safetensors.js';

/** @typedef {{type: string, start: number, length: number, grid?: number[]}} Span */
/** @typedef {{length: number, padding: number, max_position: number, spans: Span[], warnings: string[],
 *             input_ids?: number[]}} SequenceInfo */
/** @typedef {{dtype: string, shape: number[], data: Float32Array|Int32Array|Float64Array}} PlanTensor */
/** @typedef {{rotary_dim?: number, head_dim?: number, inv_freq: Float32Array|null, pair_axis: Int32Array|null,
 *             kv_head_axis: Int32Array|null, channel_axis?: Int32Array|null, pairing?: string,
 *             partial_rotary_factor?: number}} Frequencies
 * channel_axis (HunyuanVL's element-wise sections) gives one axis per rotated channel instead of pair_axis. */
/**
 * @typedef {{
 *   scheme: string, params: Record<string, any>, model?: string, format?: string,
 *   axes: string[], dtype: 'int32'|'int64'|'float32', batch: number, length: number,
 *   range?: {start: number, length: number},
 *   positions: Int32Array|Float32Array,
 *   ropeDeltas: Float64Array,
 *   sequences: SequenceInfo[],
 *   frequencies: Frequencies,
 *   tensors: Record<string, PlanTensor>
 * }} PlanData
 * positions are axis-major: positions[(a * batch + b) * length + i]; with a range, index i is token
 * range.start + i of the row (spans keep whole-row indices).
 */

/** Tensors of the safetensors answer that are not scheme outputs. */
const PLAN_TENSORS = new Set(['position_ids', 'rope_deltas', 'decode_position_ids', 'inv_freq', 'pair_axis',
  'kv_head_axis', 'channel_axis']);

/**
 * Decodes a /v1/plans answer fetched with ?format=safetensors (Accept application/vnd.safetensors).
 * @param {ArrayBuffer} buffer
 * @returns {PlanData}
 */
export function planDataFromSafetensors(buffer) {
  const {tensors, metadata} = readSafetensors(buffer);
  const params = JSON.parse(metadata.params ?? '{}');
  const axes = JSON.parse(metadata.axes ?? '[]');
  const sequences = JSON.parse(metadata.sequences ?? '[]');
  const ids = tensors.position_ids;
  const batch = ids ? ids.shape[1] : sequences.length;
  const length = ids ? ids.shape[2] : (sequences[0] ? sequences[0].length + sequences[0].padding : 0);
  const invFreq = tensors.inv_freq ? toFloat32(tensors.inv_freq.data) : null;
  /** @type {Record<string, PlanTensor>} */
  const outputs = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (!PLAN_TENSORS.has(name)) outputs[name] = t;
  }
  return {
    scheme: metadata.scheme, params, model: metadata.model, format: metadata.format,
    axes, dtype: ids ? positionDtype(ids.dtype) : 'float32', batch, length,
    range: metadata.range ? JSON.parse(metadata.range) : undefined,
    positions: ids ? positionArray(ids.data, ids.dtype) : new Int32Array(0),
    ropeDeltas: tensors.rope_deltas ? Float64Array.from(tensors.rope_deltas.data) : new Float64Array(batch),
    sequences,
    frequencies: {
      rotary_dim: invFreq ? 2 * invFreq.length : 0,
      head_dim: params.head_dim,
      inv_freq: invFreq,
      pair_axis: tensors.pair_axis ? toInt32(tensors.pair_axis.data) : null,
      kv_head_axis: tensors.kv_head_axis ? toInt32(tensors.kv_head_axis.data) : null,
      channel_axis: tensors.channel_axis ? toInt32(tensors.channel_axis.data) : null,
      pairing: metadata.pairing,
      partial_rotary_factor: params.partial_rotary_factor,
    },
    tensors: outputs,
  };
}

/**
 * The same from a JSON answer (small plans, tests).
 * @param {any} answer
 * @returns {PlanData}
 */
export function planDataFromJson(answer) {
  const axes = answer.axes ?? [];
  const batch = answer.batch;
  const length = answer.length;
  const float = answer.dtype === 'float32';
  const count = axes.length * batch * (answer.range ? answer.range.length : length);
  const positions = float ? new Float32Array(count) : new Int32Array(count);
  if (answer.position_ids) flattenInto(answer.position_ids, positions, 0);
  const f = answer.frequencies ?? {};
  /** @type {Record<string, PlanTensor>} */
  const tensors = {};
  for (const [name, t] of Object.entries(answer.tensors ?? {})) {
    const n = t.shape.reduce((/** @type {number} */ a, /** @type {number} */ b) => a * b, 1);
    const data = t.dtype === 'int32' ? new Int32Array(n) : t.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
    flattenInto(t.data, data, 0);
    tensors[name] = {dtype: t.dtype, shape: t.shape, data};
  }
  return {
    scheme: answer.scheme, params: answer.params ?? {}, model: answer.model ?? undefined,
    format: answer.format ?? undefined, axes, dtype: answer.dtype ?? 'float32', batch,
    length: answer.range ? answer.range.length : length, range: answer.range ?? undefined,
    positions, ropeDeltas: Float64Array.from(answer.rope_deltas ?? new Array(batch).fill(0)),
    sequences: answer.sequences ?? [],
    frequencies: {
      rotary_dim: f.rotary_dim, head_dim: f.head_dim,
      inv_freq: f.inv_freq ? Float32Array.from(f.inv_freq) : null,
      pair_axis: f.pair_axis ? Int32Array.from(f.pair_axis) : null,
      kv_head_axis: f.kv_head_axis ? Int32Array.from(f.kv_head_axis) : null,
      channel_axis: f.channel_axis ? Int32Array.from(f.channel_axis) : null,
      pairing: f.pairing,
      partial_rotary_factor: f.partial_rotary_factor,
    },
    tensors,
  };
}

/**
 * The position of token slot i (0-based within the plan's slots) of a row on an axis.
 * @param {PlanData} plan @param {number} axis @param {number} row @param {number} i
 */
export function positionAt(plan, axis, row, i) {
  return plan.positions[(axis * plan.batch + row) * plan.length + i];
}

/**
 * One row's positions on one axis, as a view (no copy).
 * @param {PlanData} plan @param {number} axis @param {number} row
 * @returns {Int32Array|Float32Array}
 */
export function axisRow(plan, axis, row) {
  const from = (axis * plan.batch + row) * plan.length;
  return plan.positions.subarray(from, from + plan.length);
}

/** Depth-first copy of a nested JSON array into a flat typed array; returns the next index.
 * @param {any} nested @param {{[i: number]: number}} out @param {number} at @returns {number} */
function flattenInto(nested, out, at) {
  if (!Array.isArray(nested)) {
    out[at] = nested;
    return at + 1;
  }
  for (const item of nested) at = flattenInto(item, out, at);
  return at;
}

/** @param {string} dtype @returns {'int32'|'int64'|'float32'} */
function positionDtype(dtype) {
  return dtype === 'int64' ? 'int64' : dtype === 'int32' ? 'int32' : 'float32';
}

/** int32 and float32 positions are kept as decoded; int64 (never asked by the UI) narrows to int32,
 * which holds every position a model can have.
 * @param {Float32Array|Int32Array|Float64Array} data @param {string} dtype @returns {Int32Array|Float32Array} */
function positionArray(data, dtype) {
  if (data instanceof Int32Array || data instanceof Float32Array) return data;
  return dtype === 'int64' ? Int32Array.from(data) : Float32Array.from(data);
}

/** @param {Float32Array|Int32Array|Float64Array} data */
function toFloat32(data) {
  return data instanceof Float32Array ? data : Float32Array.from(data);
}

/** @param {Float32Array|Int32Array|Float64Array} data */
function toInt32(data) {
  return data instanceof Int32Array ? data : Int32Array.from(data);
}
