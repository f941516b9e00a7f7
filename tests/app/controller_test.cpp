// The controller without a window: commands against a real (fast-KDF) vault in a temp dir,
// with a fake clock for autosave and auto-lock.
#include <doctest/doctest.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "app/core/controller.hpp"
#include "app/core/settings.hpp"
#include "app/core/timers.hpp"
#include "crypto/recovery_key.hpp"
#include "tests/app/controller_fixture.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::app;

namespace {

using Fixture = ControllerFixture;

}  // namespace

TEST_CASE("timers: debounce and idle") {
    Debounce d(1.5);
    CHECK_FALSE(d.due(0));
    d.touch(10);
    CHECK_FALSE(d.due(11));
    d.touch(11);
    CHECK_FALSE(d.due(12.4));
    CHECK(d.due(12.5));
    CHECK(*d.deadline() == doctest::Approx(12.5));
    IdleTimer t;
    t.set_timeout(300);
    t.activity(0);
    CHECK_FALSE(t.expired(299));
    CHECK(t.expired(300));
    t.set_timeout(0);
    CHECK_FALSE(t.expired(1e9));
}

TEST_CASE("first run: mismatched passphrases and a wrong recovery group are refused") {
    Fixture f(false);
    f.c->forms().first_run.pass.text = "one two three four";
    f.c->forms().first_run.confirm.text = "one two three five";
    f.run(cmd::CreateVault{});
    CHECK_FALSE(f.c->view().unlocked);
    CHECK_FALSE(f.c->view().error.empty());
    f.c->forms().first_run.pass.text = "one two three four";
    f.c->forms().first_run.confirm.text = "one two three four";
    f.run(cmd::CreateVault{});
    REQUIRE(f.c->view().unlocked);
    CHECK(f.c->forms().first_run.pass.text.empty());  // wiped after use
    f.c->forms().first_run.group_typed = "ZZZZ";
    f.run(cmd::ConfirmRecoveryKey{});
    CHECK(f.c->view().screen == Screen::first_run);
    CHECK_FALSE(f.c->view().recovery_key.empty());
}

TEST_CASE("session - intention and integration entry reach the vault and the view state") {
    Fixture f;
    f.run(cmd::NewSession{});
    CHECK(f.c->view().screen == Screen::session);
    f.c->forms().session.date = journal::to_local_date(f.clock.wall() - 2 * 86400);
    f.c->forms().session.time = "10:00";
    f.c->forms().session.provider = "Dr. R";
    f.run(cmd::SaveSession{});
    REQUIRE(f.c->view().sessions.size() == 1);
    const auto sid = f.c->view().sessions[0].id;
    CHECK(f.c->view().sessions[0].phase == "induction 1 of 1");

    f.run(cmd::StartIntention{sid});
    CHECK(f.c->view().screen == Screen::intention);
    f.c->forms().intention.answers[0].doc.set_text("to explore grief");
    f.c->forms().intention.checklist[0].done = true;
    f.run(cmd::SaveIntention{});
    CHECK(f.c->view().screen == Screen::session);
    REQUIRE(f.c->view().sessions[0].intention);
    CHECK(f.c->view().sessions[0].preparation == "Preparation: 1 of 6 ready");
    const auto* intention = f.c->vault()->find_entry(*f.c->view().sessions[0].intention);
    REQUIRE(intention);
    CHECK(intention->prompts.at(0).answer == "to explore grief");

    f.run(cmd::NewEntry{journal::EntryKind::integration, sid});
    CHECK(f.c->view().screen == Screen::editor);
    f.c->forms().editor.doc.set_text("It felt warm.");
    f.c->forms().editor.title = "Warm";
    f.run(cmd::SaveEntry{});
    REQUIRE(f.c->view().entries.size() == 2);
    const auto* vault = f.c->vault();
    REQUIRE(vault->entries().size() == 2);
    const auto& entries = vault->entries();
    const auto& e = *std::find_if(entries.begin(), entries.end(),
                                  [](const journal::Entry& x) { return x.kind == journal::EntryKind::integration; });
    CHECK(e.body == "It felt warm.");
    CHECK(e.session == sid);
}

