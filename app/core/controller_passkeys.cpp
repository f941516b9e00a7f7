// Passkeys (issue 21): register one in Settings, unlock with it in one tap, remove it, and the
// reminder that asks for the passphrase at least every PasskeyPolicy::days. The browser's part
// is PlatformServices::passkey (app/web/passkey.cpp); its answers come back as cmd::Passkey.
#include <algorithm>

#include "app/core/controller.hpp"
#include "app/core/passkeys.hpp"
#include "app/core/passkey_texts.hpp"
#include "journal/passkey_wrap.hpp"
#include "journal/time.hpp"

namespace afterglow::app {
namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\n") - b + 1);
}

const char* answer_text(PasskeyAnswer::Status s) {
    switch (s) {
        case PasskeyAnswer::Status::no_prf: return passkey_text::kNoPrf;
        case PasskeyAnswer::Status::cancelled: return passkey_text::kCancelled;
        case PasskeyAnswer::Status::unsupported: return passkey_text::kUnsupported;
        default: return passkey_text::kFailed;
    }
}

}  // namespace

PasskeyPanel& Controller::passkey_panel() {
    if (!view_.passkeys) {
        view_.passkeys = std::make_shared<PasskeyPanel>();
        passkey_policy_ = std::make_shared<PasskeyPolicy>(load_passkey_policy(passkey_policy_file()));
    }
    return *view_.passkeys;
}

std::filesystem::path Controller::passkey_policy_file() const { return settings_file_.parent_path() / "passkeys.ini"; }

std::int64_t Controller::passkey_now() const {
    return clock_->wall() + static_cast<std::int64_t>(opt_.services.passkey_test_days) * 86400;
}

void Controller::refresh_passkeys() {
    auto& p = passkey_panel();
    // A job (a passkey's unlock) has the vault: the panel stays as it was until it ends.
    if (worker_.busy()) return;
    p.supported = static_cast<bool>(opt_.services.passkey);
    p.days = passkey_policy_->days;
    p.rows.clear();
    if (vault_)
        for (const auto& k : vault_->passkeys()) {
            auto t = journal::parse_iso8601(k.added);
            std::string day = t ? journal::format_utc(*t, "%e %B %Y") : k.added;
            if (!day.empty() && day[0] == ' ') day.erase(0, 1);  // %e pads single-digit days
            p.rows.push_back({k.row, k.name, day, k.intact});
        }
    bool any_intact = false;
    for (const auto& r : p.rows) any_intact = any_intact || r.intact;
    p.passphrase_due = passphrase_due(*passkey_policy_, passkey_now());
    p.usable_now = p.supported && any_intact && !p.passphrase_due;
}

void Controller::passkey_passphrase_unlocked() {
    passkey_panel();
    passkey_policy_->last_passphrase = passkey_now();
    (void)save_passkey_policy(passkey_policy_file(), *passkey_policy_);
    passkey_panel().use_passphrase = false;
    refresh_passkeys();
}

void Controller::on(cmd::Passkey& c) {
    auto& p = passkey_panel();
    using Op = cmd::Passkey::Op;
    switch (c.op) {
        case Op::refresh: break;
        case Op::use_passphrase: p.use_passphrase = true; break;
        case Op::set_days:
            passkey_policy_->days = std::clamp(c.days, 0, 365);
            (void)save_passkey_policy(passkey_policy_file(), *passkey_policy_);
            break;
        case Op::unlock: passkey_unlock(); break;
        case Op::add: passkey_add(); break;
        case Op::remove: passkey_remove(c.row); break;
        case Op::answer:
            p.asking = false;
            if (c.answer) passkey_answered(*c.answer);
            break;
    }
    refresh_passkeys();
}

void Controller::passkey_unlock() {
    auto& p = passkey_panel();
    if (opt_.services.keep_storage) opt_.services.keep_storage();  // a tap: the browser may ask
    if (!vault_) open_vault();
    if (!vault_ || unlocked() || !opt_.services.passkey || p.asking) return;
    PasskeyRequest req;
    for (auto& k : vault_->passkeys())
        if (k.intact) req.allow.push_back({std::move(k.credential_id), std::move(k.salt)});
    if (req.allow.empty()) {
        fail(passkey_text::kNoneSetUp);
        return;
    }
    p.asking = true;
    passkey_creating_ = false;
    opt_.services.passkey(req, [this](PasskeyAnswer a) {
        push(cmd::Passkey{cmd::Passkey::Op::answer, {}, 0, std::make_shared<PasskeyAnswer>(std::move(a))});
    });
}

