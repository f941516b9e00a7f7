#!/usr/bin/env bash
# journal/testing.hpp replaces the journal's clock and record ids for a repeatable test run:
# only tests/ and bench/ may include it (and the two places in journal/ that consult it), so
# no app, CLI or library code can make a production journal's ids predictable by accident.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(grep -rlE '#include\s+"journal/testing\.hpp"' --include='*.cpp' --include='*.hpp' --include='*.h' \
        app cli crypto journal fuzz web 2>/dev/null |
      grep -vxE 'journal/(testing|time|types)\.cpp' || true)
if [ -n "$bad" ]; then
  echo "journal/testing.hpp is a test seam; only tests/ and bench/ may include it:"
  echo "$bad"
  exit 1
fi
echo "test seams ok"
