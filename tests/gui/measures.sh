#!/usr/bin/env bash
# Questionnaires in the real app under Xvfb with real X input: take PHQ-9 with the keyboard
# only (digits, arrows + Enter), stop half-way and resume the draft, answer item 9 above
# "not at all" (the crisis screen opens at once), see the total, add a clinic score (a wrong
# one is refused), hover the trend chart and switch to the table, save a care team and find
# it first on the crisis screen. Then, at 400×800 with text size 28, the questionnaire's
# targets must be inside the window, apart and at least 44 px tall, and item 9 answered
# "not at all" is neither flagged nor sends anyone to the crisis screen. The CLI reads back what
# was stored. Screenshots are kept in ARTIFACTS_DIR.
#
#   measures.sh AFTERGLOW AFTERGLOW_CLI ARTIFACTS_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh" && gui_under_xvfb "$@"
APP=$1 CLI=$2 ART=$3
gui_setup measures "measures-*.png"
PASS="quiet river lantern morning"

# start NAME FONT: a fresh vault (first run and recovery key) in its own home, at home.
start() {
  local name=$1 font=$2
  gui_home "$T/$name" "$font"
  VAULT=$XDG_DATA_HOME/afterglow/journal.afterglow
  LOG=$T/$name.log
  launch_fresh
  create_vault_typing_group
  key Return
  wait_for "^screen home"
}

# ---- 1. a session three days ago (its date is marked on the trend's time axis) ------------
start wide 16
click nav_new_session
wait_for "^screen session"
combo ctrl+a
type_text "$(date -u -d '-3 days' +%F)"
combo ctrl+s
wait_for "^event saved_session"

# ---- 2. PHQ-9 with the keyboard, from the session screen --------------------------------------
wait_for "^widget session_questionnaire "
click session_questionnaire
wait_for "^screen questionnaire"
wait_for "^widget measure_start_phq-9 "
shot measures-01-list
click measure_start_phq-9
wait_for "^screen questionnaire_item_1$"
shot measures-02-item1
key 1                                  # several days
wait_for "^screen questionnaire_item_2$"
key 2                                  # more than half the days
wait_for "^screen questionnaire_item_3$"
key Down                               # arrows move between answers, Enter picks
key Return
wait_for "^screen questionnaire_item_4$"
grep -q "^event measure_draft_saved" "$LOG" || fail "answers are not saved as a draft"
click measure_stop                     # interrupted: the draft stays
wait_for "^screen session"

# ---- 3. resume the draft from home ------------------------------------------------------------
click nav_home
wait_for "^screen home"
click home_questionnaire
wait_for "^screen questionnaire"
wait_for "^widget measure_resume_phq-9 "
shot measures-03-resume
click measure_resume_phq-9
wait_for "^screen questionnaire_item_4$"
for n in 5 6 7 8 9; do
  key 0
  wait_for "^screen questionnaire_item_$n$"
done
shot measures-04-item9

# ---- 4. item 9 above "not at all": the crisis screen at once ----------------------------------
key 1
wait_for "^screen crisis" 5
shot measures-05-crisis-from-item9
click crisis_back
wait_for "^screen questionnaire_item_10$"
key 1                                  # how difficult: somewhat
wait_for "^screen questionnaire_result"
wait_for "^value measure_total 5$" 5   # 1 + 2 + 1 + 0×5 + 1
grep -q "^event saved_measure" "$LOG" || fail "the completed questionnaire was not saved"
wait_for "^widget measure_result_crisis " 5   # the flag is named, with the way to support
shot measures-06-result

# ---- 5. the trend: a clinic score (a wrong one refused), hover, the table ----------------------
click measure_result_trends
wait_for "^screen measures"
wait_for "^widget score_save "
click score_total
type_text "30"
click score_save
sleep 0.8
grep -q "^event saved_score" "$LOG" && fail "a total of 30 for PHQ-9 was accepted"
shot measures-07-score-refused
click score_total
combo ctrl+a
type_text "14"
click score_date
type_text "$(date -u -d '-10 days' +%F)"
click score_save
wait_for "^event saved_score"
wait_for "^value measure_points 2$"
sleep 0.5
xdotool mousemove --window "$WID" $(widget_pos measure_point_phq-9)
sleep 0.3
xdotool mousemove_relative 1 0
wait_for "^value measure_hover 5$" 5
shot measures-08-trend-hover
click measures_table_view
wait_for "^value measures_table 1$"
shot measures-09-table

