// Keys and locking: create a vault, confirm the recovery key, unlock (passphrase or recovery
// key), lock, quick capture while locked, change the passphrase. Key derivation runs on the
// worker; each continuation runs on the UI thread after a later frame.
#include <sys/stat.h>

#include <cctype>
#include <random>

#include "app/core/controller.hpp"
#include "app/core/kdf_policy.hpp"
#include "crypto/recovery_key.hpp"
#include "crypto/secret.hpp"
#include "journal/time.hpp"

namespace afterglow::app {
namespace {

// A group as the key's parser reads it (crypto/recovery_key.cpp): case, spaces and dashes
// ignored, I and L read as 1, O as 0. The confirmation accepts what an unlock would.
std::string normalize_group(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' || c == '-') continue;
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (c == 'I' || c == 'L') c = '1';
        if (c == 'O') c = '0';
        out += c;
    }
    return out;
}

const char* unlock_error_text(const Error& e, bool recovery) {
    if (e.code == Errc::wrong_passphrase)
        return recovery ? "That recovery key did not open this journal. Check each group and try again."
                        : "That passphrase did not open this journal. Check Caps Lock and try again.";
    return nullptr;
}

// A copy of a typed secret for the worker thread, wiped there after use.
std::shared_ptr<std::string> take_secret(SecretField& f) {
    auto s = std::make_shared<std::string>(f.text);
    f.wipe();
    return s;
}

// A new passphrase typed twice alike: its copy (both fields wiped), else nullptr.
std::shared_ptr<std::string> take_new_passphrase(SecretField& pass, SecretField& confirm) {
    if (pass.text.empty() || pass.text != confirm.text) return nullptr;
    confirm.wipe();
    return take_secret(pass);
}

}  // namespace

KdfRequest Controller::kdf_request() const { return {view_.settings.kdf, opt_.insecure_test_kdf}; }

void Controller::start_busy(const char* what, float progress) {
    view_.busy = {true, what, progress};
    view_.error.clear();
}

void Controller::watch(std::unique_ptr<journal::Vault> v) {
    vault_ = std::move(v);
    vault_->on_change([this] { changed(); });
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
    watch(std::move(opened.value()));
    view_.captures_pending = vault_->captures_pending();
}

// After a successful create or unlock (continuations).
void Controller::unlocked_now() {
    view_.unlocked = true;
    if (opt_.services.storage_kept && view_.settings.first_use.empty()) {  // browser storage: count from now
        note_first_use(view_.settings, clock_->wall());
        save_settings(settings_file_, view_.settings);
    }
    load_content();
    idle_.activity(clock_->monotonic());
    changed();
    sync_unlocked();
}

void Controller::lock(Event why) {
    sync_locking();  // before the keys go: an upload in flight ends (≤ 5 s) or is cancelled
    if (unlocked()) {
        if (forms_.editor.dirty) autosave_now();
        vault_->lock();
    }
    autosave_.clear();
    view_.drop_decrypted();
    forms_.wipe();
    search_hits_.clear();
    crypto::wipe(seen_query_);
    list_.wipe();
    view_.unlocked = false;
    view_.screen = vault_ ? Screen::unlock : Screen::first_run;
    locked_flag_ = true;
    event(why);
}