TEST_CASE("draft autosave: 1.5 s after the last keystroke - restored when the entry reopens") {
    Fixture f;
    f.run(cmd::NewEntry{journal::EntryKind::reflection, std::nullopt});
    f.c->forms().editor.doc.set_text("half a thought");
    f.run(cmd::EditorChanged{});
    f.clock.advance(1.0);
    f.run(cmd::EditorChanged{});  // another keystroke restarts the timer
    f.clock.advance(1.0);
    f.c->update();
    CHECK(f.c->view().draft_status.empty());
    auto left = f.c->seconds_until_next_timer();
    REQUIRE(left);
    CHECK(*left <= 0.5 + 1e-9);
    f.clock.advance(0.6);
    f.c->update();
    CHECK(f.has_event(f.c->take_events(), "draft_saved"));
    auto draft = f.c->vault()->load_draft("new");
    REQUIRE(draft);
    CHECK(draft->body == "half a thought");
    // Leave and come back: the draft is offered again.
    f.run(cmd::Go{Screen::home});
    f.run(cmd::NewEntry{journal::EntryKind::reflection, std::nullopt});
    CHECK(f.c->forms().editor.doc.text() == "half a thought");
}

TEST_CASE("out of sight: a pending draft is written at once, not when the autosave is due") {
    Fixture f;
    f.run(cmd::NewEntry{journal::EntryKind::reflection, std::nullopt});
    f.c->hidden();  // nothing typed: nothing to write
    CHECK_FALSE(f.has_event(f.c->take_events(), "draft_saved"));
    f.c->forms().editor.doc.set_text("typed just before the phone went to sleep");
    f.run(cmd::EditorChanged{});
    f.clock.advance(0.2);
    f.c->hidden();  // the page was hidden 0.2 s after the last key
    CHECK(f.has_event(f.c->take_events(), "draft_saved"));
    auto draft = f.c->vault()->load_draft("new");
    REQUIRE(draft);
    CHECK(draft->body == "typed just before the phone went to sleep");
    const auto next = f.c->seconds_until_next_timer();  // the auto-lock's, no autosave's
    CHECK((!next || *next > Controller::kAutosaveDelay));
    // The desktop's minimize does the same when it does not lock.
    Settings s = f.c->view().settings;
    s.lock_on_minimize = false;
    f.run(cmd::ApplySettings{s});
    f.c->forms().editor.doc.set_text("and a few words more");
    f.run(cmd::EditorChanged{});
    f.c->minimized();
    CHECK(f.c->vault()->unlocked());
    CHECK(f.has_event(f.c->take_events(), "draft_saved"));
    CHECK(f.c->vault()->load_draft("new")->body == "and a few words more");
}

TEST_CASE("auto-lock after idle minutes drops every decrypted string") {
    Fixture f;
    f.run(cmd::NewEntry{journal::EntryKind::reflection, std::nullopt});
    f.c->forms().editor.doc.set_text("private words");
    f.c->forms().editor.title = "title";
    f.run(cmd::SaveEntry{});
    REQUIRE_FALSE(f.c->view().entries.empty());
    f.clock.advance(299);
    f.c->update();
    CHECK(f.c->view().unlocked);
    f.clock.advance(2);
    f.c->update();
    CHECK_FALSE(f.c->vault()->unlocked());
    CHECK(f.c->view().screen == Screen::unlock);
    CHECK(f.c->view().entries.empty());
    CHECK(f.c->view().sessions.empty());
    CHECK(f.c->forms().editor.doc.empty());
    CHECK(f.c->forms().editor.title.empty());
    CHECK(f.c->take_locked_flag());
    CHECK(f.has_event(f.c->take_events(), "auto_locked"));
}

