// @ts-check
/**
 * Export of the current plan: the equivalent curl command, and downloads of the answer as JSON,
 * safetensors or .npy (each fetched again from /v1/plans in that format, so the file is exactly what the
 * API serves).
 */

/** @typedef {'json'|'safetensors'|'npy'} ExportFormat */

/** @type {Record<ExportFormat, string>} */
export const FILE_NAMES = { json: 'plan.json', safetensors: 'plan.safetensors', npy: 'position_ids.npy' };

/** @param {string} s @returns {string} s as one POSIX shell word in single quotes */
export function shellQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * @param {string} origin e.g. http://localhost:8080 @param {string} path /v1/plans or /v1/compare
 * @param {any} body the request @param {ExportFormat} [format] binary formats add ?format= and -o FILE
 * @returns {string} a curl command that sends exactly this request
 */
export function curlCommand(origin, path, body, format = 'json') {
  const url = format === 'json' ? origin + path : `${origin}${path}?format=${format}`;
  const words = ['curl', '-s', shellQuote(url), '-H', shellQuote('Content-Type: application/json'),
    '-d', shellQuote(JSON.stringify(body))];
  if (format !== 'json') words.push('-o', FILE_NAMES[format]);
  return words.join(' ');
}

/**
 * Saves a blob under a file name through a temporary link (no server round trip for the name).
 * @param {Blob} blob @param {string} name
 */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
