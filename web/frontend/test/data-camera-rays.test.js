// @ts-check
import test from 'node:test';
import assert from 'node:assert/strict';
import {cameraViews} from '../../src/main/resources/static/js/data/camera-rays.js';

const sequences = [{length: 6, padding: 0, max_position: 0, warnings: [], spans: [
  {type: 'image', start: 1, length: 4, grid: [1, 2, 2]}]}];

/** @param {Record<string, any>} tensors @param {Record<string, any>} params */
const plan = (tensors, params = {}) => /** @type {any} */ ({axes: [], batch: 1, length: 6, params, sequences,
  tensors: Object.fromEntries(Object.entries(tensors).map(([k, [shape, values]]) =>
    [k, {dtype: 'float32', shape, data: Float32Array.from(values)}]))});

/** @param {ArrayLike<number>} a @param {number[]} b */
const close = (a, b) => b.forEach((v, i) => assert.ok(Math.abs(a[i] - v) < 1e-4, `${a[i]} vs ${v} at ${i}`));

test('plucker: the direction channels by preset order, unit length, per cell', () => {
  // table-camera.md §6.5: [o x d, d] per pixel of a 2 x 2 image
  const cells = [[0, -0.2357, -0.2357, 0.9428, -0.2357, 0.2357], [0, 0.2357, -0.2357, 0.9428, -0.2357, -0.2357],
    [0, -0.2357, 0.2357, 0.9428, 0.2357, 0.2357], [0, 0.2357, 0.2357, 0.9428, 0.2357, -0.2357]];
  const data = [Array(6).fill(0), ...cells, Array(6).fill(0)].flat();
  const [view] = cameraViews(plan({plucker: [[1, 6, 6], data]}, {preset: 'cameractrl'}), 0);
  assert.equal(view.h, 2);
  assert.equal(view.w, 2);
  close(/** @type {Float32Array} */ (view.dirs), cells.flatMap((c) => c.slice(3)).map((v) => v / Math.hypot(0.9428, 0.2357, 0.2357)));
  close(/** @type {any} */ (view.scalar).values, [0.3333, 0.3333, 0.3333, 0.3333]);
  const gbt = cameraViews(plan({plucker: [[1, 6, 6], data]}, {preset: 'gbt'}), 0)[0];
  close(/** @type {Float32Array} */ (gbt.dirs).subarray(0, 3), [0, -Math.SQRT1_2, -Math.SQRT1_2]);
});

test('prope: P^-1 of the token centre gives the same ray as Plücker for that camera', () => {
  // the service's answer for a 64 x 32 image, patch 16, K = (60, 60, 32, 16), identity pose:
  // P^-1 = diag(64/60, 32/60, 1, 1); Plücker gives (-0.36857706, -0.12285902, 0.9214427) at cell (0, 0)
  // of its 2 x 4 grid; here a 2 x 2 grid, so the cell centre is (x, y) = (-0.25, -0.25).
  const pinv = [64 / 60, 0, 0, 0, 0, 32 / 60, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const p = plan({p_inv: [[1, 4, 4, 4], [pinv, pinv, pinv, pinv].flat()], token_index: [[1, 4], [1, 2, 3, 4]]});
  const [view] = cameraViews(p, 0);
  const d = [-0.25 * 64 / 60, -0.25 * 32 / 60, 1];
  const n = Math.hypot(...d);
  close(/** @type {Float32Array} */ (view.dirs).subarray(0, 3), d.map((v) => v / n));
  assert.ok(/** @type {Float32Array} */ (view.dirs)[3] > 0, 'cell (0, 1) looks right of the axis');
});

test('ucpe: the third row of each world->ray matrix, latitude from the absolute map', () => {
  const rays = [];
  for (let c = 0; c < 4; c++) rays.push(1, 0, 0, 0, 0, 1, 0, 0, c, 0, 1, 0, 0, 0, 0, 1);
  const p = plan({relative_rays: [[1, 4, 4, 4], rays], absolute_map: [[1, 4, 3], [0, 0, 0.1, 0, 0, 0.2, 0, 0, 0.3, 0, 0, 0.4]]},
    {temporal_stride: 4});
  const [view] = cameraViews(p, 0);
  close(/** @type {Float32Array} */ (view.dirs), [0, 0, 1, Math.SQRT1_2, 0, Math.SQRT1_2]);
  close(/** @type {any} */ (view.scalar).values, [0.1, 0.2, 0.3, 0.4]);
  assert.match(view.label, /latent frame 0/);
});

test('gta: forward axis and camera centre from the w2c extrinsics', () => {
  // the service's second view: R = [[0,0,-1],[0,1,0],[1,0,0]], t = (0, 0, -1)
  const e = [0, 0, -1, 0, 0, 1, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1];
  const [view] = cameraViews(plan({extrinsics: [[1, 1, 4, 4], e]}), 0);
  assert.equal(view.dirs, null);
  assert.deepEqual(view.forward, [1, 0, 0]);
  assert.deepEqual(view.centre?.map((v) => v + 0), [1, 0, 0]);
});

test('a plan without camera tensors has no views', () => {
  assert.deepEqual(cameraViews(plan({}), 0), []);
});