void Controller::on(cmd::CreateVault&) {
    if (opt_.services.keep_storage) opt_.services.keep_storage();  // a tap: the browser may ask
    auto pass = take_new_passphrase(forms_.first_run.pass, forms_.first_run.confirm);
    if (!pass) {
        fail("The two passphrases are not the same.");
        return;
    }
    // The vault creates its folder (0700) only if it is missing; an existing one is left alone.
    const std::filesystem::path path = view_.vault_path;
    start_busy("Creating your journal…");
    worker_.start([this, pass, path, request = kdf_request()]() -> Worker::Done {
        const KdfChoice kdf = choose_kdf(request);
        journal::CreateOptions o;
        o.kdf = kdf.params;
        o.allow_weak_kdf = kdf.allow_weak;
        auto created = std::make_shared<Result<journal::Vault::Created>>(journal::Vault::create(path, *pass, o));
        crypto::wipe(*pass);
        return [this, created] {
            view_.busy = {};
            if (!*created) {
                fail(created->error().message);
                event(Event::create_failed);
                return;
            }
            watch(std::move(created->value().vault));
            view_.recovery_key = created->value().recovery_key;
            crypto::wipe(created->value().recovery_key);
            std::random_device rd;
            view_.recovery_group = rd() % crypto::kRecoveryGroups;
            view_.vault_exists = true;
            unlocked_now();
            event(Event::created);
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
    crypto::wipe(view_.recovery_key);
    crypto::wipe(forms_.first_run.group_typed);
    view_.screen = Screen::home;
    event(Event::recovery_confirmed);
}

void Controller::on(cmd::Unlock& u) {
    if (opt_.services.keep_storage) opt_.services.keep_storage();  // a tap: the browser may ask
    if (!vault_) {
        open_vault();
        if (!vault_) return;
    }
    auto& f = forms_.unlock;
    if (f.pass.text.empty()) return;
    auto secret = take_secret(f.pass);
    const bool recovery = u.with == cmd::UnlockWith::recovery_key;
    journal::Vault* v = vault_.get();
    start_busy(recovery ? "Checking your recovery key…" : "Unlocking…");
    worker_.start([this, v, secret, recovery]() -> Worker::Done {
        Status st = recovery ? v->unlock_with_recovery_key(*secret) : v->unlock(*secret);
        crypto::wipe(*secret);
        auto result = std::make_shared<Status>(std::move(st));
        return [this, result, recovery] {
            view_.busy = {};
            if (!*result) {
                const char* text = unlock_error_text(result->error(), recovery);
                fail(text ? text : result->error().message);
                ++view_.unlock_failures;
                event(Event::unlock_failed);
                return;
            }
            forms_.unlock.use_recovery = false;
            if (!recovery) passkey_passphrase_unlocked();
            unlocked_now();
            view_.screen = Screen::home;
            if (recovery) {
                view_.screen = Screen::settings;
                notice("Opened with your recovery key. Please choose a new passphrase below.");
            }
            event(Event::unlocked);
        };
    });
}

void Controller::on(cmd::Capture&) {
    auto& f = forms_.unlock;
    if (!vault_ || (f.note_title.empty() && f.note_body.empty())) return;
    journal::QuickNote note{f.note_title, f.note_body, journal::from_utc(clock_->wall())};
    Status st = vault_->capture(note);
    crypto::wipe(note.title);
    crypto::wipe(note.body);
    if (!st) {
        fail(st.error().message);
        return;
    }
    crypto::wipe(f.note_title);
    crypto::wipe(f.note_body);
    f.quick_note_open = false;
    view_.captures_pending = vault_->captures_pending();
    notice("Noted, and sealed. It joins your journal the next time you unlock.");
    event(Event::captured);
}

void Controller::on(cmd::ChangePassphrase&) {
    if (!unlocked()) return;
    auto pass = take_new_passphrase(forms_.settings.next, forms_.settings.confirm);
    if (!pass) {
        fail("The two new passphrases are not the same.");
        return;
    }
    journal::Vault* v = vault_.get();
    start_busy("Changing your passphrase…");
    worker_.start([this, v, pass, request = kdf_request()]() -> Worker::Done {
        const KdfChoice kdf = choose_kdf(request);
        auto st = std::make_shared<Status>(v->change_passphrase(*pass, kdf.params, kdf.allow_weak));
        crypto::wipe(*pass);
        return [this, st] {
            view_.busy = {};
            if (!*st) {
                fail(st->error().message);
                return;
            }
            changed();  // the KDF description
            notice("Your passphrase is changed. Use the new one next time.");
            event(Event::passphrase_changed);
        };
    });
}

}  // namespace afterglow::app
