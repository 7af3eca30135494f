// @ts-check
/**
 * The layout inspector page: loads the catalogue, restores the layout from the link, mounts the builder and
 * the views, plans (main layout and compared candidates, as safetensors), compares, and keeps the link in
 * step with the layout. `window.posplan` exposes the state, the decoded plans and the views to browser tests.
 */
import { ApiProblem, decodePlan, fetchPlanAs, fetchPlanBytes, getModels, getOpenApi, getSchemes, postCompare } from './api.js';
import { createBuilder, offeredPartTypes } from './builder/form.js';
import { candidateRequest, compareFieldToLayout, compareRequest, diffMask, renderCompare } from './compare.js';
import { FILE_NAMES, curlCommand, saveBlob } from './export.js';
import { decodeLayout, defaultLayout, encodeLayout } from './state.js';

/** @typedef {import('./state.js').Layout} Layout
 *  @typedef {import('./api.js').PlanData} PlanData
 *  @typedef {{update: (state: any) => void, destroy: () => void, [probe: string]: any}} View
 */

/** The views (ui-views' modules in ./views/), by the name of their factory and their panel's element id. */
const VIEWS = [
  { module: 'strip', factory: 'createStrip', panel: 'strip-panel' },
  { module: 'heatmap', factory: 'createHeatmap', panel: 'heatmap-panel' },
  { module: 'plot', factory: 'createPlot', panel: 'plot-panel' },
  { module: 'allocation', factory: 'createAllocation', panel: 'allocation-panel' },
  { module: 'table-view', factory: 'createTableView', panel: 'table-panel' },
  { module: 'camera-view', factory: 'createCameraView', panel: 'camera-panel' },
];

/** @param {string} id @returns {HTMLElement} */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const banner = byId('banner');
/** @param {string} message */
function showBanner(message) {
  banner.textContent = message;
  banner.hidden = message === '';
}

/** @type {{layout: Layout, viewState: any, compare: any, lastProblem: any, planned: number}} */
const state = { layout: defaultLayout(), viewState: null, compare: null, lastProblem: null, planned: 0 };
/** @type {PlanData[]} */
const plans = [];
/** @type {Record<string, View>} */
const views = {};
/** @type {any[]} */
let models = [];
/** @type {ReturnType<typeof createBuilder>|null} */
let builder = null;

/** @type {any} */ (window).posplan = { state, plans, views };

let linkTimer = 0;
/** Writes the layout into the link (debounced: typing in a field does not rewrite history per key). */
function saveLink() {
  clearTimeout(linkTimer);
  linkTimer = window.setTimeout(async () => {
    const fragment = await encodeLayout(state.layout);
    history.replaceState(null, '', `#${fragment}`);
    const { request, candidates } = state.layout;
    byId('curl').textContent = [curlCommand(location.origin, '/v1/plans', request),
      ...(candidates.length > 0 ? [curlCommand(location.origin, '/v1/compare', compareRequest(request, candidates))] : []),
    ].join('\n');
  }, 150);
}

let editTimer = 0;
/** A builder edit: the link follows at once; with "re-plan on edit", the plan once the typing pauses. */
function edited() {
  saveLink();
  if (!(/** @type {HTMLInputElement} */ (byId('auto-plan'))).checked) return;
  clearTimeout(editTimer);
  editTimer = window.setTimeout(() => void plan(), 500);
}

/** @param {number} i @returns {string} the label of plan i: scheme and compat mode */
function labelOf(i) {
  const p = plans[i];
  const compat = p?.params?.compat ? ` ${p.params.compat}` : '';
  return p ? `${i === 0 ? 'main' : `candidate ${i}`}: ${p.scheme}${compat}` : `plan ${i}`;
}

/** Pushes the current plans and view settings to every view. */
function updateViews() {
  if (plans.length === 0) return;
  const v = state.layout.view;
  const row = Math.min(v.row, plans[0].batch - 1);
  const diff = plans.length > 1 ? diffMask(plans, row) : null;
  state.viewState = {
    plans: [...plans], labels: plans.map((_, i) => labelOf(i)), row,
    model: models.find((m) => m.name === state.layout.request.model),
    selectedToken: v.token, diff: diff ? diff.mask : null,
    onSelectToken: (/** @type {number} */ i) => {
      v.token = i;
      saveLink();
    },
    onViewport: (/** @type {[number, number]|null} */ range) => {
      v.zoom = range;
      showZoom(range);
      saveLink();
    },
  };
  byId('diff-summary').textContent = diff
    ? (diff.count === 0 ? 'Every candidate agrees with the main layout on this row.'
      : `${diff.count} tokens of row ${row} differ; the first is token ${diff.first}.`) : '';
  for (const view of Object.values(views)) view.update(state.viewState);
  if (v.zoom && views.strip?.zoomTo) views.strip.zoomTo(v.zoom[0], v.zoom[1]);
  showZoom(v.zoom);
}

