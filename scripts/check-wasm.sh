#!/usr/bin/env bash
# Rebuilds the WebAssembly parser from the pinned sources and fails when its bytes (or the files
# made from them) differ from the committed ones, as scripts/check-dist.sh does for dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
bash scripts/build-wasm.sh "$OUT" >/dev/null
status=0
for file in wasm/cmark-gfm.wasm wasm/PROVENANCE wasm/LICENSES.txt src/checklist/cmark/module.generated.ts; do
  if ! cmp -s "$OUT/$file" "$file"; then
    echo "$file differs from a fresh build: run 'bash scripts/build-wasm.sh' and commit it." >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "wasm/cmark-gfm.wasm matches a fresh build ($(sha256sum wasm/cmark-gfm.wasm | cut -d' ' -f1))."
exit "$status"
