#!/usr/bin/env bash
# Rebuilds dist/ and fails when it differs from the committed copy (as actions/typescript-action's check-dist).
set -euo pipefail
npm run --silent build >/dev/null
if ! git diff --quiet --exit-code -- dist; then
  echo "dist/ is out of date: run 'npm run build' and commit dist/." >&2
  git diff --stat -- dist >&2
  exit 1
fi
if [ -n "$(git ls-files --others --exclude-standard -- dist)" ]; then
  echo "dist/ has files that are not committed:" >&2
  git ls-files --others --exclude-standard -- dist >&2
  exit 1
fi
echo "dist/ matches a fresh build."
