#!/usr/bin/env bash
# bench/web.sh [--smoke]: the web app's performance figures in one run, as one table
# (bench/README.md "bench/web.sh"):
#   unlock with the desktop's Argon2id parameters, wasm / native (target <= 3x);
#   open + search of 10,000 entries, wasm / native (target <= 3x);
#   the release site's size (raw and gzip -9, per file);
#   time to first frame in headless Chromium at 390x844 DPR 3, cold and warm (target <= 2 s);
#   the phone (bench/web/phone.mjs, the test site): unlock at 100 / 1,000 / 10,000 entries, the
#   worker's file-system calls with and without the read cache, wasm memory after a real unlock,
#   and the phone unlock of 10,000 entries / the same open in the wasm bench on a worker (<= 3x).
# Builds what it needs first: bench_unlock_search and bench_web_seed natively (build/, the
# default preset), bench_unlock_search for WebAssembly (build-web/bench/, the app's toolchain
# and deps), and the release and test sites (scripts/build-web.sh --test, incremental). The table is written to build-web/bench/web-bench.txt
# (--smoke: web-bench-smoke.txt; AFTERGLOW_WEB_BENCH_OUT overrides).
# --smoke: tiny sizes and one load, to prove the harness runs (~1 min once built).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SMOKE=()
if [ "${1:-}" = "--smoke" ]; then SMOKE=(--smoke); fi
OUT=${AFTERGLOW_WEB_BENCH_OUT:-build-web/bench/web-bench${SMOKE:+-smoke}.txt}
LOG=build-web/bench/build.log
mkdir -p build-web/bench
: > "$LOG"
step() { echo "bench/web.sh: $*"; }

step "native bench_unlock_search, bench_web_seed (build/)"
[ -f build/build.ninja ] || cmake --preset default >>"$LOG"
cmake --build build --target bench_unlock_search bench_web_seed -j2 >>"$LOG" || { tail -30 "$LOG"; exit 1; }

step "wasm bench_unlock_search (build-web/bench/)"
bash scripts/setup-web.sh >>"$LOG"
source scripts/web-env.sh
bash scripts/web-deps.sh >>"$LOG"
emcmake cmake -S . -B build-web/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DAFTERGLOW_WEB_BENCH=ON \
  -DAFTERGLOW_BUILD_APP=OFF -DAFTERGLOW_WEB_DEPS="$ROOT/build-web/deps" >>"$LOG"
cmake --build build-web/bench --target bench_unlock_search -j2 >>"$LOG" || { tail -30 "$LOG"; exit 1; }

step "release and test sites (scripts/build-web.sh --test)"
bash scripts/build-web.sh --test >>"$LOG" 2>&1 || { tail -30 "$LOG"; exit 1; }

step "measuring (the machine's load is in the table)"
exec node bench/web/run.mjs --native build/bench/bench_unlock_search --wasm build-web/bench/bench \
  --site build-web/site --test-site build-web/site-test --seed build/bench/bench_web_seed --out "$OUT" "${SMOKE[@]}"
