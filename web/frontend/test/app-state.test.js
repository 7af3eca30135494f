import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FRAGMENT_KEY, decodeLayout, defaultLayout, encodeLayout, fromBase64Url, toBase64Url }
  from '../../src/main/resources/static/js/state.js';
import { layout, random } from '../support/random.js';

test('a layout survives the link: decode(encode(x)) equals x for generated layouts', async () => {
  for (let seed = 1; seed <= 300; seed++) {
    const x = layout(random(seed));
    const fragment = await encodeLayout(x);
    assert.match(fragment, /^layout=[A-Za-z0-9_-]+$/, `seed ${seed}: URL-safe without escaping`);
    assert.deepEqual(await decodeLayout(`#${fragment}`), x, `seed ${seed}`);
  }
});

test('the link is compact: a 40-part request takes far fewer characters than its JSON', async () => {
  const x = defaultLayout();
  x.request.sequences[0].parts = Array.from({ length: 40 }, (_, i) => (i % 2 ? { type: 'text', tokens: 16 + i }
    : { type: 'image', width: 448, height: 448 }));
  const fragment = await encodeLayout(x);
  assert.ok(fragment.length < JSON.stringify(x).length / 3, `${fragment.length} vs ${JSON.stringify(x).length}`);
});

test('base64url round-trips every byte value and never pads', () => {
  const r = random(7);
  for (let n = 0; n < 70; n++) {
    const bytes = Uint8Array.from({ length: n * 37 }, (_, i) => (i < 256 ? i : Math.floor(r() * 256)));
    const text = toBase64Url(bytes);
    assert.doesNotMatch(text, /[+/=]/);
    assert.deepEqual(fromBase64Url(text), bytes);
  }
});

test('a fragment that is not a layout is null; a damaged one is a clear error', async () => {
  assert.equal(await decodeLayout(''), null);
  assert.equal(await decodeLayout('#section-2'), null);
  const good = await encodeLayout(defaultLayout());
  await assert.rejects(decodeLayout(good.slice(0, good.length - 6)), /damaged/);
  await assert.rejects(decodeLayout(`${FRAGMENT_KEY}!!!`), /damaged/);
  // valid deflate of a JSON value that is not a layout
  const stream = new Blob([new TextEncoder().encode('{"request": [1]}')]).stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  await assert.rejects(decodeLayout(FRAGMENT_KEY + toBase64Url(bytes)), /no request/);
});

test('view settings missing from an older link take their defaults', async () => {
  const stream = new Blob([new TextEncoder().encode('{"request": {"model": "qwen2-vl", "sequences": []}}')]).stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  const l = await decodeLayout(FRAGMENT_KEY + toBase64Url(bytes));
  assert.deepEqual(l?.view, defaultLayout().view);
  assert.deepEqual(l?.candidates, []);
});
