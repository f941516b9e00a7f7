// The vault's Document records by kind (internal to afterglow_content).
#pragma once

#include "journal/vault.hpp"

namespace afterglow::journal::content::detail {

// The newest document of `kind` (and, when not empty, `name`), or nullptr.
const Document* find_document(const Vault& vault, DocumentKind kind, std::string_view name = {});
// Saves `body` as the document of that kind/name, reusing its record when there is one.
Status put_document(Vault& vault, DocumentKind kind, std::string name, std::string body,
                    bool match_name = false);
Status remove_document(Vault& vault, DocumentKind kind, std::string_view name = {});

}  // namespace afterglow::journal::content::detail
