// @ts-check
/** Small DOM helpers shared by the views. */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {Record<string, string>} [attrs] @param {(Node|string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/**
 * @template {keyof SVGElementTagNameMap} K
 * @param {K} tag @param {Record<string, string|number>} [attrs] @returns {SVGElementTagNameMap[K]}
 */
export function svg(tag, attrs = {}) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/**
 * Sizes a canvas's backing store to its CSS box times devicePixelRatio and returns a context drawing in
 * CSS pixels.
 * @param {HTMLCanvasElement} canvas @param {number} cssHeight
 * @returns {{ctx: CanvasRenderingContext2D, width: number, height: number, dpr: number}}
 */
export function fitCanvas(canvas, cssHeight) {
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(1, canvas.clientWidth || canvas.parentElement?.clientWidth || 300);
  canvas.style.height = `${cssHeight}px`;
  const w = Math.round(width * dpr);
  const h = Math.round(cssHeight * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return {ctx, width, height: cssHeight, dpr};
}

/** A short note in place of a view that does not apply. @param {string} text */
export function note(text) {
  return el('p', {class: 'view-note', text});
}

/** Scrolls an element into the viewport when any part of it is outside (probes answer viewport points).
 * @param {Element} e */
export function ensureVisible(e) {
  const r = e.getBoundingClientRect();
  if (r.top < 0 || r.bottom > window.innerHeight || r.left < 0 || r.right > window.innerWidth) {
    e.scrollIntoView({block: 'center', inline: 'nearest'});
  }
}

/**
 * Paints a grid of w x h cells, each `cell` CSS pixels square, from one colour per cell: one ImageData
 * pixel per cell, scaled up without smoothing (no per-cell fill calls).
 * @param {CanvasRenderingContext2D} ctx drawing in CSS pixels
 * @param {number} w @param {number} h @param {number} cell
 * @param {(k: number, rgb: Uint8ClampedArray, at: number) => void} colour writes cell k's RGB at rgb[at..at+2]
 */
export function paintCells(ctx, w, h, cell, colour) {
  const image = new ImageData(w, h);
  for (let k = 0; k < w * h; k++) {
    colour(k, image.data, 4 * k);
    image.data[4 * k + 3] = 255;
  }
  const tile = document.createElement('canvas');
  tile.width = w;
  tile.height = h;
  /** @type {CanvasRenderingContext2D} */ (tile.getContext('2d')).putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, 0, 0, w * cell, h * cell);
}
