// Passkeys in the app (issue 21; docs/vault.md "Passkeys"): what the platform is asked and
// answers, what the screens show, and the reminder policy. The web platform talks to
// navigator.credentials (app/web/passkey.cpp); the desktop has no passkey service, so none
// of this shows there and the passphrase stays the way in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/secret.hpp"

namespace afterglow::app {

// What the page is asked to do: create a passkey (with the PRF extension, evaluated for
// `salt`) or get one of `allow` (each credential with its own salt).
struct PasskeyRequest {
    bool create = false;
    crypto::Bytes salt;  // create: the new passkey's salt
    struct Allowed {
        crypto::Bytes credential_id, salt;
    };
    std::vector<Allowed> allow;  // get: the vault's intact passkeys; create: to exclude
};

// The page's answer. The PRF output arrives in secure memory and is wiped once used.
struct PasskeyAnswer {
    enum class Status : std::uint8_t { ok, no_prf, cancelled, unsupported, failed };
    Status status = Status::failed;
    crypto::Bytes credential_id;
    std::shared_ptr<crypto::SecretBuffer> prf;  // 32 bytes when ok
    std::string detail;                         // the browser's error name (never secret)
};

// The platform's passkey service (PlatformServices::passkey): asks the browser, and hands
// the answer to `done` later, on the UI thread.
using PasskeyService = std::function<void(const PasskeyRequest&, std::function<void(PasskeyAnswer)> done)>;

// The passphrase is still asked at least every `days` days after a passkey unlock, so it is
// not forgotten (0: never asked). A tired patient who only ever uses Face ID forgets the
// passphrase, and it is the only way in on a new phone.
struct PasskeyPolicy {
    static constexpr int kDefaultDays = 14;
    int days = kDefaultDays;
    std::int64_t last_passphrase = 0;  // Unix time of the last passphrase unlock (0: never)
};
bool passphrase_due(const PasskeyPolicy& p, std::int64_t now);
// A small plain file beside the settings (no secrets: a number of days and a time).
PasskeyPolicy load_passkey_policy(const std::filesystem::path& file);
bool save_passkey_policy(const std::filesystem::path& file, const PasskeyPolicy& p);

// What the screens show and the one field they edit (ViewState::passkeys).
struct PasskeyPanel {
    struct Row {
        std::string row, name, added_human;
        bool intact = false;
    };
    bool supported = false;       // the platform has a passkey service
    bool usable_now = false;      // the unlock screen offers the passkey button
    bool passphrase_due = false;  // the reminder period is over: the passphrase this time
    bool asking = false;          // the browser's passkey sheet is up
    int days = PasskeyPolicy::kDefaultDays;
    std::vector<Row> rows;
    std::string unavailable;      // why the option cannot be used here, in plain words
    std::string name;             // Settings: the name for the next passkey (the screen edits it)
    std::string confirm_remove;   // Settings: the row whose removal is being confirmed
    bool use_passphrase = false;  // the unlock screen: "Use my passphrase instead" was tapped
};

}  // namespace afterglow::app
