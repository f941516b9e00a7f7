#!/usr/bin/env bash
# Fuzz smoke run: builds every libFuzzer target in fuzz/ with clang-14 (+ASan/UBSan) in its
# own build dir (build-fuzz) and runs each for FUZZ_SECONDS (default 20) on a seed corpus made
# at run time. Fails on any crash, leak, sanitizer report or build error.
#
# Seeds: a few generic inputs for every target, age files for fuzz_age (made with the `age`
# binary when installed), and, if fuzz/seeds-<target>.sh exists, whatever it writes into the
# directory given as its first argument (so each target's owner can add real seeds).
# Long runs: FUZZ_SECONDS=3600 FUZZ_PARALLEL=1 FUZZ_KEEP=DIR scripts/fuzz-smoke.sh runs every
# target at once (under `nice`), keeps each corpus and log in DIR/<target>, and prints each
# target's executions, edge coverage (libFuzzer's `cov:`) and peak RSS; bench/README.md has the
# figures of one such run. CTest's fuzz_smoke runs the four targets at once for 15 s
# (FUZZ_PARALLEL=1 FUZZ_NICE=0 FUZZ_SECONDS=15), a minute less than one after another.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-20}
JOBS=${FUZZ_JOBS:-2}

# -O1, as OSS-Fuzz builds its targets: about a third less compile time than -O2 (the build is
# most of this script's time) and the sanitizers' reports stay exact.
CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -DNDEBUG" "-DCMAKE_C_FLAGS_RELEASE=-O1 -DNDEBUG" \
  -DAFTERGLOW_FUZZ=ON -DAFTERGLOW_BUILD_APP=OFF \
  -DAFTERGLOW_BUILD_TESTS=OFF -DAFTERGLOW_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" --target fuzz_all -j "$JOBS"

PARALLEL=${FUZZ_PARALLEL:-0}
NICE=${FUZZ_NICE:-19}  # parallel mode only
KEEP=${FUZZ_KEEP:-}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/afterglow-fuzz-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
OUT=${KEEP:-$WORK}
mkdir -p "$OUT"

# The age spec's example identity (32 bytes of 0x42); fuzz/fuzz_age.cpp holds the same key.
AGE_RECIPIENT=age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj

seed_generic() {
  local dir=$1
  printf '' >"$dir/empty"
  printf '{}' >"$dir/obj.json"
  printf '[1,"a",{"k":null}]' >"$dir/arr.json"
  head -c 256 /dev/urandom >"$dir/random"
}

seed_age() {
  local dir=$1
  printf 'age-encryption.org/v1\n-> X25519 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n' >"$dir/header"
  printf 'age-encryption.org/v1\n-> scrypt AAAAAAAAAAAAAAAAAAAAAA 4\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n' >"$dir/scrypt"
  printf -- '-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n-----END AGE ENCRYPTED FILE-----\n' >"$dir/armor"
  printf '# created: 2024-01-01T00:00:00Z\nAGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n' >"$dir/identity"
  printf '%s' "$AGE_RECIPIENT" >"$dir/recipient"
  if command -v age >/dev/null; then
    local n
    for n in 0 1 100 65536 65537; do
      head -c "$n" /dev/urandom >"$WORK/plain"
      age -r "$AGE_RECIPIENT" -o "$dir/x25519-$n.age" "$WORK/plain"
      age -a -r "$AGE_RECIPIENT" -o "$dir/armor-$n.age" "$WORK/plain"
    done
  fi
}

# run_target NAME: seeds, then fuzzes NAME for SECONDS_EACH; returns libFuzzer's status.
run_target() {
  local name=$1 bin="$BUILD/fuzz/$1"
  local seeds="$WORK/$name-seeds" corpus="$OUT/$name/corpus" artifacts="$OUT/$name/artifacts/"
  mkdir -p "$seeds" "$corpus" "$artifacts"
  seed_generic "$seeds"
  [[ $name == fuzz_age ]] && seed_age "$seeds"
  [[ -f "$ROOT/fuzz/seeds-$name.sh" ]] && bash "$ROOT/fuzz/seeds-$name.sh" "$seeds"
  echo "fuzz-smoke: $name for ${SECONDS_EACH}s ($(ls "$seeds" | wc -l) seeds)"
  "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -max_len=200000 -print_final_stats=1 -artifact_prefix="$artifacts" \
    "$corpus" "$seeds" >"$OUT/$name/log" 2>&1
}

# report NAME STATUS: one summary line, or the failure with the crashing inputs kept.
report() {
  local name=$1 rc=$2 log="$OUT/$1/log"
  if [[ $rc -ne 0 ]]; then
    echo "fuzz-smoke: $name FAILED; last lines of its log:" >&2
    tail -n 60 "$log" >&2
    mkdir -p "$ROOT/build-fuzz-artifacts"
    cp -r "$OUT/$name/artifacts" "$ROOT/build-fuzz-artifacts/$name" 2>/dev/null || true
    echo "fuzz-smoke: crashing inputs copied to build-fuzz-artifacts/$name" >&2
    return 1
  fi
  local execs cov rss
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n 1)
  echo "fuzz-smoke: $name ok: ${execs:-?} executions, ${cov:-no coverage line}, peak RSS ${rss:-?} MB"
}

status=0
shopt -s nullglob
names=()
for src in "$ROOT"/fuzz/*.cpp; do
  name=$(basename "$src" .cpp)
  if [[ -x "$BUILD/fuzz/$name" ]]; then names+=("$name")
  else echo "fuzz-smoke: $name was not built" >&2; status=1; fi
done
if [[ $PARALLEL == 1 ]]; then
  declare -A pids
  for name in "${names[@]}"; do
    nice -n "$NICE" bash -c "$(declare -f seed_generic seed_age run_target); \
      BUILD='$BUILD' WORK='$WORK' OUT='$OUT' ROOT='$ROOT' SECONDS_EACH='$SECONDS_EACH' \
      AGE_RECIPIENT='$AGE_RECIPIENT' run_target '$name'" &
    pids[$name]=$!
  done
  for name in "${names[@]}"; do
    rc=0; wait "${pids[$name]}" || rc=$?
    report "$name" "$rc" || status=1
  done
else
  for name in "${names[@]}"; do
    rc=0; run_target "$name" || rc=$?
    report "$name" "$rc" || status=1
  done
fi
[[ $status -eq 0 ]] && echo "fuzz-smoke: all targets ran clean"
exit $status
