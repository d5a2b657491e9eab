#!/usr/bin/env bash
# npm run build: both bundles from a clean dist/. ncc lists the licences of the npm packages it
# bundles; the WebAssembly parser it embeds is not one, so its notices are added after them.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
ncc build src/index.ts -o dist --license licenses.txt
ncc build src/bin.ts -o dist/cli
{
  echo
  echo "cmark-gfm.wasm (embedded in both bundles)"
  cat wasm/LICENSES.txt
} >>dist/licenses.txt
