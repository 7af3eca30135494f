// @ts-check
import test from 'node:test';
import assert from 'node:assert/strict';
import {decodeTensor, readSafetensors} from '../../src/main/resources/static/js/data/safetensors.js';
import {planDataFromJson, planDataFromSafetensors, positionAt} from '../../src/main/resources/static/js/data/plan-data.js';

/**
 * A safetensors file built byte by byte as the format describes (the writer under test is the reader's
 * counterpart, so nothing of the reader is reused here).
 * @param {{name: string, dtype: string, shape: number[], values: number[]}[]} tensors
 * @param {Record<string, string>} metadata
 */
function build(tensors, metadata) {
  const size = {F32: 4, F64: 8, I32: 4, I64: 8};
  /** @type {Record<string, any>} */
  const header = {__metadata__: metadata};
  let offset = 0;
  for (const t of tensors) {
    const n = t.values.length * size[/** @type {keyof typeof size} */ (t.dtype)];
    header[t.name] = {dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + n]};
    offset += n;
  }
  let json = JSON.stringify(header);
  while ((8 + json.length) % 8 !== 0) json += ' ';
  const headerBytes = new TextEncoder().encode(json);
  const buffer = new ArrayBuffer(8 + headerBytes.length + offset);
  const view = new DataView(buffer);
  view.setUint32(0, headerBytes.length, true);
  view.setUint32(4, 0, true);
  new Uint8Array(buffer, 8).set(headerBytes);
  let at = 8 + headerBytes.length;
  for (const t of tensors) {
    for (const v of t.values) {
      if (t.dtype === 'F32') { view.setFloat32(at, v, true); at += 4; }
      if (t.dtype === 'F64') { view.setFloat64(at, v, true); at += 8; }
      if (t.dtype === 'I32') { view.setInt32(at, v, true); at += 4; }
      if (t.dtype === 'I64') { view.setBigInt64(at, BigInt(v), true); at += 8; }
    }
  }
  return buffer;
}

test('every dtype decodes little-endian to its typed array, metadata strings kept', () => {
  const buffer = build([
    {name: 'a', dtype: 'F32', shape: [2, 2], values: [1.5, -2.25, 1e-7, 3.4e38]},
    {name: 'b', dtype: 'I32', shape: [3], values: [-2147483648, 0, 2147483647]},
    {name: 'c', dtype: 'I64', shape: [2], values: [-5, 2 ** 40]},
    {name: 'd', dtype: 'F64', shape: [1], values: [Math.PI]},
  ], {scheme: 'mrope', note: 'ä ✓'});
  const {tensors, metadata} = readSafetensors(buffer);
  assert.deepEqual(metadata, {scheme: 'mrope', note: 'ä ✓'});
  assert.ok(tensors.a.data instanceof Float32Array);
  assert.deepEqual([...tensors.a.data], [1.5, -2.25, Math.fround(1e-7), Math.fround(3.4e38)]);
  assert.deepEqual(tensors.a.shape, [2, 2]);
  assert.equal(tensors.a.dtype, 'float32');
  assert.ok(tensors.b.data instanceof Int32Array);
  assert.deepEqual([...tensors.b.data], [-2147483648, 0, 2147483647]);
  assert.deepEqual([...tensors.c.data], [-5, 2 ** 40]);
  assert.equal(tensors.c.dtype, 'int64');
  assert.deepEqual([...tensors.d.data], [Math.PI]);
});

test('random tensors round trip', () => {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 50; round++) {
    const n = Math.floor(rand() * 40);
    const ints = Array.from({length: n}, () => Math.floor((rand() - 0.5) * 2 ** 31));
    const floats = Array.from({length: n + 1}, () => Math.fround((rand() - 0.5) * 1e6));
    const {tensors} = readSafetensors(build([
      {name: 'i', dtype: 'I32', shape: [n], values: ints},
      {name: 'f', dtype: 'F32', shape: [n + 1], values: floats},
    ], {}));
    assert.deepEqual([...tensors.i.data], ints);
    assert.deepEqual([...tensors.f.data], floats);
  }
});

test('the byte-order-independent path decodes the same values as the native one', () => {
  const values = {F32: [1.5, -0, 3.25e-5], F64: [Math.E, -1e300, 0], I32: [-7, 65536, 2 ** 31 - 1], I64: [-(2 ** 50), 3, 0]};
  for (const [dtype, v] of Object.entries(values)) {
    const buffer = build([{name: 'x', dtype, shape: [3], values: v}], {});
    const start = 8 + new DataView(buffer).getUint32(0, true);
    assert.deepEqual([...decodeTensor(buffer, start, 3, dtype, false)], [...decodeTensor(buffer, start, 3, dtype, true)]);
    assert.deepEqual([...decodeTensor(buffer, start, 3, dtype, false)], dtype === 'F32' ? v.map(Math.fround) : v);
  }
});

test('a truncated or inconsistent file is refused with a reason', () => {
  assert.throws(() => readSafetensors(new ArrayBuffer(4)), /shorter than the 8-byte/);
  const good = build([{name: 'x', dtype: 'F32', shape: [4], values: [1, 2, 3, 4]}], {});
  assert.throws(() => readSafetensors(good.slice(0, good.byteLength - 4)), /does not fit/);
  const bf16 = build([{name: 'x', dtype: 'F32', shape: [1], values: [1]}], {});
  const bytes = new Uint8Array(bf16);
  const at = new TextDecoder().decode(bytes.subarray(8, 8 + new DataView(bf16).getUint32(0, true))).indexOf('F32') + 8;
  bytes.set(new TextEncoder().encode('B16'), at);
  assert.throws(() => readSafetensors(bf16), /dtype B16/);
});

