#!/usr/bin/env bash
# The layout inspector's front-end checks, run by `mvn verify` (web module): the TypeScript check of the
# JSDoc-typed ES modules in ../src/main/resources/static/js and the `node --test` unit tests in test/.
# The machine's own Node and npm are used (CI has Node 20); without them the checks are skipped, loudly.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "[frontend] SKIPPED: node/npm are not on PATH, so the inspector's type check and unit tests did not run"
  exit 0
fi
# typescript comes from package-lock.json (pinned, integrity-checked); npm's cache makes a rerun offline.
if [[ ! -x node_modules/.bin/tsc || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --prefer-offline --no-audit --no-fund --loglevel=error
fi
echo "[frontend] tsc $(node_modules/.bin/tsc --version) over static/js (checkJs)"
node_modules/.bin/tsc -p tsconfig.json
echo "[frontend] node $(node --version) --test test/"
node --test test/
