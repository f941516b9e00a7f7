#include "app/core/view_state.hpp"

#include <array>

#include "app/core/forms.hpp"
#include "crypto/secret.hpp"

namespace afterglow::app {
namespace {

constexpr std::array<const char*, static_cast<std::size_t>(Screen::count)> kScreenNames = {
    "first_run", "unlock", "home", "session", "intention", "editor", "journal", "settings", "crisis", "export",
    "checkin", "welcome", "goals", "questionnaire", "measures", "clinic_pack", "care_team",
    "import", "sync",
};

}  // namespace


bool holds_secrets(Screen s) {
    return s == Screen::first_run || s == Screen::unlock || s == Screen::import_data || s == Screen::sync;  // sync: an app password
}

const char* screen_name(Screen s) {
    const auto i = static_cast<std::size_t>(s);
    return i < kScreenNames.size() ? kScreenNames[i] : "unknown";
}

const SessionRow* VaultView::find_session(const journal::RecordId& id) const {
    for (const auto& s : sessions)
        if (s.id == id) return &s;
    return nullptr;
}

const EntryRow* VaultView::find_entry(const journal::RecordId& id) const {
    for (const auto& e : entries)
        if (e.id == id) return &e;
    return nullptr;
}

void ViewState::drop_decrypted() {
    for (auto& s : sessions) crypto::wipe(s.title), crypto::wipe(s.provider), crypto::wipe(s.phase);
    for (auto& e : entries) {
        crypto::wipe(e.title), crypto::wipe(e.preview), crypto::wipe(e.session_label);
        for (auto& t : e.tags) crypto::wipe(t);
    }
    for (auto& s : sessions)
        for (auto& c : s.open_checklist) crypto::wipe(c);
    for (auto& g : goals) {
        crypto::wipe(g.title), crypto::wipe(g.description);
        for (auto& r : g.reviews) crypto::wipe(r.note);
    }
    for (auto& c : carrying) crypto::wipe(c.text), crypto::wipe(c.from);
    goals.clear();
    carrying.clear();
    suggestion.reset();
    reminders.clear();
    for (auto& t : all_tags) crypto::wipe(t);
    for (auto& t : trends) crypto::wipe(t.measure);
    trends.clear();
    for (auto& r : checkin_rows) crypto::wipe(r.date);
    checkin_rows.clear();
    safety_yes.clear();
    checkin_count = 0;
    safety_followup = false;
    last_checkin.clear();
    crypto::wipe(recovery_key);
    sessions.clear();
    sessions.shrink_to_fit();
    entries.clear();
    entries.shrink_to_fit();
    all_tags.clear();
    journal_rows.clear();
    problems.clear();
    draft_status.clear();
    crypto::wipe(export_preview);
    import_result.clear();
    error.clear();
    notice.clear();
    can_undo = false;
    measures.drop();
    pack.reset();
    ++generation;
}

void SecretField::wipe() { crypto::wipe(text); }

void Forms::drop_deleted() {
    if (!deleted) return;
    crypto::wipe(deleted->title);
    crypto::wipe(deleted->body);
    for (auto& p : deleted->prompts) crypto::wipe(p.answer);
    for (auto& a : deleted->actions) crypto::wipe(a.text);
    deleted.reset();
}

void Forms::wipe() {
    drop_deleted();
    first_run.pass.wipe();
    first_run.confirm.wipe();
    first_run.join.wipe();
    crypto::wipe(first_run.group_typed);
    unlock.pass.wipe();
    crypto::wipe(unlock.note_title);
    crypto::wipe(unlock.note_body);
    crypto::wipe(checkin.note);
    checkin = CheckInForm{};
    crypto::wipe(session.provider);
    crypto::wipe(session.notes);
    session = SessionForm{};
    for (auto& a : intention.answers) a.doc.wipe();
    for (auto& c : intention.checklist) crypto::wipe(c.label);
    intention = IntentionForm{};
    editor.doc.wipe();
    crypto::wipe(editor.title);
    crypto::wipe(editor.tag_input);
    crypto::wipe(editor.action_input);
    for (auto& t : editor.tags) crypto::wipe(t);
    for (auto& a : editor.actions) crypto::wipe(a.text);
    editor.tags.clear();
    editor.emotions.clear();
    editor.actions.clear();
    editor.meta = {};
    editor.session.reset();
    editor.caret = editor.anchor = {};
    editor.dirty = false;
    crypto::wipe(journal.query);
    crypto::wipe(journal.filter.query);
    journal.filter = JournalFilter{};
    export_form.pass.wipe();
    export_form.pass_confirm.wipe();
    export_form = ExportForm{};
    import_form.secret.wipe();
    import_form.file.clear();
    settings.next.wipe();
    measure.wipe();
    score.wipe();
    pack = PackForm{};
    care_team.wipe();
    settings.confirm.wipe();
    crypto::wipe(goals.title), crypto::wipe(goals.description), crypto::wipe(goals.note);
    goals = GoalForm{};
    schedule = ScheduleForm{};
}

}  // namespace afterglow::app
