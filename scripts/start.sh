#!/usr/bin/env bash
# The start command: sets up, builds and opens Afterglow on the default vault
# ($XDG_DATA_HOME/afterglow/journal.afterglow). Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
if [ -x build/app/afterglow ]; then
  exec build/app/afterglow "$@"
fi
echo "The desktop app is not built in this checkout; here is the command-line interface:"
exec build/cli/afterglow-cli --help
