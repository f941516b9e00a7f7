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

void wipe(std::string& s) {
    if (s.capacity()) crypto::wipe(s.data(), s.capacity());
    s.clear();
}

}  // namespace

const char* screen_name(Screen s) {
    const auto i = static_cast<std::size_t>(s);
    return i < kScreenNames.size() ? kScreenNames[i] : "unknown";
}

const SessionRow* ViewState::find_session(const journal::RecordId& id) const {
    for (const auto& s : sessions)
        if (s.id == id) return &s;
    return nullptr;
}

const EntryRow* ViewState::find_entry(const journal::RecordId& id) const {
    for (const auto& e : entries)
        if (e.id == id) return &e;
    return nullptr;
}

void ViewState::drop_decrypted() {
    for (auto& s : sessions) wipe(s.title), wipe(s.provider), wipe(s.phase);
    for (auto& e : entries) {
        wipe(e.title), wipe(e.preview), wipe(e.session_label);
        for (auto& t : e.tags) wipe(t);
    }
    for (auto& t : all_tags) wipe(t);
    for (auto& t : trends) wipe(t.measure);
    trends.clear();
    checkin_count = 0;
    last_checkin.clear();
    wipe(recovery_key);
    sessions.clear();
    sessions.shrink_to_fit();
    entries.clear();
    entries.shrink_to_fit();
    all_tags.clear();
    journal_rows.clear();
    problems.clear();
    draft_status.clear();
    wipe(export_preview);
    error.clear();
    notice.clear();
    ++generation;
}

void SecretField::wipe() {
    crypto::wipe(text.data(), text.capacity());
    text.clear();
}

void Forms::wipe() {
    first_run.pass.wipe();
    first_run.confirm.wipe();
    ::afterglow::app::wipe(first_run.group_typed);
    unlock.pass.wipe();
    ::afterglow::app::wipe(unlock.note_title);
    ::afterglow::app::wipe(unlock.note_body);
    ::afterglow::app::wipe(checkin.note);
    checkin = CheckInForm{};
    ::afterglow::app::wipe(session.provider);
    ::afterglow::app::wipe(session.notes);
    session = SessionForm{};
    for (auto& a : intention.answers) a.doc.wipe();
    for (auto& c : intention.checklist) ::afterglow::app::wipe(c.label);
    intention = IntentionForm{};
    editor.doc.wipe();
    ::afterglow::app::wipe(editor.title);
    ::afterglow::app::wipe(editor.tag_input);
    ::afterglow::app::wipe(editor.action_input);
    for (auto& t : editor.tags) ::afterglow::app::wipe(t);
    for (auto& a : editor.actions) ::afterglow::app::wipe(a.text);
    editor.tags.clear();
    editor.emotions.clear();
    editor.actions.clear();
    editor.meta = {};
    editor.session.reset();
    editor.caret = editor.anchor = {};
    editor.dirty = false;
    ::afterglow::app::wipe(journal.query);
    ::afterglow::app::wipe(journal.filter.query);
    journal.filter = JournalFilter{};
    export_form = ExportForm{};
    settings.current.wipe();
    settings.next.wipe();
    settings.confirm.wipe();
}

}  // namespace afterglow::app