TEST_CASE("activity postpones auto-lock - minimize locks") {
    Fixture f;
    f.clock.advance(200);
    f.c->activity();
    f.clock.advance(200);
    f.c->update();
    CHECK(f.c->vault()->unlocked());
    f.c->minimized();
    CHECK_FALSE(f.c->vault()->unlocked());
}

TEST_CASE("unlock: a wrong passphrase gives a clear message - the right one opens") {
    Fixture f;
    f.run(cmd::Lock{});
    f.c->forms().unlock.pass.text = "wrong";
    f.run(cmd::Unlock{});
    CHECK_FALSE(f.c->view().unlocked);
    CHECK(f.c->view().error.find("did not open") != std::string::npos);
    CHECK(f.c->forms().unlock.pass.text.empty());
    f.c->forms().unlock.pass.text = "correct horse battery";
    f.run(cmd::Unlock{});
    CHECK(f.c->view().unlocked);
    CHECK(f.c->view().screen == Screen::home);
}

TEST_CASE("quick note while locked joins the journal at unlock") {
    Fixture f;
    f.run(cmd::Lock{});
    f.c->forms().unlock.note_title = "in the car";
    f.c->forms().unlock.note_body = "colours";
    f.run(cmd::Capture{});
    CHECK(f.c->view().captures_pending == 1);
    CHECK(f.c->forms().unlock.note_body.empty());
    f.c->forms().unlock.pass.text = "correct horse battery";
    f.run(cmd::Unlock{});
    REQUIRE(f.c->view().entries.size() == 1);
    CHECK(f.c->view().entries[0].captured);
}

TEST_CASE("journal list: cached - rebuilt only when the filter or data change - search is debounced") {
    Fixture f;
    std::vector<journal::Record> records;
    for (int i = 0; i < 300; ++i) {
        journal::Entry e;
        e.kind = i % 3 == 0 ? journal::EntryKind::integration : journal::EntryKind::reflection;
        e.title = "entry " + std::to_string(i);
        e.body = i == 7 ? "a lighthouse at dawn" : "ordinary day";
        if (i % 10 == 0) e.tags = {"sleep"};
        records.emplace_back(std::move(e));
    }
    REQUIRE(f.c->vault()->save_all(std::move(records)));
    f.c->update();  // the vault reported the change: the view state refreshes
    CHECK(f.c->view().journal_rows.size() == 300);
    f.save_entry("one more");
    CHECK(f.c->view().journal_rows.size() == 301);
    f.c->forms().journal.filter.kind = journal::EntryKind::integration;
    f.c->update();
    CHECK(f.c->view().journal_rows.size() == 100);
    f.c->forms().journal.filter.kind.reset();
    f.c->forms().journal.filter.tag = "sleep";
    f.c->update();
    CHECK(f.c->view().journal_rows.size() == 30);
    f.c->forms().journal.filter.tag.clear();
    f.c->forms().journal.query = "lighthouse";
    f.c->update();
    CHECK(f.c->view().journal_rows.size() == 301);  // not yet: waits for a pause in typing
    f.clock.advance(0.2);
    f.c->update();
    REQUIRE(f.c->view().journal_rows.size() == 1);
    CHECK(f.c->view().entries[f.c->view().journal_rows[0]].title == "entry 7");
}

TEST_CASE("settings persist in a plain file without user text") {
    Fixture f;
    Settings s = f.c->view().settings;
    CHECK(s.autolock_minutes == 5);
    s.theme = Theme::dark;
    s.font_size = 22;
    s.autolock_minutes = 12;
    f.run(cmd::ApplySettings{s});
    const auto text = test::read_file(f.dir / "config" / "settings.ini");
    CHECK(text.find("theme=dark") != std::string::npos);
    Settings back = load_settings(f.dir / "config" / "settings.ini");
    CHECK(back == s);
}

