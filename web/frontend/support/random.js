// A small seeded generator for the property-style tests (mulberry32): every failure names its seed.

/** @param {number} seed @returns {() => number} uniform in [0, 1) */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {() => number} r @param {number} n @returns {number} an integer in [0, n) */
export const int = (r, n) => Math.floor(r() * n);

/** @template T @param {() => number} r @param {T[]} xs @returns {T} */
export const pick = (r, xs) => xs[int(r, xs.length)];

/** @param {() => number} r @returns {string} text with quotes, slashes, tildes, non-ASCII and astral characters */
export function text(r) {
  const alphabet = ['a', 'Z', ' ', "'", '"', '\\', '/', '~', '~1', '\n', 'é', '中', '😀', '$', '`', '!', '{', '}'];
  let s = '';
  for (let i = int(r, 12); i > 0; i--) s += pick(r, alphabet);
  return s;
}

/** @param {() => number} r @returns {Record<string, any>} a random /v1/plans part */
export function part(r) {
  switch (int(r, 6)) {
    case 0: return { type: 'text', tokens: int(r, 5000) };
    case 1: return { type: 'text', text: text(r) };
    case 2: return { type: 'image', width: 1 + int(r, 4000), height: 1 + int(r, 4000) };
    case 3: return { type: 'image', grid: [1, 1 + int(r, 64), 1 + int(r, 64)] };
    case 4: return { type: 'video', frames: 1 + int(r, 7200), fps: pick(r, [0.5, 1, 2, 29.97]), width: 448, height: 252 };
    default: return { type: 'video', grid: [1 + int(r, 1800), 16, 28], timestamps: [0.25, 1.5 + r()] };
  }
}

/** @param {() => number} r @returns {import('../../src/main/resources/static/js/state.js').Layout} */
export function layout(r) {
  const sequences = [];
  for (let b = 1 + int(r, 3); b > 0; b--) {
    const parts = [];
    for (let j = int(r, 40); j >= 0; j--) parts.push(part(r));
    sequences.push({ parts });
  }
  const request = { model: pick(r, ['qwen2-vl', 'qwen2.5-vl', 'qwen3-vl']), sequences };
  if (r() < 0.5) request.params = { compat: pick(r, ['vllm', 'hf-main']), mrope_section: [16, 24, 24], rope_theta: 1e6 * r() };
  if (r() < 0.3) request.decode_steps = int(r, 100);
  const candidates = [];
  for (let c = int(r, 3); c > 0; c--) candidates.push(r() < 0.5 ? { params: { compat: text(r) } } : { scheme: 'mrope-i' });
  const zoom = r() < 0.5 ? null : [int(r, 1000), 1000 + int(r, 806400)];
  return { request, candidates, view: { row: int(r, 3), tab: pick(r, ['heatmap', 'plot']), zoom, token: r() < 0.5 ? null : int(r, 1e6) } };
}
