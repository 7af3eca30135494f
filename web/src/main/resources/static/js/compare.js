// @ts-check
/**
 * Comparing candidates: the requests that plan each candidate, the /v1/compare request, the token mask of
 * where any candidate's positions differ from the main layout's (what the strip highlights), and the
 * compare panel that shows the API's verdict per pair.
 */

/** @typedef {import('./state.js').Candidate} Candidate
 *  @typedef {{positions: ArrayLike<number>, axes: string[], batch: number, length: number}} Positions
 */

/**
 * The /v1/plans request of one candidate: the layout's request with the candidate's scheme and params in
 * place of the main ones (a candidate without params gets the model preset's).
 * @param {Record<string, any>} request @param {Candidate} candidate @returns {Record<string, any>}
 */
export function candidateRequest(request, candidate) {
  const { scheme, params, ...rest } = request;
  /** @type {Record<string, any>} */
  const r = { ...rest };
  if (candidate.scheme !== undefined && candidate.scheme !== '') r.scheme = candidate.scheme;
  if (candidate.params !== undefined && Object.keys(candidate.params).length > 0) r.params = candidate.params;
  return r;
}

/**
 * The /v1/compare request: the main layout is candidate 0, the compared ones follow.
 * @param {Record<string, any>} request @param {Candidate[]} candidates @returns {Record<string, any>}
 */
export function compareRequest(request, candidates) {
  const { scheme, params, range, layout, dtype, ...rest } = request;
  /** @type {Candidate} */
  const main = {};
  if (scheme !== undefined) main.scheme = scheme;
  if (params !== undefined) main.params = params;
  return { ...rest, candidates: [main, ...candidates] };
}

/**
 * Where a /v1/compare problem's field lives in the builder: candidate 0 is the main request
 * (`/candidates/0/params/x` → `/params/x`), candidate k the (k-1)th compared one.
 * @param {string} field @returns {string}
 */
export function compareFieldToLayout(field) {
  const m = /^\/candidates\/(\d+)(\/.*)?$/.exec(field);
  if (!m) return field;
  const k = Number(m[1]);
  const rest = m[2] ?? '';
  return k === 0 ? (rest === '' ? '/scheme' : rest) : `/candidates/${k - 1}${rest}`;
}

/** @param {number} a @param {number} b @returns {boolean} */
function same(a, b) {
  return a === b || (a !== a && b !== b);
}

/**
 * Marks the tokens of `row` where any candidate's position differs from plans[0]'s on any axis (axes
 * compared by index; a candidate with fewer axes or tokens differs where it has none).
 * @param {Positions[]} plans plans[0] the main layout @param {number} row
 * @returns {{mask: Uint8Array, count: number, first: number}} first is -1 when all agree
 */
export function diffMask(plans, row) {
  const main = plans[0];
  const n = main.length;
  const mask = new Uint8Array(n);
  for (const other of plans.slice(1)) {
    const axes = Math.max(main.axes.length, other.axes.length);
    for (let a = 0; a < axes; a++) {
      if (a >= main.axes.length || a >= other.axes.length || row >= other.batch) {
        mask.fill(1);
        break;
      }
      const mo = (a * main.batch + row) * n;
      const oo = (a * other.batch + row) * other.length;
      const common = Math.min(n, other.length);
      for (let i = 0; i < common; i++) {
        if (!same(main.positions[mo + i], other.positions[oo + i])) mask[i] = 1;
      }
      for (let i = common; i < n; i++) mask[i] = 1;
    }
  }
  let count = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (mask[i]) {
      count++;
      if (first < 0) first = i;
    }
  }
  return { mask, count, first };
}

/**
 * Renders the /v1/compare answer: one line per candidate (its rope_deltas and max positions) and one per
 * pair (equal, or how many tokens differ and the first difference, with a button that jumps there).
 * @param {HTMLElement} panel @param {any} answer the /v1/compare answer @param {string[]} labels
 * @param {(row: number, token: number) => void} onJump
 */
export function renderCompare(panel, answer, labels, onJump) {
  panel.replaceChildren();
  const list = document.createElement('ul');
  answer.candidates.forEach((/** @type {any} */ c, /** @type {number} */ i) => {
    const li = document.createElement('li');
    li.textContent = `${labels[i] ?? c.scheme}: rope_deltas ${JSON.stringify(c.rope_deltas)}, `
      + `max position ${JSON.stringify(c.max_positions)}`;
    list.append(li);
  });
  panel.append(list);
  for (const p of answer.pairs) {
    const line = document.createElement('p');
    line.dataset.testid = 'compare-pair';
    line.dataset.equal = String(p.equal);
    const names = `${labels[p.a] ?? p.a} vs ${labels[p.b] ?? p.b}`;
    if (p.equal) {
      line.textContent = `${names}: identical`;
    } else {
      const f = p.first_difference;
      line.textContent = `${names}: ${p.differing_tokens} tokens differ; first at row ${f.row}, token ${f.token}, `
        + `axis ${f.axis} (${f.a} vs ${f.b}) `;
      line.dataset.firstToken = String(f.token);
      const jump = document.createElement('button');
      jump.type = 'button';
      jump.textContent = 'Jump to it';
      jump.dataset.testid = 'jump-first-difference';
      jump.addEventListener('click', () => onJump(f.row, f.token));
      line.append(jump);
    }
    panel.append(line);
  }
}
