#!/usr/bin/env bash
# The test command: sets up, builds and runs every test (unit, CLI, GUI end-to-end under
# Xvfb, fuzz smoke, the web app in headless Chromium). Ends with CTest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
# The web site with test hooks (build-web/site-test) for tests/web. Under CI a failed web
# build fails the run; elsewhere the browser tests then report SKIPPED.
if ! bash scripts/build-web.sh --test; then
  if [ -n "${CI:-}" ]; then echo "test: the web build failed" >&2; exit 1; fi
  echo "test: the web build failed; the web_* tests will report SKIPPED" >&2
  rm -rf build-web/site-test
fi
cd build
# CTest runs the costliest tests first, by the times of the last run (Testing/Temporary/
# CTestCostData.txt). A fresh clone has none: it starts from tests/ctest_costs.txt (seconds of
# a clean CI run; the GUI tests, one at a time under RESOURCE_LOCK gui, ranked first so that
# chain runs from the start; then fuzz_smoke and the browser tests, longest first, two at once).
if [ ! -f Testing/Temporary/CTestCostData.txt ]; then
  mkdir -p Testing/Temporary && cp ../tests/ctest_costs.txt Testing/Temporary/CTestCostData.txt
fi
ctest -j"$(nproc)" --output-on-failure --timeout 600
