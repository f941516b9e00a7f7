#!/usr/bin/env bash
# Installs the npm packages the tests use as second readers (scripts/npm/package.json:
# fhirpath, the HL7 FHIRPath engine, checks our QuestionnaireResponse exports) into
# scripts/npm/node_modules. Idempotent: returns at once when they are there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -f "$here/npm/node_modules/fhirpath/package.json" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "setup-npm: npm is missing (Debian package npm); the FHIR export test needs it" >&2
  exit 1
fi
echo "setup-npm: installing $(cd "$here/npm" && node -e 'console.log(Object.keys(require("./package.json").dependencies).join(" "))')"
(cd "$here/npm" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error >/dev/null)
echo "setup-npm: done"
