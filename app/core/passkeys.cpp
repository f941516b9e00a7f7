#include "app/core/passkeys.hpp"

#include <fstream>
#include <sstream>

namespace afterglow::app {

bool passphrase_due(const PasskeyPolicy& p, std::int64_t now) {
    if (p.days <= 0) return false;
    return p.last_passphrase <= 0 || now - p.last_passphrase >= static_cast<std::int64_t>(p.days) * 86400;
}

PasskeyPolicy load_passkey_policy(const std::filesystem::path& file) {
    PasskeyPolicy p;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream s(line.substr(line.find('=') == std::string::npos ? line.size() : line.find('=') + 1));
        long long v = 0;
        if (!(s >> v)) continue;
        if (line.rfind("passphrase_every_days=", 0) == 0 && v >= 0 && v <= 365) p.days = static_cast<int>(v);
        if (line.rfind("last_passphrase_unlock=", 0) == 0 && v >= 0) p.last_passphrase = v;
    }
    return p;
}

bool save_passkey_policy(const std::filesystem::path& file, const PasskeyPolicy& p) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    std::ofstream out(file, std::ios::trunc);
    out << "# Afterglow: how often the passphrase is asked after unlocking with a passkey\n"
        << "passphrase_every_days=" << p.days << "\n"
        << "last_passphrase_unlock=" << p.last_passphrase << "\n";
    return static_cast<bool>(out.flush());
}

}  // namespace afterglow::app