TEST_CASE("change passphrase on the worker - the recovery key opens the vault and leads to settings") {
    // Keep the recovery key before confirming it (a fresh fixture, created by hand).
    Fixture g(false);
    g.c->forms().first_run.pass.text = "first pass phrase";
    g.c->forms().first_run.confirm.text = "first pass phrase";
    g.run(cmd::CreateVault{});
    const std::string key = g.c->view().recovery_key;
    g.c->forms().first_run.group_typed = crypto::recovery_key_group(key, g.c->view().recovery_group);
    g.run(cmd::ConfirmRecoveryKey{});
    g.c->forms().settings.next.text = "second pass phrase";
    g.c->forms().settings.confirm.text = "second pass phrase";
    g.run(cmd::ChangePassphrase{});
    CHECK(g.has_event(g.c->take_events(), "passphrase_changed"));
    CHECK(g.c->forms().settings.next.text.empty());
    g.run(cmd::Lock{});
    g.c->forms().unlock.pass.text = "first pass phrase";
    g.run(cmd::Unlock{});
    CHECK_FALSE(g.c->view().unlocked);
    g.c->forms().unlock.use_recovery = true;
    g.c->forms().unlock.pass.text = key;
    g.run(cmd::Unlock{cmd::UnlockWith::recovery_key});
    CHECK(g.c->view().unlocked);
    CHECK(g.c->view().screen == Screen::settings);
    g.run(cmd::Lock{});
    g.c->forms().unlock.pass.text = "second pass phrase";
    g.run(cmd::Unlock{});
    CHECK(g.c->view().unlocked);
}

#ifdef AFTERGLOW_HAVE_EXPORT
TEST_CASE("export: preview counts - a readable file needs confirmation") {
    Fixture f;
    f.save_entry("shared words");
    f.run(cmd::ExportPreview{});
    CHECK(f.c->view().export_preview.find("1 entr") != std::string::npos);
    f.c->forms().export_form.format = ExportFormat::markdown;
    f.c->forms().export_form.destination = (f.dir / "out.md").string();
    f.run(cmd::ExportRun{});
    CHECK_FALSE(f.c->view().error.empty());  // not confirmed: refused
    CHECK_FALSE(std::filesystem::exists(f.dir / "out.md"));
    f.c->forms().export_form.plaintext_confirmed = true;
    f.run(cmd::ExportRun{});
    CHECK(f.has_event(f.c->take_events(), "exported"));
    CHECK(test::read_file(f.dir / "out.md").find("shared words") != std::string::npos);
}
#endif

TEST_CASE("a medicine session's length sets its end and so the integration window") {
    Fixture f;
    f.run(cmd::NewSession{});
    f.c->forms().session.date = journal::to_local_date(f.clock.wall() - 86400);
    f.c->forms().session.time = "09:00";
    f.c->forms().session.duration_hours = "3.5";
    f.run(cmd::SaveSession{});
    REQUIRE(f.c->view().sessions.size() == 1);
    const auto sid = f.c->view().sessions[0].id;
    f.run(cmd::EditSession{sid});
    CHECK(f.c->forms().session.duration_hours == "3.5");
    f.c->forms().session.duration_hours = "forever";
    f.run(cmd::SaveSession{});
    f.run(cmd::EditSession{sid});
    CHECK(f.c->forms().session.duration_hours == "3.5");  // the bad value was refused
}

