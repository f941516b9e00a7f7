#!/usr/bin/env bash
# The start command: sets up, builds and opens Afterglow on the default vault
# ($XDG_DATA_HOME/afterglow/journal.afterglow). Extra arguments go to the app.
# Builds only what the app and the CLI need (not the tests and benchmarks: scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset default >/dev/null
targets=(--target afterglow-cli)
if cmake --build --preset default --target help 2>/dev/null | grep -q '^afterglow:'; then targets+=(--target afterglow); fi
cmake --build --preset default -j"$(nproc)" "${targets[@]}"
if [ -x build/app/afterglow ]; then
  exec build/app/afterglow "$@"
fi
echo "The desktop app is not built in this checkout; here is the command-line interface:"
exec build/cli/afterglow-cli --help
