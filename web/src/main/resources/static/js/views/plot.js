// @ts-check
/**
 * Position against token index, one line per axis. Zoomed out, each pixel column draws the axis's
 * min–max envelope over its tokens (from the row's pyramid); zoomed in, a line through every token.
 * Visual spans are shaded, a dashed line marks each token where text resumes after a block, and a red
 * line marks the model's max_position_embeddings when known. Compared candidates are drawn over the main
 * plan as thin dark lines (zoomed out: their envelopes' edges), so where they leave it shows at a glance.
 */
import {binMinMax} from '../data/aggregate.js';
import {KIND_COLORS, axisColor} from '../data/colors.js';
import {rowData} from '../data/row-cache.js';
import {kindOf, textResumes} from '../data/row-layout.js';
import {format} from '../data/token-details.js';
import {el, ensureVisible, fitCanvas, note} from './dom.js';
import {reveal, showRange, tokenAt, viewport, zoom} from './viewport.js';
import {bindZoomPan} from './zoom-input.js';

/** @typedef {import('./strip.js').ViewState} ViewState */

const HEIGHT = 260;
/** Dash pattern and its legend mark per compared candidate. */
const CANDIDATE_DASH = [[], [2, 2], [8, 3], [8, 3, 2, 3]];
const CANDIDATE_MARK = ['── thin dark line:', '┈┈ dotted dark line:', '╌╌ dashed dark line:', '─·─ dash-dot dark line:'];
const PAD = {left: 56, right: 10, top: 10, bottom: 22};

