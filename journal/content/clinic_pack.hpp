// The pack in use: the default pack with the imported clinic pack (if any) over it, plus
// Questionnaires imported one by one. Both are kept inside the vault, encrypted (which clinic
// a person attends is private too), as Document records.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crypto/result.hpp"
#include "journal/content/pack.hpp"
#include "journal/vault.hpp"

namespace afterglow::journal::content {

struct ActivePack {
    Pack pack;
    std::string imported_name;         // the imported pack's file name, "" when none
    std::vector<std::string> problems; // stored content this build could not apply (kept)
};

// The default pack + what the vault holds. Never fails: content this build cannot read is
// left out and named in `problems` (the stored copy is kept as it is). The built-in crisis
// lines are always there as shipped (a stored pack that changed them is named in `problems`).
ActivePack active_pack(const Vault& vault);

// `json_text` applied over the default pack, refused (Errc::invalid_argument, each change
// named) when it would replace or remove a built-in crisis line or emergency number.
Result<Pack> checked_clinic_pack(std::string_view json_text, std::string_view file_name);

// Validates `json_text` (checked_clinic_pack) and stores it (replacing an earlier import).
// On a malformed pack: one clear error naming the file, the field and the problem, and the
// vault is unchanged. Returns the resulting pack.
Result<Pack> import_pack(Vault& vault, std::string_view json_text, std::string_view file_name);
Status remove_imported_pack(Vault& vault);

// Validates one Questionnaire and stores it (replacing one with the same id).
Result<Instrument> import_instrument(Vault& vault, std::string_view json_text, std::string_view file_name);

}  // namespace afterglow::journal::content
