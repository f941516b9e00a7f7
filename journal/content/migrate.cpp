#include "journal/content/migrate.hpp"

#include "journal/text.hpp"

namespace afterglow::journal::content {
namespace {

std::string key(std::string_view s) {
    std::string f = fold(s);
    auto b = f.find_first_not_of(" \t\r\n");
    auto e = f.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : f.substr(b, e - b + 1);
}

template <class Def>
bool matches(const Def& d, const std::string& k, const std::string& current) {
    if (key(current) == k) return true;
    for (const auto& f : d.formerly)
        if (key(f) == k) return true;
    return false;
}

}  // namespace

std::size_t map_prompt_ids(Entry& e, const Pack& pack) {
    std::size_t n = 0;
    const auto& prompts = e.kind == EntryKind::intention ? pack.intention_prompts : pack.integration_prompts;
    for (auto& pa : e.prompts) {
        if (!pa.id.empty()) continue;
        const std::string k = key(pa.prompt);
        for (const auto& p : prompts)
            if (matches(p, k, p.heading)) {
                pa.id = p.id;
                ++n;
                break;
            }
    }
    for (auto& c : e.checklist) {
        if (!c.id.empty()) continue;
        const std::string k = key(c.label);
        for (const auto& d : pack.checklist)
            if (matches(d, k, d.label)) {
                c.id = d.id;
                ++n;
                break;
            }
    }
    return n;
}

Result<std::size_t> migrate_prompt_ids(Vault& vault, const Pack& pack) {
    std::vector<Record> changed;
    for (const auto& e : vault.entries()) {
        Entry copy = e;
        if (map_prompt_ids(copy, pack) > 0) changed.emplace_back(std::move(copy));
    }
    const std::size_t n = changed.size();
    if (n == 0) return std::size_t{0};
    if (auto st = vault.save_all(std::move(changed)); !st) return st.error();
    return n;
}

}  // namespace afterglow::journal::content
