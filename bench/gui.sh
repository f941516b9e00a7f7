#!/usr/bin/env bash
# GUI benchmarks of the desktop app under Xvfb (Mesa llvmpipe): idle CPU, frame CPU time on
# the journal list (10,000 entries) and while typing in a 20,000-word entry, each as a ratio
# to a bare Dear ImGui window drawn by the same binary in the same run, and launch to first
# frame, and the cost of wiping freed memory (app/secure_heap.cpp) as the ratio of the app's
# frame time to the same app built without it (afterglow_plain_heap, built here on demand).
# See bench/README.md ("GUI").
#   bash bench/gui.sh [BUILD_DIR]      (default: build)
set -euo pipefail
BUILD=${1:-build}
APP=$BUILD/app/afterglow
SEED=$BUILD/bench/bench_gui_seed
[[ -x $APP && -x $SEED ]] || { echo "build afterglow and bench_gui_seed first" >&2; exit 1; }
PLAIN=$BUILD/bench/afterglow_plain_heap
if [[ -z "${AFTERGLOW_BENCH_INNER:-}" ]]; then
  cmake --build "$BUILD" --target afterglow_plain_heap >/dev/null || { echo "could not build afterglow_plain_heap" >&2; exit 1; }
fi
if [[ -z "${AFTERGLOW_BENCH_INNER:-}" ]]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" env AFTERGLOW_BENCH_INNER=1 bash "$0" "$@"
fi
T=$(mktemp -d /tmp/afterglow-bench-XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data TMPDIR=$T
mkdir -p "$HOME"
export AFTERGLOW_PASSPHRASE="bench passphrase"
"$SEED" "$T/v.afterglow" "$AFTERGLOW_PASSPHRASE"

run_mode() {  # run_mode MODE [BINARY]: prints the app's "bench MODE ..." line
  local bin=${2:-$APP} log=$T/$1${2:+-plain}.log
  AFTERGLOW_BENCH=$1 "$bin" --vault "$T/v.afterglow" > "$log" 2>&1
  grep -E "^bench $1 " "$log" >&2
  grep -E "^bench $1 " "$log" | sed -E 's/.*cpu_ms_per_frame=//'
}
field() { grep -E "^$2 " "$T/$1.log" | awk '{print $2}'; }

BARE=$(run_mode bare)
JOURNAL=$(run_mode journal)
EDITOR=$(run_mode editor)
BARE2=$(run_mode bare)  # again, to see the noise
# Wiping on / off, interleaved so the neighbours' load falls on both alike.
JOURNAL_PLAIN=$(run_mode journal "$PLAIN")
EDITOR_PLAIN=$(run_mode editor "$PLAIN")
JOURNAL2=$(run_mode journal)
EDITOR2=$(run_mode editor)
LAUNCH=$(field bare first_frame_ms)

# Idle: unlocked on the home screen, waiting for events; CPU over 10 s.
AFTERGLOW_BENCH=idle "$APP" --vault "$T/v.afterglow" > "$T/idle.log" 2>&1 &
PID=$!
sleep 4
grep -q "^bench idle unlocked" "$T/idle.log" || { echo "idle run did not unlock" >&2; cat "$T/idle.log" >&2; exit 1; }
read -r u0 s0 < <(awk '{print $14, $15}' /proc/$PID/stat)
sleep 10
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$PID/stat)
kill "$PID"
wait "$PID" 2>/dev/null || true
HZ=$(getconf CLK_TCK)
IDLE=$(awk -v a=$((u1 + s1 - u0 - s0)) -v hz="$HZ" 'BEGIN { printf "%.2f", a / hz / 10 * 100 }')
LAUNCH_VAULT=$(field idle first_frame_ms)

awk -v b="$BARE" -v b2="$BARE2" -v j="$JOURNAL" -v e="$EDITOR" -v idle="$IDLE" -v l="$LAUNCH" -v lv="$LAUNCH_VAULT" \
    -v j2="$JOURNAL2" -v e2="$EDITOR2" -v jp="$JOURNAL_PLAIN" -v ep="$EDITOR_PLAIN" 'BEGIN {
  base = (b + b2) / 2
  printf "bare Dear ImGui window     %7.3f ms CPU/frame (runs: %.3f, %.3f)\n", base, b, b2
  printf "journal, 10,000 entries    %7.3f ms CPU/frame  ratio %.2fx  (target <= 3x)\n", j, j / base
  printf "typing, 20,000-word entry  %7.3f ms CPU/frame  ratio %.2fx  (target <= 3x)\n", e, e / base
  printf "idle CPU, 10 s             %7.2f %% of a core           (target <= 1%%)\n", idle
  printf "launch to first frame      %7.0f ms (bare), %.0f ms (app with vault, unlock screen)\n", l, lv
  printf "wiping freed memory, journal  %.3f vs %.3f ms/frame without  ratio %.2fx  (target <= 1.1x)\n", (j + j2) / 2, jp, (j + j2) / 2 / jp
  printf "wiping freed memory, typing   %.3f vs %.3f ms/frame without  ratio %.2fx  (target <= 1.1x)\n", (e + e2) / 2, ep, (e + e2) / 2 / ep
}'