/** @param {HTMLElement} container */
export function createPlot(container) {
  const canvas = el('canvas', {tabindex: '0', 'aria-label': 'Position by token: arrows pan, + and − zoom, 0 shows the whole row'});
  const readout = el('div', {class: 'plot-readout', 'data-testid': 'plot-readout', 'aria-live': 'polite'});
  const legend = el('div', {class: 'plot-legend'});
  const button = (/** @type {string} */ label, /** @type {string} */ title, /** @type {() => void} */ action) => {
    const b = el('button', {type: 'button', title, 'aria-label': title, text: label});
    b.addEventListener('click', action);
    return b;
  };
  const root = el('div', {class: 'plot-body'}, [
    el('div', {class: 'view-toolbar'}, [
      button('−', 'Zoom out', () => set(zoom(vp, 0.5, 0.5))),
      button('+', 'Zoom in', () => set(zoom(vp, 2, 0.5))),
      button('Whole row', 'Show the whole row', () => set(showRange(vp, vp.min, vp.max))),
    ]),
    el('div', {class: 'plot-canvas'}, [canvas]), readout, legend,
  ]);
  const empty = note('');
  const wrapper = el('div', {class: 'plot', 'data-testid': 'plot'}, [empty, root]);
  container.replaceChildren(wrapper);

  /** @type {ViewState|null} */ let state = null;
  let vp = viewport(0, 1);
  /** @type {any} */ let shownPlan = null;
  let shownRow = -1;
  let frame = 0;
  /** The mapping of the last draw: token -> x, value -> y (CSS px in the canvas). */
  let map = {x: (/** @type {number} */ i) => i, y: (/** @type {number} */ v) => v};

  const set = (/** @type {import('./viewport.js').Viewport} */ v) => {
    vp = v;
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  };

  function maxPositionEmbeddings() {
    const m = state?.model?.max_position_embeddings ?? state?.plans[0]?.params?.max_position_embeddings;
    return typeof m === 'number' ? m : null;
  }

  function draw() {
    if (!state || state.plans.length === 0) return;
    const plan = state.plans[0];
    const applicable = plan.axes.length > 0;
    root.hidden = !applicable;
    empty.hidden = applicable;
    empty.textContent = `${plan.scheme} plans no position ids; see the camera view.`;
    if (!applicable) return;
    const row = Math.min(state.row, plan.batch - 1);
    const data = rowData(plan, row);
    const first = data.layout.first;
    const {ctx, width} = fitCanvas(canvas, HEIGHT);
    ctx.clearRect(0, 0, width, HEIGHT);
    const plotW = Math.max(1, width - PAD.left - PAD.right);
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const a = Math.floor(vp.start);
    const b = Math.ceil(vp.end);
    const columns = Math.min(Math.round(plotW), b - a);
    const envelope = (vp.end - vp.start) / plotW >= 1;
    const others = candidates(row, data);
    let lo = Infinity;
    let hi = -Infinity;
    const bins = [data, ...others.map((o) => o.data)].map((d) => plan.axes.map((_, axis) => {
      const min = new Float64Array(columns);
      const max = new Float64Array(columns);
      binMinMax(d.values(axis), d.pyramid(axis), a - first, b - first, columns, min, max);
      for (let x = 0; x < columns; x++) {
        lo = Math.min(lo, min[x]);
        hi = Math.max(hi, max[x]);
      }
      return {min, max};
    }));
    const mins = bins[0].map((m) => m.min);
    const maxs = bins[0].map((m) => m.max);
    const mpe = maxPositionEmbeddings();
    const showMpe = mpe !== null && mpe <= hi * 1.5 + 1;
    if (showMpe && mpe !== null) hi = Math.max(hi, mpe);
    if (!(hi > lo)) { hi = lo + 1; lo -= 1; }
    const span = vp.end - vp.start;
    map = {
      x: (i) => PAD.left + (i - vp.start) / span * plotW,
      y: (v) => PAD.top + (1 - (v - lo) / (hi - lo)) * plotH,
    };
    // visual spans shaded, text-resume marks
    for (const s of data.layout.spans) {
      if (s.start + s.length < vp.start || s.start > vp.end) continue;
      ctx.fillStyle = `${KIND_COLORS[kindOf(s.type)]}33`;
      const x0 = Math.max(PAD.left, map.x(s.start));
      ctx.fillRect(x0, PAD.top, Math.min(PAD.left + plotW, map.x(s.start + s.length)) - x0, plotH);
    }
    ctx.setLineDash([3, 3]);
    ctx.strokeStyle = '#555';
    ctx.lineWidth = 1;
    for (const t of textResumes(data.layout)) {
      if (t < vp.start || t >= vp.end) continue;
      const x = Math.round(map.x(t + 0.5)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, PAD.top);
      ctx.lineTo(x, PAD.top + plotH);
      ctx.stroke();
    }
    if (showMpe && mpe !== null) {
      ctx.strokeStyle = '#c00000';
      ctx.beginPath();
      ctx.moveTo(PAD.left, Math.round(map.y(mpe)) + 0.5);
      ctx.lineTo(PAD.left + plotW, Math.round(map.y(mpe)) + 0.5);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    plan.axes.forEach((_, axis) => {
      ctx.strokeStyle = ctx.fillStyle = axisColor(axis);
      if (envelope) {
        ctx.globalAlpha = 0.75;
        for (let x = 0; x < columns; x++) {
          const top = map.y(maxs[axis][x]);
          ctx.fillRect(PAD.left + x * plotW / columns, top, Math.max(1, plotW / columns), Math.max(1, map.y(mins[axis][x]) - top));
        }
        ctx.globalAlpha = 1;
      } else {
        const values = data.values(axis);
        ctx.lineWidth = 1.5;
        ctx.setLineDash(axis % 2 ? [6, 3] : []);
        ctx.beginPath();
        for (let i = a; i < b; i++) {
          const x = map.x(i + 0.5);
          const y = map.y(values[i - first]);
          if (i === a) ctx.moveTo(x, y); else ctx.lineTo(x, y);
        }
        ctx.stroke();
        ctx.setLineDash([]);
        if (plotW / span >= 6) {
          for (let i = a; i < b; i++) ctx.fillRect(map.x(i + 0.5) - 1.5, map.y(values[i - first]) - 1.5, 3, 3);
        }
      }
    });
    others.forEach((o, k) => {
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 1;
      ctx.setLineDash(CANDIDATE_DASH[k % CANDIDATE_DASH.length]);
      plan.axes.forEach((_, axis) => {
        if (envelope) {
          const {min, max} = bins[k + 1][axis];
          for (const edge of [min, max]) {
            ctx.beginPath();
            for (let x = 0; x < columns; x++) {
              const px = PAD.left + (x + 0.5) * plotW / columns;
              if (x === 0) ctx.moveTo(px, map.y(edge[x])); else ctx.lineTo(px, map.y(edge[x]));
            }
            ctx.stroke();
          }
        } else {
          const values = o.data.values(axis);
          ctx.beginPath();
          for (let i = a; i < b; i++) {
            if (i === a) ctx.moveTo(map.x(i + 0.5), map.y(values[i - first]));
            else ctx.lineTo(map.x(i + 0.5), map.y(values[i - first]));
          }
          ctx.stroke();
        }
      });
    });
    ctx.setLineDash([]);
    drawAxes(ctx, lo, hi, plotW, plotH);
    const skipped = state.plans.length - 1 - others.length;
    legend.replaceChildren(...plan.axes.map((name, axis) => el('span', {class: 'legend-item'}, [
      el('span', {class: 'swatch', style: `background:${axisColor(axis)}`}), name])),
    el('span', {class: 'legend-item', text: '┆ text resumes after a block'}),
    el('span', {class: 'legend-item', text: mpe === null ? 'max_position_embeddings unknown'
      : showMpe ? `red line: max_position_embeddings ${mpe.toLocaleString('en')}`
        : `max_position_embeddings ${mpe.toLocaleString('en')} (above the plot)`}),
    ...others.map((o, k) => el('span', {class: 'legend-item', 'data-testid': 'plot-candidate',
      text: `${CANDIDATE_MARK[k % CANDIDATE_MARK.length]} ${o.label}`})),
    ...(skipped > 0 ? [el('span', {class: 'legend-item',
      text: `${skipped} candidate${skipped > 1 ? 's' : ''} not drawn: other axes or row length`})] : []));
    performance.mark('posplan:plot-drawn');
  }

  /**
   * The compared candidates whose row lines up with the main plan's (same axes, same tokens), to draw over it.
   * @param {number} row @param {ReturnType<typeof rowData>} main
   */
  function candidates(row, main) {
    if (!state) return [];
    const plan = state.plans[0];
    return state.plans.slice(1).flatMap((p, k) => {
      if (p.axes.length !== plan.axes.length || p.batch !== plan.batch) return [];
      const data = rowData(p, row);
      if (data.layout.first !== main.layout.first || data.layout.end !== main.layout.end) return [];
      return [{data, label: /** @type {ViewState} */ (state).labels[k + 1] ?? `candidate ${k + 1}`}];
    });
  }

  /** @param {CanvasRenderingContext2D} ctx @param {number} lo @param {number} hi @param {number} plotW @param {number} plotH */
  function drawAxes(ctx, lo, hi, plotW, plotH) {
    ctx.fillStyle = '#333';
    ctx.strokeStyle = '#999';
    ctx.font = '10px system-ui, sans-serif';
    ctx.strokeRect(PAD.left + 0.5, PAD.top + 0.5, plotW, plotH);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    for (let k = 0; k <= 4; k++) {
      const v = lo + (hi - lo) * k / 4;
      ctx.fillText(format(Number(v.toPrecision(4))), PAD.left - 4, map.y(v));
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let k = 0; k <= 4; k++) {
      const t = vp.start + (vp.end - vp.start) * k / 4;
      ctx.fillText(Math.round(t).toLocaleString('en'), PAD.left + plotW * k / 4, PAD.top + plotH + 4);
    }
    ctx.textAlign = 'start';
  }

  function hover(/** @type {number} */ clientX) {
    if (!state || state.plans.length === 0) return;
    const r = canvas.getBoundingClientRect();
    const plan = state.plans[0];
    const frac = (clientX - r.left - PAD.left) / Math.max(1, r.width - PAD.left - PAD.right);
    const i = tokenAt(vp, Math.min(1, Math.max(0, frac)));
    const data = rowData(plan, Math.min(state.row, plan.batch - 1));
    readout.dataset.token = String(i);
    const at = (/** @type {ReturnType<typeof rowData>} */ d) => plan.axes.map((name, axis) =>
      `${name}=${format(d.values(axis)[i - d.layout.first])}`).join('  ');
    const main = at(data);
    const differing = candidates(Math.min(state.row, plan.batch - 1), data)
      .map((o) => ({label: o.label, text: at(o.data)})).filter((o) => o.text !== main);
    readout.textContent = `token ${i.toLocaleString('en')}: ${main}`
      + differing.map((o) => ` | ${o.label}: ${o.text}`).join('');
    return i;
  }

  bindZoomPan(canvas, {
    get: () => vp, set, hover: (x) => hover(x),
    click: (x) => {
      const i = hover(x);
      if (i !== undefined) state?.onSelectToken?.(i);
    },
  });
  const resize = new ResizeObserver(() => set(vp));
  resize.observe(wrapper);

  return {
    /** @param {ViewState} next */
    update(next) {
      state = next;
      if (next.plans.length === 0) return;
      const plan = next.plans[0];
      if (plan !== shownPlan || next.row !== shownRow) {
        const {layout} = rowData(plan, Math.min(next.row, plan.batch - 1));
        vp = viewport(layout.first, layout.end);
        shownPlan = plan;
        shownRow = next.row;
      }
      draw();
    },
    destroy() {
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
      container.replaceChildren();
    },
    /** Viewport point of (token, position on axis), zooming in until single tokens are drawn.
     * @param {number} axis @param {number} token */
    pointFor(axis, token) {
      const plotW = canvas.getBoundingClientRect().width - PAD.left - PAD.right;
      if (plotW / (vp.end - vp.start) < 4) {
        const span = Math.max(vp.minSpan, plotW / 12);
        vp = showRange(vp, token + 0.5 - span / 2, token + 0.5 + span / 2);
      } else {
        vp = reveal(vp, token);
      }
      draw();
      const plan = /** @type {ViewState} */ (state).plans[0];
      const data = rowData(plan, Math.min(/** @type {ViewState} */ (state).row, plan.batch - 1));
      ensureVisible(canvas);
      const r = canvas.getBoundingClientRect();
      return {x: r.left + map.x(token + 0.5), y: r.top + map.y(data.values(axis)[token - data.layout.first])};
    },
  };
}
