// @ts-check
/**
 * 2D-TPE table orders: for each table span of the row, its grid (content and separator items) twice,
 * numbered and threaded by the row-wise order (tx) and by the column-wise order (ty) the model attends in.
 */
import {hasTableAxes, tableGrid, traversal} from '../data/table-orders.js';
import {el, note, svg} from './dom.js';

/** @typedef {import('./strip.js').ViewState} ViewState */

const CELL_W = 34;
const CELL_H = 22;
/** Above this many items the numbers are left out (the arrows still show the order). */
const MAX_LABELLED = 1500;

/** Numbers the arrow markers so several figures on a page keep distinct ids. */
let figures = 0;

/** @param {HTMLElement} container */
export function createTableView(container) {
  const body = el('div', {class: 'table-orders'});
  const root = el('div', {class: 'table-view', 'data-testid': 'table-view'}, [body]);
  container.replaceChildren(root);
  /** @type {any} */ let shown = null;
  let shownRow = -1;

  /** @param {import('../data/plan-data.js').PlanData} plan @param {number} row */
  function render(plan, row) {
    const spans = (plan.sequences[row]?.spans ?? []).filter((s) => s.type === 'table');
    if (spans.length === 0 || !hasTableAxes(plan.axes)) {
      body.replaceChildren(note('Not applicable: this row has no 2D-TPE table span.'));
      return;
    }
    body.replaceChildren(...spans.flatMap((span, n) => {
      const grid = tableGrid(plan, row, span);
      return [
        el('h3', {text: `Table ${n} at tokens ${span.start}–${span.start + span.length - 1}: `
          + `${grid.rows / 2} rows × ${(grid.cols - 1) / 2} columns (grid ${grid.rows} × ${grid.cols} items)`}),
        el('div', {class: 'table-pair'}, [
          figure('Row-wise order (tx)', grid, 'row'),
          figure('Column-wise order (ty)', grid, 'col'),
        ]),
      ];
    }));
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

/**
 * @param {string} caption @param {import('../data/table-orders.js').TableGrid} grid @param {'row'|'col'} order
 */
function figure(caption, grid, order) {
  const width = grid.cols * CELL_W + 2;
  const height = grid.rows * CELL_H + 2;
  const arrow = `table-arrow-${++figures}`;
  const root = svg('svg', {viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': `${caption}: items numbered in traversal order`});
  const rank = order === 'row' ? grid.rowRank : grid.colRank;
  const labelled = grid.rows * grid.cols <= MAX_LABELLED;
  const centre = (/** @type {number} */ k) => [(k % grid.cols + 0.5) * CELL_W + 1, (Math.floor(k / grid.cols) + 0.5) * CELL_H + 1];
  for (let k = 0; k < grid.first.length; k++) {
    const r = Math.floor(k / grid.cols);
    const c = k % grid.cols;
    // grid rows alternate content / separator, grid columns alternate cell / '|' (spec §1.1)
    const kind = r % 2 === 1 ? 'sep' : c % 2 === 1 || c === grid.cols - 1 ? 'bar' : 'cell';
    root.append(svg('rect', {x: c * CELL_W + 1, y: r * CELL_H + 1, width: CELL_W - 2, height: CELL_H - 2,
      class: `table-item table-${kind}`}));
  }
  const path = traversal(grid, order).map((k) => centre(k).join(',')).join(' ');
  root.append(svg('polyline', {points: path, class: 'table-path', 'marker-mid': `url(#${arrow})`}));
  if (labelled) {
    for (let k = 0; k < grid.first.length; k++) {
      if (grid.first[k] < 0) continue;
      const [x, y] = centre(k);
      const t = svg('text', {x, y: y + 4, 'text-anchor': 'middle', class: 'table-rank'});
      t.textContent = grid.count[k] > 1 ? `${rank[k]}+${grid.count[k] - 1}` : String(rank[k]);
      const title = svg('title');
      title.textContent = `item (${Math.floor(k / grid.cols)}, ${k % grid.cols}): tokens ${grid.first[k]}`
        + `${grid.count[k] > 1 ? `–${grid.first[k] + grid.count[k] - 1}` : ''}, ${order === 'row' ? 'row' : 'column'}-wise order ${rank[k]}`;
      t.append(title);
      root.append(t);
    }
  }
  const defs = svg('defs');
  const marker = svg('marker', {id: arrow, viewBox: '0 0 6 6', refX: 3, refY: 3, markerWidth: 5, markerHeight: 5,
    orient: 'auto'});
  marker.append(svg('path', {d: 'M0,0 L6,3 L0,6 z', class: 'table-arrow-head'}));
  defs.append(marker);
  root.prepend(defs);
  return el('figure', {class: 'table-figure'}, [el('figcaption', {text: caption}), root]);
}
