// Restoring a backup into a vault: deduplicated by record id, all in one transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "crypto/age.hpp"
#include "crypto/result.hpp"
#include "journal/types.hpp"
#include "journal/vault.hpp"

namespace afterglow::journal::exports {

struct ImportCounts {
    std::size_t added = 0;    // records written: ids the vault did not have, and kept_both copies
    std::size_t updated = 0;  // always 0 since issue 17: an import never replaces a local record
    std::size_t skipped = 0;  // the vault had the same content, or the same or a newer version
    // (local id, id of the backup's copy): the backup held a newer, different version of a
    // local record; both are kept (journal/merge.hpp).
    std::vector<std::pair<RecordId, RecordId>> kept_both;
};

// Opens the bytes of a backup file: age-encrypted (binary or armored; `options` carries the
// identities or the passphrase) or bare JSON (a backup someone decrypted by hand). Then
// parse_backup(). Errors: wrong_passphrase (no identity/passphrase opens it), damaged.
// The decrypted JSON is wiped before returning.
Result<std::vector<Record>> open_backup(std::span<const std::uint8_t> file,
                                        const crypto::age::DecryptOptions& options);

// Every record with an id the vault lacks is added. A record the vault holds is never replaced
// (journal/merge.hpp, the rule sync uses too): the same content, or a version not newer than
// the vault's, is skipped; a newer, different one is added beside it under a fresh id. One
// save_all() transaction: on any error nothing is imported. Refused (nothing imported): an id
// that names a different kind of record in the vault, a version above kMaxRecordVersion.
Result<ImportCounts> import_backup(Vault& vault, std::vector<Record> records);

}  // namespace afterglow::journal::exports
