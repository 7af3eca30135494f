// @ts-check
/**
 * The part types the builder edits and, for each, its ways of being given (modes) with their fields — the
 * shapes of the /v1/plans PART (api-v1.md; camera, table and audio as the OpenAPI document describes them).
 * A type the API lists but this file does not know gets a JSON editor of its fields.
 */

/** @typedef {'integer'|'number'|'integer[]'|'number[]'|'string'|'text'|'cells'|'json'} FieldKind
 *  @typedef {{key: string, label: string, kind: FieldKind, hint?: string}} FieldSpec
 *  @typedef {{name: string, label: string, fields: FieldSpec[], template: Record<string, any>}} Mode
 *  @typedef {{type: string, modes: Mode[]}} PartType
 */

/** @type {FieldSpec[]} */
const CAMERA_FIELDS = [
  { key: 'camera/image_width', label: 'image width (px)', kind: 'integer' },
  { key: 'camera/image_height', label: 'image height (px)', kind: 'integer' },
  { key: 'camera/patch_size', label: 'patch size (px)', kind: 'integer' },
  { key: 'camera/spatial_merge', label: 'spatial merge', kind: 'integer', hint: 'default 1' },
  { key: 'camera/intrinsics', label: 'intrinsics fx, fy, cx, cy', kind: 'number[]' },
  { key: 'camera/pose', label: 'pose (4×4 row-major)', kind: 'number[]' },
  { key: 'camera/direction', label: 'pose direction', kind: 'string', hint: 'camera-to-world | world-to-camera' },
  { key: 'camera/axes', label: 'camera axes', kind: 'string', hint: 'opencv | opengl' },
  { key: 'camera/xi', label: 'xi (fisheye)', kind: 'number' },
];

/** @type {Mode} any fields the API documents for the type (audio by mel frames, a type added later) */
const JSON_MODE = { name: 'json', label: 'fields (JSON)', fields: [{ key: '', label: 'fields (JSON)', kind: 'json',
  hint: 'as the OpenAPI document describes the part' }], template: {} };

const IDENTITY_POSE = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/** @type {PartType[]} */
export const PART_TYPES = [
  { type: 'text', modes: [
    { name: 'tokens', label: 'token count', fields: [{ key: 'tokens', label: 'tokens', kind: 'integer' }],
      template: { tokens: 16 } },
    { name: 'text', label: 'string', fields: [{ key: 'text', label: 'text', kind: 'text' }],
      template: { text: 'Describe the picture.' } },
  ] },
  { type: 'image', modes: [
    { name: 'size', label: 'pixel size', fields: [{ key: 'width', label: 'width (px)', kind: 'integer' },
      { key: 'height', label: 'height (px)', kind: 'integer' }], template: { width: 448, height: 448 } },
    { name: 'grid', label: 'merged grid', fields: [{ key: 'grid', label: 'grid t, h, w', kind: 'integer[]' }],
      template: { grid: [1, 8, 8] } },
    { name: 'grid_thw', label: 'processor grid_thw', fields: [{ key: 'grid_thw', label: 'grid_thw t, h, w',
      kind: 'integer[]' }], template: { grid_thw: [1, 16, 16] } },
    { name: 'camera', label: 'camera view', fields: CAMERA_FIELDS,
      template: { camera: { image_width: 64, image_height: 32, patch_size: 16, intrinsics: [60, 60, 32, 16],
        pose: IDENTITY_POSE } } },
  ] },
  { type: 'video', modes: [
    { name: 'frames', label: 'frames, fps, size', fields: [{ key: 'frames', label: 'frames', kind: 'integer' },
      { key: 'fps', label: 'fps', kind: 'number' }, { key: 'width', label: 'width (px)', kind: 'integer' },
      { key: 'height', label: 'height (px)', kind: 'integer' }],
    template: { frames: 16, fps: 2, width: 448, height: 448 } },
    { name: 'grid', label: 'merged grid', fields: [{ key: 'grid', label: 'grid t, h, w', kind: 'integer[]' },
      { key: 'second_per_grid_t', label: 'seconds per grid t', kind: 'number' },
      { key: 'timestamps', label: 'timestamps (s)', kind: 'number[]' }], template: { grid: [4, 8, 8] } },
    { name: 'grid_thw', label: 'processor grid_thw', fields: [{ key: 'grid_thw', label: 'grid_thw t, h, w',
      kind: 'integer[]' }, { key: 'second_per_grid_t', label: 'seconds per grid t', kind: 'number' },
    { key: 'timestamps', label: 'timestamps (s)', kind: 'number[]' }], template: { grid_thw: [8, 16, 16] } },
  ] },
  { type: 'table', modes: [
    { name: 'cells', label: 'cell token counts', fields: [{ key: 'cells', label: 'cells (one row per line)',
      kind: 'cells', hint: 'header row first; tokens per cell, e.g. "1 2"' }], template: { cells: [[1, 2], [1, 1]] } },
  ] },
  { type: 'audio', modes: [
    { name: 'tokens', label: 'token count', fields: [{ key: 'tokens', label: 'tokens', kind: 'integer' }],
      template: { tokens: 50 } },
    { name: 'mel_frames', label: 'mel frames', fields: [{ key: 'mel_frames', label: 'mel frames', kind: 'integer',
      hint: 'the model\'s audio encoder counts the tokens (Omni models)' }], template: { mel_frames: 3000 } },
    JSON_MODE,
  ] },
];