/** An answer shaped like the service's (qwen2.5-vl, 2 rows, left padding), as JSON and as safetensors. */
function answerPair() {
  const axes = ['t', 'h', 'w'];
  const batch = 2;
  const length = 6;
  const positions = Array.from({length: 3}, (_, a) =>
    Array.from({length: batch}, (_, b) => Array.from({length}, (_, i) => (b === 0 && i < 2 ? 1 : i + a * 10 + b))));
  const sequences = [
    {length: 4, padding: 2, max_position: 25, spans: [{type: 'image', start: 3, length: 2, grid: [1, 1, 2]}], warnings: []},
    {length: 6, padding: 0, max_position: 26, spans: [], warnings: []},
  ];
  const params = {head_dim: 8, partial_rotary_factor: 0.5, mrope_section: [1, 0, 1]};
  const json = {
    model: 'qwen2.5-vl', scheme: 'mrope', format: 'qwen2-vl', params, dtype: 'int32', axes, batch, length,
    layout: 'dense', position_ids: positions, rope_deltas: [-3, 4], sequences,
    tensors: {camera_mask: {dtype: 'int32', shape: [2, 3], data: [[0, 1, 1], [1, 0, 0]]}},
    frequencies: {rule: 'chunked', head_dim: 8, rotary_dim: 4, partial_rotary_factor: 0.5,
      inv_freq: [1, 0.01], pair_axis: [0, 2]},
  };
  const binary = build([
    {name: 'position_ids', dtype: 'I32', shape: [3, batch, length], values: positions.flat(2)},
    {name: 'rope_deltas', dtype: 'I32', shape: [batch, 1], values: [-3, 4]},
    {name: 'inv_freq', dtype: 'F32', shape: [2], values: [1, 0.01]},
    {name: 'pair_axis', dtype: 'I32', shape: [2], values: [0, 2]},
    {name: 'camera_mask', dtype: 'I32', shape: [2, 3], values: [0, 1, 1, 1, 0, 0]},
  ], {scheme: 'mrope', format: 'qwen2-vl', model: 'qwen2.5-vl', params: JSON.stringify(params),
    axes: JSON.stringify(axes), sequences: JSON.stringify(sequences)});
  return {json, binary, positions};
}

test('the safetensors and the JSON answer give the same PlanData', () => {
  const {json, binary, positions} = answerPair();
  const a = planDataFromSafetensors(binary);
  const b = planDataFromJson(json);
  for (const p of [a, b]) {
    assert.equal(p.scheme, 'mrope');
    assert.equal(p.model, 'qwen2.5-vl');
    assert.deepEqual(p.axes, ['t', 'h', 'w']);
    assert.equal(p.dtype, 'int32');
    assert.equal(p.batch, 2);
    assert.equal(p.length, 6);
    assert.ok(p.positions instanceof Int32Array);
    for (let ax = 0; ax < 3; ax++) for (let r = 0; r < 2; r++) for (let i = 0; i < 6; i++) {
      assert.equal(positionAt(p, ax, r, i), positions[ax][r][i]);
    }
    assert.deepEqual([...p.ropeDeltas], [-3, 4]);
    assert.deepEqual(p.sequences[0].spans[0].grid, [1, 1, 2]);
    assert.equal(p.frequencies.rotary_dim, 4);
    assert.equal(p.frequencies.head_dim, 8);
    assert.equal(p.frequencies.partial_rotary_factor, 0.5);
    assert.deepEqual([...(p.frequencies.inv_freq ?? [])], [1, Math.fround(0.01)]);
    assert.deepEqual([...(p.frequencies.pair_axis ?? [])], [0, 2]);
    assert.equal(p.frequencies.kv_head_axis, null);
    assert.deepEqual(Object.keys(p.tensors), ['camera_mask']);
    assert.deepEqual([...p.tensors.camera_mask.data], [0, 1, 1, 1, 0, 0]);
    assert.deepEqual(p.tensors.camera_mask.shape, [2, 3]);
  }
});

test('float positions stay float32; a camera plan has no positions but its tensors', () => {
  const floats = planDataFromJson({scheme: 'v2pe', dtype: 'float32', axes: ['p'], batch: 1, length: 3,
    position_ids: [[[0, 0.5, 1.25]]], rope_deltas: [0], sequences: [], tensors: {}, frequencies: {}});
  assert.ok(floats.positions instanceof Float32Array);
  assert.deepEqual([...floats.positions], [0, 0.5, 1.25]);
  const camera = planDataFromSafetensors(build([
    {name: 'plucker', dtype: 'F32', shape: [1, 2, 6], values: [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0]},
  ], {scheme: 'plucker', params: '{"preset":"cameractrl"}', axes: '[]',
    sequences: '[{"length":2,"padding":0,"spans":[],"warnings":[]}]'}));
  assert.deepEqual(camera.axes, []);
  assert.equal(camera.positions.length, 0);
  assert.equal(camera.length, 2);
  assert.equal(camera.frequencies.inv_freq, null);
  assert.deepEqual(camera.tensors.plucker.shape, [1, 2, 6]);
});

test('a range answer keeps its range', () => {
  const p = planDataFromJson({scheme: 'mrope', dtype: 'int32', axes: ['t'], batch: 1, length: 10,
    range: {start: 4, length: 2}, position_ids: [[[7, 8]]], rope_deltas: [0], sequences: [], tensors: {},
    frequencies: {}});
  assert.equal(p.length, 2);
  assert.deepEqual(p.range, {start: 4, length: 2});
});
