// @ts-check
/**
 * Wheel, drag and keyboard zoom/pan over a canvas showing a token viewport (shared by the strip and the
 * plot): wheel zooms about the pointer (horizontal wheel pans), drag pans, a click without movement
 * selects, arrows pan, + and − zoom, 0 shows everything, Home/End jump to the ends.
 */
import {pan, showRange, zoom} from './viewport.js';

/** @typedef {import('./viewport.js').Viewport} Viewport */

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{get: () => Viewport, set: (v: Viewport) => void, hover: (clientX: number, clientY: number) => void,
 *          click: (clientX: number, clientY: number) => void}} handlers
 */
export function bindZoomPan(canvas, handlers) {
  /** @type {{x: number, start: number, moved: boolean}|null} */
  let drag = null;
  const width = () => canvas.getBoundingClientRect().width || 1;
  canvas.addEventListener('pointerdown', (e) => {
    drag = {x: e.clientX, start: handlers.get().start, moved: false};
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (drag && (drag.moved || Math.abs(e.clientX - drag.x) > 3)) {
      drag.moved = true;
      const v = handlers.get();
      const s = drag.start - (e.clientX - drag.x) * (v.end - v.start) / width();
      handlers.set(showRange(v, s, s + (v.end - v.start)));
    } else {
      handlers.hover(e.clientX, e.clientY);
    }
  });
  canvas.addEventListener('pointerup', (e) => {
    if (drag && !drag.moved) handlers.click(e.clientX, e.clientY);
    drag = null;
  });
  canvas.addEventListener('pointercancel', () => { drag = null; });
  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    const v = handlers.get();
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      handlers.set(pan(v, e.deltaX / width() * (v.end - v.start)));
    } else {
      handlers.set(zoom(v, Math.exp(-e.deltaY * 0.002), (e.clientX - canvas.getBoundingClientRect().left) / width()));
    }
  }, {passive: false});
  canvas.addEventListener('keydown', (e) => {
    const v = handlers.get();
    const w = v.end - v.start;
    /** @type {Record<string, () => Viewport>} */
    const keys = {
      ArrowLeft: () => pan(v, -w / 10), ArrowRight: () => pan(v, w / 10),
      '+': () => zoom(v, 2, 0.5), '=': () => zoom(v, 2, 0.5), '-': () => zoom(v, 0.5, 0.5),
      '0': () => showRange(v, v.min, v.max),
      Home: () => showRange(v, v.min, v.min + w), End: () => showRange(v, v.max - w, v.max),
    };
    if (keys[e.key]) {
      e.preventDefault();
      handlers.set(keys[e.key]());
    }
  });
}
