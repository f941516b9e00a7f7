// First run: "Join a journal you already have" (docs/sync.md §1, The phone). On the desktop, a
// folder on this computer that Syncthing, Nextcloud or Dropbox keeps in step with the other
// device; or (desktop and phone) the address, user and app password of the WebDAV folder it
// syncs to. Then the journal's passphrase (or its recovery key and a new passphrase): the store
// is listed, the journal's key unwrapped, a vault created around it and filled by one sync
// (sync::join), the target (and the WebDAV login) sealed in it as Settings → Sync keeps them;
// then Home. All of it on the worker thread (the network or the disk, the key derivation and
// the merge into the new vault, which no other thread holds yet); the busy line says which
// step it is at and how many files came. A failure leaves nothing behind: no vault file,
// nothing written to the store, the words from assets/pack/sync.json.
#include <filesystem>

#include "app/core/controller.hpp"
#include "app/core/journey_texts.hpp"
#include "app/core/sync_stores.hpp"
#include "journal/sync/engine.hpp"
#include "journal/sync/webdav_credentials.hpp"

namespace afterglow::app {

// How far a join is (written by the worker, read by update() on the UI thread).
struct JoinProgress {
    std::atomic<int> phase{static_cast<int>(JoinView::Phase::reach)};
    std::atomic<int> read{0}, total{0};
};

// What the worker hands back.
struct JoinOutcome {
    std::unique_ptr<journal::Vault> vault;
    std::size_t entries = 0;
    bool listed = false;       // the store answered its listing
    bool empty = false;        // … and holds no journal
    bool other_files = false;  // … but other files (a folder that is not a journal's)
    bool missing = false;      // the folder is not there
    std::string unreadable;    // why the folder cannot be read (empty: it can)
    std::optional<Error> error;
};

namespace {

constexpr const char* kKeyFile = "journal.key";

// The store as the join sees it, counting what it reads for the busy line.
class CountingStore final : public sync::Store {
public:
    CountingStore(sync::Store& inner, JoinProgress& p) : in_(inner), p_(p) {}
    Result<std::vector<sync::StoreEntry>> list() override {
        auto l = in_.list();
        if (l) {
            p_.phase = static_cast<int>(JoinView::Phase::fetch);
            p_.total = static_cast<int>(l->size());
        }
        return l;
    }
    Result<crypto::Bytes> get(const std::string& name) override {
        auto r = in_.get(name);
        ++p_.read;
        return r;
    }
    Status put(const std::string& name, const crypto::Bytes& data) override {
        p_.phase = static_cast<int>(JoinView::Phase::save);
        return in_.put(name, data);
    }
    Status remove(const std::string& name) override { return in_.remove(name); }
    std::string describe() const override { return in_.describe(); }

private:
    sync::Store& in_;
    JoinProgress& p_;
};

// Before a folder is listed: there, a folder, and readable (FolderStore lists a missing or
// unreadable folder as empty, which would say "no journal here" for a typing slip).
void check_folder(const std::filesystem::path& root, JoinOutcome& out) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto st = fs::status(root, ec);
    if (st.type() == fs::file_type::not_found) out.missing = true;
    else if (ec) out.unreadable = ec.message();
    else if (!fs::is_directory(st)) out.unreadable = std::make_error_code(std::errc::not_a_directory).message();
    else if (fs::directory_iterator it(root, ec); ec) out.unreadable = ec.message();
}

void remove_vault_files(const std::filesystem::path& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix, ec);
}

}  // namespace

