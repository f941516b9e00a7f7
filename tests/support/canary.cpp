#include "tests/support/canary.hpp"

#include "crypto/bytes.hpp"
#include "tests/support/test_support.hpp"

namespace afterglow::test {

std::vector<std::string> canary_forms(const std::string& marker) {
    std::vector<std::string> forms{marker};
    std::string utf16;
    for (char c : marker) {
        utf16.push_back(c);
        utf16.push_back('\0');
    }
    forms.push_back(utf16);
    // base64 of the marker at each of the three byte alignments; keep the stable middle part.
    for (int shift = 0; shift < 3; ++shift) {
        std::string padded = std::string(static_cast<std::size_t>(shift), 'A') + marker;
        std::string b64 = crypto::to_base64(crypto::as_bytes(padded));
        std::size_t skip = (static_cast<std::size_t>(shift) + 2) / 3 * 4;
        if (b64.size() > skip + 8) forms.push_back(b64.substr(skip, b64.size() - skip - 4));
    }
    std::string hex = crypto::to_hex(crypto::as_bytes(marker));
    forms.push_back(hex);
    for (auto& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    forms.push_back(hex);
    return forms;
}

std::vector<std::string> canary_hits(const std::filesystem::path& root, const std::string& marker) {
    std::vector<std::string> hits;
    auto forms = canary_forms(marker);
    auto scan = [&](const std::filesystem::path& p) {
        std::string data = read_file(p);
        for (std::size_t i = 0; i < forms.size(); ++i)
            if (data.find(forms[i]) != std::string::npos)
                hits.push_back(p.string() + ": form " + std::to_string(i));
    };
    std::error_code ec;
    if (std::filesystem::is_regular_file(root, ec)) {
        scan(root);
        return hits;
    }
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file(ec)) scan(it->path());
    }
    return hits;
}

}  // namespace afterglow::test