/** @param {string} type @returns {PartType} the known type, or a generic one edited as JSON */
export function partType(type) {
  return PART_TYPES.find((t) => t.type === type) ?? { type, modes: [JSON_MODE] };
}

/** @param {string} key a field key, '/'-separated for nested ones @returns {string[]} */
const path = (key) => key.split('/');

/** @param {Record<string, any>} part @param {string} key @returns {any} */
export function fieldValue(part, key) {
  if (key === '') {
    const { type, ...rest } = part;
    return rest;
  }
  return path(key).reduce((/** @type {any} */ v, k) => (v && typeof v === 'object' ? v[k] : undefined), part);
}

/**
 * The mode a part is given in: the first of its type's modes whose first field it has, else its JSON mode
 * (fields this builder has no form for), else its first mode.
 * @param {Record<string, any>} part @returns {Mode}
 */
export function modeOf(part) {
  const t = partType(part.type);
  return t.modes.find((m) => m.fields[0].key !== '' && fieldValue(part, m.fields[0].key) !== undefined)
    ?? t.modes.find((m) => m.fields[0].key === '') ?? t.modes[0];
}

/**
 * The part given in another mode: the fields of every mode of its type dropped, the new mode's template in.
 * @param {Record<string, any>} part @param {string} modeName @returns {Record<string, any>}
 */
export function switchMode(part, modeName) {
  const t = partType(part.type);
  const mode = t.modes.find((m) => m.name === modeName) ?? t.modes[0];
  /** @type {Record<string, any>} */
  const next = { ...part };
  for (const m of t.modes) for (const f of m.fields) if (f.key !== '') delete next[path(f.key)[0]];
  return { ...next, ...structuredClone(mode.template) };
}

/** @param {string} type @returns {Record<string, any>} a new part of the type, in its first mode */
export function newPart(type) {
  return { type, ...structuredClone(partType(type).modes[0].template) };
}

/** @param {FieldKind} kind @param {any} value @returns {string} what the field's input shows */
export function formatField(kind, value) {
  if (value === undefined || value === null) return '';
  if (kind === 'cells') return Array.isArray(value) ? value.map((r) => (Array.isArray(r) ? r.join(' ') : r)).join('\n') : '';
  if (kind === 'json') return JSON.stringify(value, null, 1);
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * The JSON value of a field's text ('' is "not given"); text that does not read as the kind is sent as
 * typed so that the API's validation names the field.
 * @param {FieldKind} kind @param {string} text @returns {any}
 */
export function parseField(kind, text) {
  const t = kind === 'text' ? text : text.trim();
  if (t === '') return undefined;
  switch (kind) {
    case 'integer':
      return /^[-+]?\d+$/.test(t) ? Number(t) : t;
    case 'number':
      return Number.isFinite(Number(t)) ? Number(t) : t;
    case 'integer[]':
    case 'number[]': {
      const items = t.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter((s) => s !== '');
      const nums = items.map(Number);
      const ok = nums.every((n) => Number.isFinite(n) && (kind === 'number[]' || Number.isInteger(n)));
      return ok ? nums : t;
    }
    case 'cells': {
      const rows = t.split('\n').map((line) => line.trim()).filter((line) => line !== '')
        .map((line) => line.split(/[\s,]+/).map(Number));
      return rows.every((r) => r.every(Number.isInteger)) ? rows : t;
    }
    case 'json':
      try {
        return JSON.parse(t);
      } catch {
        return t;
      }
    default:
      return t;
  }
}

/**
 * Writes a field's value into a part (nested keys such as camera/pose create their object).
 * @param {Record<string, any>} part @param {FieldSpec} field @param {any} value
 */
export function setField(part, field, value) {
  if (field.key === '') {
    for (const k of Object.keys(part)) if (k !== 'type') delete part[k];
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(part, value, { type: part.type });
    return;
  }
  const keys = path(field.key);
  /** @type {any} */
  let node = part;
  for (const k of keys.slice(0, -1)) {
    if (node[k] === null || typeof node[k] !== 'object') node[k] = {};
    node = node[k];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}