void Controller::on(cmd::JoinJournal&) {
    if (vault_ || view_.vault_exists) return;  // first run only
    if (opt_.services.keep_storage) opt_.services.keep_storage();  // a tap: the browser may ask
    auto& f = forms_.first_run.join;
    auto& jv = view_.join;
    const bool possible = jv.folder_possible;
    jv = JoinView{};
    jv.folder_possible = possible;
    jv.folder = possible && f.use_folder;
    jv.page_origin = opt_.services.page_origin;
    if ((jv.folder ? f.folder : f.url).empty() || f.secret.text.empty()) {
        fail(std::string(jv.folder ? "Give the folder" : "Give the address") + " and the journal's " +
             (f.use_recovery ? "recovery key." : "passphrase."));
        return;
    }
    std::shared_ptr<std::string> fresh;
    if (f.use_recovery) {
        if (f.next.text.empty() || f.next.text != f.confirm.text) {
            fail("The two passphrases for this device are not the same.");
            return;
        }
        fresh = std::make_shared<std::string>(f.next.text);
    }
    auto secret = std::make_shared<std::string>(f.secret.text);
    f.secret.wipe();
    const std::filesystem::path path = view_.vault_path;
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        fail("A journal already exists on this device.");
        return;
    }
    auto failure = std::make_shared<std::atomic<int>>(0);
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    const std::string folder = jv.folder ? folder_target(f.folder) : std::string();
    auto store = jv.folder ? sync::make_store(folder, nullptr)
                           : open_webdav_store(opt_.services, f.url, f.user,
                                               crypto::SecretBuffer::copy_of(std::string_view(f.app_password.text)),
                                               cancel, failure, false);
    if (!store) {
        jv.error = store.error().message;
        fail(jv.error);
        event(Event::join_failed);
        return;
    }
    auto creds = std::make_shared<sync::WebDavCredentials>();  // none for a folder
    if (!jv.folder) {
        creds->url = f.url;
        creds->user = f.user;
        creds->password = crypto::SecretBuffer::copy_of(std::string_view(f.app_password.text));
    }
    auto progress = std::make_shared<JoinProgress>();
    join_progress_ = progress;
    join_failure_ = failure;
    start_busy(journey_text(view_.content(), jv.folder ? "join.progress.read_folder" : "join.progress.reach").heading.c_str());
    jv.phase = JoinView::Phase::reach;
    std::shared_ptr<sync::Store> held(std::move(*store));
    const bool recovery = f.use_recovery;
    worker_.start([this, held, progress, path, secret, fresh, recovery, creds, folder,
                   request = kdf_request()]() -> Worker::Done {
        auto out = std::make_shared<JoinOutcome>();
        CountingStore store(*held, *progress);
        if (!folder.empty()) check_folder(folder, *out);
        auto listing = out->missing || !out->unreadable.empty() ? Result<std::vector<sync::StoreEntry>>(
                                                                      make_error(Errc::io, "The folder cannot be read."))
                                                                : held->list();
        if (!listing) {
            out->error = listing.error();
        } else {
            out->listed = true;
            progress->total = static_cast<int>(listing->size());
            bool has_key = false;
            for (const auto& e : *listing) has_key = has_key || e.name == kKeyFile;
            out->empty = !has_key;
            out->other_files = !has_key && !listing->empty();
        }
        if (out->listed && !out->empty) {
            progress->phase = static_cast<int>(JoinView::Phase::key);
            // Only a new passphrase (after the recovery key) is derived with this device's
            // parameters; the journal's own passphrase keeps the journal's (one Argon2id per join).
            const KdfChoice kdf = fresh ? choose_kdf(request) : KdfChoice{};
            sync::JoinOptions o;
            o.recovery = recovery;
            o.kdf = kdf.params;
            o.allow_weak_kdf = kdf.allow_weak;
            auto joined = sync::join(store, path, *secret, fresh ? *fresh : *secret, o);
            if (!joined) {
                out->error = joined.error();
                remove_vault_files(path);  // a vault made before the sync failed: not a journal yet
            } else {
                progress->phase = static_cast<int>(JoinView::Phase::save);
                // The target is the truth of where it syncs (controller_sync.cpp); WebDAV's login with it.
                Status st = folder.empty() ? sync::save_webdav_credentials(*joined->vault, *creds) : Status{};
                if (st) st = sync::remember_target(*joined->vault, folder.empty() ? creds->url : folder);
                if (!st) {
                    out->error = st.error();
                    joined->vault.reset();
                    remove_vault_files(path);
                } else {
                    out->entries = joined->vault->entries().size();
                    out->vault = std::move(joined->vault);
                }
            }
        }
        crypto::wipe(*secret);
        if (fresh) crypto::wipe(*fresh);
        creds->password.wipe();
        return [this, out] { join_finished(*out); };
    });
}

