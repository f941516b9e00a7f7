#include "app/core/controller.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <set>
#include <unordered_map>

#include "app/core/journey.hpp"
#include "crypto/recovery_key.hpp"
#include "crypto/secret.hpp"
#include "journal/schedule.hpp"
#include "journal/time.hpp"

namespace afterglow::app {
namespace {

void wipe_string(std::string& s) {
    if (s.capacity()) crypto::wipe(s.data(), s.capacity());
    s.clear();
}

std::string preview_of(const std::string& body) {
    std::size_t end = body.find('\n');
    if (end == std::string::npos) end = body.size();
    std::size_t cut = std::min<std::size_t>(end, 90);
    while (cut > 0 && cut < body.size() && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
    std::string out = body.substr(0, cut);
    if (cut < end) out += "…";
    return out;
}

std::string normalize_group(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '-') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string clock_text(std::int64_t utc) { return journal::format_local(utc, "%H:%M"); }

std::string session_title(const journal::Session& s) {
    std::string t = std::string(journal::label(s.kind)) + " session";
    if (s.kind == journal::SessionKind::medicine && s.route != journal::Route::none)
        t += std::string(" · ") + journal::label(s.route);
    return t;
}

const char* unlock_error_text(const Error& e, bool recovery) {
    if (e.code == Errc::wrong_passphrase)
        return recovery ? "That recovery key did not open this journal. Check each group and try again."
                        : "That passphrase did not open this journal. Check Caps Lock and try again.";
    return nullptr;
}

}  // namespace

Controller::Controller(ControllerOptions options)
    : opt_(std::move(options)),
      clock_(opt_.clock ? opt_.clock : &system_clock_),
      worker_(opt_.wake, opt_.inline_worker) {
    crypto::init();
    settings_file_ = opt_.settings_file.empty() ? config_dir() / "settings.ini" : opt_.settings_file;
    view_.settings = load_settings(settings_file_);
    view_.test_kdf = opt_.insecure_test_kdf;
    std::filesystem::path path = opt_.vault_path;
    if (path.empty()) path = view_.settings.vault_path.empty() ? journal::default_vault_path()
                                                               : std::filesystem::path(view_.settings.vault_path);
    view_.vault_path = path.string();
    idle_.set_timeout(view_.settings.autolock_minutes * 60.0);
    idle_.activity(clock_->monotonic());
    view_.now = clock_->wall();
    open_vault();
}

Controller::~Controller() {
    worker_.join();
    worker_.poll();
    shutdown();
}

void Controller::open_vault() {
    std::error_code ec;
    view_.vault_exists = std::filesystem::exists(view_.vault_path, ec);
    if (!view_.vault_exists) {
        view_.screen = Screen::first_run;
        return;
    }
    auto opened = journal::Vault::open(view_.vault_path);
    view_.screen = Screen::unlock;
    if (!opened) {
        fail(opened.error().message);
        return;
    }
    vault_ = std::move(opened.value());
    vault_->on_change([this] { data_dirty_ = true; });
    view_.captures_pending = vault_->captures_pending();
}

void Controller::push(Commands& cs) {
    for (auto& c : cs) pending_.push_back(std::move(c));
    cs.clear();
}

void Controller::notice(const std::string& message) {
    view_.notice = message;
    view_.notice_until = clock_->monotonic() + 4.0;
}

void Controller::navigate(Screen s) {
    if (s == view_.screen) return;
    const bool needs_unlock = s != Screen::crisis && s != Screen::unlock && s != Screen::first_run;
    if (needs_unlock && !(vault_ && vault_->unlocked())) return;
    if (view_.screen == Screen::editor && forms_.editor.dirty) autosave_now();
    if (s == Screen::crisis) view_.back = view_.screen;
    else if (view_.screen != Screen::crisis) view_.back = view_.screen;
    view_.screen = s;
    view_.error.clear();
    if (s == Screen::settings) forms_.settings.vault_path = view_.settings.vault_path;
    if (s == Screen::journal) forms_.journal.focus_search = true;
}

std::vector<std::string> Controller::take_events() {
    std::vector<std::string> out;
    out.swap(events_);
    return out;
}

bool Controller::take_locked_flag() {
    const bool f = locked_flag_;
    locked_flag_ = false;
    return f;
}

void Controller::activity() { idle_.activity(clock_->monotonic()); }

void Controller::minimized() {
    if (view_.settings.lock_on_minimize && vault_ && vault_->unlocked() && !worker_.busy()) lock("locked_minimized");
}

std::optional<double> Controller::seconds_until_next_timer() const {
    const double now = clock_->monotonic();
    std::optional<double> best;
    auto consider = [&](std::optional<double> deadline) {
        if (!deadline) return;
        const double d = std::max(0.0, *deadline - now);
        if (!best || d < *best) best = d;
    };
    consider(autosave_.deadline());
    if (vault_ && vault_->unlocked()) consider(idle_.deadline());
    if (seen_query_ != forms_.journal.filter.query) consider(query_changed_at_ + kSearchDelay);
    if (!view_.notice.empty()) consider(view_.notice_until);
    for (const auto& s : view_.sessions)
        if (s.window && view_.now < s.window->closes)
            consider(now + static_cast<double>(seconds_until_countdown_changes(*s.window, view_.now)));
    return best;
}

void Controller::update() {
    worker_.poll();
    // Commands may push more commands (none do today); apply in order.
    Commands batch;
    batch.swap(pending_);
    for (auto& c : batch) {
        if (worker_.busy()) {
            // While a key derivation runs, the vault belongs to the worker: only harmless
            // commands go through.
            if (!std::holds_alternative<cmd::Go>(c) && !std::holds_alternative<cmd::Back>(c) &&
                !std::holds_alternative<cmd::ClearMessage>(c) && !std::holds_alternative<cmd::Quit>(c))
                continue;
        }
        apply(c);
    }
    const double mono = clock_->monotonic();
    view_.now = clock_->wall();
    if (!view_.notice.empty() && mono >= view_.notice_until) view_.notice.clear();
    if (worker_.busy()) {
        view_.busy.progress = export_progress_->load();
        return;
    }
    const bool unlocked = vault_ && vault_->unlocked();
    if (unlocked && autosave_.due(mono)) autosave_now();
    if (unlocked && idle_.expired(mono)) {
        lock("auto_locked");
        return;
    }
    if (unlocked && data_dirty_) refresh();
    if (unlocked) {
        if (forms_.journal.query != seen_query_) {
            seen_query_ = forms_.journal.query;
            query_changed_at_ = mono;
        }
        if (seen_query_ != forms_.journal.filter.query && mono - query_changed_at_ >= kSearchDelay) apply_search();
        if (list_.refresh(view_.entries, view_.generation, forms_.journal.filter, &search_hits_))
            view_.journal_rows = list_.indices();
    }
}

void Controller::apply_search() {
    forms_.journal.filter.query = seen_query_;
    search_hits_.clear();
    if (!seen_query_.empty() && vault_) search_hits_ = vault_->search(seen_query_);
}

void Controller::apply(Command& c) {
    std::visit([this](auto& x) { on(x); }, c);
}

void Controller::refresh() {
    if (!vault_ || !vault_->unlocked()) return;
    const auto& sessions = vault_->sessions();
    const auto& entries = vault_->entries();
    const std::int64_t now = clock_->wall();
    view_.now = now;

    std::unordered_map<journal::RecordId, const journal::Entry*, journal::RecordIdHash> intention_of;
    for (const auto& e : entries)
        if (e.kind == journal::EntryKind::intention && e.session && !intention_of.count(*e.session))
            intention_of[*e.session] = &e;  // newest first: keep the latest

    view_.sessions.clear();
    std::unordered_map<journal::RecordId, std::string, journal::RecordIdHash> phase_of;
    for (const auto& s : sessions) {
        SessionRow r;
        r.id = s.meta.id;
        r.kind = s.kind;
        r.title = session_title(s);
        const auto t = s.scheduled ? std::optional(s.scheduled->utc)
                       : s.started ? std::optional(s.started->utc)
                                   : std::nullopt;
        r.time = t.value_or(0);
        r.when = t ? format_when(*t) : "no date yet";
        r.upcoming = t && *t > now;
        r.phase = journal::phase_label(s, sessions);
        r.provider = s.provider;
        r.window = journal::integration_window(s);
        auto it = intention_of.find(s.meta.id);
        if (it != intention_of.end()) r.intention = it->second->meta.id;
        r.preparation = preparation_status(it == intention_of.end() ? nullptr : it->second);
        phase_of[s.meta.id] = r.phase;
        view_.sessions.push_back(std::move(r));
    }

    view_.trends.clear();
    const auto& checkins = vault_->checkins();  // oldest first
    view_.checkin_count = checkins.size();
    view_.last_checkin = checkins.empty() ? std::string() : format_date(checkins.back().at.utc);
    for (const auto& scale : kCheckInScales) {
        MeasureTrend t;
        t.measure = scale.measure;
        for (std::size_t i = checkins.size() > 30 ? checkins.size() - 30 : 0; i < checkins.size(); ++i)
            for (const auto& sc : checkins[i].scores)
                if (sc.measure == scale.measure) t.values.push_back(static_cast<float>(sc.value));
        view_.trends.push_back(std::move(t));
    }

    std::set<std::string> tags;
    view_.entries.clear();
    view_.entries.reserve(entries.size());
    for (const auto& e : entries) {
        EntryRow r;
        r.id = e.meta.id;
        r.kind = e.kind;
        r.title = e.title.empty() ? std::string(journal::label(e.kind)) : e.title;
        r.created = e.meta.created.utc;
        r.date = format_date(r.created);
        r.preview = preview_of(e.body.empty() && !e.prompts.empty() ? e.prompts.front().answer : e.body);
        r.session = e.session;
        r.tags = e.tags;
        r.captured = e.captured;
        if (e.session) {
            auto ph = phase_of.find(*e.session);
            if (ph != phase_of.end()) r.session_label = ph->second;
            if (const auto* s = vault_->find_session(*e.session)) r.in_window = journal::written_in_window(e, *s);
        }
        for (const auto& t : e.tags) tags.insert(t);
        view_.entries.push_back(std::move(r));
    }
    view_.all_tags.assign(tags.begin(), tags.end());
    view_.problems.clear();
    for (const auto& p : vault_->problems()) view_.problems.push_back(p.record_id + ": " + p.what);
    view_.captures_pending = vault_->captures_pending();
    const auto& k = vault_->kdf_params();
    view_.kdf_description = std::to_string(k.memlimit >> 20) + " MiB, " + std::to_string(k.opslimit) + " passes";
    ++view_.generation;
    data_dirty_ = false;
    if (!forms_.journal.filter.query.empty()) search_hits_ = vault_->search(forms_.journal.filter.query);
    list_.invalidate();
    list_.refresh(view_.entries, view_.generation, forms_.journal.filter, &search_hits_);
    view_.journal_rows = list_.indices();
}

void Controller::lock(const char* why) {
    if (vault_ && vault_->unlocked()) {
        if (forms_.editor.dirty) autosave_now();
        vault_->lock();
    }
    autosave_.clear();
    view_.drop_decrypted();
    forms_.wipe();
    search_hits_.clear();
    wipe_string(seen_query_);
    list_.invalidate();
    view_.unlocked = false;
    view_.screen = vault_ ? Screen::unlock : Screen::first_run;
    locked_flag_ = true;
    event(why);
}

void Controller::shutdown() {
    if (worker_.busy()) return;
    if (vault_ && vault_->unlocked()) lock("locked");
}

std::optional<crypto::KdfParams> Controller::kdf_choice(bool& weak) const {
    weak = false;
    if (opt_.insecure_test_kdf) {
        weak = true;
        return crypto::KdfParams::insecure_for_tests();
    }
    if (view_.settings.kdf == KdfStrength::strong) return crypto::calibrate(2.0, 1ull << 30);
    return std::nullopt;  // the vault calibrates its default (≥ 256 MiB, ~1 s)
}

// ---- first run ------------------------------------------------------------------------------

void Controller::on(cmd::CreateVault&) {
    auto& f = forms_.first_run;
    if (f.pass.text.empty() || f.pass.text != f.confirm.text) {
        fail("The two passphrases are not the same.");
        return;
    }
    auto pass = std::make_shared<std::string>(f.pass.text);
    f.pass.wipe();
    f.confirm.wipe();
    const std::filesystem::path path = view_.vault_path;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    chmod(path.parent_path().c_str(), 0700);
    view_.busy = {true, "Creating your journal…"};
    view_.error.clear();
    const bool test = opt_.insecure_test_kdf;
    const KdfStrength strength = view_.settings.kdf;
    worker_.start([this, pass, path, test, strength]() -> Worker::Done {
        journal::CreateOptions o;
        if (test) {
            o.kdf = crypto::KdfParams::insecure_for_tests();
            o.allow_weak_kdf = true;
        } else if (strength == KdfStrength::strong) {
            o.kdf = crypto::calibrate(2.0, 1ull << 30);
        }
        auto created = std::make_shared<Result<journal::Vault::Created>>(journal::Vault::create(path, *pass, o));
        crypto::wipe(pass->data(), pass->size());
        return [this, created] {
            view_.busy = {};
            if (!*created) {
                fail(created->error().message);
                event("create_failed");
                return;
            }
            vault_ = std::move(created->value().vault);
            vault_->on_change([this] { data_dirty_ = true; });
            view_.recovery_key = created->value().recovery_key;
            wipe_string(created->value().recovery_key);
            std::random_device rd;
            view_.recovery_group = rd() % crypto::kRecoveryGroups;
            view_.vault_exists = true;
            view_.unlocked = true;
            idle_.activity(clock_->monotonic());
            refresh();
            event("created");
        };
    });
}

void Controller::on(cmd::ConfirmRecoveryKey&) {
    if (view_.recovery_key.empty()) return;
    const std::string expected = crypto::recovery_key_group(view_.recovery_key, view_.recovery_group);
    if (normalize_group(forms_.first_run.group_typed) != normalize_group(expected)) {
        fail("That group does not match. Look at the key again and retype the highlighted group.");
        return;
    }
    wipe_string(view_.recovery_key);
    wipe_string(forms_.first_run.group_typed);
    view_.screen = Screen::home;
    event("recovery_confirmed");
}

// ---- unlock / lock / capture ------------------------------------------------------------------

void Controller::on(cmd::Unlock&) {
    if (!vault_) {
        open_vault();
        if (!vault_) return;
    }
    auto& f = forms_.unlock;
    if (f.pass.text.empty()) return;
    auto secret = std::make_shared<std::string>(f.pass.text);
    f.pass.wipe();
    const bool recovery = f.use_recovery;
    journal::Vault* v = vault_.get();
    view_.busy = {true, recovery ? "Checking your recovery key…" : "Unlocking…"};
    view_.error.clear();
    worker_.start([this, v, secret, recovery]() -> Worker::Done {
        Status st = recovery ? v->unlock_with_recovery_key(*secret) : v->unlock(*secret);
        crypto::wipe(secret->data(), secret->size());
        auto result = std::make_shared<Status>(std::move(st));
        return [this, result, recovery] {
            view_.busy = {};
            if (!*result) {
                const char* text = unlock_error_text(result->error(), recovery);
                fail(text ? text : result->error().message);
                ++view_.unlock_failures;
                event("unlock_failed");
                return;
            }
            view_.unlocked = true;
            forms_.unlock.use_recovery = false;
            idle_.activity(clock_->monotonic());
            refresh();
            view_.screen = Screen::home;
            if (recovery) {
                view_.screen = Screen::settings;
                notice("Opened with your recovery key. Please choose a new passphrase below.");
            }
            event("unlocked");
        };
    });
}

void Controller::on(cmd::Capture&) {
    auto& f = forms_.unlock;
    if (!vault_ || (f.note_title.empty() && f.note_body.empty())) return;
    journal::QuickNote note{f.note_title, f.note_body, journal::from_utc(clock_->wall())};
    Status st = vault_->capture(note);
    wipe_string(note.title);
    wipe_string(note.body);
    if (!st) {
        fail(st.error().message);
        return;
    }
    wipe_string(f.note_title);
    wipe_string(f.note_body);
    f.quick_note_open = false;
    view_.captures_pending = vault_->captures_pending();
    notice("Noted, and sealed. It joins your journal the next time you unlock.");
    event("captured");
}

void Controller::on(cmd::Back&) { navigate(view_.back == view_.screen ? Screen::home : view_.back); }

// ---- sessions -------------------------------------------------------------------------------

void Controller::on(cmd::NewSession&) {
    forms_.session = SessionForm{};
    forms_.session.date = journal::to_local_date(clock_->wall() + 24 * 3600);
    navigate(Screen::session);
    if (view_.screen == Screen::session) view_.back = Screen::home;
}

void Controller::on(cmd::EditSession& e) {
    if (!vault_ || !vault_->unlocked()) return;
    const auto* s = vault_->find_session(e.id);
    if (!s) return;
    auto& f = forms_.session;
    f = SessionForm{};
    f.id = s->meta.id;
    f.meta = s->meta;
    f.kind = static_cast<int>(s->kind);
    f.protocol = static_cast<int>(s->protocol);
    f.route = static_cast<int>(s->route);
    if (s->scheduled) {
        const std::string iso = journal::to_iso8601(*s->scheduled);  // 2026-11-25T21:49:28+01:00
        f.date = iso.substr(0, 10);
        f.time = iso.substr(11, 5);
    }
    if (s->scheduled && s->ended && s->ended->utc > s->scheduled->utc) {
        char hours[16];
        std::snprintf(hours, sizeof hours, "%g", static_cast<double>(s->ended->utc - s->scheduled->utc) / 3600.0);
        f.duration_hours = hours;
    }
    f.provider = s->provider;
    f.notes = s->notes;
    view_.screen = Screen::home;  // force navigate() to run even from the session screen
    navigate(Screen::session);
}

void Controller::on(cmd::SaveSession&) {
    if (!vault_ || !vault_->unlocked()) return;
    auto& f = forms_.session;
    journal::Session s;
    if (!f.id.empty()) {
        if (const auto* old = vault_->find_session(f.id)) s = *old;
    }
    s.kind = static_cast<journal::SessionKind>(f.kind);
    s.protocol = static_cast<journal::Protocol>(f.protocol);
    s.route = static_cast<journal::Route>(f.route);
    s.provider = f.provider;
    s.notes = f.notes;
    if (f.date.empty()) {
        s.scheduled.reset();
    } else {
        auto t = journal::parse_iso8601(f.date + "T" + (f.time.empty() ? std::string("10:00") : f.time));
        if (!t) {
            fail("Please write the date as YYYY-MM-DD and the time as HH:MM.");
            return;
        }
        s.scheduled = journal::from_utc(*t);
    }
    // A medicine session's length sets its end, where the integration window opens.
    if (s.kind == journal::SessionKind::medicine && s.scheduled && !f.duration_hours.empty()) {
        char* end = nullptr;
        const double hours = std::strtod(f.duration_hours.c_str(), &end);
        if (end == f.duration_hours.c_str() || *end != '\0' || !(hours >= 0.5 && hours <= 24)) {
            fail("Please give the session's length in hours, between 0.5 and 24.");
            return;
        }
        s.ended = journal::from_utc(s.scheduled->utc + static_cast<std::int64_t>(hours * 3600));
    }
    auto saved = vault_->save(std::move(s));
    if (!saved) {
        fail(saved.error().message);
        return;
    }
    f.id = *saved;
    refresh();
    notice("Session saved.");
    event("saved_session");
}

void Controller::on(cmd::SaveCheckIn&) {
    if (!vault_ || !vault_->unlocked()) return;
    auto& f = forms_.checkin;
    journal::CheckIn c;
    c.at = journal::from_utc(clock_->wall());
    for (std::size_t i = 0; i < std::size(kCheckInScales); ++i)
        c.scores.push_back({kCheckInScales[i].measure, static_cast<double>(std::clamp(f.scores[i], 0, 10)), 0, 10});
    c.note = f.note;
    const bool at_risk = f.safety == 2;
    auto saved = vault_->save(std::move(c));
    if (!saved) {
        fail(saved.error().message);
        return;
    }
    wipe_string(f.note);
    f = CheckInForm{};
    refresh();
    event("saved_checkin");
    if (at_risk) {
        navigate(Screen::crisis);  // shown at once, before anything else
        return;
    }
    notice("Check-in saved.");
}

void Controller::on(cmd::DeleteSession& d) {
    if (!vault_ || !vault_->unlocked()) return;
    if (auto st = vault_->remove(d.id); !st) {
        fail(st.error().message);
        return;
    }
    refresh();
    forms_.session = SessionForm{};
    view_.screen = Screen::home;
    notice("Session removed.");
}

// ---- intention ------------------------------------------------------------------------------

void Controller::on(cmd::StartIntention& s) {
    if (!vault_ || !vault_->unlocked()) return;
    auto& f = forms_.intention;
    f = IntentionForm{};
    f.session = s.session;
    const auto prompts = intention_prompts();
    f.answers.assign(prompts.size(), {});
    f.checklist = default_checklist();
    const auto* row = view_.find_session(s.session);
    if (row && row->intention) {
        if (const auto* e = vault_->find_entry(*row->intention)) {
            f.meta = e->meta;
            for (std::size_t i = 0; i < prompts.size(); ++i)
                for (const auto& pa : e->prompts)
                    if (pa.prompt == prompts[i].heading) {
                        f.answers[i].doc.set_text(pa.answer);
                        f.answers[i].caret = f.answers[i].anchor = f.answers[i].doc.end();
                    }
            if (!e->checklist.empty()) f.checklist = e->checklist;
        }
    }
    navigate(Screen::intention);
}

void Controller::on(cmd::SaveIntention&) {
    if (!vault_ || !vault_->unlocked()) return;
    auto& f = forms_.intention;
    journal::Entry e;
    if (!f.meta.id.empty()) {
        if (const auto* old = vault_->find_entry(f.meta.id)) e = *old;
    }
    e.kind = journal::EntryKind::intention;
    e.session = f.session;
    const auto* row = view_.find_session(f.session);
    e.title = "Intention" + (row ? " for " + row->phase : std::string());
    e.prompts.clear();
    const auto prompts = intention_prompts();
    for (std::size_t i = 0; i < prompts.size() && i < f.answers.size(); ++i)
        e.prompts.push_back({prompts[i].heading, f.answers[i].doc.text()});
    e.checklist = f.checklist;
    auto saved = vault_->save(std::move(e));
    if (!saved) {
        fail(saved.error().message);
        return;
    }
    refresh();
    notice("Intention saved. It will be here when you return.");
    event("saved_intention");
    cmd::EditSession back{f.session};
    on(back);
}

// ---- entries --------------------------------------------------------------------------------

journal::Entry Controller::editor_entry() const {
    const auto& f = forms_.editor;
    journal::Entry e;
    if (!f.meta.id.empty() && vault_ && vault_->unlocked()) {
        if (const auto* old = vault_->find_entry(f.meta.id)) e = *old;
    }
    e.meta = f.meta;
    e.kind = f.kind;
    e.session = f.session;
    e.title = f.title;
    e.body = f.doc.text();
    e.emotions = f.emotions;
    e.tags = f.tags;
    e.actions = f.actions;
    return e;
}

void Controller::load_editor(const journal::Entry& e, std::string slot) {
    auto& f = forms_.editor;
    f.doc.wipe();
    f = EditorForm{};
    f.meta = e.meta;
    f.kind = e.kind;
    f.session = e.session;
    f.title = e.title;
    f.doc.set_text(e.body);
    f.emotions = e.emotions;
    f.tags = e.tags;
    f.actions = e.actions;
    f.draft_slot = std::move(slot);
    f.caret = f.anchor = f.doc.end();
    f.saved_revision = f.doc.revision();
    autosave_.clear();
    view_.draft_status.clear();
}

void Controller::on(cmd::NewEntry& n) {
    if (!vault_ || !vault_->unlocked()) return;
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
    navigate(Screen::editor);
    view_.back = Screen::home;
}

void Controller::on(cmd::OpenEntry& o) {
    if (!vault_ || !vault_->unlocked()) return;
    const auto* e = vault_->find_entry(o.id);
    if (!e) return;
    if (e->kind == journal::EntryKind::intention && e->session) {
        cmd::StartIntention s{*e->session};
        on(s);
        return;
    }
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
    navigate(Screen::editor);
    view_.back = from == Screen::editor ? Screen::journal : from;
}

void Controller::autosave_now() {
    autosave_.clear();
    auto& f = forms_.editor;
    if (!vault_ || !vault_->unlocked() || f.draft_slot.empty() || !f.dirty) return;
    journal::Entry e = editor_entry();
    Status st = vault_->save_draft(f.draft_slot, e);
    wipe_string(e.body);
    if (!st) {
        fail("Could not save the draft: " + st.error().message);
        return;
    }
    view_.draft_status = "Draft saved, encrypted, at " + clock_text(clock_->wall());
    event("draft_saved");
}

void Controller::on(cmd::EditorChanged&) {
    forms_.editor.dirty = true;
    autosave_.touch(clock_->monotonic());
}

void Controller::on(cmd::SaveEntry&) {
    if (!vault_ || !vault_->unlocked()) return;
    auto& f = forms_.editor;
    journal::Entry e = editor_entry();
    if (e.title.empty() && e.body.empty()) {
        fail("There is nothing to save yet.");
        return;
    }
    auto saved = vault_->save(std::move(e));
    if (!saved) {
        fail(saved.error().message);
        return;
    }
    (void)vault_->discard_draft(f.draft_slot);
    autosave_.clear();
    if (const auto* stored = vault_->find_entry(*saved)) f.meta = stored->meta;
    f.draft_slot = "entry-" + saved->hex();
    f.dirty = false;
    f.saved_revision = f.doc.revision();
    f.doc.break_coalescing();
    view_.draft_status.clear();
    refresh();
    notice("Saved to your journal.");
    event("saved_entry");
}

void Controller::on(cmd::DeleteEntry& d) {
    if (!vault_ || !vault_->unlocked()) return;
    if (auto st = vault_->remove(d.id); !st) {
        fail(st.error().message);
        return;
    }
    if (forms_.editor.meta.id == d.id) {
        (void)vault_->discard_draft(forms_.editor.draft_slot);
        load_editor(journal::Entry{}, "new");
        view_.screen = Screen::journal;
    }
    refresh();
    notice("Entry removed.");
}

void Controller::on(cmd::ToggleAction& t) {
    if (!vault_ || !vault_->unlocked()) return;
    const auto* old = vault_->find_entry(t.entry);
    if (!old) return;
    journal::Entry e = *old;
    if (t.checklist) {
        if (t.index >= e.checklist.size()) return;
        e.checklist[t.index].done = !e.checklist[t.index].done;
    } else {
        if (t.index >= e.actions.size()) return;
        e.actions[t.index].done = !e.actions[t.index].done;
    }
    if (auto saved = vault_->save(std::move(e)); !saved) {
        fail(saved.error().message);
        return;
    }
    refresh();
}

// ---- settings -------------------------------------------------------------------------------

void Controller::on(cmd::ChangePassphrase&) {
    if (!vault_ || !vault_->unlocked()) return;
    auto& f = forms_.settings;
    if (f.next.text.empty() || f.next.text != f.confirm.text) {
        fail("The two new passphrases are not the same.");
        return;
    }
    auto pass = std::make_shared<std::string>(f.next.text);
    f.next.wipe();
    f.confirm.wipe();
    f.current.wipe();
    journal::Vault* v = vault_.get();
    const bool test = opt_.insecure_test_kdf;
    const KdfStrength strength = view_.settings.kdf;
    view_.busy = {true, "Changing your passphrase…"};
    view_.error.clear();
    worker_.start([this, v, pass, test, strength]() -> Worker::Done {
        std::optional<crypto::KdfParams> params;
        if (test) params = crypto::KdfParams::insecure_for_tests();
        else if (strength == KdfStrength::strong) params = crypto::calibrate(2.0, 1ull << 30);
        else params = crypto::calibrate(1.0);
        auto st = std::make_shared<Status>(v->change_passphrase(*pass, params, test));
        crypto::wipe(pass->data(), pass->size());
        return [this, st] {
            view_.busy = {};
            if (!*st) {
                fail(st->error().message);
                return;
            }
            refresh();
            notice("Your passphrase is changed. Use the new one next time.");
            event("passphrase_changed");
        };
    });
}

void Controller::on(cmd::ApplySettings& a) {
    const bool path_changed = a.settings.vault_path != view_.settings.vault_path;
    view_.settings = a.settings;
    idle_.set_timeout(view_.settings.autolock_minutes * 60.0);
    if (!save_settings(settings_file_, view_.settings)) fail("Could not write the settings file.");
    if (path_changed) notice("The new vault location is used the next time Afterglow starts.");
}

}  // namespace afterglow::app