/** @param {[number, number]|null} range the strip's zoom, shown in the zoom fields */
function showZoom(range) {
  /** @type {HTMLInputElement} */ (byId('zoom-from')).value = range ? String(range[0]) : '';
  /** @type {HTMLInputElement} */ (byId('zoom-to')).value = range ? String(range[1]) : '';
}

/**
 * Shows a problem next to its field (a compared candidate's own plan maps /params/x to its candidate),
 * else in the banner.
 * @param {unknown} e @param {number} [candidate] the candidate whose plan failed, when one did
 */
function report(e, candidate) {
  if (e instanceof DOMException && e.name === 'AbortError') return;
  if (e instanceof ApiProblem) {
    state.lastProblem = e.body;
    let f = e.field;
    if (f !== null && candidate !== undefined && candidate > 0 && /^\/(params|scheme)(\/|$)/.test(f)) {
      f = `/candidates/${candidate - 1}${f}`;
    }
    if (f !== null && builder?.showProblem(f, `${e.status} ${e.title}: ${e.message}`)) return;
    showBanner(`${e.status} ${e.title}: ${e.message}${f ? ` (at ${f})` : ''}`);
  } else {
    showBanner(e instanceof Error ? e.message : String(e));
  }
}

/** @type {AbortController|null} */
let inFlight = null;
/** Plans the main layout and every candidate, draws them, and asks /v1/compare when comparing. */
async function plan() {
  inFlight?.abort();
  const ctl = new AbortController();
  inFlight = ctl;
  builder?.clearProblems();
  showBanner('');
  byId('compare-panel').replaceChildren();
  state.compare = null;
  const { request, candidates } = state.layout;
  const requests = [request, ...candidates.map((c) => candidateRequest(request, c))];
  byId('status').textContent = 'Planning…';
  performance.clearMarks('posplan:request-start');
  performance.mark('posplan:request-start');
  const results = await Promise.allSettled(requests.map((r) => fetchPlanBytes(r, ctl.signal)));
  if (ctl.signal.aborted) return;
  const failed = results.findIndex((r) => r.status === 'rejected');
  if (failed >= 0) {
    byId('status').textContent = '';
    report(/** @type {PromiseRejectedResult} */ (results[failed]).reason, failed);
    return;
  }
  performance.mark('posplan:plan-received');
  const answers = results.map((r) => /** @type {PromiseFulfilledResult<ArrayBuffer>} */ (r).value);
  try {
    const decoded = await Promise.all(answers.map(decodePlan));
    if (ctl.signal.aborted) return;
    plans.length = 0;
    plans.push(...decoded);
    performance.mark('posplan:plan-decoded');
    state.planned++;
    renderSummary();
    updateViews();
  } catch (e) {
    byId('status').textContent = '';
    report(e);
    return;
  }
  byId('status').textContent = `${plans[0].length.toLocaleString('en')} tokens × ${plans[0].batch} rows, `
    + `${plans[0].axes.length} axes (${plans[0].axes.join(', ')})`;
  if (candidates.length > 0) {
    try {
      state.compare = await postCompare(compareRequest(request, candidates));
      renderCompare(byId('compare-panel'), state.compare, plans.map((_, i) => labelOf(i)), jumpTo);
    } catch (e) {
      if (e instanceof ApiProblem && e.field) e.field = compareFieldToLayout(e.field);
      report(e);
    }
  }
}

/** The row selector and the plan's warnings. */
function renderSummary() {
  const rowSelect = /** @type {HTMLSelectElement} */ (byId('row'));
  rowSelect.replaceChildren(...plans[0].sequences.map((s, b) => {
    const o = document.createElement('option');
    o.value = String(b);
    o.textContent = `row ${b} (${s.length} tokens)`;
    return o;
  }));
  rowSelect.value = String(Math.min(state.layout.view.row, plans[0].batch - 1));
  const warnings = plans[0].sequences.flatMap((s, b) => (s.warnings ?? []).map((/** @type {string} */ w) => `row ${b}: ${w}`));
  byId('warnings').textContent = warnings.join('\n');
}

