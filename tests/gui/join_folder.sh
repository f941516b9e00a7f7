#!/usr/bin/env bash
# First run on a new computer: "Join a journal you already have" through a folder on this
# computer (the folder Syncthing, Nextcloud or Dropbox keeps in step), in the real app under
# Xvfb with real X input. The other device is afterglow-cli: it makes a journal with two
# entries and syncs it into the folder. The app is started fresh, the join form opened, an
# empty folder tried first (the app says there is no journal there and makes no vault), then
# the right folder and the passphrase are typed: the app joins, shows both entries in the
# journal and the folder in Settings → Sync, and the CLI reads the joined vault back (both
# entries, the folder as its target).
# The folders are typed as "~/Sync/…" (the home folder). Waits only on the app's hook lines.
# Screenshots of the form and the result in ARTIFACTS_DIR.
#
#   join_folder.sh AFTERGLOW AFTERGLOW_CLI ARTIFACTS_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh" && gui_under_xvfb "$@"
APP=$1 CLI=$2 ART=$3
gui_setup join-folder "join-folder-*.png"
PASS="quiet river lantern morning"
gui_home "$T/desk" 16
VAULT=$XDG_DATA_HOME/afterglow/journal.afterglow
FOLDER=$HOME/Sync/Afterglow
EMPTY=$HOME/Sync/Empty
mkdir -p "$EMPTY"

# ---- the other device: afterglow-cli writes two entries and syncs them into the folder ------
LAPTOP=$T/laptop.afterglow
export AFTERGLOW_PASSPHRASE="$PASS"
"$CLI" --insecure-test-kdf --vault "$LAPTOP" init > /dev/null
echo "Breathing by the window after the session." | "$CLI" --vault "$LAPTOP" add --title "After the session" > /dev/null
echo "What I want to keep from today." | "$CLI" --vault "$LAPTOP" add --title "To keep" > /dev/null
"$CLI" --vault "$LAPTOP" sync --target "$FOLDER" > /dev/null
[[ -f "$FOLDER/journal.key" ]] || fail "afterglow-cli did not make a journal in $FOLDER"
unset AFTERGLOW_PASSPHRASE

# ---- this computer: first run, join -----------------------------------------------------------
LOG=$T/app.log
launch_fresh
click first_join
wait_for "^widget join_folder "
grep -q "^widget join_kind_folder " "$LOG" || fail "the desktop's join offers no folder"
click join_folder
wait_for "^focus join_folder"
type_text "~/Sync/Empty" 10             # "~/" is the home folder
click join_secret
wait_for "^focus join_secret"
type_text "$PASS" 10
click join_button
wait_for "^event join_failed" 30
wait_for "^value join_empty 1" 10
[[ ! -e "$VAULT" ]] || fail "a failed join left a vault behind"
[[ -z "$(ls -A "$EMPTY")" ]] || fail "a failed join wrote into the empty folder"
shot join-folder-01-empty

click join_folder
wait_for "^focus join_folder"
combo ctrl+a
type_text "~/Sync/Afterglow" 10
click join_secret
wait_for "^focus join_secret"
type_text "$PASS" 10
shot join-folder-02-form
click join_button
wait_for "^event joined" 60
wait_for "^screen home" 10
shot join-folder-03-home
click nav_journal
wait_for "^screen journal" 10
wait_for "^value journal_results 2$" 10
click nav_settings                       # Settings → Sync: the folder is where it syncs
wait_for "^screen settings" 10
click settings_sync
wait_for "^screen sync" 10
wait_for "^value sync_configured 1$" 10
wait_for "^widget sync_folder " 10
shot join-folder-04-sync
stop_app

# ---- the CLI reads the joined vault back --------------------------------------------------------
export AFTERGLOW_PASSPHRASE="$PASS"
LIST=$("$CLI" --vault "$VAULT" list)
grep -q "After the session" <<< "$LIST" || fail "the joined vault lacks 'After the session': $LIST"
grep -q "To keep" <<< "$LIST" || fail "the joined vault lacks 'To keep': $LIST"
STATUS=$("$CLI" --vault "$VAULT" sync status)
grep -qF "Target: $FOLDER" <<< "$STATUS" || fail "the joined vault does not sync to the folder: $STATUS"
echo "join_folder: joined 2 entries from $FOLDER"
