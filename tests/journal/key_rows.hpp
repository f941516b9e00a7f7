// The vault's key rows read and rewritten straight in the SQLite file, as someone who can
// write the file would (tests/journal and tests/cli).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

#include "journal/keyring.hpp"

namespace afterglow::test {

inline crypto::Bytes column_bytes(const SQLite::Column& c) {
    const auto* p = static_cast<const std::uint8_t*>(c.getBlob());
    return crypto::Bytes(p, p + c.getBytes());
}

inline journal::keyring::Rows read_key_rows(const std::filesystem::path& path) {
    journal::keyring::Rows rows;
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT name, value FROM keys");
    while (q.executeStep()) rows[q.getColumn(0).getString()] = column_bytes(q.getColumn(1));
    return rows;
}

inline void write_key_rows(const std::filesystem::path& path, const journal::keyring::Rows& rows) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction tx(db);
    db.exec("DELETE FROM keys");
    for (const auto& [n, v] : rows) {
        SQLite::Statement q(db, "INSERT INTO keys(name, value) VALUES(?, ?)");
        q.bind(1, n);
        q.bind(2, v.data(), static_cast<int>(v.size()));
        q.exec();
    }
    tx.commit();
}

// The attack of issue 17 item 2: the KDF rows set to Argon2id 8 KiB × 1 pass and the unkeyed
// checksums recomputed, so every row looks intact.
inline void weaken_kdf_rows(const std::filesystem::path& path) {
    auto rows = read_key_rows(path);
    rows["kdf_memlimit"] = journal::keyring::encode_u64(8 << 10);
    rows["kdf_opslimit"] = journal::keyring::encode_u64(1);
    journal::keyring::seal_checksums(rows);
    write_key_rows(path, rows);
}

inline std::uint64_t stored_u64(const journal::keyring::Rows& rows, const char* name) {
    std::uint64_t v = 0;
    const auto& b = rows.at(name);
    for (std::size_t i = b.size(); i-- > 0;) v = (v << 8) | b[i];
    return v;
}

}  // namespace afterglow::test