// update(), while the worker joins: the busy line and its progress.
void Controller::join_show_progress() {
    if (!join_progress_) return;
    const auto phase = static_cast<JoinView::Phase>(join_progress_->phase.load());
    auto& jv = view_.join;
    const int read = join_progress_->read, total = join_progress_->total;
    if (phase == jv.phase && read == jv.files_read && total == jv.files_total) return;
    jv.files_read = read;
    jv.files_total = total;
    jv.phase = phase;
    static constexpr const char* kTexts[] = {"join.progress.reach", "join.progress.key", "join.progress.fetch",
                                             "join.progress.save"};
    const char* id = jv.folder && phase == JoinView::Phase::reach ? "join.progress.read_folder"
                                                                  : kTexts[static_cast<int>(phase)];
    view_.busy.what = journey_text(view_.content(), id).heading;
    ++view_.revision;
}

void Controller::join_finished(JoinOutcome& out) {
    view_.busy = {};
    join_progress_.reset();
    auto& jv = view_.join;
    jv.phase = JoinView::Phase::idle;
    const auto& content = view_.content();
    auto words = [&](const char* id) {
        const auto& t = journey_text(content, id);
        return t.heading + ". " + t.body;
    };
    if (out.vault) {
        watch(std::move(out.vault));
        view_.vault_exists = true;
        forms_.first_run.join.wipe();
        forms_.first_run.join = JoinForm{};
        unlocked_now();
        refresh();
        sync_timers_.seen_generation = view_.generation;  // what it brought is not a change to send
        sync_timers_.next = clock_->monotonic() + 60;     // it has just synced: the next run in a minute
        view_.screen = Screen::home;
        // A journal this person already keeps: they met the welcome where they started it
        // (Settings → "Show the welcome again" still shows it).
        if (!view_.settings.welcome_seen) {
            view_.settings.welcome_seen = true;
            if (!save_settings(settings_file_, view_.settings)) fail("Could not write the settings file.");
        }
        const std::string count = std::to_string(out.entries) + (out.entries == 1 ? " entry" : " entries");
        notice(replaced(words("join.done"), "{count}", count));
        event(Event::joined);
        return;
    }
    const int net = join_failure_ ? join_failure_->load() : 0;
    const bool wrong = out.error && out.error->code == Errc::wrong_passphrase;
    const bool recovery = forms_.first_run.join.use_recovery;
    if (jv.folder && out.missing) {
        jv.error = words("join.folder_missing");
    } else if (jv.folder && !out.unreadable.empty()) {
        jv.error = replaced(words("join.folder_unreadable"), "{reason}", out.unreadable);
    } else if (jv.folder && out.other_files) {
        jv.error = words("join.folder_not_journal");
    } else if (out.empty) {
        jv.empty_store = true;
        jv.error = words(jv.folder ? "join.folder_empty" : "join.empty");
    } else if (jv.folder && wrong) {
        jv.error = words(recovery ? "join.wrong_recovery_folder" : "join.wrong_passphrase_folder");
    } else if (!out.listed && wrong) {  // a 401: the server's login, not the journal's passphrase
        jv.error = words("join.login");
    } else if (!out.listed && net == static_cast<int>(NetFailure::blocked)) {
        jv.blocked = true;
        jv.error = with_origin(words("join.blocked"), jv.page_origin.empty() ? "this app's address" : jv.page_origin);
    } else if (!out.listed && net == static_cast<int>(NetFailure::offline)) {
        jv.error = words("join.offline");
    } else if (wrong) {
        jv.error = words(recovery ? "join.wrong_recovery" : "join.wrong_passphrase");
    } else {
        jv.error = replaced(words("join.failed"), "{reason}", out.error ? out.error->message : std::string());
    }
    fail(jv.error);
    event(Event::join_failed);
}

void JoinForm::wipe() {
    crypto::wipe(folder);
    crypto::wipe(url);
    crypto::wipe(user);
    app_password.wipe();
    secret.wipe();
    next.wipe();
    confirm.wipe();
}

}  // namespace afterglow::app
