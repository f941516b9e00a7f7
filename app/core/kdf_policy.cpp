#include "app/core/kdf_policy.hpp"

namespace afterglow::app {

KdfChoice choose_kdf(KdfStrength strength, bool insecure_test_kdf) {
    if (insecure_test_kdf) return {crypto::KdfParams::insecure_for_tests(), true};
    if (strength == KdfStrength::strong) return {crypto::calibrate(2.0, 1ull << 30), false};
    return {crypto::calibrate(1.0), false};
}

}  // namespace afterglow::app
