#!/usr/bin/env bash
# The test command: sets up, builds and runs every test (unit, CLI, GUI end-to-end under
# Xvfb, fuzz smoke). Ends with CTest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd build
ctest -j"$(nproc)" --output-on-failure --timeout 600
