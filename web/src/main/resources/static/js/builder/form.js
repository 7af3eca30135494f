// @ts-check
/**
 * The builder: model, scheme and generated parameter forms, rows of parts (or input_ids, or chat messages),
 * compared candidates, and the paste box. It edits the layout's request in place; every input carries the
 * JSON Pointer it writes, which is also how a problem's `field` finds the input to show it next to.
 */
import { button, el, field, select } from './dom.js';
import { controlFor, describeAllowed, formatParam, parseParam, placeholderFor } from './params.js';
import { PART_TYPES, fieldValue, formatField, modeOf, newPart, parseField, partType, setField, switchMode }
  from './part-types.js';
import { nearestPointer, setAt } from './pointers.js';
import { readPasted } from './paste.js';

/** @typedef {import('../api.js').ModelInfo} ModelInfo
 *  @typedef {import('../api.js').SchemeInfo} SchemeInfo
 *  @typedef {import('../state.js').Layout} Layout
 *  @typedef {{name: string, summary: string, value: any}} Example
 *  @typedef {{models: ModelInfo[], schemes: SchemeInfo[], partTypes: string[],
 *             examples: () => Promise<Example[]>}} Catalogue
 *    examples: the API's request examples, asked for when the paste box is first opened
 *  @typedef {{onChange: () => void, onPlan: () => void}} BuilderHooks
 *  @typedef {{render: () => void, showProblem: (field: string, message: string) => boolean,
 *             clearProblems: () => void}} Builder
 */

const ROW_KINDS = ['parts', 'input_ids', 'messages'];
const BATCH_TENSORS = ['image_grid_thw', 'video_grid_thw', 'second_per_grid_ts'];

/**
 * The part types offered: those the schemes accept (camera views are image parts here) and those this
 * builder knows, in the builder's order.
 * @param {SchemeInfo[]} schemes @returns {string[]}
 */
export function offeredPartTypes(schemes) {
  const accepted = new Set(schemes.flatMap((s) => s.parts ?? []));
  accepted.delete('camera');
  const known = PART_TYPES.map((t) => t.type);
  return [...known, ...[...accepted].filter((t) => !known.includes(t))];
}

/**
 * @param {HTMLElement} root @param {Catalogue} catalogue @param {() => Layout} current the layout to edit
 * @param {BuilderHooks} hooks @returns {Builder}
 */
