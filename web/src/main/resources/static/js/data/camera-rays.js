// @ts-check
/**
 * Per camera view (an image span of the row), what a person can look at: the world direction of each
 * token's ray when the scheme's tensors determine one (Plücker, PRoPE, UCPE), and the camera's forward
 * axis and centre when they only give a pose (GTA).
 */

/**
 * @typedef {{label: string, span: number, h: number, w: number,
 *            dirs: Float32Array|null, scalar: {name: string, values: Float32Array}|null,
 *            forward: number[]|null, centre: number[]|null}} CameraView
 * dirs: unit world ray direction per cell, (h * w) x 3 row-major; scalar: one more per-cell quantity.
 */

/** Plücker presets whose direction comes first ([d, ...]); the others start with the moment o x d. */
const DIRECTION_FIRST = new Set(['lvsm-custom', 'gbt']);

/**
 * @param {import('./plan-data.js').PlanData} plan @param {number} row
 * @returns {CameraView[]} empty when the plan has no camera tensors
 */
export function cameraViews(plan, row) {
  const seq = plan.sequences[row];
  if (!seq) return [];
  const spans = seq.spans.map((s, k) => ({s, k})).filter(({s}) => s.grid && s.type === 'image');
  const t = plan.tensors;
  if (t.plucker) return spans.map(({s, k}, v) => pluckerView(plan, row, s, k, v));
  if (t.p_inv && t.token_index) return spans.map(({s, k}, v) => propeView(plan, row, s, k, v));
  if (t.relative_rays) return ucpeViews(plan, row, spans);
  if (t.extrinsics) return spans.map(({s, k}, v) => gtaView(plan, row, s, k, v));
  return [];
}

/** @param {import('./plan-data.js').PlanData} plan @param {number} row
 *  @param {import('./plan-data.js').Span} span @param {number} k @param {number} v @returns {CameraView} */
function pluckerView(plan, row, span, k, v) {
  const t = plan.tensors.plucker;
  const [, length, channels] = t.shape;
  const off = DIRECTION_FIRST.has(plan.params.preset) ? 0 : 3;
  const {h, w} = hw(span);
  const dirs = new Float32Array(h * w * 3);
  const moment = new Float32Array(h * w);
  for (let c = 0; c < h * w; c++) {
    const base = (row * length + span.start + c) * channels;
    setUnit(dirs, c, t.data[base + off], t.data[base + off + 1], t.data[base + off + 2]);
    const m = off === 0 ? 3 : 0;
    moment[c] = Math.hypot(t.data[base + m], t.data[base + m + 1], t.data[base + m + 2]);
  }
  return {label: `view ${v}`, span: k, h, w, dirs, scalar: {name: '|o × d| (moment)', values: moment},
    forward: null, centre: null};
}

/** PRoPE: d ∝ P⁻¹[:3,:3] (x, y, 1) with (x, y) the token centre in PRoPE's normalised image coordinates
 * (origin at the image centre, [-0.5, 0.5]).
 * @param {import('./plan-data.js').PlanData} plan @param {number} row
 * @param {import('./plan-data.js').Span} span @param {number} k @param {number} v @returns {CameraView} */
function propeView(plan, row, span, k, v) {
  const pinv = plan.tensors.p_inv;
  const index = plan.tensors.token_index;
  const n = index.shape[1];
  const {h, w} = hw(span);
  const dirs = new Float32Array(h * w * 3).fill(NaN);
  for (let j = 0; j < n; j++) {
    const c = index.data[row * n + j] - span.start;
    if (c < 0 || c >= h * w) continue;
    const x = ((c % w) + 0.5) / w - 0.5;
    const y = (Math.floor(c / w) + 0.5) / h - 0.5;
    const m = (row * n + j) * 16;
    const d = pinv.data;
    setUnit(dirs, c, d[m] * x + d[m + 1] * y + d[m + 2], d[m + 4] * x + d[m + 5] * y + d[m + 6],
      d[m + 8] * x + d[m + 9] * y + d[m + 10]);
  }
  return {label: `view ${v}`, span: k, h, w, dirs, scalar: null, forward: null, centre: null};
}

/** UCPE: row 2 of each token's world→ray matrix is the world ray; the absolute map's third channel is
 * the ray's latitude. One latent frame per temporal_stride views.
 * @param {import('./plan-data.js').PlanData} plan @param {number} row
 * @param {{s: import('./plan-data.js').Span, k: number}[]} spans @returns {CameraView[]} */
function ucpeViews(plan, row, spans) {
  const rays = plan.tensors.relative_rays;
  const abs = plan.tensors.absolute_map;
  const n = rays.shape[1];
  const stride = plan.params.temporal_stride ?? 1;
  /** @type {CameraView[]} */
  const out = [];
  let token = 0;
  for (let f = 0; f * stride < spans.length && token < n; f++) {
    const {s, k} = spans[f * stride];
    const {h, w} = hw(s);
    const dirs = new Float32Array(h * w * 3);
    const lat = new Float32Array(h * w);
    for (let c = 0; c < h * w && token + c < n; c++) {
      const m = (row * n + token + c) * 16 + 8;
      setUnit(dirs, c, rays.data[m], rays.data[m + 1], rays.data[m + 2]);
      if (abs) lat[c] = abs.data[(row * n + token + c) * 3 + 2];
    }
    token += h * w;
    out.push({label: `latent frame ${f} (view ${f * stride})`, span: k, h, w, dirs,
      scalar: abs ? {name: 'latitude (rad)', values: lat} : null, forward: null, centre: null});
  }
  return out;
}

/** GTA: relative w2c extrinsics only; forward = row 2 of R, centre = -Rᵀ t.
 * @param {import('./plan-data.js').PlanData} plan @param {number} row
 * @param {import('./plan-data.js').Span} span @param {number} k @param {number} v @returns {CameraView} */
function gtaView(plan, row, span, k, v) {
  const e = plan.tensors.extrinsics;
  const m = (row * e.shape[1] + v) * 16;
  const r = (/** @type {number} */ i, /** @type {number} */ j) => e.data[m + 4 * i + j];
  const forward = [r(2, 0), r(2, 1), r(2, 2)];
  const centre = [0, 1, 2].map((j) => -(r(0, j) * r(0, 3) + r(1, j) * r(1, 3) + r(2, j) * r(2, 3)));
  const {h, w} = hw(span);
  return {label: `view ${v}`, span: k, h, w, dirs: null, scalar: null, forward, centre};
}

/** @param {import('./plan-data.js').Span} span */
function hw(span) {
  const g = /** @type {number[]} */ (span.grid);
  return {h: g[1], w: g[2]};
}

/** @param {Float32Array} out @param {number} c @param {number} x @param {number} y @param {number} z */
function setUnit(out, c, x, y, z) {
  const n = Math.hypot(x, y, z);
  out[3 * c] = n > 0 ? x / n : NaN;
  out[3 * c + 1] = n > 0 ? y / n : NaN;
  out[3 * c + 2] = n > 0 ? z / n : NaN;
}
