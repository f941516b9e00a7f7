#!/usr/bin/env bash
# REQUIRE_MESSAGE(r.ok(), r.error().message) throws std::bad_variant_access when r is good and
# doctest builds the message anyway (with -s): the message must be test::error_of(r).
set -euo pipefail
cd "$(dirname "$0")"
bad=$(grep -rnE '_MESSAGE\(\s*([A-Za-z_][A-Za-z0-9_]*)\.ok\(\),\s*\1\.error\(\)' --include='*.cpp' --include='*.hpp' . || true)
if [ -n "$bad" ]; then
  echo "a check's message reads the error of a result that may be good; use test::error_of(r):"
  echo "$bad"
  exit 1
fi
echo "result messages ok"
