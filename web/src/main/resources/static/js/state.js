// @ts-check
/**
 * The whole layout — the /v1/plans request, the compared candidates and the view state — and its form in
 * a URL fragment: `#layout=` + base64url of the raw-deflated JSON, so a shared link reproduces the page
 * and stays short (a 40-part request is a few hundred characters).
 */

/** @typedef {{scheme?: string, params?: Record<string, any>}} Candidate
 *  @typedef {{row: number, tab: string, zoom: [number, number]|null, token: number|null}} ViewSettings
 *  @typedef {{request: Record<string, any>, candidates: Candidate[], view: ViewSettings}} Layout
 */

export const FRAGMENT_KEY = 'layout=';

/** @returns {ViewSettings} */
export function defaultView() {
  return { row: 0, tab: 'heatmap', zoom: null, token: null };
}

/** @returns {Layout} a small text + image + text layout for the qwen2-vl preset */
export function defaultLayout() {
  return {
    request: {
      model: 'qwen2-vl',
      sequences: [{ parts: [{ type: 'text', tokens: 8 }, { type: 'image', width: 448, height: 448 },
        { type: 'text', tokens: 16 }] }],
    },
    candidates: [],
    view: defaultView(),
  };
}

/** @param {Uint8Array} bytes @returns {string} */
export function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {string} text @returns {Uint8Array} */
export function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** @param {Uint8Array} bytes @param {CompressionStream|DecompressionStream} stream @returns {Promise<Uint8Array>} */
async function pipe(bytes, stream) {
  const out = new Response(new Blob([/** @type {BlobPart} */ (bytes)]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** @param {Layout} layout @returns {Promise<string>} the fragment (without '#') that encodes it */
export async function encodeLayout(layout) {
  const json = new TextEncoder().encode(JSON.stringify(layout));
  return FRAGMENT_KEY + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/**
 * Reads a fragment written by encodeLayout; anything else (a foreign fragment, a damaged link) is an
 * error with a message a person can act on, never a half-read layout.
 * @param {string} fragment with or without the leading '#'
 * @returns {Promise<Layout|null>} null when the fragment carries no layout
 */
export async function decodeLayout(fragment) {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!f.startsWith(FRAGMENT_KEY)) return null;
  /** @type {any} */
  let parsed;
  try {
    const bytes = await pipe(fromBase64Url(f.slice(FRAGMENT_KEY.length)), new DecompressionStream('deflate-raw'));
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('the link\'s layout is damaged (it does not decode); was it cut short?');
  }
  if (parsed === null || typeof parsed !== 'object' || parsed.request === null
      || typeof parsed.request !== 'object' || Array.isArray(parsed.request)) {
    throw new Error('the link\'s layout has no request');
  }
  return {
    request: parsed.request,
    candidates: Array.isArray(parsed.candidates) ? parsed.candidates : [],
    view: { ...defaultView(), ...(parsed.view && typeof parsed.view === 'object' ? parsed.view : {}) },
  };
}
