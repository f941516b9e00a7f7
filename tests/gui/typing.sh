#!/usr/bin/env bash
# Typing that never loses a key (the app's input queue, app/input_queue.hpp), under Xvfb with
# real X key events from xdotool: on the unlock screen, with no click into the field, a long
# passphrase is typed at 5 ms a key and Return pressed at once (press and release come
# between two frames), 20 times in a row, locking in between with Ctrl+L: 20 of 20 unlock.
# Before that, a wrong passphrase, and the right one typed the moment "unlock failed" is
# printed (while the field is being focused again): it unlocks. Waits only on the app's hook
# lines; a failure names how many characters the field held.
#
#   typing.sh AFTERGLOW AFTERGLOW_CLI ARTIFACTS_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh" && gui_under_xvfb "$@"
APP=$1 CLI=$2 ART=$3
FOCUS_SETTLE=0   # no grace time: typing starts the moment the app says its screen is there
gui_setup typing
gui_home "$T"
PASS="Quiet river, lantern morning 42"   # 31 characters: capitals, punctuation, spaces
VAULT=$T/journal.afterglow
AFTERGLOW_PASSPHRASE="$PASS" "$CLI" --insecure-test-kdf --vault "$VAULT" init > /dev/null

LOG=$T/app.log
: > "$LOG"
AFTERGLOW_TEST_HOOKS=1 "$APP" --vault "$VAULT" --insecure-test-kdf > "$LOG" 2>&1 &
APP_PID=$!
wait_for "^screen unlock" 30
WID=$(xdotool search --sync --onlyvisible --name '^Afterglow' | head -1)
xdotool windowfocus --sync "$WID" 2>/dev/null || true

fast_type() { xdotool type --delay 5 -- "$1"; }
held() { grep -E "^value unlock_pass_chars " "$LOG" | tail -1 | awk '{print $3}'; }
# expect_unlock WHAT: the next unlock attempt succeeds and home appears.
expect_unlock() {
  wait_for "^event (unlocked|unlock_failed)" 20
  local last
  last=$(grep -E "^event (unlocked|unlock_failed)" "$LOG" | tail -1)
  [[ "$last" == "event unlocked" ]] || { import -window root "$ART/typing-failed.png" || true;
    fail "$1: the unlock failed (the field held $(held) of ${#PASS} characters)"; }
  wait_for "^screen home" 20
}

# A wrong passphrase, then the right one typed the moment the failure is printed.
fast_type "not my passphrase at all"
xdotool key Return
wait_for "^event unlock_failed" 20
fast_type "$PASS"
xdotool key Return
expect_unlock "right after a failure"
import -window root "$ART/typing-after-failure.png"

ok=0
for round in $(seq 1 20); do
  xdotool key ctrl+l
  wait_for "^screen unlock" 20
  fast_type "$PASS"
  xdotool key Return
  expect_unlock "round $round"
  ok=$((ok + 1))
done
echo "typing: $ok of 20 fast unlocks (5 ms a key, Return at once), and 1 right after a failure"
(( ok == 20 )) || fail "only $ok of 20 unlocked"
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
APP_PID=""
