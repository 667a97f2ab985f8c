#!/usr/bin/env bash
# Rebuilds dist/editor.js and dist/LICENSES.txt from package-lock.json's exact versions.
# Needs Node.js and npm; the Rust build does not run this (dist/ is committed).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node build.mjs
