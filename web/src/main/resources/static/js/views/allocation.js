// @ts-check
/**
 * The frequency allocation as SVG: a band of every rotary pair (or KV head) coloured by the axis it
 * reads, and each pair's inv_freq as a bar on a log scale. Every pair (and head) is an element a person
 * can hover and a test can read.
 */
import {NOT_ROTATED, NO_POSITION, allocationModel, axisName} from '../data/allocation-model.js';
import {axisColor} from '../data/colors.js';
import {format, shortestFloat32} from '../data/token-details.js';
import {el, note, svg} from './dom.js';

/** @typedef {import('./strip.js').ViewState} ViewState */

const LEFT = 48;
const BAND = {y: 8, h: 24};
const BARS = {y: 44, h: 140};
const H = BARS.y + BARS.h + 22;

/** @param {number} code */
function colorOf(code) {
  return code === NOT_ROTATED ? '#eeeeee' : code === NO_POSITION ? '#9e9e9e' : axisColor(code);
}

/** @param {HTMLElement} container */
export function createAllocation(container) {
  const readout = el('div', {class: 'alloc-readout', 'data-testid': 'alloc-readout', 'aria-live': 'polite',
    text: 'Hover a pair for its axis and inv_freq.'});
  const figure = el('div', {class: 'alloc-figure'});
  const legend = el('div', {class: 'alloc-legend'});
  const root = el('div', {class: 'allocation', 'data-testid': 'allocation'}, [figure, readout, legend]);
  container.replaceChildren(root);
  /** @type {any} */ let shown = null;

  /** @param {import('../data/plan-data.js').PlanData} plan */
  function render(plan) {
    const a = allocationModel(plan);
    if (a.mode === 'none') {
      figure.replaceChildren(note(`${plan.scheme} has no rotary frequency allocation.`));
      legend.replaceChildren();
      return;
    }
    // user units = CSS pixels of the view's width, so labels keep their size
    const W = Math.min(1000, Math.max(360, figure.clientWidth || 800));
    const root = svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img',
      'aria-label': `Rotary pairs of ${plan.scheme}: axis per pair and inv_freq on a log scale`});
    const step = (W - LEFT - 4) / a.pairs;
    const y = (/** @type {number} */ v) => BARS.y + BARS.h
      - (Math.log10(v) - a.logMin) / (a.logMax - a.logMin) * BARS.h;
    for (let d = a.logMin; d <= a.logMax; d++) {
      root.append(svg('line', {x1: LEFT, x2: W - 4, y1: y(10 ** d), y2: y(10 ** d), class: 'alloc-grid'}));
      const t = svg('text', {x: LEFT - 4, y: y(10 ** d) + 3, 'text-anchor': 'end', class: 'alloc-tick'});
      t.textContent = `1e${d}`;
      root.append(t);
    }
    if (a.mode === 'heads') {
      const hw = (W - LEFT - 4) / a.headAxis.length;
      a.headAxis.forEach((axis, h) => {
        const g = svg('g', {'data-testid': 'alloc-head', 'data-head': h, 'data-axis': axisName(plan.axes, axis)});
        const title = svg('title');
        title.textContent = `KV head ${h}: ${axisName(plan.axes, axis)}`;
        g.append(title, svg('rect', {x: LEFT + h * hw, y: BAND.y, width: Math.max(1, hw - 1), height: BAND.h,
          fill: colorOf(axis)}));
        const label = svg('text', {x: LEFT + (h + 0.5) * hw, y: BAND.y + BAND.h / 2 + 4, 'text-anchor': 'middle',
          class: 'alloc-head-label'});
        label.textContent = `${h}: ${axisName(plan.axes, axis)}`;
        g.append(label);
        g.addEventListener('pointerenter', () => {
          readout.textContent = `KV head ${h} rotates every pair with axis ${axisName(plan.axes, axis)}`;
        });
        root.append(g);
      });
    }
    for (let k = 0; k < a.pairs; k++) {
      const code = a.pairAxis[k];
      const rotated = code !== NOT_ROTATED;
      const inv = rotated ? a.invFreq[k] : NaN;
      const split = a.secondAxis[k] !== code;
      const axis = a.mode === 'heads' && rotated ? 'per head' : split
        ? `${axisName(plan.axes, code)}/${axisName(plan.axes, a.secondAxis[k])}` : axisName(plan.axes, code);
      const g = svg('g', {'data-testid': 'alloc-pair', 'data-pair': k, 'data-axis': axis,
        'data-inv-freq': rotated ? String(shortestFloat32(inv)) : ''});
      const title = svg('title');
      title.textContent = rotated ? `pair ${k} (dims ${2 * k}, ${2 * k + 1}): ${axis}, inv_freq ${format(inv)}`
        : `pair ${k}: not rotated (past rotary_dim ${2 * a.rotary})`;
      g.append(title);
      const x = LEFT + k * step;
      const fill = a.mode === 'heads' && rotated ? '#5b6169' : colorOf(code);
      if (a.mode === 'pairs') {
        // a pair whose two channels read different axes shows both: first channel on top, second below
        const h = split ? BAND.h / 2 : BAND.h;
        g.append(svg('rect', {x, y: BAND.y, width: Math.max(0.5, step - 0.5), height: h, fill}));
        if (split) {
          g.append(svg('rect', {x, y: BAND.y + h, width: Math.max(0.5, step - 0.5), height: h,
            fill: colorOf(a.secondAxis[k])}));
        }
      }
      if (rotated) {
        g.append(svg('rect', {x, y: y(inv), width: Math.max(0.5, step - 0.5), height: BARS.y + BARS.h - y(inv), fill}));
      } else {
        g.append(svg('rect', {x, y: BARS.y, width: Math.max(0.5, step - 0.5), height: BARS.h, fill: 'url(#alloc-hatch)'}));
      }
      g.append(svg('rect', {x, y: a.mode === 'pairs' ? BAND.y : BARS.y, width: step,
        height: BARS.y + BARS.h - (a.mode === 'pairs' ? BAND.y : BARS.y), fill: 'transparent'}));
      g.addEventListener('pointerenter', () => {
        readout.textContent = title.textContent;
        readout.dataset.pair = String(k);
      });
      root.append(g);
    }
    for (let k = 0; k < a.pairs; k += Math.max(1, 2 ** Math.ceil(Math.log2(a.pairs / 16)))) {
      const t = svg('text', {x: LEFT + (k + 0.5) * step, y: H - 6, 'text-anchor': 'middle', class: 'alloc-tick'});
      t.textContent = String(k);
      root.append(t);
    }
    const defs = svg('defs');
    const pattern = svg('pattern', {id: 'alloc-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse',
      patternTransform: 'rotate(45)'});
    pattern.append(svg('rect', {width: 6, height: 6, fill: '#f4f4f4'}), svg('line', {x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#bbb', 'stroke-width': 2}));
    defs.append(pattern);
    root.prepend(defs);
    figure.replaceChildren(root);
    const counts = new Map();
    const source = a.mode === 'heads' ? a.headAxis : a.pairAxis;
    for (const code of source) counts.set(code, (counts.get(code) ?? 0) + 1);
    legend.replaceChildren(...[...counts.entries()].sort((p, q) => Number(p[0] < 0) - Number(q[0] < 0) || p[0] - q[0]).map(([code, n]) =>
      el('span', {class: 'legend-item'}, [el('span', {class: 'swatch', style: `background:${colorOf(code)}`}),
        `${axisName(plan.axes, code)}: ${n} ${a.mode === 'heads' ? 'heads' : 'pairs'}`])),
    el('span', {class: 'legend-item', text: `rotary_dim ${2 * a.rotary} of head_dim ${2 * a.pairs}; bars: inv_freq (log scale)`}));
  }

  return {
    /** @param {ViewState} next */
    update(next) {
      const plan = next.plans[0];
      if (!plan) return;
      if (plan !== shown) {
        shown = plan;
        render(plan);
      }
    },
    destroy() {
      container.replaceChildren();
    },
  };
}