/** @param {number} row @param {number} token */
function jumpTo(row, token) {
  state.layout.view.row = row;
  state.layout.view.token = token;
  updateViews();
  const half = 32;
  state.layout.view.zoom = [Math.max(0, token - half), token + half];
  views.strip?.zoomTo?.(...state.layout.view.zoom);
  byId('strip-panel').scrollIntoView({ block: 'nearest' });
  saveLink();
}

/** Mounts each view whose module is there; a missing one leaves a note in its panel. */
async function mountViews() {
  await Promise.all(VIEWS.map(async (v) => {
    const panel = byId(v.panel);
    const body = /** @type {HTMLElement} */ (panel.querySelector('.view-body'));
    try {
      const path = `./views/${v.module}.js`;
      const mod = await import(path);
      views[v.module] = mod[v.factory](body);
    } catch (e) {
      body.textContent = `This view is not available (${e instanceof Error ? e.message : e}).`;
    }
  }));
}

function wireControls() {
  byId('plan').addEventListener('click', () => void plan());
  byId('builder').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void plan();
  });
  byId('row').addEventListener('change', (e) => {
    state.layout.view.row = Number(/** @type {HTMLSelectElement} */ (e.target).value);
    updateViews();
    saveLink();
  });
  const from = /** @type {HTMLInputElement} */ (byId('zoom-from'));
  const to = /** @type {HTMLInputElement} */ (byId('zoom-to'));
  byId('zoom-apply').addEventListener('click', () => {
    const a = Number(from.value);
    const b = Number(to.value);
    state.layout.view.zoom = Number.isInteger(a) && Number.isInteger(b) && b > a ? [a, b] : null;
    if (state.layout.view.zoom) views.strip?.zoomTo?.(a, b);
    saveLink();
  });
  byId('jump-diff').addEventListener('click', () => {
    if (plans.length < 2) return;
    const d = diffMask(plans, state.layout.view.row);
    if (d.first >= 0) jumpTo(state.layout.view.row, d.first);
  });
  for (const format of /** @type {('json'|'safetensors'|'npy')[]} */ (['json', 'safetensors', 'npy'])) {
    byId(`download-${format}`).addEventListener('click', async () => {
      try {
        saveBlob(await fetchPlanAs(state.layout.request, format), FILE_NAMES[format]);
      } catch (e) {
        report(e);
      }
    });
  }
  byId('copy-curl').addEventListener('click', async () => {
    const text = byId('curl').textContent ?? '';
    try {
      await navigator.clipboard.writeText(text);
      byId('copy-status').textContent = 'Copied.';
    } catch {
      getSelection()?.selectAllChildren(byId('curl'));
      byId('copy-status').textContent = 'Selected: copy with Ctrl+C.';
    }
  });
  byId('copy-link').addEventListener('click', async () => {
    const fragment = await encodeLayout(state.layout);
    history.replaceState(null, '', `#${fragment}`);
    try {
      await navigator.clipboard.writeText(location.href);
      byId('copy-status').textContent = 'Link copied.';
    } catch {
      byId('copy-status').textContent = 'The address bar holds the link.';
    }
  });
  window.addEventListener('hashchange', async () => {
    try {
      const layout = await decodeLayout(location.hash);
      if (!layout || JSON.stringify(layout) === JSON.stringify(state.layout)) return;
      state.layout = layout;
      builder?.render();
      await plan();
    } catch (e) {
      report(e);
    }
  });
}

async function start() {
  wireControls();
  const [[m, schemes]] = await Promise.all([Promise.all([getModels(), getSchemes()]), mountViews()]);
  models = m;
  const examples = async () => {
    const openapi = await getOpenApi();
    return Object.entries(openapi?.paths?.['/v1/plans']?.post?.requestBody?.content?.['application/json']
      ?.examples ?? {}).map(([name, ex]) => ({ name, summary: /** @type {any} */ (ex).summary ?? name,
      value: /** @type {any} */ (ex).value }));
  };
  try {
    const fromLink = await decodeLayout(location.hash);
    if (fromLink) state.layout = fromLink;
  } catch (e) {
    report(e);
  }
  builder = createBuilder(byId('builder-form'), { models, schemes, partTypes: offeredPartTypes(schemes), examples },
    () => state.layout, { onChange: edited, onPlan: () => void plan() });
  saveLink();
  await plan();
}

start().catch(report);