void Controller::passkey_add() {
    auto& p = passkey_panel();
    if (!unlocked() || !opt_.services.passkey || p.asking) return;
    passkey_name_ = trimmed(p.name);
    if (passkey_name_.empty()) {
        fail(passkey_text::kNameFirst);
        return;
    }
    if (passkey_name_.size() > journal::passkey::kMaxNameBytes) {
        fail(passkey_text::kNameTooLong);
        return;
    }
    PasskeyRequest req;
    req.create = true;
    req.salt = crypto::random_bytes(journal::passkey::kSaltSize);
    for (auto& k : vault_->passkeys()) req.allow.push_back({std::move(k.credential_id), {}});
    passkey_salt_ = req.salt;
    passkey_creating_ = true;
    p.asking = true;
    opt_.services.passkey(req, [this](PasskeyAnswer a) {
        push(cmd::Passkey{cmd::Passkey::Op::answer, {}, 0, std::make_shared<PasskeyAnswer>(std::move(a))});
    });
}

void Controller::passkey_answered(PasskeyAnswer& a) {
    auto& p = passkey_panel();
    const bool creating = passkey_creating_;
    passkey_creating_ = false;
    const bool ok = a.status == PasskeyAnswer::Status::ok && a.prf && a.prf->size() == journal::passkey::kPrfSize &&
                    !a.credential_id.empty();
    if (!ok) {
        if (a.prf) a.prf->wipe();
        if (a.status == PasskeyAnswer::Status::no_prf || a.status == PasskeyAnswer::Status::unsupported)
            p.unavailable = answer_text(a.status);
        fail(answer_text(a.status));
        event(creating ? Event::passkey_unavailable : Event::unlock_failed);
        if (!creating) ++view_.unlock_failures;
        return;
    }
    if (creating) {
        if (!unlocked()) return a.prf->wipe();
        if (passkey_policy_->last_passphrase == 0) {  // the passphrase opened this session
            passkey_policy_->last_passphrase = passkey_now();
            (void)save_passkey_policy(passkey_policy_file(), *passkey_policy_);
        }
        Status st = vault_->add_passkey(passkey_name_, journal::to_iso8601_utc(clock_->wall()), a.credential_id,
                                        passkey_salt_, *a.prf);
        a.prf->wipe();
        if (!st) {
            fail(st.error().message);
            return;
        }
        notice(passkey_text::added(passkey_name_));
        p.name.clear();
        p.unavailable.clear();
        event(Event::passkey_added);
        return;
    }
    if (!vault_ || unlocked()) return a.prf->wipe();
    journal::Vault* v = vault_.get();
    auto answer = std::make_shared<PasskeyAnswer>(std::move(a));
    start_busy(passkey_text::kUnlocking);
    worker_.start([this, v, answer]() -> Worker::Done {
        auto st = std::make_shared<Status>(v->unlock_with_passkey(answer->credential_id, *answer->prf));
        answer->prf->wipe();
        return [this, st] {
            view_.busy = {};
            refresh_passkeys();
            if (!*st) {
                fail(st->error().message);  // names the passkey when its wrap is damaged
                ++view_.unlock_failures;
                event(Event::unlock_failed);
                return;
            }
            unlocked_now();
            view_.screen = Screen::home;
            event(Event::unlocked);
        };
    });
}

void Controller::passkey_remove(const std::string& row) {
    auto& p = passkey_panel();
    p.confirm_remove.clear();
    if (!unlocked()) return;
    std::string name = row;
    for (const auto& k : vault_->passkeys())
        if (k.row == row) name = k.name;
    // The wrap is deleted from the file first; only then does the screen say so.
    if (Status st = vault_->remove_passkey(row); !st) {
        fail(st.error().message);
        return;
    }
    notice(passkey_text::removed(name));
    event(Event::passkey_removed);
}

}  // namespace afterglow::app
