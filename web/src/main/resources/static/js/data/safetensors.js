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
    tensors[name] = {dtype: kind.name, shape: entry.shape, data: decodeTensor(buffer, dataStart + begin, count, entry.dtype)};
  }
  return {tensors, metadata: header.__metadata__ ?? {}};
}

/** Whether this machine stores numbers little-endian, as safetensors does (every browser host does). */
const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * One tensor's bytes to a typed array: on a little-endian host a copy of the bytes viewed as the type
 * (a memcpy: 3 M positions decode in milliseconds), elsewhere element by element through a DataView.
 * @param {ArrayBuffer} buffer @param {number} offset @param {number} count @param {string} dtype
 * @param {boolean} [littleEndianHost]
 * @returns {NumericArray}
 */
export function decodeTensor(buffer, offset, count, dtype, littleEndianHost = HOST_LITTLE_ENDIAN) {
  const size = DTYPES[/** @type {keyof typeof DTYPES} */ (dtype)].size;
  if (littleEndianHost) {
    const bytes = buffer.slice(offset, offset + count * size);
    if (dtype === 'F32') return new Float32Array(bytes);
    if (dtype === 'F64') return new Float64Array(bytes);
    if (dtype === 'I32') return new Int32Array(bytes);
    const wide = new BigInt64Array(bytes);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = Number(wide[i]);
    return out;
  }
  const view = new DataView(buffer);
  const out = dtype === 'I32' ? new Int32Array(count) : dtype === 'F32' ? new Float32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = offset + size * i;
    out[i] = dtype === 'F32' ? view.getFloat32(at, true) : dtype === 'F64' ? view.getFloat64(at, true)
      : dtype === 'I32' ? view.getInt32(at, true) : Number(view.getBigInt64(at, true));
  }
  return out;
}
