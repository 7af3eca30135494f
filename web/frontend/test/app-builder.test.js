import assert from 'node:assert/strict';
import { test } from 'node:test';
import { controlFor, parseParam, placeholderFor } from '../../src/main/resources/static/js/builder/params.js';
import { formatField, modeOf, newPart, parseField, setField, switchMode, PART_TYPES }
  from '../../src/main/resources/static/js/builder/part-types.js';
import { formatPointer, getAt, nearestPointer, parsePointer, setAt }
  from '../../src/main/resources/static/js/builder/pointers.js';
import { readPasted } from '../../src/main/resources/static/js/builder/paste.js';
import { offeredPartTypes } from '../../src/main/resources/static/js/builder/form.js';
import { int, layout, pick, random, text } from '../support/random.js';

test('pointers round-trip through their tokens (~ and / escaped) and address what they name', () => {
  const r = random(3);
  for (let n = 0; n < 200; n++) {
    const tokens = Array.from({ length: int(r, 5) }, () => text(r));
    assert.deepEqual(parsePointer(formatPointer(tokens)), tokens);
  }
  const doc = { 'a/b': { '~c': [10, 20] } };
  assert.equal(getAt(doc, '/a~1b/~0c/1'), 20);
  assert.equal(getAt(doc, '/a~1b/x/1'), undefined);
});

test('every field of a generated request is found again at its pointer, and setAt writes it back', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const { request } = layout(random(seed));
    const copy = structuredClone(request);
    request.sequences.forEach((s, k) => s.parts.forEach((p, j) => {
      for (const [key, v] of Object.entries(p)) {
        const ptr = `/sequences/${k}/parts/${j}/${key}`;
        assert.deepEqual(getAt(request, ptr), v);
        setAt(copy, ptr, undefined);
        setAt(copy, ptr, v);
      }
    }));
    assert.deepEqual(JSON.parse(JSON.stringify(copy)), JSON.parse(JSON.stringify(request)));
  }
  const r = { params: { a: 1 } };
  setAt(r, '/params/a', undefined);
  assert.deepEqual(r, { params: {} }, 'an emptied field is removed, never sent as null');
  setAt(r, '/x/y', undefined);
  assert.deepEqual(r, { params: {} }, 'removing a missing value creates nothing');
});

test('a problem field lands on its input or on the nearest enclosing one', () => {
  const inputs = ['/model', '/params', '/params/head_dim', '/sequences', '/sequences/0', '/sequences/0/parts/1',
    '/sequences/0/parts/1/grid', '/sequences/0/parts/1/camera/pose', '/candidates/0', '/candidates/0/params/compat'];
  const cases = [
    ['/params/head_dim', '/params/head_dim'],
    ['/params/not_a_param', '/params'],
    ['/sequences/0/parts/1/grid', '/sequences/0/parts/1/grid'],
    ['/sequences/0/parts/1/grid/2', '/sequences/0/parts/1/grid'],
    ['/sequences/0/parts/1/camera/pose/15', '/sequences/0/parts/1/camera/pose'],
    ['/sequences/0/parts/1/camera/intrinsics', '/sequences/0/parts/1'],
    ['/sequences/0/parts/7', '/sequences/0'],
    ['/sequences/3/input_ids', '/sequences'],
    ['/candidates/0/params/compat', '/candidates/0/params/compat'],
    ['/candidates/0/params/head_dim', '/candidates/0'],
    ['/image_grid_thw/0', null],
    ['', null],
    ['not a pointer', null],
  ];
  for (const [field, want] of cases) assert.equal(nearestPointer(field, inputs), want, field);
});

test('nearestPointer agrees with its definition on generated pointers', () => {
  const r = random(5);
  const seg = ['sequences', 'parts', 'params', '0', '1', '2', 'grid', 'a/b', '~'];
  for (let n = 0; n < 300; n++) {
    const mk = () => formatPointer(Array.from({ length: 1 + int(r, 4) }, () => pick(r, seg)));
    const inputs = Array.from({ length: int(r, 8) }, mk);
    const field = mk();
    const got = nearestPointer(field, inputs);
    const enclosing = inputs.filter((p) => field === p || field.startsWith(`${p}/`));
    const want = enclosing.sort((a, b) => b.length - a.length)[0] ?? null;
    assert.equal(got, want, `${field} in ${inputs}`);
  }
});

