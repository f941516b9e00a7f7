#!/usr/bin/env bash
# Fuzz smoke run: builds every libFuzzer target in fuzz/ with clang-14 (+ASan/UBSan) in its
# own build dir (build-fuzz) and runs each for FUZZ_SECONDS (default 20) on a seed corpus made
# at run time. Fails on any crash, leak, sanitizer report or build error.
#
# Seeds: a few generic inputs for every target, age files for fuzz_age (made with the `age`
# binary when installed), and, if fuzz/seeds-<target>.sh exists, whatever it writes into the
# directory given as its first argument (so each target's owner can add real seeds).
# Long runs: FUZZ_SECONDS=3600 scripts/fuzz-smoke.sh, or run build-fuzz/fuzz/<target> by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-20}
JOBS=${FUZZ_JOBS:-2}

CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAFTERGLOW_FUZZ=ON -DAFTERGLOW_BUILD_APP=OFF \
  -DAFTERGLOW_BUILD_TESTS=OFF -DAFTERGLOW_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" --target fuzz_all -j "$JOBS"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/afterglow-fuzz-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

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

status=0
shopt -s nullglob
for src in "$ROOT"/fuzz/*.cpp; do
  name=$(basename "$src" .cpp)
  bin="$BUILD/fuzz/$name"
  [[ -x "$bin" ]] || { echo "fuzz-smoke: $name was not built" >&2; status=1; continue; }
  seeds="$WORK/$name-seeds" corpus="$WORK/$name-corpus" artifacts="$WORK/$name-artifacts/"
  mkdir -p "$seeds" "$corpus" "$artifacts"
  seed_generic "$seeds"
  [[ $name == fuzz_age ]] && seed_age "$seeds"
  [[ -f "$ROOT/fuzz/seeds-$name.sh" ]] && bash "$ROOT/fuzz/seeds-$name.sh" "$seeds"
  echo "fuzz-smoke: $name for ${SECONDS_EACH}s ($(ls "$seeds" | wc -l) seeds)"
  if ! "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
      -max_len=200000 -print_final_stats=1 -artifact_prefix="$artifacts" \
      "$corpus" "$seeds" >"$WORK/$name.log" 2>&1; then
    echo "fuzz-smoke: $name FAILED; last lines of its log:" >&2
    tail -n 60 "$WORK/$name.log" >&2
    mkdir -p "$ROOT/build-fuzz-artifacts"
    cp -r "$artifacts" "$ROOT/build-fuzz-artifacts/$name" 2>/dev/null || true
    echo "fuzz-smoke: crashing inputs copied to build-fuzz-artifacts/$name" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$WORK/$name.log" | tr '\n' ' '
    echo
  fi
done
[[ $status -eq 0 ]] && echo "fuzz-smoke: all targets ran clean"
exit $status
