# Helpers for the GUI end-to-end tests: drive the real afterglow binary with real X input
# events (xdotool) and wait on the lines its test hook prints (AFTERGLOW_TEST_HOOKS=1):
#   screen NAME | widget NAME X Y W H (centre, size) | event NAME | value NAME N
# Sourced by every GUI test: a test starts with
#   source "$(dirname "$0")/lib.sh" && gui_under_xvfb "$@"
# then sets APP and ART from its arguments and calls gui_setup; LOG and WID are set by the
# launch helpers below (or by the caller). HERE is this folder (check_boxes.py and the rest).
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# gui_under_xvfb "$@": re-runs the calling script under its own Xvfb (1280×800, kept up
# between app runs) and returns inside it.
gui_under_xvfb() {
  [[ -n "${AFTERGLOW_E2E_INNER:-}" ]] && return 0
  exec xvfb-run -a -s "-screen 0 1280x800x24 -noreset" env AFTERGLOW_E2E_INNER=1 bash "$0" "$@"
}

# gui_setup NAME [OLD_SHOTS]: creates $ART (removing the screenshots matching the glob
# OLD_SHOTS) and the test's temp dir $T; on exit the app ($APP_PID) is killed and $T removed.
gui_setup() {
  mkdir -p "$ART"
  if [[ -n "${2:-}" ]]; then rm -f "$ART"/$2; fi
  T=$(mktemp -d "/tmp/afterglow-$1-XXXXXX")
  APP_PID=""
  trap gui_cleanup EXIT
}
gui_cleanup() {
  if [[ -n "${APP_PID:-}" ]]; then kill "$APP_PID" 2>/dev/null || true; fi
  rm -rf "$T"
}

# gui_home DIR [FONT_SIZE]: a fresh HOME, XDG dirs and TMPDIR under DIR, TZ=UTC; with
# FONT_SIZE, a settings file that sets the text size.
gui_home() {
  export HOME=$1/home XDG_CONFIG_HOME=$1/config XDG_DATA_HOME=$1/data XDG_CACHE_HOME=$1/cache \
         XDG_STATE_HOME=$1/state TMPDIR=$1/tmp TZ=UTC
  mkdir -p "$HOME" "$TMPDIR"
  if [[ -n "${2:-}" ]]; then
    mkdir -p "$XDG_CONFIG_HOME/afterglow"
    printf 'font_size=%s\n' "$2" > "$XDG_CONFIG_HOME/afterglow/settings.ini"
  fi
}

SEEN=0          # lines of $LOG already consumed by wait_for
LAST_SHOT=""

fail() {
  echo "FAIL: $*" >&2
  [[ -f "${LOG:-}" ]] && { echo "--- app output (last 30 lines) ---" >&2; tail -30 "$LOG" >&2; }
  exit 1
}

# wait_for REGEX [SECONDS]: waits for a new output line matching REGEX.
wait_for() {
  local pat=$1 secs=${2:-15} n
  local tries=$((secs * 20))
  for ((i = 0; i < tries; i++)); do
    n=$(tail -n +$((SEEN + 1)) "$LOG" | grep -n -E -m1 "$pat" | cut -d: -f1 || true)
    if [[ -n "$n" ]]; then
      SEEN=$((SEEN + n))
      sleep "${FOCUS_SETTLE:-0.1}"   # a breath for the next frames (typed text waits for focus in the app itself: app/input_queue.hpp)
      return 0
    fi
    sleep 0.05
  done
  fail "timed out after ${secs}s waiting for /$pat/"
}

# Centre of a widget the hook reported (window coordinates).
widget_pos() {
  local line
  line=$(grep -E "^widget $1 " "$LOG" | tail -1)
  [[ -n "$line" ]] || fail "widget $1 was never reported"
  echo "$line" | awk '{print $3, $4}'
}

# Scrolls the page with the wheel (over the window's middle) until widget $1 is reported
# inside the window's height: a target below the fold at large text sizes is reached the way
# a user reaches it. Fails after 30 notches.
scroll_into_view() {
  local h y n=0
  h=$(xdotool getwindowgeometry --shell "$WID" | sed -n 's/^HEIGHT=//p')
  while :; do
    y=$(widget_pos "$1" | awk '{print $2}')
    (( y > 8 && y < h - 8 )) && return 0
    (( n++ < 30 )) || fail "widget $1 stays outside the window (y=$y, height $h)"
    xdotool mousemove --window "$WID" 20 $((h / 2))
    if (( y >= h - 8 )); then xdotool click 5; else xdotool click 4; fi
    sleep 0.25
  done
}

click() {
  local pos
  scroll_into_view "$1"
  pos=$(widget_pos "$1")
  # shellcheck disable=SC2086
  xdotool mousemove --window "$WID" $pos
  sleep 0.1
  xdotool click 1
  sleep 0.25
}

type_text() { xdotool type --delay "${2:-40}" -- "$1"; sleep 0.2; }
key() { xdotool key "$1"; sleep 0.15; }
combo() { xdotool keydown "$1"; sleep 0.1; xdotool keyup "$1"; sleep 0.2; }

# shot NAME: screenshot of the screen; fails if it is blank or identical to the previous one.
shot() {
  local file="$ART/$1.png"
  sleep 0.4
  import -window root "$file"
  local colors
  colors=$(identify -format '%k' "$file")
  (( colors > 8 )) || fail "screenshot $1 looks blank ($colors colours)"
  if [[ -n "$LAST_SHOT" ]]; then
    local diff
    diff=$(compare -metric AE "$LAST_SHOT" "$file" null: 2>&1 | awk '{print int($1)}' || true)
    (( diff > 0 )) || fail "screenshot $1 is identical to the previous one (the screen did not change)"
  fi
  LAST_SHOT=$file
  echo "screenshot $file ($colors colours)"
}

# launch_app SCREEN READY: starts the app (hooks on, fast test KDF) logging to $LOG, waits
# for the screen line matching SCREEN then the line matching READY (the focus request lands on
# the frames after the first), and sets APP_PID and WID. Expects APP, LOG (and a fresh HOME).
launch_app() {
  : > "$LOG"
  SEEN=0
  AFTERGLOW_TEST_HOOKS=1 "$APP" --insecure-test-kdf > "$LOG" 2>&1 &
  APP_PID=$!
  wait_for "^screen $1" 30
  wait_for "$2" 30
  WID=$(xdotool search --sync --onlyvisible --name '^Afterglow' | head -1)
  sleep 1
}

# stop_app: quits the app with Ctrl+Q; fails unless it exits cleanly.
stop_app() {
  combo ctrl+q
  wait "$APP_PID" || fail "afterglow exited with an error"
  APP_PID=""
}

# launch_fresh: launch_app on the first-run screen, once its Create button is reported.
launch_fresh() { launch_app first_run "^widget first_create "; }

# create_vault_typing_group: on the first-run screen, types $PASS twice, then retypes the
# recovery key's highlighted group (the caller presses Return to confirm it).
create_vault_typing_group() {
  type_text "$PASS"
  key Tab
  type_text "$PASS"
  key Return
  wait_for "^test_recovery_group " 20
  GROUP=$(grep "^test_recovery_group " "$LOG" | tail -1 | awk '{print $2}')
  click recovery_group
  type_text "$GROUP"
}
