// What screens ask for. A screen returns commands during its frame; the controller applies
// them after the frame (never inside Begin/End). A command carries the ids, kinds, indices and
// settings it acts on; what the user typed stays in Forms (secrets are wiped there, in one
// place), and "Save…" commands map their form with form_mapping.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/core/settings.hpp"
#include "app/core/view_state.hpp"
#include "app/core/passkeys.hpp"
#include "journal/types.hpp"

namespace afterglow::app::cmd {

struct CreateVault {};            // passphrase from Forms::first_run
struct ConfirmRecoveryKey {};     // the retyped group matched: forget the key, go home
enum class UnlockWith : std::uint8_t { passphrase, recovery_key };
struct Unlock {                   // the secret itself is in Forms::unlock.pass
    UnlockWith with = UnlockWith::passphrase;
};
struct Lock {};
struct KeepStorage {};            // ask the browser again to keep the journal's storage (Settings)
struct Capture {};                // quick note from Forms::unlock (works locked)
struct Go {                       // plain navigation
    Screen to;
};
struct Back {};
struct NewSession {};
struct EditSession {
    journal::RecordId id;
};
struct SaveSession {};            // from Forms::session
struct DeleteSession {
    journal::RecordId id;
};
struct StartIntention {           // wizard for a session (edits its intention if one exists)
    journal::RecordId session;
};
struct SaveIntention {};          // from Forms::intention
struct NewEntry {
    journal::EntryKind kind = journal::EntryKind::integration;
    std::optional<journal::RecordId> session;
};
struct OpenEntry {
    journal::RecordId id;
};
struct SaveEntry {};              // from Forms::editor (Ctrl+S)
struct EditorChanged {};          // a keystroke: (re)start the draft autosave timer
struct DeleteEntry {  // after the screen's inline confirmation; undoable while the toast shows
    journal::RecordId id;
};
struct UndoDelete {};
struct ToggleAction {             // tick an action or checklist item on a saved entry
    journal::RecordId entry;
    std::size_t index = 0;
    bool checklist = false;
};
struct SaveCheckIn {};            // from Forms::checkin
struct SafetyConcern {};          // "yes" was picked: the crisis screen opens now, the check-in stays
struct ChangePassphrase {};       // from Forms::settings
struct ApplySettings {
    Settings settings;
};
struct ExportPreview {};           // recount what Forms::export_form selects
struct ExportRun {};               // render, encrypt and write on the worker thread
struct FinishWelcome {             // the welcome was finished or skipped (remembered in settings)
    bool add_session = false;     // "Add your first session": the session form opens
};
struct SaveGoal {};               // a new goal from Forms::goals
struct ReviewGoal {};             // the open goal's progress and note from Forms::goals
struct SetGoalStatus {
    journal::RecordId goal;
    journal::GoalStatus status = journal::GoalStatus::active;
};
struct LinkGoal {                 // link or unlink an entry (its tag goal_tag(title))
    journal::RecordId goal, entry;
};
struct RemoveAction {             // remove an action from an integration entry
    journal::RecordId entry;
    std::size_t index = 0;
};
struct AcceptSchedule {};         // plan the sessions in Forms::schedule
struct DismissReminder {
    std::string key;
};
struct ExportShare {};             // the last export to the platform's share sheet
struct ImportPick {};              // open the platform's file picker
struct ImportChoose {              // this backup file was picked
    std::string path;
};
struct ImportRun {};               // open Forms::import_form's backup and merge it in
struct Repair {};                 // rebuild a damaged manifest (Vault::repair)
// Questionnaires, clinic scores, the clinic pack and the care team (controller_measures.cpp).
struct ChooseMeasure {            // the list of questionnaires, from home or a session
    std::optional<journal::RecordId> session;
};
struct StartMeasure {             // resume: continue its draft, if there is one
    std::string instrument;
    bool resume = true;
};
struct AnswerMeasure {            // answers the current question (saved as a draft at once)
    std::size_t option = 0;
};
struct MeasureBack {};            // the previous question (the list from the first)
struct SaveScoreOnly {};          // from Forms::score
struct ImportPack {};             // the file named in Forms::pack
struct RemovePack {};
struct OpenCareTeam {};
struct SaveCareTeam {};           // from Forms::care_team
struct ClearMessage {};
struct OpenLink {                 // a tel:/sms: link, opened by the page (web: view.can_open_links)
    std::string uri;
};
struct Copied {                   // the screen put a phone number on the clipboard (desktop)
    std::string number;
};
// Settings → Sync (controller_sync.cpp): the target from Forms::sync.
struct SyncSave {};
struct SyncTest {};                // "Test connection" with what the form holds
struct SyncNow {};
struct SyncForget {};
struct JoinJournal {};             // first run: join the journal in Forms::first_run.join's store
struct Passkey {                 // passkeys (controller_passkeys.cpp, app/core/passkeys.hpp)
    enum class Op : std::uint8_t { refresh, unlock, add, remove, answer, set_days, use_passphrase };
    Op op = Op::refresh;
    std::string row;                          // remove: the wrap's key row
    int days = 0;                             // set_days: the reminder period
    std::shared_ptr<PasskeyAnswer> answer;    // answer: what the browser said
};
struct Quit {};

}  // namespace afterglow::app::cmd

namespace afterglow::app {

using Command = std::variant<cmd::CreateVault, cmd::ConfirmRecoveryKey, cmd::Unlock, cmd::Lock, cmd::Capture,
                             cmd::Go, cmd::Back, cmd::NewSession, cmd::EditSession, cmd::SaveSession,
                             cmd::DeleteSession, cmd::StartIntention, cmd::SaveIntention, cmd::NewEntry,
                             cmd::OpenEntry, cmd::SaveEntry, cmd::EditorChanged, cmd::DeleteEntry, cmd::UndoDelete,
                             cmd::ToggleAction, cmd::SaveCheckIn, cmd::SafetyConcern, cmd::ChangePassphrase, cmd::ApplySettings, cmd::ExportPreview,
                             cmd::ExportRun, cmd::ExportShare, cmd::ImportPick, cmd::ImportChoose, cmd::ImportRun,
                             cmd::Repair, cmd::FinishWelcome, cmd::SaveGoal, cmd::ReviewGoal,
                             cmd::SetGoalStatus, cmd::LinkGoal, cmd::RemoveAction, cmd::AcceptSchedule,
                             cmd::DismissReminder, cmd::ChooseMeasure, cmd::StartMeasure, cmd::AnswerMeasure,
                             cmd::MeasureBack, cmd::SaveScoreOnly, cmd::ImportPack, cmd::RemovePack,
                             cmd::OpenCareTeam, cmd::SaveCareTeam, cmd::ClearMessage, cmd::KeepStorage,
                             cmd::OpenLink, cmd::Copied, cmd::SyncSave, cmd::SyncTest, cmd::SyncNow,
                             cmd::SyncForget, cmd::JoinJournal, cmd::Passkey, cmd::Quit>;

using Commands = std::vector<Command>;

}  // namespace afterglow::app
