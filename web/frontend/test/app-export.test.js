import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { curlCommand, shellQuote } from '../../src/main/resources/static/js/export.js';
import { layout, random, text } from '../support/random.js';

/** @param {string} command @returns {string[]} the words a POSIX shell reads from it */
function shellWords(command) {
  const out = execFileSync('sh', ['-c', `for w in ${command}; do printf '%s\\0' "$w"; done`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

test('the shell reads a quoted word back exactly, whatever the characters', () => {
  const r = random(11);
  const words = Array.from({ length: 60 }, () => text(r)).filter((w) => !w.includes('\0'));
  const quoted = words.map(shellQuote).join(' ');
  assert.deepEqual(shellWords(quoted), words);
});

test('curl sends exactly the request: the -d word parses back to the same JSON', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const body = layout(random(seed)).request;
    const words = shellWords(curlCommand('http://localhost:8080', '/v1/plans', body));
    assert.deepEqual(words.slice(0, 5), ['curl', '-s', 'http://localhost:8080/v1/plans', '-H', 'Content-Type: application/json']);
    assert.equal(words[5], '-d');
    assert.deepEqual(JSON.parse(words[6]), body, `seed ${seed}`);
    assert.equal(words.length, 7);
  }
});

test('binary formats ask ?format= and write the file the download would', () => {
  const body = { model: 'qwen2-vl', sequences: [{ parts: [{ type: 'text', text: "it's" }] }] };
  const words = shellWords(curlCommand('http://h:1', '/v1/plans', body, 'safetensors'));
  assert.equal(words[2], 'http://h:1/v1/plans?format=safetensors');
  assert.deepEqual(words.slice(-2), ['-o', 'plan.safetensors']);
  assert.deepEqual(shellWords(curlCommand('http://h:1', '/v1/plans', body, 'npy')).slice(-2), ['-o', 'position_ids.npy']);
});
