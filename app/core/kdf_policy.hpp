// The one rule for which key-derivation parameters the app asks for (new vault and passphrase
// change): the test flag, else the strength chosen in Settings.
#pragma once

#include "app/core/settings.hpp"
#include "crypto/kdf.hpp"

namespace afterglow::app {

struct KdfChoice {
    crypto::KdfParams params;
    bool allow_weak = false;  // only the --insecure-test-kdf parameters are below the floor
};

struct KdfRequest {
    KdfStrength strength = KdfStrength::standard;  // from Settings
    bool insecure_test_kdf = false;                // --insecure-test-kdf
};

// Standard: 256 MiB, about 1 s on this machine; strong: 1 GiB, about 2 s; tests: tiny.
// Calibrating runs real derivations, so call it on the worker thread.
KdfChoice choose_kdf(const KdfRequest& request);

}  // namespace afterglow::app
