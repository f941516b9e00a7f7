// Restoring a backup into a vault: deduplicated by record id, all in one transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "crypto/age.hpp"
#include "crypto/result.hpp"
#include "journal/types.hpp"
#include "journal/vault.hpp"

namespace afterglow::journal::exports {

struct ImportCounts {
    std::size_t added = 0;    // ids the vault did not have
    std::size_t updated = 0;  // the vault had an older version: replaced
    std::size_t skipped = 0;  // the vault had the same or a newer version: kept
};

// Opens the bytes of a backup file: age-encrypted (binary or armored; `options` carries the
// identities or the passphrase) or bare JSON (a backup someone decrypted by hand). Then
// parse_backup(). Errors: wrong_passphrase (no identity/passphrase opens it), damaged.
// The decrypted JSON is wiped before returning.
Result<std::vector<Record>> open_backup(std::span<const std::uint8_t> file,
                                        const crypto::age::DecryptOptions& options);

// Every record with an id the vault lacks is added; a record the vault holds at a version
// ≥ the imported one is kept, else replaced. One save_all() transaction: on any error
// nothing is imported. An id that names a different kind of record in the vault is refused.
Result<ImportCounts> import_backup(Vault& vault, std::vector<Record> records);

}  // namespace afterglow::journal::exports
