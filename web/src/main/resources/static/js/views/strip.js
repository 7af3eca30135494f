// @ts-check
/**
 * The token strip: one lane of modality colours and one lane per axis (the position's colour on viridis,
 * a bin's minimum above its maximum), a diff lane when comparing. Zoomed out, each device pixel column
 * is a bin summarised from the row's pyramid; zoomed in, each token is a tile. Never a DOM node per token.
 */
import {binCounts, binKinds, binMinMax, nextSet, prefixCount} from '../data/aggregate.js';
import {DIFF_COLOR, KIND_COLORS, luminance, viridisInto} from '../data/colors.js';
import {rowData} from '../data/row-cache.js';
import {KINDS, kindAt} from '../data/row-layout.js';
import {format, tokenDetails} from '../data/token-details.js';
import {el, ensureVisible, fitCanvas} from './dom.js';
import {reveal, showRange, tokenAt, viewport, zoom} from './viewport.js';
import {bindZoomPan} from './zoom-input.js';

/** @typedef {import('../data/plan-data.js').PlanData} PlanData */
/** @typedef {{plans: PlanData[], labels: string[], row: number, model?: any, selectedToken?: number|null,
 *             onSelectToken?: (i: number) => void, diff?: Uint8Array|null,
 *             onViewport?: (range: [number, number]|null) => void}} ViewState */

const DIFF_H = 6;
const KIND_H = 30;
const AXIS_H = 14;
const GAP = 2;
const TICKS_H = 16;
/** At this many CSS pixels per token the tiles carry their index and positions. */
const LABEL_PX = 40;

