// @ts-check
/**
 * Camera rays: for each view of the row, the world direction of every token's ray as an RGB map
 * (R, G, B = x, y, z mapped from [-1, 1]), with the scheme's extra per-token quantity (Plücker moment
 * length, UCPE latitude) on viridis; for GTA, which carries poses only, each camera's forward axis and
 * centre, and a top-down sketch of the cameras.
 */
import {cameraViews} from '../data/camera-rays.js';
import {viridisCss, viridisInto} from '../data/colors.js';
import {format} from '../data/token-details.js';
import {el, fitCanvas, note, paintCells, svg} from './dom.js';

/** @typedef {import('./strip.js').ViewState} ViewState */
/** @typedef {import('../data/camera-rays.js').CameraView} CameraView */

const MAP_PX = 160;

/** @param {HTMLElement} container */
export function createCameraView(container) {
  const body = el('div', {class: 'camera-views'});
  const readout = el('div', {class: 'camera-readout', 'data-testid': 'camera-readout', 'aria-live': 'polite'});
  const root = el('div', {class: 'camera-view', 'data-testid': 'camera-view'}, [body, readout]);
  container.replaceChildren(root);
  /** @type {any} */ let shown = null;
  let shownRow = -1;

  /** @param {import('../data/plan-data.js').PlanData} plan @param {number} row */
  function render(plan, row) {
    const views = cameraViews(plan, row);
    if (views.length === 0) {
      body.replaceChildren(note('Not applicable: this plan has no camera tensors.'));
      readout.textContent = '';
      return;
    }
    readout.textContent = views[0].dirs
      ? 'Colour = world ray direction: R = x, G = y, B = z, each mapped from [−1, 1] (OpenCV axes: x right, y down, z forward). Hover a cell for its values.'
      : `${plan.scheme} carries camera poses, not per-token rays: each view's forward axis and centre.`;
    body.replaceChildren(...views.map((v) => v.dirs ? rayFigure(v) : poseFigure(v)));
    if (!views[0].dirs) body.append(topDown(views));
  }

  /** @param {CameraView} v */
  function rayFigure(v) {
    const cell = Math.max(2, Math.min(24, Math.floor(MAP_PX / Math.max(v.h, v.w))));
    const dirs = /** @type {Float32Array} */ (v.dirs);
    const canvas = el('canvas', {'aria-label': `Ray directions of ${v.label}`});
    canvas.style.width = `${v.w * cell}px`;
    const maps = [canvas];
    /** @type {HTMLCanvasElement|null} */ let scalarCanvas = null;
    if (v.scalar) {
      scalarCanvas = el('canvas', {'aria-label': `${v.scalar.name} of ${v.label}`});
      scalarCanvas.style.width = `${v.w * cell}px`;
      maps.push(scalarCanvas);
    }
    const fig = el('figure', {class: 'camera-figure'}, [el('figcaption', {text: `${v.label} (token span ${v.span}, ${v.h}×${v.w})`}),
      el('div', {class: 'camera-maps'}, maps)]);
    requestAnimationFrame(() => {
      paintCells(fitCanvas(canvas, v.h * cell).ctx, v.w, v.h, cell, (c, rgb, at) => {
        for (let j = 0; j < 3; j++) rgb[at + j] = Number.isNaN(dirs[3 * c]) ? 128 : Math.round((dirs[3 * c + j] + 1) * 127.5);
      });
      if (scalarCanvas && v.scalar) {
        const s = v.scalar.values;
        let lo = Infinity;
        let hi = -Infinity;
        for (const x of s) if (Number.isFinite(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        paintCells(fitCanvas(scalarCanvas, v.h * cell).ctx, v.w, v.h, cell,
          (c, rgb, at) => viridisInto(hi > lo ? (s[c] - lo) / (hi - lo) : 0.5, rgb, at));
        fig.append(el('div', {class: 'heatmap-scale'}, [el('span', {text: `${v.scalar.name}: ${format(lo)}`}),
          el('span', {class: 'scale-bar', style: `background: linear-gradient(to right, ${[0, 0.5, 1].map(viridisCss).join(', ')})`}),
          el('span', {text: format(hi)})]));
      }
    });
    const hover = (/** @type {PointerEvent} */ e) => {
      const r = /** @type {HTMLElement} */ (e.target).getBoundingClientRect();
      const c = Math.floor((e.clientX - r.left) / cell);
      const h = Math.floor((e.clientY - r.top) / cell);
      if (c < 0 || c >= v.w || h < 0 || h >= v.h) return;
      const k = h * v.w + c;
      readout.textContent = `${v.label}, cell h=${h} w=${c}: direction (${[0, 1, 2].map((j) => format(dirs[3 * k + j])).join(', ')})`
        + (v.scalar ? `, ${v.scalar.name} ${format(v.scalar.values[k])}` : '');
    };
    for (const m of maps) m.addEventListener('pointermove', hover);
    return fig;
  }

  return {
    /** @param {ViewState} next */
    update(next) {
      const plan = next.plans[0];
      if (!plan) return;
      const row = Math.min(next.row, plan.batch - 1);
      if (plan !== shown || row !== shownRow) {
        shown = plan;
        shownRow = row;
        render(plan, row);
      }
    },
    destroy() {
      container.replaceChildren();
    },
  };
}

/** @param {CameraView} v */
function poseFigure(v) {
  const f = /** @type {number[]} */ (v.forward);
  const c = /** @type {number[]} */ (v.centre);
  const swatch = `rgb(${f.map((x) => Math.round((x + 1) * 127.5)).join(',')})`;
  return el('figure', {class: 'camera-figure'}, [
    el('figcaption', {text: `${v.label} (token span ${v.span}, ${v.h}×${v.w})`}),
    el('div', {class: 'camera-pose'}, [el('span', {class: 'swatch swatch-large', style: `background:${swatch}`}),
      el('span', {text: `forward (${f.map(format).join(', ')}) · centre (${c.map(format).join(', ')})`})]),
  ]);
}

/** Cameras seen from above (world x to the right, z up the page): centre dots and forward arrows.
 * @param {CameraView[]} views */
function topDown(views) {
  const size = 220;
  const points = views.flatMap((v) => [v.centre ?? [0, 0, 0]]);
  const extent = Math.max(1, ...points.flatMap((p) => [Math.abs(p[0]), Math.abs(p[2])])) * 1.6;
  const at = (/** @type {number} */ x, /** @type {number} */ z) => [size / 2 + x / extent * size / 2, size / 2 - z / extent * size / 2];
  const root = svg('svg', {viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: 'img',
    'aria-label': 'Cameras seen from above: world x to the right, z up'});
  root.append(svg('rect', {x: 0, y: 0, width: size, height: size, class: 'camera-ground'}));
  views.forEach((v) => {
    const c = /** @type {number[]} */ (v.centre);
    const f = /** @type {number[]} */ (v.forward);
    const [x0, y0] = at(c[0], c[2]);
    const [x1, y1] = at(c[0] + f[0] * extent / 4, c[2] + f[2] * extent / 4);
    root.append(svg('line', {x1: x0, y1: y0, x2: x1, y2: y1, class: 'camera-arrow'}),
      svg('circle', {cx: x0, cy: y0, r: 4, class: 'camera-centre'}));
    const t = svg('text', {x: x0 + 6, y: y0 - 6, class: 'camera-label'});
    t.textContent = v.label;
    root.append(t);
  });
  return el('figure', {class: 'camera-figure'}, [el('figcaption', {text: 'Seen from above (x →, z ↑)'}), root]);
}
