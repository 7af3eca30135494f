// @ts-check
/**
 * Reads the safetensors container: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and data_offsets (relative to the data section) plus an optional __metadata__
 * map of strings, then the raw little-endian tensor bytes.
 */

/** @typedef {Float32Array|Float64Array|Int32Array} NumericArray */
/** @typedef {{dtype: string, shape: number[], data: NumericArray}} DecodedTensor */
/** @typedef {{tensors: Record<string, DecodedTensor>, metadata: Record<string, string>}} Safetensors */

/** Bytes per element and the api dtype name of each safetensors dtype the views read. */
const DTYPES = /** @type {const} */ ({
  F32: {size: 4, name: 'float32'},
  F64: {size: 8, name: 'float64'},
  I32: {size: 4, name: 'int32'},
  I64: {size: 8, name: 'int64'},
});

/**
 * Decodes every tensor to a typed array. I64 becomes a Float64Array (exact up to 2^53, far beyond any
 * position); the UI asks int32 anyway.
 * @param {ArrayBuffer} buffer
 * @returns {Safetensors}
 */
export function readSafetensors(buffer) {
  if (buffer.byteLength < 8) {
    throw new Error(`safetensors: ${buffer.byteLength} bytes is shorter than the 8-byte header length`);
  }
  const view = new DataView(buffer);
  const headerLength = Number(view.getBigUint64(0, true));
  if (8 + headerLength > buffer.byteLength) {
    throw new Error(`safetensors: header of ${headerLength} bytes runs past the end of ${buffer.byteLength}`);
  }
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, headerLength)));
  const dataStart = 8 + headerLength;
  /** @type {Record<string, DecodedTensor>} */
  const tensors = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const kind = DTYPES[/** @type {keyof typeof DTYPES} */ (entry.dtype)];
    if (!kind) throw new Error(`safetensors: tensor ${name} has dtype ${entry.dtype}, not one of F32 F64 I32 I64`);
    const [begin, end] = entry.data_offsets;
    const count = entry.shape.reduce((/** @type {number} */ a, /** @type {number} */ b) => a * b, 1);
    if (end - begin !== count * kind.size || dataStart + end > buffer.byteLength) {
      throw new Error(`safetensors: tensor ${name} of shape [${entry.shape}] does not fit offsets [${begin}, ${end})`);
    }
    tensors[name] = {dtype: kind.name, shape: entry.shape, data: decode(view, dataStart + begin, count, entry.dtype)};
  }
  return {tensors, metadata: header.__metadata__ ?? {}};
}

/**
 * @param {DataView} view @param {number} offset @param {number} count @param {string} dtype
 * @returns {NumericArray}
 */
function decode(view, offset, count, dtype) {
  switch (dtype) {
    case 'F32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, true);
      return out;
    }
    case 'F64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i, true);
      return out;
    }
    case 'I32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(offset + 4 * i, true);
      return out;
    }
    default: {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = Number(view.getBigInt64(offset + 8 * i, true));
      return out;
    }
  }
}
