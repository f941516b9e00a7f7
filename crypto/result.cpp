#include "crypto/result.hpp"

namespace afterglow {

const char* errc_name(Errc code) noexcept {
    switch (code) {
        case Errc::invalid_argument: return "invalid_argument";
        case Errc::wrong_passphrase: return "wrong_passphrase";
        case Errc::damaged: return "damaged";
        case Errc::not_afterglow: return "not_afterglow";
        case Errc::newer_schema: return "newer_schema";
        case Errc::kdf_limits: return "kdf_limits";
        case Errc::read_only: return "read_only";
        case Errc::disk_full: return "disk_full";
        case Errc::locked: return "locked";
        case Errc::not_found: return "not_found";
        case Errc::io: return "io";
        case Errc::unsupported: return "unsupported";
    }
    return "unknown";
}

}  // namespace afterglow
