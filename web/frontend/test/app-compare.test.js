import assert from 'node:assert/strict';
import { test } from 'node:test';
import { candidateRequest, compareFieldToLayout, compareRequest, diffMask }
  from '../../src/main/resources/static/js/compare.js';
import { int, random } from '../support/random.js';

/** A plan of random positions, axis-major like PlanData. */
function plan(r, axes, batch, length, float = false) {
  const positions = float ? new Float32Array(axes * batch * length) : new Int32Array(axes * batch * length);
  for (let i = 0; i < positions.length; i++) positions[i] = int(r, 50) / (float ? 4 : 1);
  return { axes: ['t', 'h', 'w', 'x'].slice(0, axes), batch, length, positions };
}

/** The mask by its definition, one token at a time, to check the fast loop against. */
function slowMask(plans, row) {
  const [m, ...others] = plans;
  return Array.from({ length: m.length }, (_, i) => (others.some((o) => {
    if (o.axes.length !== m.axes.length || row >= o.batch || i >= o.length) return true;
    return m.axes.some((_, a) => {
      const x = m.positions[(a * m.batch + row) * m.length + i];
      const y = o.positions[(a * o.batch + row) * o.length + i];
      return !(x === y || (Number.isNaN(x) && Number.isNaN(y)));
    });
  }) ? 1 : 0));
}

test('the diff mask marks exactly the tokens where some candidate differs on some axis', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const r = random(seed);
    const axes = 1 + int(r, 3);
    const batch = 1 + int(r, 3);
    const length = 1 + int(r, 60);
    const main = plan(r, axes, batch, length, seed % 2 === 0);
    const others = Array.from({ length: 1 + int(r, 3) }, () => {
      const o = { ...main, positions: main.positions.slice() };
      for (let k = int(r, 4); k > 0; k--) o.positions[int(r, o.positions.length)] += 1;
      if (r() < 0.1) return plan(r, 1 + int(r, 3), batch, length + int(r, 3) - 1);
      return o;
    });
    const row = int(r, batch);
    const { mask, count, first } = diffMask([main, ...others], row);
    const expected = slowMask([main, ...others], row);
    assert.deepEqual([...mask], expected, `seed ${seed}`);
    assert.equal(count, expected.reduce((s, x) => s + x, 0));
    assert.equal(first, expected.indexOf(1));
  }
});

test('identical plans (NaN included) have an empty mask and no first difference', () => {
  const p = { axes: ['p'], batch: 1, length: 3, positions: Float32Array.of(0, NaN, 2) };
  assert.deepEqual(diffMask([p, { ...p, positions: p.positions.slice() }], 0), { mask: new Uint8Array(3), count: 0, first: -1 });
});

test('a candidate plans the request with its own scheme and params; the compare request leads with the main one', () => {
  const request = { model: 'qwen2-vl', scheme: 'mrope', params: { compat: 'vllm' }, dtype: 'int64', sequences: [] };
  assert.deepEqual(candidateRequest(request, { params: { compat: 'hf-main' } }),
    { model: 'qwen2-vl', dtype: 'int64', sequences: [], params: { compat: 'hf-main' } });
  assert.deepEqual(candidateRequest(request, {}), { model: 'qwen2-vl', dtype: 'int64', sequences: [] });
  assert.deepEqual(compareRequest(request, [{ params: { compat: 'hf-main' } }]), {
    model: 'qwen2-vl', sequences: [],
    candidates: [{ scheme: 'mrope', params: { compat: 'vllm' } }, { params: { compat: 'hf-main' } }],
  });
});

test('a compare problem lands on the main request (candidate 0) or on its compared candidate', () => {
  assert.equal(compareFieldToLayout('/candidates/0/params/head_dim'), '/params/head_dim');
  assert.equal(compareFieldToLayout('/candidates/0'), '/scheme');
  assert.equal(compareFieldToLayout('/candidates/2/scheme'), '/candidates/1/scheme');
  assert.equal(compareFieldToLayout('/sequences/0/parts/1/grid'), '/sequences/0/parts/1/grid');
});
