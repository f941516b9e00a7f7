#!/usr/bin/env bash
# Seeds for fuzz_content: the shipped pack files and Questionnaires, the test Questionnaires
# modelled on published ones, and a small clinic pack.
set -euo pipefail
out=$1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
i=0
for f in "$root"/assets/pack/*.json "$root"/assets/instruments/*.json "$root"/tests/fixtures/fhir/*.json; do
  cp "$f" "$out/seed-$i.json"
  i=$((i + 1))
done
printf '%s' '{"format":"afterglow-pack","format_version":1,"id":"c","checklist":{"replace":true,"items":[{"id":"a","label":"b"}]},"emotions":{"remove":["numb"]}}' > "$out/clinic.json"
