// @ts-check
/** Small DOM helpers shared by the builder's forms: labelled inputs that carry the JSON Pointer they edit. */

let nextId = 0;

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {Record<string, any>} [props] properties (className, textContent, type, ...) and
 *   `dataset` / `attrs` objects @param {(Node|string)[]} [children] @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  const { dataset, attrs, ...rest } = props;
  Object.assign(e, rest);
  if (dataset) Object.assign(e.dataset, dataset);
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.append(...children);
  return e;
}

/**
 * A label and its control in one `.field` wrapper; the wrapper carries `data-pointer` so a problem naming
 * that pointer is shown inside it.
 * @param {string} text the label @param {HTMLInputElement|HTMLSelectElement|HTMLTextAreaElement} control
 * @param {string} pointer @param {string} [hint] shown under the control and read as its description
 * @returns {HTMLDivElement}
 */
export function field(text, control, pointer, hint) {
  const id = `f${nextId++}`;
  control.id = id;
  control.dataset.pointer = pointer;
  const wrap = el('div', { className: 'field', dataset: { pointer } }, [el('label', { htmlFor: id, textContent: text }),
    control]);
  if (hint) {
    const h = el('small', { id: `${id}-hint`, className: 'hint', textContent: hint });
    control.setAttribute('aria-describedby', h.id);
    wrap.append(h);
  }
  return wrap;
}

/**
 * @param {string[]} options values @param {string} value the selected one @param {Record<string, string>} [labels]
 * @param {string|null} [empty] the label of an empty first option ('' value), none when null
 * @returns {HTMLSelectElement}
 */
export function select(options, value, labels = {}, empty = null) {
  const s = el('select');
  if (empty !== null) s.append(el('option', { value: '', textContent: empty }));
  for (const o of options) s.append(el('option', { value: o, textContent: labels[o] ?? o }));
  s.value = value;
  return s;
}

/** @param {string} text @param {() => void} onClick @param {Record<string, any>} [props] @returns {HTMLButtonElement} */
export function button(text, onClick, props = {}) {
  const b = el('button', { type: 'button', textContent: text, ...props });
  b.addEventListener('click', onClick);
  return b;
}