test('parameter controls and values follow the /v1/schemes declarations', () => {
  const compat = { name: 'compat', type: 'string', default: 'hf-4.51', allowed: { values: ['hf-4.51', 'vllm'] } };
  assert.deepEqual(controlFor(compat), { kind: 'select', options: ['hf-4.51', 'vllm'] });
  assert.deepEqual(controlFor({ name: 'b', type: 'boolean' }), { kind: 'select', options: ['true', 'false'] });
  assert.equal(parseParam({ name: 'h', type: 'integer' }, ' 128 '), 128);
  assert.equal(parseParam({ name: 'h', type: 'integer' }, '12.5'), '12.5', 'sent as typed: the API names the field');
  assert.equal(parseParam({ name: 'h', type: 'integer' }, ''), undefined, 'empty means the default');
  assert.deepEqual(parseParam({ name: 's', type: 'integer[]' }, '16, 24 24'), [16, 24, 24]);
  assert.deepEqual(parseParam({ name: 's', type: 'integer[]' }, '[16,24,24]'), [16, 24, 24]);
  assert.deepEqual(parseParam({ name: 's', type: 'number[]' }, '0.5, 1e3'), [0.5, 1000]);
  assert.equal(parseParam({ name: 'r', type: 'number|boolean' }, 'true'), true);
  assert.equal(parseParam({ name: 'r', type: 'number|boolean' }, '-1'), -1);
  assert.equal(parseParam({ name: 'r', type: 'number|boolean' }, 'auto-2'), 'auto-2');
  assert.equal(placeholderFor({ name: 'rope_theta', type: 'number', default: 5e6 }, { rope_theta: 1e6 }), '1000000');
  assert.equal(placeholderFor({ name: 'resume', type: 'string', default: null }, undefined), '(derived)');
});

test('every part mode shows its template and reads it back; switching modes keeps only the new fields', () => {
  for (const t of PART_TYPES) {
    for (const m of t.modes) {
      const part = switchMode(newPart(t.type), m.name);
      assert.equal(modeOf(part).name, m.name, `${t.type}/${m.name}`);
      for (const f of m.fields) {
        const v = f.key.split('/').reduce((o, k) => o?.[k], part);
        if (v !== undefined) assert.deepEqual(parseField(f.kind, formatField(f.kind, v)), v, `${t.type}/${f.key}`);
      }
      const others = t.modes.filter((o) => o !== m).flatMap((o) => o.fields.map((f) => f.key.split('/')[0]));
      const own = m.fields.map((f) => f.key.split('/')[0]);
      for (const k of others) if (!own.includes(k)) assert.equal(part[k], undefined, `${t.type}/${m.name} drops ${k}`);
    }
  }
  assert.equal(modeOf({ type: 'audio', mel_frames: 3000 }).name, 'mel_frames');
  assert.equal(modeOf({ type: 'audio', seconds: 30 }).name, 'json', 'fields without a form are edited as JSON');
  assert.equal(modeOf({ type: 'hologram', voxels: 3 }).name, 'json', 'a type the builder does not know too');
  const audio = { type: 'audio', tokens: 5 };
  setField(audio, modeOf({ type: 'audio', x: 1 }).fields[0], parseField('json', '{"mel_frames": 3000}'));
  assert.deepEqual(audio, { type: 'audio', mel_frames: 3000 });
  assert.deepEqual(parseField('cells', '1 2\n 3, 4 \n'), [[1, 2], [3, 4]]);
  assert.equal(parseField('integer[]', '1, x'), '1, x');
});

test('pasted input_ids, messages and parts become requests that keep the chosen model', () => {
  const current = { model: 'qwen2-vl', params: { compat: 'vllm' }, sequences: [] };
  const ids = readPasted('{"input_ids": [[1, 151652, 151655, 151653], [2]], "attention_mask": [[1,1,1,1],[1]],'
    + '"image_grid_thw": [[1, 2, 2]]}', current);
  assert.equal(ids.kind, 'input_ids');
  assert.deepEqual(ids.request, { model: 'qwen2-vl', params: { compat: 'vllm' }, image_grid_thw: [[1, 2, 2]],
    sequences: [{ input_ids: [1, 151652, 151655, 151653], attention_mask: [1, 1, 1, 1] },
      { input_ids: [2], attention_mask: [1] }] });
  const one = readPasted('{"input_ids": [5, 6], "model": "qwen3-vl"}', current);
  assert.deepEqual(one.request.sequences, [{ input_ids: [5, 6] }]);
  assert.equal(one.request.model, 'qwen3-vl');
  const msgs = readPasted('[{"role": "user", "content": "hi"}]', current);
  assert.deepEqual(msgs.request.sequences, [{ messages: [{ role: 'user', content: 'hi' }] }]);
  const parts = readPasted('[{"type": "text", "tokens": 3}]', current);
  assert.deepEqual(parts.request.sequences, [{ parts: [{ type: 'text', tokens: 3 }] }]);
  const cmp = readPasted('{"model": "qwen2-vl", "sequences": [], "candidates": [{"params": {"compat": "vllm"}}]}', current);
  assert.equal(cmp.kind, 'compare');
  assert.deepEqual(cmp.candidates, [{ params: { compat: 'vllm' } }]);
  assert.throws(() => readPasted('{"foo": 1}', current), /expected/);
  assert.throws(() => readPasted('{', current), /not JSON/);
});

test('the part types offered: the builder\'s own, then any other a scheme accepts; camera views are image parts', () => {
  const schemes = [{ parts: ['text', 'image', 'video'] }, { parts: ['text', 'camera'] }, { parts: ['text', 'audio', 'point_cloud'] }];
  assert.deepEqual(offeredPartTypes(schemes), ['text', 'image', 'video', 'table', 'audio', 'point_cloud']);
});
