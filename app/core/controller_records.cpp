// Records: sessions, intentions, entries (with their encrypted drafts) and check-ins. Forms
// become domain types through form_mapping.hpp; a FormError becomes the screen's message.
#include "app/core/checkin_time.hpp"
#include "app/core/controller.hpp"
#include "app/core/form_mapping.hpp"
#include "journal/time.hpp"

namespace afterglow::app {

std::optional<journal::RecordId> Controller::store(journal::Record r, std::string_view saved_draft) {
    auto saved = vault_->save(std::move(r), saved_draft);
    if (!saved) {
        fail(saved.error().message);
        return std::nullopt;
    }
    changed();
    return *saved;
}

template <class T>
std::optional<journal::RecordId> Controller::save_form(Mapped<T> mapped, std::string_view saved_draft) {
    if (!mapped) {
        fail(mapped.error().message);
        return std::nullopt;
    }
    return store(journal::Record{std::move(mapped.value())}, saved_draft);
}

bool Controller::remove_record(const journal::RecordId& id) {
    if (auto st = vault_->remove(id); !st) {
        fail(st.error().message);
        return false;
    }
    changed();
    return true;
}

journal::Entry Controller::stored_entry(const journal::RecordId& id) const {
    if (!id.empty() && unlocked())
        if (const auto* old = vault_->find_entry(id)) return *old;
    return {};
}

// ---- sessions -------------------------------------------------------------------------------

void Controller::on(cmd::NewSession&) {
    if (!unlocked()) return;
    forms_.session = new_session_form(clock_->wall());
    show(Screen::session, Screen::home);
}

void Controller::on(cmd::EditSession& e) {
    if (!unlocked()) return;
    const auto* s = vault_->find_session(e.id);
    if (!s) return;
    forms_.session = session_form(*s);
    show(Screen::session, Screen::home);
}

void Controller::on(cmd::SaveSession&) {
    if (!unlocked()) return;
    auto& f = forms_.session;
    journal::Session base;
    if (!f.id.empty())
        if (const auto* old = vault_->find_session(f.id)) base = *old;
    auto saved = save_form(session_from_form(f, std::move(base)));
    if (!saved) return;
    f.id = *saved;
    notice("Session saved.");
    event(Event::saved_session);
}

void Controller::on(cmd::DeleteSession& d) {
    if (!unlocked() || !remove_record(d.id)) return;
    forms_.session = SessionForm{};
    view_.screen = Screen::home;
    notice("Session removed.");
}

// ---- intention ------------------------------------------------------------------------------

void Controller::on(cmd::StartIntention& s) {
    if (!unlocked()) return;
    const auto* row = view_.find_session(s.session);
    const journal::Entry* existing = row && row->intention ? vault_->find_entry(*row->intention) : nullptr;
    for (auto& a : forms_.intention.answers) a.doc.wipe();
    forms_.intention = intention_form(s.session, existing, view_.content());
    navigate(Screen::intention);
}

void Controller::on(cmd::SaveIntention&) {
    if (!unlocked()) return;
    auto& f = forms_.intention;
    if (!save_form(intention_from_form(f, stored_entry(f.meta.id), view_.content()))) return;
    notice("Intention saved. It will be here when you return.");
    event(Event::saved_intention);
    cmd::EditSession back{f.session};
    on(back);
}

// ---- entries --------------------------------------------------------------------------------

void Controller::load_editor(const journal::Entry& e, std::string slot) {
    auto& f = forms_.editor;
    f.doc.wipe();
    f = editor_form(e, std::move(slot));
    autosave_.clear();
    view_.draft_status.clear();
}

void Controller::on(cmd::NewEntry& n) {
    if (!unlocked()) return;
    if (forms_.editor.dirty) autosave_now();  // Ctrl+N in the editor: keep what was there
    const std::string slot = "new";
    if (auto draft = vault_->load_draft(slot); draft && draft->kind == n.kind && draft->session == n.session) {
        load_editor(*draft, slot);
        forms_.editor.dirty = true;
        notice("Your unsaved draft is back, just as you left it.");
    } else {
        journal::Entry e;
        e.kind = n.kind;
        e.session = n.session;
        load_editor(e, slot);
    }
    show(Screen::editor, Screen::home);
}

void Controller::on(cmd::OpenEntry& o) {
    if (!unlocked()) return;
    const auto* e = vault_->find_entry(o.id);
    if (!e) return;
    if (e->kind == journal::EntryKind::intention && e->session) {
        cmd::StartIntention s{*e->session};
        on(s);
        return;
    }
    if (forms_.editor.dirty) autosave_now();
    const std::string slot = "entry-" + e->meta.id.hex();
    auto draft = vault_->load_draft(slot);
    if (draft && draft->meta.id == e->meta.id) {
        load_editor(*draft, slot);
        forms_.editor.dirty = true;
        notice("Unsaved changes from earlier were restored.");
    } else {
        load_editor(*e, slot);
    }
    const Screen from = view_.screen;
    show(Screen::editor, from == Screen::editor ? Screen::journal : from);
}

void Controller::autosave_now() {
    autosave_.clear();
    auto& f = forms_.editor;
    if (!unlocked() || f.draft_slot.empty() || !f.dirty) return;
    journal::Entry e = draft_from_form(f, stored_entry(f.meta.id));
    Status st = vault_->save_draft(f.draft_slot, e);
    crypto::wipe(e.body);
    if (!st) {
        fail("Could not save the draft: " + st.error().message);
        return;
    }
    view_.draft_status = "Draft saved, encrypted, at " + journal::format_local(clock_->wall(), "%H:%M");
    event(Event::draft_saved);
}

void Controller::on(cmd::EditorChanged&) {
    forms_.editor.dirty = true;
    autosave_.touch(clock_->monotonic());
}

void Controller::on(cmd::SaveEntry&) {
    if (!unlocked()) return;
    auto& f = forms_.editor;
    auto saved = save_form(entry_from_form(f, stored_entry(f.meta.id)), f.draft_slot);
    if (!saved) return;
    autosave_.clear();
    if (const auto* stored = vault_->find_entry(*saved)) f.meta = stored->meta;
    f.draft_slot = "entry-" + saved->hex();
    f.dirty = false;
    f.saved_revision = f.doc.revision();
    f.doc.break_coalescing();
    view_.draft_status.clear();
    notice("Saved to your journal.");
    event(Event::saved_entry);
}

void Controller::on(cmd::DeleteEntry& d) {
    if (!unlocked()) return;
    journal::Entry copy = stored_entry(d.id);
    if (copy.meta.id.empty() || !remove_record(d.id)) return;
    if (forms_.editor.meta.id == d.id) {
        (void)vault_->discard_draft(forms_.editor.draft_slot);
        load_editor(journal::Entry{}, "new");
        navigate(Screen::journal);
    }
    forms_.drop_deleted();
    forms_.deleted = std::move(copy);
    notice("Entry deleted.");
    view_.notice_until = clock_->monotonic() + kUndoSeconds;
    view_.can_undo = true;
}

void Controller::on(cmd::UndoDelete&) {
    if (!unlocked() || !forms_.deleted) return;
    journal::Entry e = *forms_.deleted;  // same id and created time: it comes back as it was
    forms_.drop_deleted();
    view_.can_undo = false;
    if (store(std::move(e))) notice("Entry restored.");
}

void Controller::on(cmd::ToggleAction& t) {
    if (!unlocked()) return;
    journal::Entry e = stored_entry(t.entry);
    if (e.meta.id.empty()) return;
    if (t.checklist) {
        if (t.index >= e.checklist.size()) return;
        e.checklist[t.index].done = !e.checklist[t.index].done;
    } else {
        if (t.index >= e.actions.size()) return;
        e.actions[t.index].done = !e.actions[t.index].done;
    }
    (void)store(std::move(e));
}

// ---- check-ins ------------------------------------------------------------------------------

void Controller::on(cmd::SaveCheckIn&) {
    if (!unlocked()) return;
    auto& f = forms_.checkin;
    // A "yes" opens the crisis screen at once (SafetyConcern, when it is picked); if it has
    // not been shown yet, it opens now, before anything else, even if saving fails.
    const bool show_crisis = f.safety == SafetyAnswer::yes && !f.crisis_shown;
    const bool yes = f.safety == SafetyAnswer::yes;
    std::int64_t when = 0;
    if (const std::string why = checkin_time(f, clock_->wall(), &when); !why.empty()) {
        fail(why);
        if (show_crisis) navigate(Screen::crisis);
        return;
    }
    if (save_form(checkin_from_form(f, when, view_.content()))) {
        crypto::wipe(f.note);
        f = CheckInForm{};
        event(Event::saved_checkin);
        notice("Check-in saved.");
        view_.safety_followup = yes;  // the screen follows up, gently (screen_checkin.cpp)
    }
    if (show_crisis) navigate(Screen::crisis);
}

void Controller::on(cmd::SafetyConcern&) {
    forms_.checkin.safety = SafetyAnswer::yes;
    forms_.checkin.crisis_shown = true;
    show(Screen::crisis, Screen::checkin);
}

void Controller::on(cmd::Repair&) {
    if (!unlocked()) return;
    auto report = vault_->repair();
    if (!report) {
        fail(report.error().message);
        return;
    }
    changed();
    if (!report->changed()) {
        notice("Nothing needed repair.");
        return;
    }
    std::string what = "Repaired: " + std::to_string(report->listed) + " record(s) are listed again";
    if (!report->missing.empty()) what += ", " + std::to_string(report->missing.size()) + " missing";
    if (!report->rolled_back.empty()) what += ", " + std::to_string(report->rolled_back.size()) + " rolled back";
    if (!report->damaged.empty()) what += ", " + std::to_string(report->damaged.size()) + " damaged (set aside)";
    notice(what + ". A copy of the file as it was is kept at " + report->backup.string() + ".");
}

}  // namespace afterglow::app