TEST_CASE("check-in: scores reach the vault and the trend - a yes to the safety question opens the crisis screen") {
    Fixture f;
    f.run(cmd::Go{Screen::checkin});
    CHECK(f.c->view().screen == Screen::checkin);
    f.c->forms().checkin.scores[0] = 8;
    f.c->forms().checkin.scores[2] = 3;
    f.c->forms().checkin.note = "slept badly";
    f.c->forms().checkin.safety = SafetyAnswer::no;
    f.run(cmd::SaveCheckIn{});
    REQUIRE(f.c->vault()->checkins().size() == 1);
    const auto& c = f.c->vault()->checkins().front();
    REQUIRE(c.scores.size() == 2);  // only the scales that were moved
    CHECK(c.scores[0].measure == "mood");
    CHECK(c.scores[0].value == 8);
    CHECK(c.scores[1].measure == "sleep");
    CHECK(c.scores[1].value == 3);
    CHECK(c.note == "slept badly");
    CHECK(f.c->view().screen == Screen::checkin);
    CHECK(f.c->view().checkin_count == 1);
    REQUIRE(f.c->view().trends.size() == 5);
    CHECK(f.c->view().trends[0].values == std::vector<float>{8.0f});
    CHECK(f.c->forms().checkin.note.empty());  // the form starts fresh

    f.c->forms().checkin.safety = SafetyAnswer::yes;
    f.run(cmd::SaveCheckIn{});
    CHECK(f.c->vault()->checkins().size() == 2);
    CHECK(f.c->view().screen == Screen::crisis);
    f.run(cmd::Lock{});
    CHECK(f.c->view().trends.empty());  // decrypted values dropped on lock
}

TEST_CASE("events: each has its own stable name") {
    std::set<std::string> names;
    for (int i = 0; i < static_cast<int>(Event::count); ++i) names.insert(event_name(static_cast<Event>(i)));
    CHECK(names.size() == static_cast<std::size_t>(Event::count));
    CHECK(std::string(event_name(Event::saved_entry)) == "saved_entry");
    CHECK(std::string(event_name(Event::count)) == "unknown");
    CHECK(ends_secret_input(Event::unlock_failed));
    CHECK_FALSE(ends_secret_input(Event::saved_entry));
}

TEST_CASE("bad form input gives its message and saves nothing - a yes still opens the crisis screen") {
    Fixture f;
    f.run(cmd::NewSession{});
    f.c->forms().session.date = "25.11.2026";
    f.run(cmd::SaveSession{});
    CHECK(f.c->view().error.find("YYYY-MM-DD") != std::string::npos);
    CHECK(f.c->vault()->sessions().empty());
    CHECK(f.c->view().screen == Screen::session);

    f.run(cmd::Go{Screen::checkin});
    f.c->forms().checkin.scores[1] = 12;  // beyond the slider's range
    f.c->forms().checkin.safety = SafetyAnswer::yes;
    f.run(cmd::SaveCheckIn{});
    CHECK(f.c->vault()->checkins().empty());
    CHECK(f.c->view().screen == Screen::crisis);
    CHECK(f.c->forms().checkin.scores[1] == 12);  // nothing typed is lost
}