/** @param {HTMLElement} container */
export function createStrip(container) {
  const canvas = el('canvas', {tabindex: '0', 'aria-label': 'Token strip: arrows pan, + and − zoom, 0 shows the whole row, Home/End jump'});
  const details = el('div', {class: 'hover-details', 'data-testid': 'hover-details', 'aria-live': 'polite',
    text: 'Hover the strip for a token’s span, grid cell and positions; click to select it.'});
  const range = el('span', {class: 'strip-range'});
  const button = (/** @type {string} */ label, /** @type {string} */ title, /** @type {() => void} */ action) => {
    const b = el('button', {type: 'button', title, 'aria-label': title, text: label});
    b.addEventListener('click', action);
    return b;
  };
  const firstDiff = button('First difference', 'Jump to the first token where a candidate differs', () => jumpDiff(-1));
  const nextDiff = button('Next difference', 'Jump to the next differing token', () => jumpDiff(current));
  const legend = el('div', {class: 'strip-legend'});
  const root = el('div', {class: 'strip', 'data-testid': 'strip'}, [
    el('div', {class: 'view-toolbar'}, [
      button('−', 'Zoom out', () => setViewport(zoom(vp, 0.5, 0.5))),
      button('+', 'Zoom in', () => setViewport(zoom(vp, 2, 0.5))),
      button('Whole row', 'Show the whole row', () => setViewport(showRange(vp, vp.min, vp.max))),
      firstDiff, nextDiff, range,
    ]),
    el('div', {class: 'strip-canvas'}, [canvas]),
    details, legend,
  ]);
  container.replaceChildren(root);

  /** @type {ViewState|null} */
  let state = null;
  let vp = viewport(0, 1);
  /** @type {PlanData|null} */ let shownPlan = null;
  let shownRow = -1;
  /** @type {Int32Array|null} */ let diffPrefix = null;
  /** @type {Uint8Array|null} */ let diffFor = null;
  let current = -1;
  let frame = 0;
  /** Scratch arrays reused across draws (one entry per device pixel column). */
  let scratch = allocate(0);

  function setViewport(/** @type {import('./viewport.js').Viewport} */ next) {
    vp = next;
    schedule();
    announce();
  }

  /** Tells the page what the person zoomed to (null: the whole row), so a shared link shows the same. */
  function announce() {
    const whole = vp.start <= vp.min && vp.end >= vp.max;
    state?.onViewport?.(whole ? null : [Math.floor(vp.start), Math.ceil(vp.end)]);
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }

  function jumpDiff(/** @type {number} */ after) {
    if (!state?.diff) return;
    const local = nextSet(state.diff, after < 0 ? -1 : after - vp.min);
    if (local < 0) return;
    select(local + vp.min);
    const width = Math.max(vp.minSpan, Math.min(vp.end - vp.start, 200));
    vp = showRange(vp, local + vp.min - width / 2, local + vp.min + width / 2);
    draw();
    announce();
  }

  function select(/** @type {number} */ i) {
    current = i;
    state?.onSelectToken?.(i);
  }

  function draw() {
    if (!state || state.plans.length === 0) return;
    const plan = state.plans[0];
    const row = Math.min(state.row, plan.batch - 1);
    const data = rowData(plan, row);
    const axes = Math.min(plan.axes.length, 6);
    const height = DIFF_H + GAP + KIND_H + axes * (AXIS_H + GAP) + TICKS_H;
    const {ctx, width, dpr} = fitCanvas(canvas, height);
    ctx.clearRect(0, 0, width, height);
    const columns = Math.round(width * dpr);
    const tokensPerColumn = (vp.end - vp.start) / columns;
    if (tokensPerColumn >= 1) {
      drawBins(ctx, data, columns, axes, dpr, height);
    } else {
      drawTiles(ctx, plan, data, width, axes);
    }
    drawSelection(ctx, width, height);
    drawTicks(ctx, width, height);
    range.textContent = `tokens ${Math.floor(vp.start).toLocaleString('en')}–${Math.ceil(vp.end).toLocaleString('en')}`
      + ` of ${(vp.max - vp.min).toLocaleString('en')}`;
    performance.mark('posplan:strip-drawn');
  }

  /**
   * @param {CanvasRenderingContext2D} ctx @param {import('../data/row-cache.js').RowData} data
   * @param {number} columns @param {number} axes @param {number} dpr @param {number} height
   */
  function drawBins(ctx, data, columns, axes, dpr, height) {
    if (scratch.kind.length < columns) scratch = allocate(columns);
    const {kind, mixed, min, max, diff} = scratch;
    const first = data.layout.first;
    const a = Math.floor(vp.start);
    const b = Math.ceil(vp.end);
    binKinds(data.layout, a, b, columns, kind, mixed);
    const image = ctx.createImageData(columns, Math.round(height * dpr));
    const px = image.data;
    const rgb = KIND_COLORS.map(hexRgb);
    const fill = (/** @type {number} */ x, /** @type {number} */ y0, /** @type {number} */ y1, /** @type {ArrayLike<number>} */ c) => {
      for (let y = Math.round(y0 * dpr); y < Math.round(y1 * dpr); y++) {
        const o = (y * columns + x) * 4;
        px[o] = c[0]; px[o + 1] = c[1]; px[o + 2] = c[2]; px[o + 3] = 255;
      }
    };
    const top = DIFF_H + GAP;
    for (let x = 0; x < columns; x++) {
      fill(x, top, top + KIND_H, rgb[kind[x]]);
      if (mixed[x]) fill(x, top, top + 4, [0, 0, 0]);
    }
    if (state?.diff && diffPrefix) {
      binCounts(diffPrefix, a - first, b - first, columns, diff);
      const c = hexRgb(DIFF_COLOR);
      for (let x = 0; x < columns; x++) if (diff[x] > 0) fill(x, 0, DIFF_H, c);
    }
    const color = new Uint8ClampedArray(3);
    for (let axis = 0; axis < axes; axis++) {
      const {min: lo, max: hi} = data.range(axis);
      const scale = hi > lo ? 1 / (hi - lo) : 0;
      binMinMax(data.values(axis), data.pyramid(axis), a - first, b - first, columns, min, max);
      const y = top + KIND_H + GAP + axis * (AXIS_H + GAP);
      for (let x = 0; x < columns; x++) {
        viridisInto((min[x] - lo) * scale, color, 0);
        fill(x, y, y + AXIS_H / 2, color);
        viridisInto((max[x] - lo) * scale, color, 0);
        fill(x, y + AXIS_H / 2, y + AXIS_H, color);
      }
    }
    ctx.putImageData(image, 0, 0);
    labelAxes(ctx, axes);
  }

  /**
   * @param {CanvasRenderingContext2D} ctx @param {PlanData} plan
   * @param {import('../data/row-cache.js').RowData} data @param {number} width @param {number} axes
   */
  function drawTiles(ctx, plan, data, width, axes) {
    const perToken = width / (vp.end - vp.start);
    const first = data.layout.first;
    const top = DIFF_H + GAP;
    const gap = perToken >= 6 ? 1 : 0;
    const color = new Uint8ClampedArray(3);
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (let i = Math.floor(vp.start); i < Math.ceil(vp.end); i++) {
      const x = (i - vp.start) * perToken;
      const kind = kindAt(data.layout, i);
      ctx.fillStyle = KIND_COLORS[kind];
      ctx.fillRect(x, top, perToken - gap, KIND_H);
      if (state?.diff?.[i - first]) {
        ctx.fillStyle = DIFF_COLOR;
        ctx.fillRect(x, 0, perToken - gap, DIFF_H);
      }
      for (let axis = 0; axis < axes; axis++) {
        const {min: lo, max: hi} = data.range(axis);
        const v = data.values(axis)[i - first];
        viridisInto(hi > lo ? (v - lo) / (hi - lo) : 0, color, 0);
        ctx.fillStyle = `rgb(${color[0]},${color[1]},${color[2]})`;
        const y = top + KIND_H + GAP + axis * (AXIS_H + GAP);
        ctx.fillRect(x, y, perToken - gap, AXIS_H);
        if (perToken >= LABEL_PX) {
          ctx.fillStyle = color[1] > 150 ? '#000' : '#fff';
          ctx.fillText(format(v), x + 2, y + AXIS_H / 2, perToken - 4);
        }
      }
      if (perToken >= LABEL_PX) {
        ctx.fillStyle = luminance(KIND_COLORS[kind]) < 0.2 ? '#fff' : '#000';
        ctx.fillText(String(i), x + 2, top + KIND_H / 2, perToken - 4);
      }
    }
    labelAxes(ctx, axes, plan);
  }

  /** @param {CanvasRenderingContext2D} ctx @param {number} axes @param {PlanData} [plan] */
  function labelAxes(ctx, axes, plan = state?.plans[0]) {
    if (!plan) return;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (let axis = 0; axis < axes; axis++) {
      const y = DIFF_H + GAP + KIND_H + GAP + axis * (AXIS_H + GAP) + AXIS_H / 2;
      const name = plan.axes[axis];
      const w = ctx.measureText(name).width + 6;
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.fillRect(0, y - 6, w, 12);
      ctx.fillStyle = '#000';
      ctx.fillText(name, 3, y);
    }
  }

  /** @param {CanvasRenderingContext2D} ctx @param {number} width @param {number} height */
  function drawSelection(ctx, width, height) {
    const i = state?.selectedToken ?? -1;
    if (i < vp.start - 1 || i >= vp.end) return;
    const perToken = width / (vp.end - vp.start);
    const x = (i - vp.start) * perToken;
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#000';
    ctx.strokeRect(x - 1, 1, Math.max(2, perToken) + 2, height - TICKS_H - 1);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1;
    ctx.strokeRect(x - 2.5, 0.5, Math.max(2, perToken) + 5, height - TICKS_H + 1);
  }

  /** @param {CanvasRenderingContext2D} ctx @param {number} width @param {number} height */
  function drawTicks(ctx, width, height) {
    const span = vp.end - vp.start;
    const step = niceStep(span / Math.max(1, width / 90));
    ctx.fillStyle = '#444';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    for (let t = Math.ceil(vp.start / step) * step; t < vp.end; t += step) {
      const x = (t - vp.start) / span * width;
      ctx.fillRect(x, height - TICKS_H, 1, 4);
      ctx.fillText(t.toLocaleString('en'), x + 2, height - TICKS_H + 4);
    }
  }

  function hover(/** @type {number} */ clientX) {
    if (!state || state.plans.length === 0) return;
    const r = canvas.getBoundingClientRect();
    const i = tokenAt(vp, (clientX - r.left) / r.width);
    const row = Math.min(state.row, state.plans[0].batch - 1);
    const d = tokenDetails(state.plans, state.labels, row, rowData(state.plans[0], row).layout, i);
    details.dataset.token = String(i);
    details.dataset.positions = JSON.stringify(d.positions);
    details.textContent = d.text;
    return i;
  }

  bindZoomPan(canvas, {
    get: () => vp,
    set: setViewport,
    hover: (x) => hover(x),
    click: (x) => {
      const i = hover(x);
      if (i !== undefined) select(i);
    },
  });
  const resize = new ResizeObserver(() => schedule());
  resize.observe(root);

  return {
    /** @param {ViewState} next */
    update(next) {
      state = next;
      if (next.plans.length === 0) {
        details.textContent = 'No plan yet.';
        return;
      }
      const plan = next.plans[0];
      if (plan !== shownPlan || next.row !== shownRow) {
        const {layout} = rowData(plan, Math.min(next.row, plan.batch - 1));
        vp = viewport(layout.first, layout.end);
        shownPlan = plan;
        shownRow = next.row;
        legend.replaceChildren(...legendItems(layout));
      }
      if (next.diff !== diffFor) {
        diffFor = next.diff ?? null;
        diffPrefix = diffFor ? prefixCount(diffFor) : null;
      }
      const anyDiff = !!diffPrefix && diffPrefix[diffPrefix.length - 1] > 0;
      firstDiff.hidden = nextDiff.hidden = !next.diff;
      firstDiff.disabled = nextDiff.disabled = !anyDiff;
      if (next.selectedToken != null) current = next.selectedToken;
      draw();
    },
    destroy() {
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
      container.replaceChildren();
    },
    /** Viewport x of token i's centre, zooming so the token is at least 8 px wide and visible.
     * @param {number} i */
    clientXForToken(i) {
      const width = canvas.getBoundingClientRect().width;
      if (width / (vp.end - vp.start) < 8) {
        const span = Math.max(vp.minSpan, width / 12);
        vp = showRange(vp, i + 0.5 - span / 2, i + 0.5 + span / 2);
      } else {
        vp = reveal(vp, i);
      }
      draw();
      ensureVisible(canvas);
      const r = canvas.getBoundingClientRect();
      return r.left + (i + 0.5 - vp.start) / (vp.end - vp.start) * r.width;
    },
    /** @param {number} start @param {number} end */
    zoomTo(start, end) {
      vp = showRange(vp, start, end);
      draw();
    },
  };
}

