// @ts-check
import test from 'node:test';
import assert from 'node:assert/strict';
import {NOT_ROTATED, NO_POSITION, allocationModel, axisName}
  from '../../src/main/resources/static/js/data/allocation-model.js';

/** @param {any} frequencies @param {any} [params] */
const plan = (frequencies, params = {}) => /** @type {any} */ ({params, frequencies: {inv_freq: null, pair_axis: null,
  kv_head_axis: null, ...frequencies}});

test('partial rotary: pairs past rotary_dim are not rotated (glm4v: head 128, rotary 64)', () => {
  const inv = Float32Array.from({length: 32}, (_, k) => 10000 ** (-k / 32));
  const pairAxis = Int32Array.from({length: 32}, (_, k) => (k < 8 ? 0 : k < 20 ? 1 : 2));
  const a = allocationModel(plan({head_dim: 128, inv_freq: inv, pair_axis: pairAxis}));
  assert.equal(a.mode, 'pairs');
  assert.equal(a.pairs, 64);
  assert.equal(a.rotary, 32);
  assert.deepEqual([...a.pairAxis.subarray(0, 32)], [...pairAxis]);
  assert.ok(a.pairAxis.subarray(32).every((x) => x === NOT_ROTATED));
  assert.equal(a.logMax, 0);
  assert.equal(a.logMin, -4);
});

test('NoPE pairs keep their -1; head_dim falls back to params then to the rotary pairs', () => {
  const a = allocationModel(plan({inv_freq: Float32Array.of(1, 0.1), pair_axis: Int32Array.of(1, -1)}, {head_dim: 8}));
  assert.deepEqual([...a.pairAxis], [1, NO_POSITION, NOT_ROTATED, NOT_ROTATED]);
  assert.equal(axisName(['t', 'h', 'w'], a.pairAxis[0]), 'h');
  assert.equal(axisName(['t', 'h', 'w'], a.pairAxis[1]), 'no position (NoPE)');
  assert.equal(allocationModel(plan({inv_freq: Float32Array.of(1, 0.5)})).pairs, 2);
});

test('kv heads: one axis per head, every rotary pair rotates', () => {
  const a = allocationModel(plan({head_dim: 8, inv_freq: Float32Array.of(1, 0.1, 0.01, 0.001),
    kv_head_axis: Int32Array.of(0, 0, 1, 2)}));
  assert.equal(a.mode, 'heads');
  assert.deepEqual([...a.headAxis], [0, 0, 1, 2]);
  assert.ok(a.pairAxis.every((x) => x === 0));
});

test('camera schemes have no rotary allocation', () => {
  assert.equal(allocationModel(plan({head_dim: 64, rotary_dim: 0})).mode, 'none');
});

test('channel_axis: each pair reads its two channels\' axes, by the pairing (random maps)', () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let round = 0; round < 50; round++) {
    const rotary = 1 + Math.floor(next() * 64);
    const channels = Int32Array.from({length: 2 * rotary}, () => Math.floor(next() * 4));
    const inv = Float32Array.from({length: rotary}, (_, k) => 10000 ** (-k / rotary));
    for (const pairing of ['neox', 'gptj']) {
      const a = allocationModel(plan({inv_freq: inv, channel_axis: channels, pairing}));
      for (let k = 0; k < rotary; k++) {
        const [first, second] = pairing === 'gptj' ? [2 * k, 2 * k + 1] : [k, k + rotary];
        assert.equal(a.pairAxis[k], channels[first]);
        assert.equal(a.secondAxis[k], channels[second]);
      }
    }
  }
});

test('without channel_axis both channels of a pair read the pair\'s axis', () => {
  const a = allocationModel(plan({inv_freq: Float32Array.of(1, 0.1), pair_axis: Int32Array.of(2, 0)}));
  assert.deepEqual([...a.secondAxis], [...a.pairAxis]);
});
