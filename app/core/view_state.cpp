#include "app/core/view_state.hpp"

#include <array>

#include "app/core/forms.hpp"
#include "crypto/secret.hpp"

namespace afterglow::app {
namespace {

constexpr std::array<const char*, static_cast<std::size_t>(Screen::count)> kScreenNames = {
    "first_run", "unlock", "home", "session", "intention", "editor", "journal", "settings", "crisis", "export",
    "checkin",
};

}  // namespace

void wipe_string(std::string& s) {
    if (s.capacity()) crypto::wipe(s.data(), s.capacity());
    s.clear();
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
    for (auto& s : sessions) wipe_string(s.title), wipe_string(s.provider), wipe_string(s.phase);
    for (auto& e : entries) {
        wipe_string(e.title), wipe_string(e.preview), wipe_string(e.session_label);
        for (auto& t : e.tags) wipe_string(t);
    }
    for (auto& t : all_tags) wipe_string(t);
    for (auto& t : trends) wipe_string(t.measure);
    trends.clear();
    checkin_count = 0;
    last_checkin.clear();
    wipe_string(recovery_key);
    sessions.clear();
    sessions.shrink_to_fit();
    entries.clear();
    entries.shrink_to_fit();
    all_tags.clear();
    journal_rows.clear();
    problems.clear();
    draft_status.clear();
    wipe_string(export_preview);
    error.clear();
    notice.clear();
    can_undo = false;
    ++generation;
}

void SecretField::wipe() {
    crypto::wipe(text.data(), text.capacity());
    text.clear();
}

void Forms::drop_deleted() {
    if (!deleted) return;
    wipe_string(deleted->title);
    wipe_string(deleted->body);
    for (auto& p : deleted->prompts) wipe_string(p.answer);
    for (auto& a : deleted->actions) wipe_string(a.text);
    deleted.reset();
}

void Forms::wipe() {
    drop_deleted();
    first_run.pass.wipe();
    first_run.confirm.wipe();
    wipe_string(first_run.group_typed);
    unlock.pass.wipe();
    wipe_string(unlock.note_title);
    wipe_string(unlock.note_body);
    wipe_string(checkin.note);
    checkin = CheckInForm{};
    wipe_string(session.provider);
    wipe_string(session.notes);
    session = SessionForm{};
    for (auto& a : intention.answers) a.doc.wipe();
    for (auto& c : intention.checklist) wipe_string(c.label);
    intention = IntentionForm{};
    editor.doc.wipe();
    wipe_string(editor.title);
    wipe_string(editor.tag_input);
    wipe_string(editor.action_input);
    for (auto& t : editor.tags) wipe_string(t);
    for (auto& a : editor.actions) wipe_string(a.text);
    editor.tags.clear();
    editor.emotions.clear();
    editor.actions.clear();
    editor.meta = {};
    editor.session.reset();
    editor.caret = editor.anchor = {};
    editor.dirty = false;
    wipe_string(journal.query);
    wipe_string(journal.filter.query);
    journal.filter = JournalFilter{};
    export_form = ExportForm{};
    settings.next.wipe();
    settings.confirm.wipe();
}

}  // namespace afterglow::app
