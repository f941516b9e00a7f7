#include "journal/content/documents.hpp"

namespace afterglow::journal::content::detail {

const Document* find_document(const Vault& vault, DocumentKind kind, std::string_view name) {
    const Document* found = nullptr;
    for (const auto& d : vault.documents())
        if (d.kind == kind && (name.empty() || d.name == name)) found = &d;  // oldest first: keep the newest
    return found;
}

Status put_document(Vault& vault, DocumentKind kind, std::string name, std::string body, bool match_name) {
    Document d;
    if (const Document* old = find_document(vault, kind, match_name ? std::string_view(name) : std::string_view()))
        d = *old;
    d.kind = kind;
    d.name = std::move(name);
    d.body = std::move(body);
    auto id = vault.save(std::move(d));
    if (!id) return id.error();
    return {};
}

Status remove_document(Vault& vault, DocumentKind kind, std::string_view name) {
    while (const Document* d = find_document(vault, kind, name))
        if (auto st = vault.remove(d->meta.id); !st) return st;
    return {};
}

}  // namespace afterglow::journal::content::detail