/** @param {import('../data/row-layout.js').RowLayout} layout */
function legendItems(layout) {
  const counts = new Array(KINDS.length).fill(0);
  for (let s = 0; s < layout.segStart.length; s++) {
    const end = s + 1 < layout.segStart.length ? layout.segStart[s + 1] : layout.end;
    counts[layout.segKind[s]] += Math.max(0, Math.min(end, layout.end) - Math.max(layout.segStart[s], layout.first));
  }
  return KINDS.flatMap((name, k) => counts[k] === 0 ? [] : [el('span', {class: 'legend-item'}, [
    el('span', {class: 'swatch', style: `background:${KIND_COLORS[k]}`}),
    `${name} ${counts[k].toLocaleString('en')}`,
  ])]).concat([el('span', {class: 'legend-item'}, [
    el('span', {class: 'swatch swatch-mixed'}), 'black top edge: bin mixes kinds; axis lanes: viridis, bin min above max',
  ])]);
}

/** @param {number} columns */
function allocate(columns) {
  return {kind: new Uint8Array(columns), mixed: new Uint8Array(columns), min: new Float64Array(columns),
    max: new Float64Array(columns), diff: new Int32Array(columns)};
}

/** @param {string} hex @returns {number[]} */
function hexRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [n >> 16 & 255, n >> 8 & 255, n & 255];
}

/** A 1-2-5 step near `raw`. @param {number} raw */
function niceStep(raw) {
  const p = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const f = raw / p;
  return Math.max(1, (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p);
}
