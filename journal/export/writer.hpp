// Exporting to a file: render the snapshot, encrypt it with age (the default), and write it
// atomically (atomic_file.hpp). Readable formats without encryption need an explicit
// confirmation; JSON backups are always encrypted. Call from a worker thread: a snapshot is
// a copy, so the vault stays usable meanwhile; one call per snapshot at a time.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"
#include "journal/export/format.hpp"
#include "journal/export/selection.hpp"

namespace afterglow::journal::exports {

const char* to_string(Format f);                       // "markdown", "pdf", "json", "ics", "fhir"
std::optional<Format> parse_format(std::string_view s);
const char* extension(Format f);                       // ".md", ".pdf", ".json", ".ics", ".fhir.json"

struct Protection {
    std::vector<std::string> recipients;     // age1… public keys (the therapist's)
    std::optional<std::string> passphrase;   // age scrypt passphrase (no recipients then)
    bool plaintext_confirmed = false;        // the user accepted an unencrypted file
    bool armor = false;                      // ASCII-armored age output
    int scrypt_log2n = 18;                   // work factor for a passphrase
};

// Whether `protection` is acceptable for `format` (before any work is done): a readable
// file needs plaintext_confirmed, a JSON backup needs a recipient or passphrase.
Status check_protection(Format format, const Protection& protection);

// The plaintext bytes of the export (in memory only). progress: 0..1.
Result<crypto::Bytes> render(const ExportData& data, Format format,
                             const std::function<void(double)>& progress = {});

// Renders, encrypts unless plaintext was confirmed, and writes `destination` atomically
// (mode 0600). On failure nothing is left at the destination and no temp file remains.
Status export_to_file(const ExportData& data, Format format, const Protection& protection,
                      const std::filesystem::path& destination,
                      const std::function<void(double)>& progress = {});

}  // namespace afterglow::journal::exports