export function createBuilder(root, catalogue, current, hooks) {
  const modelByName = new Map(catalogue.models.map((m) => [m.name, m]));
  const schemeByName = new Map(catalogue.schemes.map((s) => [s.name, s]));

  /** Writes a value at a layout pointer (/candidates/... in the layout, anything else in its request). */
  const write = (/** @type {string} */ pointer, /** @type {any} */ value) => {
    const layout = current();
    if (pointer.startsWith('/candidates/')) setAt(layout, pointer, value);
    else setAt(layout.request, pointer, value);
    hooks.onChange();
  };
  const structural = () => {
    render();
    hooks.onChange();
  };

  /** @param {string|undefined} scheme @returns {SchemeInfo|undefined} the scheme a request plans with */
  const effectiveScheme = (scheme) => {
    const model = modelByName.get(current().request.model);
    return schemeByName.get(scheme || model?.scheme || '');
  };

  /**
   * @param {string} base '' for the main request, /candidates/i for a candidate
   * @param {Record<string, any>} owner the object holding `params` @param {SchemeInfo|undefined} scheme
   */
  function paramsForm(base, owner, scheme) {
    const model = modelByName.get(current().request.model);
    const preset = model && scheme && model.scheme === scheme.name ? model.params : undefined;
    const summary = el('summary');
    const count = () => {
      const set = Object.keys(owner.params ?? {}).length;
      summary.textContent = scheme ? `${scheme.name} parameters (${set} of ${scheme.parameters.length} set)` : 'Parameters';
      return set;
    };
    const box = el('details', { className: 'params', open: count() > 0, dataset: { pointer: `${base}/params` } },
      [summary]);
    if (!scheme) {
      box.open = true;
      box.append(el('p', { className: 'hint', textContent: 'Choose a model or a scheme to set its parameters.' }));
      return box;
    }
    for (const decl of scheme.parameters) {
      const pointer = `${base}/params/${decl.name}`;
      const value = owner.params?.[decl.name];
      const c = controlFor(decl);
      /** @type {HTMLInputElement|HTMLSelectElement} */
      let control;
      if (c.kind === 'select') {
        control = select(c.options, value === undefined ? '' : String(value), {},
          `(default: ${placeholderFor(decl, preset)})`);
      } else {
        control = el('input', { type: 'text', inputMode: c.inputMode, value: formatParam(value),
          placeholder: placeholderFor(decl, preset), spellcheck: false });
      }
      control.addEventListener(c.kind === 'select' ? 'change' : 'input', () => {
        write(pointer, parseParam(decl, control.value));
        count();
      });
      const allowed = describeAllowed(decl.allowed);
      const f = field(decl.name, control, pointer, [decl.type, allowed].filter(Boolean).join(' · '));
      if (decl.description) f.title = decl.description;
      box.append(f);
    }
    return box;
  }

  /** @param {Record<string, any>} part @param {string} pointer @param {any[]} parts @param {number} j */
  function partEditor(part, pointer, parts, j) {
    const type = partType(part.type);
    const mode = modeOf(part);
    const box = el('fieldset', { className: `part part-${part.type}`, dataset: { pointer } },
      [el('legend', { textContent: `${j + 1}. ${part.type}` })]);
    if (type.modes.length > 1) {
      const modeSelect = select(type.modes.map((m) => m.name), mode.name,
        Object.fromEntries(type.modes.map((m) => [m.name, m.label])));
      modeSelect.addEventListener('change', () => {
        parts[j] = switchMode(part, modeSelect.value);
        structural();
      });
      box.append(field('given as', modeSelect, `${pointer}/~mode`));
    }
    for (const f of mode.fields) {
      const fieldPointer = f.key === '' ? pointer : `${pointer}/${f.key}`;
      const text = formatField(f.kind, fieldValue(part, f.key));
      const multiline = f.kind === 'text' || f.kind === 'cells' || f.kind === 'json';
      const control = multiline ? el('textarea', { value: text, rows: f.kind === 'text' ? 2 : 3, spellcheck: false })
        : el('input', { type: 'text', value: text, spellcheck: false,
          inputMode: f.kind === 'integer' ? 'numeric' : f.kind === 'number' ? 'decimal' : 'text' });
      control.addEventListener('input', () => {
        setField(part, f, parseField(f.kind, control.value));
        hooks.onChange();
      });
      box.append(field(f.label, control, fieldPointer, f.hint));
    }
    const move = (/** @type {number} */ d) => {
      const k = j + d;
      if (k < 0 || k >= parts.length) return;
      [parts[j], parts[k]] = [parts[k], parts[j]];
      structural();
    };
    box.append(el('div', { className: 'part-actions' }, [
      button('↑', () => move(-1), { title: 'Move up', ariaLabel: `Move part ${j + 1} up` }),
      button('↓', () => move(1), { title: 'Move down', ariaLabel: `Move part ${j + 1} down` }),
      button('Remove', () => {
        parts.splice(j, 1);
        structural();
      }, { ariaLabel: `Remove part ${j + 1}` }),
    ]));
    return box;
  }

  /** @param {Record<string, any>} seq @param {number} k @param {any[]} sequences */
  function rowEditor(seq, k, sequences) {
    const pointer = `/sequences/${k}`;
    const kind = ROW_KINDS.find((r) => seq[r] !== undefined) ?? 'parts';
    const box = el('fieldset', { className: 'row', dataset: { pointer } }, [el('legend', { textContent: `Row ${k}` })]);
    const kindSelect = select(ROW_KINDS, kind, { parts: 'parts', input_ids: 'input_ids (a backend\'s)',
      messages: 'chat messages' });
    kindSelect.addEventListener('change', () => {
      sequences[k] = kindSelect.value === 'parts' ? { parts: [newPart('text')] }
        : kindSelect.value === 'input_ids' ? { input_ids: [] }
          : { messages: [{ role: 'user', content: 'Describe the picture.' }] };
      structural();
    });
    box.append(field('row given as', kindSelect, `${pointer}/~kind`));
    if (kind === 'parts') {
      const parts = seq.parts ?? (seq.parts = []);
      const list = el('div', { className: 'parts', dataset: { pointer: `${pointer}/parts` } });
      parts.forEach((/** @type {any} */ p, /** @type {number} */ j) => list.append(partEditor(p, `${pointer}/parts/${j}`, parts, j)));
      const typeSelect = select(catalogue.partTypes, 'text');
      box.append(list, el('div', { className: 'add-part' }, [
        field('new part', typeSelect, `${pointer}/~new`),
        button('Add part', () => {
          parts.push(newPart(typeSelect.value));
          structural();
        }, { dataset: { testid: `add-part-${k}` } }),
      ]));
    } else if (kind === 'input_ids') {
      for (const key of ['input_ids', 'attention_mask']) {
        const ta = el('textarea', { rows: 3, spellcheck: false, value: formatField('integer[]', seq[key]) });
        ta.addEventListener('input', () => write(`${pointer}/${key}`, parseField('integer[]', ta.value)));
        box.append(field(key, ta, `${pointer}/${key}`, key === 'attention_mask' ? 'optional' : 'comma-separated ids'));
      }
    } else {
      const ta = el('textarea', { rows: 6, spellcheck: false, value: JSON.stringify(seq.messages, null, 1) });
      ta.addEventListener('input', () => write(`${pointer}/messages`, parseField('json', ta.value)));
      box.append(field('messages (JSON)', ta, `${pointer}/messages`,
        'content: a string or text / image (width, height) / video (frames, fps, width, height) parts'));
    }
    if (sequences.length > 1) {
      box.append(button('Remove row', () => {
        sequences.splice(k, 1);
        structural();
      }, { ariaLabel: `Remove row ${k}` }));
    }
    return box;
  }

  function batchTensors() {
    const request = current().request;
    const box = el('fieldset', { className: 'batch-tensors' }, [el('legend', { textContent: 'Grids of the input_ids rows' })]);
    for (const key of BATCH_TENSORS) {
      const ta = el('input', { type: 'text', spellcheck: false,
        value: request[key] === undefined ? '' : JSON.stringify(request[key]) });
      ta.addEventListener('input', () => write(`/${key}`, parseField('json', ta.value)));
      box.append(field(key, ta, `/${key}`, key === 'second_per_grid_ts' ? 'e.g. [1.0]' : 'e.g. [[1, 16, 16]]'));
    }
    return box;
  }

  function candidatesEditor() {
    const layout = current();
    const box = el('fieldset', { className: 'candidates', dataset: { pointer: '/candidates' } },
      [el('legend', { textContent: 'Compare with' })]);
    layout.candidates.forEach((cand, i) => {
      const pointer = `/candidates/${i}`;
      const c = el('div', { className: 'candidate', dataset: { pointer } });
      const schemeSelect = select(catalogue.schemes.map((s) => s.name), cand.scheme ?? '', {}, '(the model\'s scheme)');
      schemeSelect.addEventListener('change', () => {
        if (schemeSelect.value === '') delete cand.scheme;
        else cand.scheme = schemeSelect.value;
        delete cand.params;
        structural();
      });
      c.append(el('h3', { textContent: `Candidate ${i + 1}` }), field('scheme', schemeSelect, `${pointer}/scheme`),
        paramsForm(pointer, cand, effectiveScheme(cand.scheme)),
        button('Remove candidate', () => {
          layout.candidates.splice(i, 1);
          structural();
        }, { ariaLabel: `Remove candidate ${i + 1}` }));
      box.append(c);
    });
    box.append(button('Add candidate', () => {
      layout.candidates.push({});
      structural();
    }, { dataset: { testid: 'add-candidate' } }));
    return box;
  }

  function pasteBox() {
    const ta = el('textarea', { rows: 6, spellcheck: false, placeholder: '{"model": "qwen2-vl", "sequences": [...]}' });
    const examples = select([], '', {}, '(an example of the API)');
    /** @type {Example[]} */
    let loaded = [];
    examples.addEventListener('change', () => {
      const ex = loaded.find((e) => e.name === examples.value);
      if (ex) ta.value = JSON.stringify(ex.value, null, 1);
    });
    const message = el('p', { className: 'field-error', attrs: { role: 'alert' } });
    const load = (/** @type {boolean} */ asIs) => {
      message.textContent = '';
      try {
        const layout = current();
        if (asIs) {
          const v = JSON.parse(ta.value);
          if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('a request is a JSON object');
          const { candidates, ...request } = v;
          layout.request = request;
          if (Array.isArray(candidates)) layout.candidates = candidates;
        } else {
          const pasted = readPasted(ta.value, layout.request);
          layout.request = pasted.request;
          if (pasted.candidates) layout.candidates = pasted.candidates;
        }
        structural();
        if (asIs) hooks.onPlan();
      } catch (e) {
        message.textContent = e instanceof Error ? e.message : String(e);
      }
    };
    const box = el('details', { className: 'paste' }, [
      el('summary', { textContent: 'Paste a request, input_ids + grids or chat messages' }),
      field('example', examples, '/~example'),
      field('JSON', ta, '/~paste'),
      el('div', {}, [button('Load into builder', () => load(false)),
        button('Send as is', () => load(true), { dataset: { testid: 'send-as-is' } })]),
      message,
    ]);
    box.addEventListener('toggle', async () => {
      if (!box.open || loaded.length > 0) return;
      loaded = await catalogue.examples().catch(() => []);
      for (const e of loaded) examples.append(el('option', { value: e.name, textContent: e.summary || e.name }));
    });
    return box;
  }

  function render() {
    const layout = current();
    const request = layout.request;
    const scroll = root.scrollTop;
    const modelSelect = select(catalogue.models.map((m) => m.name), request.model ?? '', {}, '(none: give a scheme)');
    modelSelect.addEventListener('change', () => {
      if (modelSelect.value === '') delete request.model;
      else request.model = modelSelect.value;
      delete request.params;
      structural();
    });
    const schemeSelect = select(catalogue.schemes.map((s) => s.name), request.scheme ?? '', {}, '(the model\'s)');
    schemeSelect.addEventListener('change', () => {
      if (schemeSelect.value === '') delete request.scheme;
      else request.scheme = schemeSelect.value;
      delete request.params;
      structural();
    });
    const model = modelByName.get(request.model);
    const modelHint = model ? `scheme ${model.scheme}, format ${model.format ?? '?'}, max positions `
      + `${model.max_position_embeddings ?? '?'}${model.tokenizer_loaded === false ? ', no tokenizer: text by count' : ''}` : '';
    const sequences = Array.isArray(request.sequences) ? request.sequences : (request.sequences = []);
    const rows = el('div', { className: 'rows', dataset: { pointer: '/sequences' } });
    sequences.forEach((/** @type {any} */ s, /** @type {number} */ k) => rows.append(rowEditor(s, k, sequences)));
    const decode = el('input', { type: 'text', inputMode: 'numeric', placeholder: '0',
      value: formatField('integer', request.decode_steps) });
    decode.addEventListener('input', () => write('/decode_steps', parseField('integer', decode.value)));
    const hasIds = sequences.some((/** @type {any} */ s) => s && s.input_ids !== undefined)
      || BATCH_TENSORS.some((k) => request[k] !== undefined);
    root.replaceChildren(
      el('fieldset', { className: 'what' }, [el('legend', { textContent: 'Model and scheme' }),
        field('model preset', modelSelect, '/model', modelHint), field('scheme', schemeSelect, '/scheme'),
        field('decode steps', decode, '/decode_steps')]),
      paramsForm('', request, effectiveScheme(request.scheme)),
      rows,
      button('Add row', () => {
        sequences.push({ parts: [newPart('text')] });
        structural();
      }),
      ...(hasIds ? [batchTensors()] : []),
      candidatesEditor(),
      pasteBox(),
    );
    root.scrollTop = scroll;
  }

  function clearProblems() {
    for (const e of root.querySelectorAll('.field-error[data-field]')) e.remove();
    for (const e of root.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
  }

  /**
   * Shows a problem next to the input its field names (or the nearest enclosing one).
   * @param {string} fieldPointer @param {string} message @returns {boolean} false when no input encloses it
   */
  function showProblem(fieldPointer, message) {
    const holders = /** @type {HTMLElement[]} */ ([...root.querySelectorAll('[data-pointer]')])
      .filter((e) => !(e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement));
    const target = nearestPointer(fieldPointer, holders.map((e) => e.dataset.pointer ?? ''));
    const holder = holders.find((e) => e.dataset.pointer === target);
    if (!holder) return false;
    const note = el('p', { className: 'field-error', textContent: message,
      dataset: { field: fieldPointer, testid: 'field-error' }, attrs: { role: 'alert' } });
    const control = holder.classList.contains('field') ? holder.querySelector('input, select, textarea') : null;
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      note.id = `${control.id}-error`;
      control.setAttribute('aria-errormessage', note.id);
    }
    if (holder.tagName === 'FIELDSET') holder.querySelector('legend')?.after(note);
    else if (holder.tagName === 'DETAILS') holder.querySelector('summary')?.after(note);
    else holder.append(note);
    for (let d = holder.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
    holder.scrollIntoView({ block: 'nearest' });
    return true;
  }

  render();
  return { render, showProblem, clearProblems };
}
