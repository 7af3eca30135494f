// @ts-check
/**
 * The client of the /v1 API the page uses: the catalogue (models, schemes, the OpenAPI document), plans
 * fetched as safetensors and decoded by the views' data module, compare, and RFC 9457 problems as errors
 * that keep their `field` pointer.
 */

/** @typedef {{name: string, format?: string, scheme: string, params?: Record<string, any>,
 *             max_position_embeddings?: number, processor?: Record<string, any>, tokenizer_loaded?: boolean}} ModelInfo
 *  @typedef {{name: string, summary?: string, axes: string[], dtype: string, parts?: string[], formats?: string[],
 *             outputs?: string[], parameters: import('./builder/params.js').ParamDecl[]}} SchemeInfo
 *  @typedef {{scheme: string, params: Record<string, any>, axes: string[], dtype: string, batch: number,
 *             length: number, positions: Int32Array|Float32Array, sequences: any[], [k: string]: any}} PlanData
 *    the contract's PlanData (static/js/data/plan-data.js); only the fields the app itself reads are named
 */

/** A problem answer (RFC 9457) of the API. */
export class ApiProblem extends Error {
  /** @param {number} status @param {Record<string, any>} body */
  constructor(status, body) {
    super(typeof body.detail === 'string' ? body.detail : `${status} ${body.title ?? 'error'}`);
    this.status = status;
    this.title = typeof body.title === 'string' ? body.title : '';
    /** @type {string|null} the JSON Pointer into the request that caused it */
    this.field = typeof body.field === 'string' ? body.field : null;
    this.body = body;
  }
}

/** @param {Response} res @returns {Promise<never>} */
async function fail(res) {
  const text = await res.text();
  /** @type {any} */
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { title: res.statusText, detail: text.slice(0, 200) || `HTTP ${res.status}` };
  }
  throw new ApiProblem(res.status, body && typeof body === 'object' ? body : { detail: String(body) });
}

/** @param {string} path @returns {Promise<any>} */
export async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) return fail(res);
  return res.json();
}

/** @param {string} path @param {any} body @param {string} accept @param {AbortSignal} [signal] @returns {Promise<Response>} */
async function post(path, body, accept, signal) {
  const res = await fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: accept }, body: JSON.stringify(body), signal,
  });
  if (!res.ok) return fail(res);
  return res;
}

/** @returns {Promise<ModelInfo[]>} */
export const getModels = () => getJson('/v1/models');
/** @returns {Promise<SchemeInfo[]>} */
export const getSchemes = () => getJson('/v1/schemes');
/** @returns {Promise<any>} the OpenAPI document: its request examples and part schema feed the builder */
export const getOpenApi = () => getJson('/v3/api-docs');

/**
 * The request as the inspector sends it: positions as int32 (float32 for float schemes), never int64.
 * @param {Record<string, any>} request @returns {Record<string, any>}
 */
export function inspectorRequest(request) {
  const { dtype, layout, ...rest } = request;
  return rest;
}

/** The views' decoder, loaded once (static/js/data/plan-data.js, ui-views' module). */
/** @type {Promise<{planDataFromSafetensors: (b: ArrayBuffer) => PlanData, planDataFromJson: (a: any) => PlanData}>|null} */
let decoder = null;
function planDataModule() {
  const path = './data/plan-data.js';
  decoder ??= import(path);
  return decoder;
}

/**
 * Plans a request as safetensors (the compact answer: 806k tokens are 9.7 MB, not 30 MB of JSON).
 * @param {Record<string, any>} request @param {AbortSignal} [signal] @returns {Promise<ArrayBuffer>}
 */
export async function fetchPlanBytes(request, signal) {
  const res = await post('/v1/plans?format=safetensors', inspectorRequest(request), 'application/vnd.safetensors',
    signal);
  return res.arrayBuffer();
}

/** @param {ArrayBuffer} bytes a safetensors answer @returns {Promise<PlanData>} */
export async function decodePlan(bytes) {
  const { planDataFromSafetensors } = await planDataModule();
  return planDataFromSafetensors(bytes);
}

/**
 * The same request in another format, as the API serves it (for export).
 * @param {Record<string, any>} request @param {'json'|'safetensors'|'npy'} format @returns {Promise<Blob>}
 */
export async function fetchPlanAs(request, format) {
  const accept = { json: 'application/json', safetensors: 'application/vnd.safetensors', npy: 'application/x-npy' };
  const res = await post(`/v1/plans?format=${format}`, inspectorRequest(request), accept[format]);
  return res.blob();
}

/** @param {Record<string, any>} compareBody @returns {Promise<any>} the /v1/compare answer */
export async function postCompare(compareBody) {
  const res = await post('/v1/compare', compareBody, 'application/json');
  return res.json();
}