TEST_CASE("first run leaves an existing folder's mode alone and makes only new folders private") {
    Fixture f(false);
    REQUIRE(chmod(f.dir.path().c_str(), 0755) == 0);
    f.create_vault();
    struct stat st {};
    REQUIRE(stat(f.dir.path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0755);  // e.g. the user's Documents
    REQUIRE(stat((f.dir / "journal.afterglow").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    REQUIRE(save_settings(f.dir / "settings.ini", Settings{}));
    REQUIRE(stat(f.dir.path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0755);
    REQUIRE(save_settings(f.dir / "fresh" / "settings.ini", Settings{}));
    REQUIRE(stat((f.dir / "fresh").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
}

// ---- issue 8: messages, search wake-up, stale labels, the safety question -------------------

TEST_CASE("messages belong to the action that caused them") {
    Fixture f(false);
    f.start_create();
    f.c->forms().first_run.group_typed = "WRONG";
    f.run(cmd::ConfirmRecoveryKey{});
    CHECK_FALSE(f.c->view().error.empty());
    f.c->forms().first_run.group_typed = crypto::recovery_key_group(f.c->view().recovery_key, f.c->view().recovery_group);
    f.run(cmd::ConfirmRecoveryKey{});
    CHECK(f.c->view().screen == Screen::home);
    CHECK(f.c->view().error.empty());  // the right group clears the wrong one's message

    f.run(cmd::NewEntry{journal::EntryKind::reflection, std::nullopt});
    f.run(cmd::SaveEntry{});
    CHECK(f.c->view().error.find("nothing to save") != std::string::npos);
    f.c->forms().editor.doc.set_text("now there is");
    f.run(cmd::SaveEntry{});
    CHECK(f.c->view().notice == "Saved to your journal.");
    CHECK(f.c->view().error.empty());  // never "nothing to save" beside "Saved"

    f.run(cmd::Lock{});
    f.c->forms().unlock.pass.text = "wrong";
    f.run(cmd::Unlock{});
    CHECK_FALSE(f.c->view().error.empty());
    f.c->forms().unlock.note_body = "a quick note";
    f.run(cmd::Capture{});
    CHECK(f.c->view().captures_pending == 1);
    CHECK(f.c->view().error.empty());  // the quick note worked: the wrong passphrase is history
}

TEST_CASE("search: the debounce timer wakes the loop and the applied search asks for a frame") {
    Fixture f;
    f.save_entry("a lighthouse at dawn");
    f.save_entry("an ordinary day");
    f.run(cmd::Go{Screen::journal});
    f.c->forms().journal.query = "lighthouse";
    f.c->update();  // the frame that saw the keystroke
    const auto t = f.c->seconds_until_next_timer();
    REQUIRE(t);
    CHECK(*t <= Controller::kSearchDelay + 1e-9);
    const auto before = f.c->view().revision;
    f.clock.advance(*t);
    f.c->update();  // the frame the timer woke: the search applies now...
    CHECK(f.c->view().journal_rows.size() == 1);
    CHECK(f.c->view().revision != before);  // ...and the shell is told to draw it at once
}

TEST_CASE("an intention's phase label is computed - adding a session does not make it stale") {
    Fixture f;
    auto add_session = [&](int days_ago) {
        f.run(cmd::NewSession{});
        f.c->forms().session.date = journal::to_local_date(f.clock.wall() - days_ago * 86400);
        f.c->forms().session.time = "10:00";
        f.run(cmd::SaveSession{});
    };
    add_session(10);
    add_session(5);
    REQUIRE(f.c->view().sessions.size() == 2);
    const auto second = f.c->view().sessions[1].id;
    f.run(cmd::StartIntention{second});
    f.c->forms().intention.answers[0].doc.set_text("to rest");
    f.run(cmd::SaveIntention{});
    auto title_of_intention = [&] {
        for (const auto& e : f.c->view().entries)
            if (e.kind == journal::EntryKind::intention) return e.title;
        return std::string();
    };
    CHECK(title_of_intention() == "Intention for induction 2 of 2");
    add_session(1);
    CHECK(title_of_intention() == "Intention for induction 2 of 3");
    // An older vault stored the phase in the title: it is recomputed too.
    journal::Entry old = *f.c->vault()->find_entry(*f.c->view().sessions[1].intention);
    old.title = "Intention for induction 2 of 2";
    REQUIRE(f.c->vault()->save(journal::Record{old}));
    f.c->update();
    CHECK(title_of_intention() == "Intention for induction 2 of 3");
}

TEST_CASE("safety question: yes opens the crisis screen at once - the answer is stored with the check-in") {
    Fixture f;
    f.run(cmd::Go{Screen::checkin});
    f.c->forms().checkin.scores[0] = 3;
    f.c->forms().checkin.note = "heavy day";
    f.run(cmd::SafetyConcern{});  // picked "Yes": no Save needed to see help
    CHECK(f.c->view().screen == Screen::crisis);
    CHECK(f.c->forms().checkin.note == "heavy day");  // the check-in is kept
    f.run(cmd::Back{});
    CHECK(f.c->view().screen == Screen::checkin);
    f.run(cmd::SaveCheckIn{});
    CHECK(f.c->view().screen == Screen::checkin);  // already shown: not again
    REQUIRE(f.c->vault()->checkins().size() == 1);
    const auto& c = f.c->vault()->checkins().front();
    REQUIRE(c.harm_thoughts);
    CHECK(*c.harm_thoughts);
    REQUIRE(c.scores.size() == 1);  // untouched scales are not stored
    CHECK(c.scores[0].measure == "mood");

    f.c->forms().checkin.safety = SafetyAnswer::no;
    f.c->forms().checkin.scores[4] = 7;
    f.run(cmd::SaveCheckIn{});
    REQUIRE(f.c->vault()->checkins().size() == 2);
    bool saw_no = false;
    for (const auto& x : f.c->vault()->checkins()) saw_no = saw_no || (x.harm_thoughts && !*x.harm_thoughts);
    CHECK(saw_no);

    f.run(cmd::SaveCheckIn{});  // nothing touched: refused, nothing stored
    CHECK_FALSE(f.c->view().error.empty());
    CHECK(f.c->vault()->checkins().size() == 2);
}

TEST_CASE("delete an entry - undo brings it back as it was - the undo copy goes with the toast") {
    Fixture f;
    f.save_entry("keep me");
    REQUIRE(f.c->view().entries.size() == 1);
    const auto id = f.c->view().entries[0].id;
    const auto created = f.c->vault()->find_entry(id)->meta.created.utc;
    f.run(cmd::DeleteEntry{id});
    CHECK(f.c->view().entries.empty());
    CHECK(f.c->view().screen == Screen::journal);
    CHECK(f.c->view().can_undo);
    f.run(cmd::UndoDelete{});
    REQUIRE(f.c->view().entries.size() == 1);
    const auto* back = f.c->vault()->find_entry(id);
    REQUIRE(back);
    CHECK(back->body == "keep me");
    CHECK(back->meta.created.utc == created);
    CHECK_FALSE(f.c->view().can_undo);

    f.run(cmd::DeleteEntry{id});
    REQUIRE(f.c->forms().deleted);
    f.clock.advance(Controller::kUndoSeconds + 0.1);
    f.c->update();
    CHECK_FALSE(f.c->view().can_undo);
    CHECK_FALSE(f.c->forms().deleted);  // no decrypted copy outlives the toast
    f.run(cmd::UndoDelete{});
    CHECK(f.c->view().entries.empty());
}

#ifdef AFTERGLOW_HAVE_EXPORT
TEST_CASE("export: never overwrites - a bad age key is named - nothing ticked is said plainly") {
    Fixture f;
    f.save_entry("shared words");
    f.run(cmd::Go{Screen::export_data});
    f.run(cmd::ExportPreview{});
    CHECK(f.c->view().export_preview.find("Nothing ticked") == 0);
    f.c->forms().export_form.entries = {f.c->view().entries[0].id};
    f.run(cmd::ExportPreview{});
    CHECK(f.c->view().export_preview.find("Nothing ticked") == std::string::npos);
    // FHIR holds the questionnaires only: the preview counts those, not entries.
    f.c->forms().export_form.format = ExportFormat::fhir;
    f.run(cmd::ExportPreview{});
    CHECK(f.c->view().export_preview == "Questionnaires in the date range: 0 questionnaire responses with 0 total scores");

    // A key that starts with age1 but is not valid: the message says what is wrong, not "start with age1".
    f.c->forms().export_form.format = ExportFormat::markdown;
    f.c->forms().export_form.recipient = "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq";
    f.c->forms().export_form.destination = (f.dir / "out.md").string();
    f.run(cmd::ExportRun{});
    CHECK_FALSE(f.c->view().error.empty());
    CHECK(f.c->view().error.find("should start with") == std::string::npos);
    CHECK(f.c->view().error.find("That age key is not complete or has a typo: check that you copied") == 0);
    CHECK(f.c->view().error.find("bech32") == std::string::npos);

    f.c->forms().export_form.recipient.clear();
    f.c->forms().export_form.plaintext_confirmed = true;
    test::write_file(f.dir / "out.md", "an older export");
    f.run(cmd::ExportRun{});
    CHECK(f.c->view().error.empty());
    CHECK(test::read_file(f.dir / "out.md") == "an older export");  // never overwritten
    CHECK(test::read_file(f.dir / "out-2.md").find("shared words") != std::string::npos);
    f.run(cmd::ExportRun{});
    CHECK(std::filesystem::exists(f.dir / "out-3.md"));
    CHECK(f.c->view().export_done == (f.dir / "out-3.md").string());
}
#endif

#ifdef AFTERGLOW_HAVE_EXPORT
TEST_CASE("export: a backup with a passphrase of my own opens on my other device with it") {
    Fixture phone;
    phone.save_entry("moving to my laptop");
    phone.run(cmd::Go{Screen::export_data});
    auto& f = phone.c->forms().export_form;
    f.format = ExportFormat::json;
    f.use_passphrase = true;
    f.recipient = "age1 ignored when a passphrase is chosen";
    f.destination = (phone.dir / "backup.json").string();
    f.pass.text = "paper lantern harbour";
    f.pass_confirm.text = "paper lantern harbor";
    phone.run(cmd::ExportRun{});
    CHECK(phone.c->view().error.find("not the same") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(phone.dir / "backup.json"));
    f.pass_confirm.text = "paper lantern harbour";
    phone.run(cmd::ExportRun{});
    REQUIRE(phone.c->view().error.empty());
    const std::string file = test::read_file(phone.dir / "backup.json");
    CHECK(file.rfind("age-encryption.org/v1\n-> scrypt ", 0) == 0);  // age, passphrase stanza
    CHECK(file.find("moving to my laptop") == std::string::npos);
    CHECK(f.pass.text.empty());  // wiped once written
    CHECK(f.pass_confirm.text.empty());

    Fixture laptop;
    laptop.run(cmd::Go{Screen::import_data});
    laptop.run(cmd::ImportChoose{(phone.dir / "backup.json").string()});
    laptop.c->forms().import_form.secret.text = "paper lantern harbour";
    laptop.run(cmd::ImportRun{});
    REQUIRE(laptop.c->view().error.empty());
    CHECK(laptop.c->view().import_result.find("1 added") == 0);
    const auto& entries = laptop.c->view().entries;
    CHECK(std::any_of(entries.begin(), entries.end(), [](const auto& e) { return e.preview.find("moving to my laptop") != std::string::npos; }));
}
#endif

TEST_CASE("a damaged manifest shows Repair - and Repair brings every entry back") {
    Fixture f;
    for (int i = 0; i < 3; ++i) {
        journal::Entry e;
        e.body = "kept " + std::to_string(i);
        REQUIRE(f.c->vault()->save(e).ok());
    }
    f.run(cmd::Lock{});
    {
        SQLite::Database db((f.dir / "journal.afterglow").string(), SQLite::OPEN_READWRITE);
        auto col = db.execAndGet("SELECT blob FROM manifest");
        const auto* p = static_cast<const std::uint8_t*>(col.getBlob());
        std::vector<std::uint8_t> blob(p, p + col.getBytes());
        blob[blob.size() / 2] ^= 1;
        SQLite::Statement q(db, "UPDATE manifest SET blob = ?");
        q.bind(1, blob.data(), static_cast<int>(blob.size()));
        q.exec();
    }
    f.c->forms().unlock.pass.text = "correct horse battery";
    f.run(cmd::Unlock{cmd::UnlockWith::passphrase});
    REQUIRE(f.c->view().unlocked);
    CHECK(f.c->view().needs_repair);
    CHECK(f.c->view().entries.size() == 3);
    f.run(cmd::Repair{});
    CHECK_FALSE(f.c->view().needs_repair);
    CHECK(f.c->view().entries.size() == 3);
    CHECK(f.c->view().notice.find("Repaired: 3 record(s)") != std::string::npos);
    journal::Entry e;
    e.body = "after repair";
    CHECK(f.c->vault()->save(e).ok());
}
