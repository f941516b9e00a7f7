#!/usr/bin/env bash
# CTest smoke test of the benchmarks: bench/run --tiny must run every bench and report a
# number for each one's figures. Verdicts are not checked (tiny sizes prove nothing about
# targets). A bench that cannot run because a tool is missing fails under CI (CI set) and is
# reported SKIPPED elsewhere.
#   bash bench/smoke.sh BUILD_DIR
set -u
BUILD=${1:?build dir}
out=$(bash "$(dirname "$0")/run" --tiny "$BUILD" 2>&1)
echo "$out"
status=0
# Each bench and a figure name it must report.
for want in "vault: open + search" "save: new entry, cost at" "memory per entry" "age: encrypt" "pdf: 20 entries" "pdf: one 40 KB body" \
            "json import: 1000 records" "json import: peak RSS" "crash: vault opens" \
            "crash: acknowledged items lost" "concurrency: acknowledged items lost" \
            "concurrency: items duplicated" "concurrency: false damage alarms" \
            "sync: join / open" "sync: one new entry" "sync: unchanged journal"; do
    line=$(grep -a "^$want" <<<"$out" | head -1)
    if [ -z "$line" ] && [ "${want%%:*}" = age ] && ! command -v age >/dev/null; then
        if [ -n "${CI:-}" ]; then echo "FAIL: the age binary is missing under CI"; status=1
        else echo "SKIPPED: $want (the age binary is not installed)"; fi
        continue
    fi
    if [ -z "$line" ]; then
        echo "FAIL: no figure \"$want\""; status=1
    elif ! grep -qE '[0-9]' <<<"$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]/) { print $i; exit } }' <<<"${line#"$want"}")"; then
        echo "FAIL: figure \"$want\" has no number: $line"; status=1
    fi
done
if grep -q "did not finish cleanly" <<<"$out"; then echo "FAIL: a bench did not finish cleanly"; status=1; fi
exit $status