# ---- 6. my care team, first on the crisis screen ------------------------------------------------
click nav_settings
wait_for "^screen settings"
wait_for "^widget settings_lock_minimized "  # the desktop's window can be minimized
click settings_care_team
wait_for "^screen care_team"
click care_therapist_name
type_text "Dr. Rivera"
click care_therapist_phone
type_text "+1 555 0142"
click care_trusted_name
type_text "Sam"
click care_trusted_phone
type_text "555 0199"
click care_save
wait_for "^event saved_care_team"
click nav_crisis
wait_for "^screen crisis"
wait_for "^widget crisis_care_team "
wait_for "^widget crisis_region_US "
care_y=$(grep "^widget crisis_care_team " "$LOG" | tail -1 | awk '{print $4}')
us_y=$(grep "^widget crisis_region_US " "$LOG" | tail -1 | awk '{print $4}')
(( care_y < us_y )) || fail "the care team is not shown before the phone lines"
shot measures-10-crisis-care-team
stop_app

# ---- 7. what was stored, read back with the CLI ----------------------------------------------
export AFTERGLOW_PASSPHRASE="$PASS"
HIST=$("$CLI" --vault "$VAULT" measure history phq-9)
echo "$HIST"
grep -q "5 of 27" <<<"$HIST" || fail "the questionnaire's total is not stored: $HIST"
grep -qi "flag\|⚠" <<<"$HIST" || fail "item 9 is not flagged: $HIST"
grep -q "14 of 27" <<<"$HIST" || fail "the clinic score is not stored: $HIST"
CARE=$("$CLI" --vault "$VAULT" careteam show)
grep -q "Dr. Rivera" <<<"$CARE" || fail "the care team is not stored: $CARE"
unset AFTERGLOW_PASSPHRASE

# ---- 8. narrow and large: 400×800 at text size 28 ----------------------------------------------
start narrow 28
xdotool windowsize "$WID" 400 800
sleep 1.5
xdotool mousemove --window "$WID" 5 795
sleep 1
grep "^value narrow" "$LOG" | tail -1 | grep -q " 1$" || fail "expected the narrow layout at 400x800"
wait_for "^widget home_questionnaire "
click home_questionnaire
wait_for "^screen questionnaire"
wait_for "^widget measure_start_phq-9 "
click measure_start_phq-9
wait_for "^screen questionnaire_item_1$"
from=$(($(grep -n "^screen questionnaire_item_1$" "$LOG" | tail -1 | cut -d: -f1) + 1))
sleep 1
boxes=""
for t in measure_option0 measure_option1 measure_option2 measure_option3 measure_back measure_stop; do
  line=$(tail -n +"$from" "$LOG" | grep -E "^widget $t " | tail -1 || true)
  [[ -n "$line" ]] || fail "$t was not reported at 400x800"
  boxes+="$line"$'\n'
done
shot measures-11-narrow-item
python3 "$HERE/check_boxes.py" 400 800 1 <<<"$boxes" || fail "questionnaire at 400x800, text 28: see above"
for n in 2 3 4 5 6 7 8 9; do key 1; wait_for "^screen questionnaire_item_$n$"; done
key 0                                  # item 9: not at all (no crisis screen, no flag)
wait_for "^screen questionnaire_item_10$"
key 1
wait_for "^screen questionnaire_result"
wait_for "^value measure_total 8$" 5
grep -q "^widget measure_result_crisis " <(tail -n +"$from" "$LOG") && fail "item 9 at 0 was flagged"
grep -q "^screen crisis" <(tail -n +"$from" "$LOG") && fail "item 9 at 0 opened the crisis screen"
shot measures-12-narrow-result
click measure_result_trends
wait_for "^screen measures"
shot measures-13-narrow-trend
stop_app
echo "PASS: questionnaires ($(ls "$ART"/measures-*.png | wc -l) screenshots in $ART)"
