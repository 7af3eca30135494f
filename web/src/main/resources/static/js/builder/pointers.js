// @ts-check
/**
 * JSON Pointers (RFC 6901) over the request the builder edits: reading and writing a value at a pointer,
 * and finding the builder input that best matches the `field` pointer of an RFC 9457 problem.
 */

/** @param {string} pointer @returns {string[]} the unescaped reference tokens ('' is the whole document) */
export function parsePointer(pointer) {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON Pointer: ${pointer}`);
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** @param {(string|number)[]} tokens @returns {string} */
export function formatPointer(tokens) {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * @param {any} doc @param {string} pointer
 * @returns {any} the value at the pointer, or undefined when any step is missing
 */
export function getAt(doc, pointer) {
  let node = doc;
  for (const t of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[t];
  }
  return node;
}

/**
 * Sets (or, for undefined, removes) the value at the pointer, creating objects on the way; missing and
 * null mean the same to the API, so an emptied field is removed rather than sent as null.
 * @param {Record<string, any>} doc @param {string} pointer @param {any} value
 */
export function setAt(doc, pointer, value) {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new Error('cannot replace the whole document');
  /** @type {any} */
  let node = doc;
  for (const t of tokens.slice(0, -1)) {
    if (node[t] === null || typeof node[t] !== 'object') {
      if (value === undefined) return;
      node[t] = {};
    }
    node = node[t];
  }
  const last = tokens[tokens.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}

/**
 * The pointer among `available` (the pointers the builder has inputs for) that names the problem's field or
 * its nearest enclosing value: `/sequences/0/parts/1/grid/2` lands on the grid input, `/params/x` (a
 * parameter the form does not show) on the parameters fieldset when it has a pointer of its own.
 * @param {string} field the problem's `field` @param {Iterable<string>} available
 * @returns {string|null} null when no input encloses it (the problem then goes to the banner)
 */
export function nearestPointer(field, available) {
  const set = available instanceof Set ? available : new Set(available);
  /** @type {string[]} */
  let tokens;
  try {
    tokens = parsePointer(field);
  } catch {
    return null;
  }
  for (let n = tokens.length; n > 0; n--) {
    const candidate = formatPointer(tokens.slice(0, n));
    if (set.has(candidate)) return candidate;
  }
  return null;
}
