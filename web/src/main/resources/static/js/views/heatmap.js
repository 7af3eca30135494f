// @ts-check
/**
 * Heat maps of a visual block: for the chosen span of the row and frame, one map per axis over the
 * merged (h, w) grid, coloured with viridis over the span's range on that axis (all frames, so frames
 * compare), with a legend, a frame stepper for videos and a readout of the hovered cell.
 */
import {viridisCss, viridisInto} from '../data/colors.js';
import {rowData} from '../data/row-cache.js';
import {tokenOfCell} from '../data/row-layout.js';
import {format, shortestFloat32} from '../data/token-details.js';
import {el, ensureVisible, fitCanvas, note, paintCells} from './dom.js';

/** @typedef {import('./strip.js').ViewState} ViewState */
/** @typedef {import('../data/plan-data.js').Span} Span */

/** Map sides in CSS pixels: the maps of all axes share the view's width, within these bounds. */
const MAP_MIN_PX = 90;
const MAP_MAX_PX = 220;

/** @param {HTMLElement} container */
export function createHeatmap(container) {
  const spanSelect = el('select', {'aria-label': 'Visual block'});
  const frameInput = el('input', {type: 'range', min: '0', max: '0', value: '0', 'aria-label': 'Frame'});
  const frameLabel = el('span', {class: 'frame-label'});
  const prev = el('button', {type: 'button', text: '◀', title: 'Previous frame', 'aria-label': 'Previous frame'});
  const next = el('button', {type: 'button', text: '▶', title: 'Next frame', 'aria-label': 'Next frame'});
  const maps = el('div', {class: 'heatmap-maps'});
  const readout = el('div', {class: 'heatmap-readout', 'data-testid': 'heatmap-readout', 'aria-live': 'polite',
    text: 'Hover a cell for its position.'});
  const perFrame = el('input', {type: 'checkbox'});
  const stepper = el('span', {class: 'frame-stepper'}, [prev, frameInput, next, frameLabel,
    el('label', {title: 'Colour each frame over its own range, not the whole block'}, [perFrame, ' scale per frame'])]);
  const toolbar = el('div', {class: 'view-toolbar'}, [el('label', {}, ['Block ', spanSelect]), stepper]);
  const root = el('div', {class: 'heatmap', 'data-testid': 'heatmap'}, [toolbar, maps, readout]);
  container.replaceChildren(root);

  /** @type {ViewState|null} */ let state = null;
  /** Indices (into the row's sequence spans) of the spans with a grid. */
  /** @type {number[]} */ let visual = [];
  let spanIndex = -1;
  let frame = 0;
  /** @type {{canvas: HTMLCanvasElement, cell: number}[]} */ let canvases = [];

  const rowOf = () => {
    const plan = /** @type {ViewState} */ (state).plans[0];
    return Math.min(/** @type {ViewState} */ (state).row, plan.batch - 1);
  };
  const spanOf = (/** @type {number} */ k) => {
    const plan = /** @type {ViewState} */ (state).plans[0];
    return /** @type {Span} */ (plan.sequences[rowOf()].spans[k]);
  };

  spanSelect.addEventListener('change', () => show(Number(spanSelect.value), 0));
  frameInput.addEventListener('input', () => show(spanIndex, Number(frameInput.value)));
  perFrame.addEventListener('change', () => draw());
  prev.addEventListener('click', () => show(spanIndex, frame - 1));
  next.addEventListener('click', () => show(spanIndex, frame + 1));

  /** @param {number} k @param {number} f */
  function show(k, f) {
    if (!state || !visual.includes(k)) return;
    const span = spanOf(k);
    const grid = /** @type {number[]} */ (span.grid);
    spanIndex = k;
    frame = Math.min(grid[0] - 1, Math.max(0, f));
    spanSelect.value = String(k);
    frameInput.max = String(grid[0] - 1);
    frameInput.value = String(frame);
    stepper.hidden = grid[0] < 2;
    // InternVL-style images count tiles where videos count frames
    frameLabel.textContent = `${span.type === 'video' ? 'frame' : 'tile'} ${frame + 1} / ${grid[0]}`;
    draw();
  }

  function draw() {
    if (!state) return;
    const plan = state.plans[0];
    const data = rowData(plan, rowOf());
    const span = spanOf(spanIndex);
    const [, h, w] = /** @type {number[]} */ (span.grid);
    const mapPx = Math.min(MAP_MAX_PX, Math.max(MAP_MIN_PX, (root.clientWidth - 16 * plan.axes.length) / plan.axes.length));
    const cell = Math.max(2, Math.min(24, Math.floor(mapPx / Math.max(h, w))));
    if (canvases.length !== plan.axes.length || maps.childElementCount === 0) buildMaps(plan.axes);
    const color = new Uint8ClampedArray(3);
    plan.axes.forEach((name, axis) => {
      const {canvas} = canvases[axis];
      canvases[axis].cell = cell;
      const values = data.values(axis);
      const base = tokenOfCell(span, frame, 0, 0) - data.layout.first;
      const first = perFrame.checked ? base : span.start - data.layout.first;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = first; i < first + (perFrame.checked ? h * w : span.length); i++) {
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
      canvas.style.width = `${w * cell}px`;
      const {ctx} = fitCanvas(canvas, h * cell);
      const labels = cell >= 18;
      ctx.font = `${Math.min(11, cell / 2)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      paintCells(ctx, w, h, cell, (k, rgb, at) => viridisInto(hi > lo ? (values[base + k] - lo) / (hi - lo) : 0.5, rgb, at));
      if (labels) {
        for (let k = 0; k < h * w; k++) {
          const v = values[base + k];
          viridisInto(hi > lo ? (v - lo) / (hi - lo) : 0.5, color, 0);
          ctx.fillStyle = color[1] > 150 ? '#000' : '#fff';
          ctx.fillText(format(v), (k % w + 0.5) * cell, (Math.floor(k / w) + 0.5) * cell, cell - 2);
        }
      }
      const caption = /** @type {HTMLElement} */ (canvas.parentElement?.querySelector('.heatmap-scale'));
      caption.replaceChildren(el('span', {text: format(lo)}),
        el('span', {class: 'scale-bar', style: `background: linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(viridisCss).join(', ')})`}),
        el('span', {text: format(hi)}));
      const title = /** @type {HTMLElement} */ (canvas.parentElement?.querySelector('.heatmap-axis'));
      title.textContent = `${name}`;
    });
    performance.mark('posplan:heatmap-drawn');
  }

  /** @param {string[]} axes */
  function buildMaps(axes) {
    canvases = axes.map((_, axis) => {
      const canvas = el('canvas', {'aria-label': `Positions on axis ${axes[axis]} over the block's grid`});
      canvas.addEventListener('pointermove', (e) => hover(axis, e));
      return {canvas, cell: 1};
    });
    maps.replaceChildren(...canvases.map(({canvas}) => el('figure', {class: 'heatmap-map'}, [
      el('figcaption', {class: 'heatmap-axis'}), canvas, el('div', {class: 'heatmap-scale'})])));
  }

  /** @param {number} axis @param {PointerEvent} e */
  function hover(axis, e) {
    if (!state) return;
    const {canvas, cell} = canvases[axis];
    const r = canvas.getBoundingClientRect();
    const span = spanOf(spanIndex);
    const [, h, w] = /** @type {number[]} */ (span.grid);
    const c = Math.floor((e.clientX - r.left) / cell);
    const rr = Math.floor((e.clientY - r.top) / cell);
    if (c < 0 || c >= w || rr < 0 || rr >= h) return;
    const plan = state.plans[0];
    const data = rowData(plan, rowOf());
    const token = tokenOfCell(span, frame, rr, c);
    const v = data.values(axis)[token - data.layout.first];
    const value = plan.positions instanceof Float32Array ? shortestFloat32(v) : v;
    readout.dataset.value = JSON.stringify(value);
    readout.dataset.token = String(token);
    readout.textContent = `${span.type} span ${spanIndex}, ${span.type === 'video' ? 'frame' : 'tile'} ${frame}, `
      + `h=${rr}, w=${c} (token ${token}): `
      + `${plan.axes[axis]} = ${format(v)}`;
  }

  return {
    /** @param {ViewState} next */
    update(next) {
      state = next;
      const plan = next.plans[0];
      const spans = plan ? plan.sequences[Math.min(next.row, plan.batch - 1)]?.spans ?? [] : [];
      const wanted = spans.flatMap((s, k) =>
        (s.grid && s.grid.length === 3 && s.grid[0] * s.grid[1] * s.grid[2] === s.length ? [k] : []));
      if (!plan || wanted.length === 0 || plan.axes.length === 0) {
        visual = [];
        maps.replaceChildren(note(plan && plan.axes.length === 0
          ? 'This scheme plans no position ids; see the camera view.' : 'No visual block in this row.'));
        toolbar.hidden = readout.hidden = true;
        return;
      }
      toolbar.hidden = readout.hidden = false;
      const changed = wanted.join() !== visual.join();
      visual = wanted;
      if (changed) {
        spanSelect.replaceChildren(...visual.map((k) => {
          const s = spans[k];
          return el('option', {value: String(k),
            text: `${s.type} ${k}: grid ${s.grid?.join('×')} at token ${s.start.toLocaleString('en')}`});
        }));
        maps.replaceChildren();
      }
      show(changed || !visual.includes(spanIndex) ? visual[0] : spanIndex, changed ? 0 : frame);
    },
    destroy() {
      container.replaceChildren();
    },
    /** Viewport centre of a cell's square in the map of an axis (switching span and frame as needed).
     * @param {number} k index into the row's spans @param {number} f @param {number} h @param {number} w
     * @param {number} axis */
    cellCenter(k, f, h, w, axis) {
      if (k !== spanIndex || f !== frame) show(k, f);
      const {canvas, cell} = canvases[axis];
      ensureVisible(canvas);
      const r = canvas.getBoundingClientRect();
      return {x: r.left + (w + 0.5) * cell, y: r.top + (h + 0.5) * cell};
    },
  };
}
