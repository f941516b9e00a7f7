// Prompt ids for answers saved before ids existed: until codec v2, an intention's answers
// were tied to the wizard's prompts by their heading text (rewording a prompt orphaned them).
// Entries without ids are matched here by heading (or a former heading the pack lists),
// ignoring case, accents and surrounding space; the same for checklist items by label.
#pragma once

#include <cstddef>

#include "crypto/result.hpp"
#include "journal/content/pack.hpp"
#include "journal/types.hpp"
#include "journal/vault.hpp"

namespace afterglow::journal::content {

// Fills in missing ids that match the pack. Returns how many it filled in. Answers to the
// patient's own prompts (no match) keep an empty id and their text.
std::size_t map_prompt_ids(Entry& e, const Pack& pack);

// Maps every entry of an unlocked vault and saves the changed ones in one transaction.
// Returns how many entries changed (0 on a vault already migrated).
Result<std::size_t> migrate_prompt_ids(Vault& vault, const Pack& pack);

}  // namespace afterglow::journal::content
