#!/usr/bin/env bash
# Without a display the app must say so plainly, point to xvfb-run and the CLI, and exit 1.
set -uo pipefail
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$1" 2>&1)
code=$?
echo "$out"
[[ $code -eq 1 ]] || { echo "FAIL: exit code $code, expected 1"; exit 1; }
grep -q "no display was found" <<<"$out" || { echo "FAIL: no plain message"; exit 1; }
grep -q "xvfb-run -a build/app/afterglow" <<<"$out" || { echo "FAIL: no xvfb-run hint"; exit 1; }
grep -q "afterglow-cli" <<<"$out" || { echo "FAIL: no CLI hint"; exit 1; }
echo "PASS"
