#!/usr/bin/env bash
# Installs dependencies (scripts/setup.sh), configures and builds the default preset.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset default >/dev/null
cmake --build --preset default -j"$(nproc)"
