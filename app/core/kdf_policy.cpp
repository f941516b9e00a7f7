#include "app/core/kdf_policy.hpp"

namespace afterglow::app {

KdfChoice choose_kdf(const KdfRequest& r) {
    if (r.insecure_test_kdf) return {crypto::KdfParams::insecure_for_tests(), true};
    if (r.strength == KdfStrength::strong) return {crypto::calibrate(2.0, 1ull << 30), false};
    return {crypto::calibrate(1.0), false};
}

}  // namespace afterglow::app
