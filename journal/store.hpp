// The SQLite file under the vault: schema, migrations, pragmas and error mapping.
// Internal to afterglow_journal. Everything here handles ciphertext only.
//
// Schema (user_version 2):
//   keys(name TEXT PRIMARY KEY, value BLOB)  -- KDF parameters, salt, wrapped keys, checksum
//   records(id BLOB UNIQUE, version INTEGER, blob BLOB)  -- sealed, padded records
//   manifest(slot INTEGER PRIMARY KEY CHECK(slot = 1), generation INTEGER, blob BLOB)
//   captures(id INTEGER PRIMARY KEY, blob BLOB)  -- quick notes sealed to the public key
//   drafts(slot BLOB PRIMARY KEY, blob BLOB)     -- since v2: encrypted editor autosave
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"

namespace afterglow::journal {

class Store {
public:
    static constexpr int kCurrentSchema = 2;

    // Creates a new file (mode 0600, parent folder 0700), refusing an existing one, and
    // migrates it to `schema` (tests may stop at an older one to build fixtures).
    static Result<std::unique_ptr<Store>> create(const std::filesystem::path& path,
                                                 int schema = kCurrentSchema);
    // Opens an existing file: checks it is an Afterglow vault, refuses a newer schema,
    // runs quick_check, migrates an older schema forward.
    static Result<std::unique_ptr<Store>> open(const std::filesystem::path& path);

    SQLite::Database& db() { return *db_; }
    bool read_only() const { return read_only_; }
    int schema() const { return schema_; }

    std::map<std::string, crypto::Bytes> read_keys();
    void write_key(const std::string& name, const crypto::Bytes& value);  // inside a transaction

    // Flushes the WAL into the main file and truncates it (on lock).
    void checkpoint() noexcept;

private:
    Store(std::unique_ptr<SQLite::Database> db, bool read_only);
    void apply_pragmas();
    void migrate_to(int target);

    std::unique_ptr<SQLite::Database> db_;
    bool read_only_ = false;
    int schema_ = 0;
};

// Turns a SQLite exception into our typed error with a message for people.
Error sqlite_error(const SQLite::Exception& e, const std::string& doing);

// Runs fn, converting SQLite and allocation exceptions into Errors.
Status guarded(const std::string& doing, const std::function<void()>& fn);

}  // namespace afterglow::journal
