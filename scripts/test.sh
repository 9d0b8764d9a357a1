#!/usr/bin/env bash
# `npm test`: typecheck, lint, format check, unit and integration tests, then the browser suite in real Chromium.
# A suite never skips: without a browser this script installs one (as root) or stops with a reason.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh

echo "== Typecheck"
npx tsc --noEmit

echo "== Lint and format"
npx eslint --max-warnings 0 .
npx prettier --check . --log-level warn

echo "== Unit and integration tests"
npx vitest run

echo "== Production build"
npx remix vite:build

echo "== Browser tests (Chromium: ${CHROMIUM_PATH:-/usr/bin/chromium})"
npx vitest run --config vitest.e2e.config.ts
