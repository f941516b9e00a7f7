// Settings → Sync (docs/sync.md §7): the target (a folder, or a WebDAV address with user and
// app password, both sealed in the vault, never in the settings file), "Test connection", the
// status line and the conflicts. Where this vault syncs is kept in one place: the target in
// sync's state (sync::remember_target), which the CLI reads and writes too; the WebDAV login
// (user, app password) is kept for the address it was saved with and used only for it. Sync runs after unlock, a few seconds after a change and
// every few minutes while unlocked, through SyncRunner (network on its own worker thread, the
// merge on this one: sync_runner.hpp). Lock and quit wait for an upload in flight (≤ 2.5 s).
#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "app/core/controller.hpp"
#include "app/core/journey_texts.hpp"
#include "app/core/sync_stores.hpp"
#include "journal/sync/webdav_credentials.hpp"
#include "journal/sync/webdav_store.hpp"
#ifdef AFTERGLOW_SYNC_WEBDAV
#include "journal/sync/webdav_curl.hpp"
#endif

namespace afterglow::app {
namespace {

constexpr double kAfterChange = 5.0;    // seconds after a change (debounced)
constexpr double kEvery = 300.0;        // while unlocked
constexpr double kStatusEvery = 30.0;   // "Synced 2 min ago" stays true
constexpr double kStopWait = 2.5;       // lock and quit wait this long for an upload
constexpr const char* kFolderSlot = "sync:folder";  // the app's folder before the target was one

std::optional<std::string> legacy_folder(const journal::Vault& v) {
    auto e = v.load_draft(kFolderSlot);
    if (!e || e->title.empty()) return std::nullopt;
    return e->title;
}

bool is_address(const std::string& target) {
    return target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0;
}

std::string saved_target(journal::Vault& v) {
    auto st = sync::status(v);
    return st ? st->target : std::string();
}

// The saved WebDAV login when it was saved for `url` (nullopt: none, or another address's).
std::optional<sync::WebDavCredentials> login_for(const journal::Vault& v, const std::string& url) {
    auto c = sync::load_webdav_credentials(v);
    if (!c) return std::nullopt;
    auto saved = sync::parse_webdav_url(c->url), wanted = sync::parse_webdav_url(url);
    if (!saved || !wanted || saved->url != wanted->url) return std::nullopt;
    return c;
}

// "just now", "5 min ago", "2 h ago", "3 days ago".
std::string ago(std::int64_t seconds) {
    const auto s = std::max<std::int64_t>(0, seconds);
    if (s < 60) return "just now";
    if (s < 3600) return std::to_string(s / 60) + " min ago";
    if (s < 86400) return std::to_string(s / 3600) + " h ago";
    return std::to_string(s / 86400) + (s < 2 * 86400 ? " day ago" : " days ago");
}

void wipe_secret(SyncForm::Secret& s) { crypto::wipe(s.text); s.text.reserve(256); }

}  // namespace

// A WebDAV store (sync_stores.hpp).
Result<std::unique_ptr<sync::Store>> open_webdav_store(const PlatformServices& services, const std::string& url,
                                                       std::string user, crypto::SecretBuffer password,
                                                       const std::shared_ptr<std::atomic<bool>>& cancel,
                                                       const std::shared_ptr<std::atomic<int>>& failure, bool test) {
#ifdef AFTERGLOW_SYNC_WEBDAV
    (void)services, (void)failure;
    sync::WebDavOptions o;
    o.url = url;
    o.user = std::move(user);
    o.password = std::move(password);
    o.stall_timeout_s = test ? 15 : 20;
    if (test) o.connect_timeout_s = 8;
    o.cancel = cancel;
    auto s = sync::open_webdav(std::move(o));
    if (!s) return s.error();
    return std::unique_ptr<sync::Store>(std::move(*s));
#else
    (void)test;
    if (!services.http) return make_error(Errc::unsupported, "This build cannot sync to a web address.");
    auto address = sync::parse_webdav_url(url);
    if (!address) return address.error();
    auto transport = services.http(HttpLogin{std::move(user), std::move(password), cancel, failure});
    return std::unique_ptr<sync::Store>(new sync::WebDavStore(std::move(*address), std::move(transport)));
#endif
}

std::string folder_target(const std::string& typed) {
    std::filesystem::path p = typed;
    if (typed == "~" || typed.rfind("~/", 0) == 0) {
        const char* home = std::getenv("HOME");
        if (home && *home) p = std::filesystem::path(home) / (typed.size() > 2 ? typed.substr(2) : std::string());
    }
    std::error_code ec;
    auto abs = std::filesystem::absolute(p, ec);
    return (ec ? p : abs).lexically_normal().string();
}

// The store for the saved target, made on this thread (the login comes from the vault) for
// the sync worker to use.
static Result<std::unique_ptr<sync::Store>> saved_store(journal::Vault& v, const PlatformServices& services,
                                                        const std::shared_ptr<std::atomic<bool>>& cancel,
                                                        const std::shared_ptr<std::atomic<int>>& failure) {
    const std::string target = saved_target(v);
    if (target.empty()) return make_error(Errc::not_found, "Sync is not set up.");
    if (!is_address(target)) return sync::make_store(target, &v);
    auto c = login_for(v, target);
    return open_webdav_store(services, target, c ? c->user : std::string(),
                             c ? std::move(c->password) : crypto::SecretBuffer{}, cancel, failure, false);
}

// Vaults from before the target was the one place kept the app's folder in a draft slot
// ("sync:folder", which won over everything) or only the WebDAV login's address: what the app
// synced with becomes the target, and the slot goes. A target already set (by the CLI or a
// join) with no slot is kept. Runs at unlock; a read-only vault is left as it is.
void Controller::sync_migrate_target() {
    if (!unlocked() || vault_->read_only()) return;
    const auto folder = legacy_folder(*vault_);
    std::string want;
    if (folder) want = *folder;
    else if (saved_target(*vault_).empty())
        if (auto c = sync::load_webdav_credentials(*vault_)) want = c->url;
    if (want.empty() || !sync::remember_target(*vault_, want)) return;  // else tried again at the next unlock
    if (folder) {
        (void)sync::forget_webdav_credentials(*vault_);  // the folder was the target: the login was unused
        (void)vault_->discard_draft(kFolderSlot);
    }
}

// "The last sync did not finish (just now). Last complete sync: 5 min ago." (assets/pack/sync.json)
std::string Controller::sync_failed_status() const {
    const auto& content = view_.content();
    const auto& t = journey_text(content, "sync.status_failed");
    const std::int64_t now = clock_->wall();
    const std::string last = sync_last_.succeeded_at ? ago(now - *sync_last_.succeeded_at)
                                                     : journey_text(content, "sync.status_never").heading;
    return replaced(replaced(t.heading + " " + t.body, "{when}", ago(now - sync_last_.failed_at)), "{last}", last);
}

// A run that got no answer because the browser blocked it or the device is offline says so
// in the patient's words (assets/pack/sync.json); anything else keeps the store's sentence.
std::string Controller::sync_failure_words(const std::string& message) const {
    const int f = sync_failure_ ? sync_failure_->load() : 0;
    const char* id = f == static_cast<int>(NetFailure::blocked)   ? "sync.blocked"
                     : f == static_cast<int>(NetFailure::offline) ? "sync.offline"
                     : f == static_cast<int>(NetFailure::dropped) ? "sync.dropped"
                                                                  : nullptr;
    if (!id) return message;
    const auto& t = journey_text(view_.content(), id);
    const std::string origin = opt_.services.page_origin.empty() ? "this app's address" : opt_.services.page_origin;
    return with_origin(t.heading + ". " + t.body, origin);
}

void Controller::sync_load_view() {
    auto& sv = view_.sync;
    if (!unlocked()) return;
#ifndef AFTERGLOW_SYNC_WEBDAV
    sv.available = static_cast<bool>(opt_.services.http);  // the browser's networking (web app)
#endif
    sv.folder_possible = !opt_.services.storage;  // the web app has no folder a sync client sees
    sv.page_origin = opt_.services.page_origin;
    sv.conflicts.clear();
    sv.skipped.clear();
    auto st = sync::status(*vault_);
    const std::string target = st ? st->target : std::string();
    const bool address = is_address(target);
    const auto dav = address ? login_for(*vault_, target) : std::nullopt;
    sv.configured = !target.empty();
    sv.target = target.empty() || address ? target : "the folder " + target;
    auto& f = forms_.sync;
    if (!f.loaded) {
        f.loaded = true;
        f.webdav = target.empty() || address;
        (address ? f.url : f.folder) = target;
        if (dav) f.user = dav->user;
    }
    if (!st) {
        sv.status = st.error().message;
        return;
    }
    journal::Timestamp now;
    now.utc = clock_->wall();
    sv.status = !sv.configured    ? std::string()
                : sync_last_.failed ? sync_failed_status()  // what happened last, not the merge before it
                                    : sync::status_line(*st, now);
    for (const auto& s : st->skipped_files) sv.skipped.push_back(s.name + ": " + s.reason);
    for (const auto& c : st->conflicts) {
        SyncConflictRow row{c.kept, c.other, {}, {}, {}, {}, {}, {}};
        if (const auto* e = view_.find_entry(c.kept))
            row.kept_title = e->title, row.kept_preview = e->preview, row.kept_date = e->date;
        if (const auto* e = view_.find_entry(c.other))
            row.other_title = e->title, row.other_preview = e->preview, row.other_date = e->date;
        sv.conflicts.push_back(std::move(row));
    }
    ++view_.revision;
}

void Controller::sync_start() {
    if (!unlocked() || vault_->read_only() || sync_.busy()) return;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    sync_failure_ = std::make_shared<std::atomic<int>>(0);
    auto store = saved_store(*vault_, opt_.services, cancel, sync_failure_);
    if (!store) return;  // not set up (or unusable: the screen shows why after Save/Test)
    auto st = sync::status(*vault_);
    const std::string prefix = st && !st->device_id.empty() ? "D/" + st->device_id + "/" : std::string();
    if (!sync_last_.failed && !sync_last_.succeeded_at && st && st->last_sync)  // before this run's merge rewrites it
        sync_last_.succeeded_at = st->last_sync->utc;
    view_.sync.running = true;
    sync_.start(std::move(*store), prefix,
                [this](sync::Store& staged) -> Result<sync::SyncReport> {
                    if (!unlocked()) return make_error(Errc::locked, "The journal was locked.");
                    return sync::sync_once(*vault_, staged);
                },
                cancel);
}

void Controller::sync_update(double mono) {
    if (auto out = sync_.poll()) {
        view_.sync.running = false;
        const std::string words = out->ok ? out->message : sync_failure_words(out->message);
        view_.sync.blocked = !out->ok && sync_failure_ && sync_failure_->load() == static_cast<int>(NetFailure::blocked);
        if (out->test) {
            view_.sync.test_ok = out->ok;
            view_.sync.test_result = words;
        } else {
            ++view_.sync.runs;
            view_.sync.last_error = out->ok ? std::string() : words;
            if (out->ok) sync_last_ = SyncLast{false, 0, clock_->wall()};
            else sync_last_.failed = true, sync_last_.failed_at = clock_->wall();
            if (out->report && out->report->received > 0) refresh();  // what arrived shows now
            event(Event::synced);
        }
        sync_timers_.seen_generation = view_.generation;  // our own merge is not a change to send
        sync_timers_.status_at = mono + kStatusEvery;
        sync_load_view();
    }
    if (!unlocked()) return;
    if (view_.generation != sync_timers_.seen_generation) {  // a change: sync shortly after
        sync_timers_.seen_generation = view_.generation;
        sync_timers_.next = std::min(sync_timers_.next, mono + kAfterChange);
    }
    if (mono >= sync_timers_.status_at && view_.screen == Screen::sync) {
        sync_timers_.status_at = mono + kStatusEvery;
        sync_load_view();
    }
    if (mono >= sync_timers_.next && !sync_.busy()) {
        sync_timers_.next = mono + kEvery;
        sync_start();
    }
}

std::optional<double> Controller::sync_deadline() const {
    if (!unlocked()) return std::nullopt;
    const double at = view_.screen == Screen::sync ? std::min(sync_timers_.next, sync_timers_.status_at)
                                                   : sync_timers_.next;
    if (at == std::numeric_limits<double>::infinity()) return std::nullopt;
    return at;
}

void Controller::sync_unlocked() {
    forms_.sync.loaded = false;
    sync_last_ = {};
    sync_migrate_target();
    const double mono = clock_->monotonic();
    sync_timers_.next = mono;  // right after unlock
    sync_timers_.status_at = mono;
    sync_timers_.seen_generation = view_.generation;
    refresh();
    sync_load_view();
}

void Controller::sync_locking() {
    sync_.stop(kStopWait);  // an upload in flight finishes (≤ 2.5 s) or is left unfinished
    forms_.sync.url.clear(), forms_.sync.user.clear(), forms_.sync.folder.clear();
    wipe_secret(forms_.sync.password);
    forms_.sync.loaded = false;
    sync_last_ = {};
    const bool available = view_.sync.available;
    view_.sync = SyncView{};
    view_.sync.available = available;
}

void Controller::on(cmd::SyncSave&) {
    if (!unlocked()) return;
    auto& f = forms_.sync;
    Status st;
    if (f.webdav) {
        sync::WebDavCredentials c;
        c.url = f.url;
        c.user = f.user;
        c.password = crypto::SecretBuffer::copy_of(std::string_view(f.password.text));
        if (c.password.empty()) {  // keep the saved app password when none was typed
            if (auto old = sync::load_webdav_credentials(*vault_); old && old->user == c.user)
                c.password = std::move(old->password);
        }
        st = sync::save_webdav_credentials(*vault_, c);
        if (st) st = sync::remember_target(*vault_, f.url);
    } else {
        const std::string folder = f.folder.empty() ? std::string() : folder_target(f.folder);
        auto store = sync::make_store(folder, vault_.get());
        if (!store) st = store.error();
        else {
            st = sync::remember_target(*vault_, folder);
            if (st) (void)sync::forget_webdav_credentials(*vault_);
        }
    }
    wipe_secret(f.password);
    if (!st) {
        fail(st.error().message);
        return;
    }
    f.loaded = false;
    sync_last_ = {};
    sync_load_view();
    notice("Saved. Syncing now.");
    sync_timers_.next = clock_->monotonic();
}

void Controller::on(cmd::SyncTest&) {
    if (!unlocked() || sync_.busy()) return;
    auto& f = forms_.sync;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    Result<std::unique_ptr<sync::Store>> store = make_error(Errc::invalid_argument, "Give a folder or an address first.");
    if (!f.webdav) {
        if (!f.folder.empty()) store = sync::make_store(folder_target(f.folder), vault_.get());
    } else {
        crypto::SecretBuffer password = crypto::SecretBuffer::copy_of(std::string_view(f.password.text));
        if (password.empty())
            if (auto old = sync::load_webdav_credentials(*vault_); old && old->user == f.user) password = std::move(old->password);
        sync_failure_ = std::make_shared<std::atomic<int>>(0);
        store = open_webdav_store(opt_.services, f.url, f.user, std::move(password), cancel, sync_failure_, true);
    }
    if (!store) {
        view_.sync.test_ok = false;
        view_.sync.test_result = store.error().message;
        return;
    }
    view_.sync.test_result = "Testing…";
    view_.sync.running = true;
    sync_.start_test(std::move(*store), cancel);
}

void Controller::on(cmd::SyncNow&) {
    if (!view_.sync.configured) {
        fail("Choose a folder or an address first, then Save.");
        return;
    }
    sync_timers_.next = clock_->monotonic();
}

void Controller::on(cmd::SyncForget&) {
    if (!unlocked()) return;
    sync_.stop(kStopWait);
    if (auto st = sync::remember_target(*vault_, ""); !st) {
        fail(st.error().message);
        return;
    }
    (void)vault_->discard_draft(kFolderSlot);
    (void)sync::forget_webdav_credentials(*vault_);
    forms_.sync = SyncForm{};
    sync_last_ = {};
    sync_load_view();
    notice("Sync is off. Your journal stays on this device; the synced copy was left as it is.");
}

}  // namespace afterglow::app
