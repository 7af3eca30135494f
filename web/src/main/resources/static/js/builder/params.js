// @ts-check
/**
 * Scheme parameters as GET /v1/schemes declares them ({name, type, default, allowed, description}): which
 * control a declaration gets and how the text a person typed becomes the JSON value sent. No scheme has a
 * hand-written form; every form is generated from these declarations.
 */

/** @typedef {{min?: number, max?: number, min_exclusive?: boolean, values?: any[]}} Allowed
 *  @typedef {{name: string, type: string, default?: any, allowed?: Allowed, description?: string}} ParamDecl
 *  @typedef {{kind: 'select', options: string[]} | {kind: 'text', inputMode: 'numeric'|'decimal'|'text'}} Control
 */

/** @param {ParamDecl} decl @returns {Control} the control for a declaration */
export function controlFor(decl) {
  const values = decl.allowed?.values;
  if (Array.isArray(values) && values.length > 0) return { kind: 'select', options: values.map(String) };
  if (decl.type === 'boolean') return { kind: 'select', options: ['true', 'false'] };
  if (decl.type === 'integer') return { kind: 'text', inputMode: 'numeric' };
  if (decl.type === 'number') return { kind: 'text', inputMode: 'decimal' };
  return { kind: 'text', inputMode: 'text' };
}

/** @param {string} type one scalar type @param {string} text @returns {{ok: true, value: any}|{ok: false}} */
function parseScalar(type, text) {
  switch (type) {
    case 'integer':
      return /^[-+]?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false };
    case 'number': {
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
    }
    case 'boolean':
      return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : { ok: false };
    case 'string':
      return { ok: true, value: text };
    default:
      return { ok: false };
  }
}

/**
 * The JSON value for what was typed in a parameter's control: '' means "not given" (undefined, the
 * default applies); `integer[]` takes "16, 24, 24" or "[16,24,24]"; a union such as `number|boolean` takes
 * the first member type that reads it, then a string (circlerope's "auto"). Text that reads as none of
 * the declared types is sent as typed, so the API's own validation names the field.
 * @param {ParamDecl} decl @param {string} text @returns {any}
 */
export function parseParam(decl, text) {
  const t = text.trim();
  if (t === '') return undefined;
  if (decl.type.endsWith('[]')) {
    const element = decl.type.slice(0, -2);
    const items = t.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter((s) => s !== '');
    const parsed = items.map((s) => parseScalar(element, s));
    return parsed.every((p) => p.ok) ? parsed.map((p) => (p.ok ? p.value : null)) : t;
  }
  for (const member of decl.type.split('|')) {
    const p = parseScalar(member, t);
    if (p.ok) return p.value;
  }
  return t;
}

/** @param {any} value a parameter's JSON value @returns {string} the text its control shows */
export function formatParam(value) {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * The placeholder of a parameter: the model preset's value when it sets one, else the declared default,
 * else a note that the default depends on other parameters.
 * @param {ParamDecl} decl @param {Record<string, any>|undefined} presetParams @returns {string}
 */
export function placeholderFor(decl, presetParams) {
  if (presetParams && presetParams[decl.name] !== undefined) return formatParam(presetParams[decl.name]);
  if (decl.default !== undefined && decl.default !== null) return formatParam(decl.default);
  return '(derived)';
}

/** @param {Allowed|undefined} allowed @returns {string} a short human statement of the allowed range */
export function describeAllowed(allowed) {
  if (!allowed) return '';
  if (Array.isArray(allowed.values)) return allowed.values.join(' | ');
  const lo = allowed.min !== undefined ? `${allowed.min_exclusive ? '>' : '≥'} ${allowed.min}` : '';
  const hi = allowed.max !== undefined ? `≤ ${allowed.max}` : '';
  return [lo, hi].filter(Boolean).join(', ');
}
