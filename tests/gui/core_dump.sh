#!/usr/bin/env bash
# Secrets in memory (issue 7 item 8): the real app under Xvfb writes an entry holding a
# canary, searches for it, locks, captures a quick note (another canary) on the lock screen,
# and then gcore dumps the running process. The dump must hold no canary (UTF-8, UTF-16,
# base64, hex) and not the passphrase: freed heap, Dear ImGui's text state and the stack are
# all wiped after lock.
#
#   core_dump.sh AFTERGLOW ARTIFACTS_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh" && gui_under_xvfb "$@"
APP=$1 ART=$2
command -v gcore >/dev/null || fail "gcore (package gdb) is required"
gui_setup core
gui_home "$T"
mkdir -p "$T/dump"
LOG=$T/app.log
PASS="amber harbour violet seven"
BODY="bq4bodycanary"      # in the entry body, and the search query
TITLE="tq6titlecanary"    # the entry title
NOTE="nq5notecanary"      # the quick note typed on the lock screen

launch_app first_run "^first_frame_ms"
click first_pass
type_text "$PASS"
key Tab
type_text "$PASS"
shot core-dump-first-run
key Return
wait_for "^event created" 30
wait_for "^test_recovery_group "
GROUP=$(grep "^test_recovery_group " "$LOG" | tail -1 | awk '{print $2}')
click recovery_group
type_text "$GROUP"
key Return
wait_for "^screen home"

combo ctrl+n
wait_for "^screen editor"
sleep 0.3
type_text "Today $BODY felt like a long exhale. " 30
click editor_title
type_text "$TITLE"
combo ctrl+s
wait_for "^event saved_entry"

combo ctrl+f
wait_for "^screen journal"
type_text "$BODY"
wait_for "^value journal_results 1$" 10

# Control: while unlocked the entry is in memory, so the scan must find it there.
mkdir -p "$T/before"
gcore -o "$T/before/core" "$APP_PID" >/dev/null 2>&1 || fail "gcore could not dump the app"
if python3 "$HERE/canary_scan.py" "$BODY" "$T/before" >/dev/null; then
  fail "control failed: the unlocked app's core dump does not contain the open entry"
fi
rm -rf "$T/before"

combo ctrl+l
wait_for "^event locked"
wait_for "^screen unlock"
click note_body
type_text "On the way home: $NOTE and rain." 30
click note_save
wait_for "^event captured" 10
sleep 1   # a few idle frames
shot core-dump-locked

gcore -o "$T/dump/core" "$APP_PID" >/dev/null 2>&1 || fail "gcore could not dump the app"
ls "$T"/dump/core.* >/dev/null 2>&1 || fail "no core file written"
echo "core: $(du -h "$T"/dump/core.* | cut -f1)"
hits=0
for marker in "$BODY" "$TITLE" "$NOTE" "$PASS"; do
  if ! python3 "$HERE/canary_scan.py" "$marker" "$T/dump"; then
    echo "marker '$marker' found in the core dump; around each hit (test data only):"
    python3 - "$marker" "$T"/dump/core.* <<'PY'
import sys
m, data = sys.argv[1].encode(), open(sys.argv[2], "rb").read()
i = data.find(m)
for _ in range(6):
    if i < 0: break
    print(f"  @{i:#x}: {data[max(0, i - 48):i + len(m) + 48]!r}")
    i = data.find(m, i + 1)
PY
    hits=$((hits + 1))
  fi
done
(( hits == 0 )) || fail "$hits secret(s) found in the core dump after lock"

stop_app
echo "PASS: no canary and no passphrase in the core dump after lock"
