#!/usr/bin/env bash
# Line and region coverage of the parsers reached by a fuzz corpus: builds the fuzz targets
# with source-based coverage (build-fuzz-cov), replays each target's corpus once (no fuzzing,
# `-runs=0`) and prints llvm-cov's summary for the sources that target exists to test.
#   bash scripts/fuzz-coverage.sh KEEP_DIR
# KEEP_DIR is what `FUZZ_KEEP=DIR FUZZ_PARALLEL=1 scripts/fuzz-smoke.sh` left: DIR/<target>/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
KEEP=${1:?usage: scripts/fuzz-coverage.sh KEEP_DIR}
BUILD=${FUZZ_COV_BUILD_DIR:-$ROOT/build-fuzz-cov}
CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAFTERGLOW_FUZZ=ON -DAFTERGLOW_FUZZ_COVERAGE=ON \
  -DAFTERGLOW_BUILD_APP=OFF -DAFTERGLOW_BUILD_TESTS=OFF -DAFTERGLOW_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" --target fuzz_all -j "${FUZZ_JOBS:-2}" >/dev/null

# The sources each target is for (regexes over repository paths).
declare -A SOURCES=(
  [fuzz_age]='crypto/(age|bech32)'
  [fuzz_backup_json]='journal/export/backup'
  [fuzz_content]='journal/content/(pack|instrument|fhir_response|json_read)'
  [fuzz_record]='journal/codec'
)
status=0
for corpus in "$KEEP"/*/corpus; do
  name=$(basename "$(dirname "$corpus")")
  bin=$BUILD/fuzz/$name
  [[ -x $bin ]] || { echo "fuzz-coverage: $name was not built" >&2; status=1; continue; }
  prof=$BUILD/$name.profraw
  rm -f "$prof"
  LLVM_PROFILE_FILE=$prof "$bin" -runs=0 -rss_limit_mb=2048 -timeout=30 "$corpus" >/dev/null 2>&1 || {
    echo "fuzz-coverage: replaying $name's corpus failed" >&2; status=1; continue; }
  llvm-profdata-14 merge -sparse "$prof" -o "$BUILD/$name.profdata"
  files=$(cd "$ROOT" && git ls-files '*.cpp' | grep -E "^(${SOURCES[$name]:-.})" | sed "s|^|$ROOT/|")
  echo "== $name: $(find "$corpus" -type f | wc -l) corpus inputs"
  # shellcheck disable=SC2086
  llvm-cov-14 report "$bin" -instr-profile="$BUILD/$name.profdata" $files \
    | sed "s|$ROOT/||" | grep -v '^-'
done
exit $status
