// Tamper resistance: flipped bytes, swapped blobs, replayed versions, deleted rows, and
// damaged key rows are each detected and named; never wrong plaintext, never a crash.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <map>

#include "journal/keyring.hpp"
#include "journal/vault.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using afterglow::test::TempDir;

namespace {

const char* kPass = "correct horse";

struct Row {
    crypto::Bytes id;
    std::int64_t version;
    crypto::Bytes blob;
};

crypto::Bytes blob(const SQLite::Column& c) {
    const auto* p = static_cast<const std::uint8_t*>(c.getBlob());
    return crypto::Bytes(p, p + c.getBytes());
}

std::vector<Row> read_rows(const std::filesystem::path& path) {
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT id, version, blob FROM records ORDER BY id");
    std::vector<Row> rows;
    while (q.executeStep()) rows.push_back({blob(q.getColumn(0)), q.getColumn(1).getInt64(), blob(q.getColumn(2))});
    return rows;
}

void write_row(SQLite::Database& db, const Row& r) {
    SQLite::Statement q(db, "UPDATE records SET version = ?, blob = ? WHERE id = ?");
    q.bind(1, r.version);
    q.bind(2, r.blob.data(), static_cast<int>(r.blob.size()));
    q.bind(3, r.id.data(), static_cast<int>(r.id.size()));
    q.exec();
}

// Opens and unlocks; returns the problems and the decrypted entry bodies by id.
struct Opened {
    bool ok = false;
    Errc code{};
    std::vector<Problem> problems;
    std::map<std::string, std::string> bodies;
    std::size_t records = 0;
};

Opened open_and_read(const std::filesystem::path& path) {
    Opened o;
    auto v = Vault::open(path);
    if (!v) { o.code = v.error().code; return o; }
    auto st = (*v)->unlock(kPass);
    if (!st) { o.code = st.error().code; return o; }
    o.ok = true;
    o.problems = (*v)->problems();
    for (const auto& e : (*v)->entries()) o.bodies[e.meta.id.hex()] = e.body;
    o.records = (*v)->entries().size() + (*v)->sessions().size() + (*v)->checkins().size() + (*v)->goals().size();
    return o;
}

// One fault made behind Afterglow's back: FAULT(db) on the vault's database, written at once.
template <class F>
void fault_case(const std::filesystem::path& path, F fault) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA synchronous=OFF");
    fault(db);
}

keyring::Rows read_keys(const std::filesystem::path& path) {
    keyring::Rows rows;
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT name, value FROM keys");
    while (q.executeStep()) rows[q.getColumn(0).getString()] = blob(q.getColumn(1));
    return rows;
}

bool names(const std::vector<Problem>& ps, const std::string& id) {
    return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.record_id == id; });
}

std::filesystem::path small_vault(const TempDir& dir, std::map<std::string, std::string>& bodies) {
    auto path = dir / "v.afterglow";
    auto v = test::make_vault(path, kPass);
    for (int i = 0; i < 3; ++i) {
        Entry e;
        e.title = "entry " + std::to_string(i);
        e.body = "body number " + std::to_string(i);
        auto id = v->save(e).value();
        bodies[id.hex()] = e.body;
    }
    Session s;
    s.provider = "clinic";
    REQUIRE(v->save(s).ok());
    CheckIn c;
    c.scores = {{"mood", 5, 0, 10}};
    REQUIRE(v->save(c).ok());
    return path;
}

// For TEST_CASE_FIXTURE: small_vault in a temp dir, its entry bodies by id.
struct SmallVault {
    TempDir dir;
    std::map<std::string, std::string> bodies;
    const std::filesystem::path path = small_vault(dir, bodies);
};

}  // namespace

TEST_CASE_FIXTURE(SmallVault, "flipping any byte of any record blob is reported for that record only") {
    auto rows = read_rows(path);
    REQUIRE(rows.size() == 5);
    std::size_t trials = 0;
    for (const auto& row : rows) {
        const std::string hex = crypto::to_hex(row.id);
        for (std::size_t i = 0; i < row.blob.size(); ++i) {
            Row bad = row;
            bad.blob[i] ^= static_cast<std::uint8_t>(1u << (i % 8));
            fault_case(path, [&](SQLite::Database& db) { write_row(db, bad); });
            auto o = open_and_read(path);
            REQUIRE(o.ok);
            REQUIRE_MESSAGE(names(o.problems, hex), "byte " << i << " of " << hex);
            CHECK(o.problems.size() == 1);
            CHECK(o.records == 4);  // the rest of the vault stays usable
            for (const auto& [id, body] : o.bodies) CHECK(bodies.at(id) == body);  // never wrong plaintext
            fault_case(path, [&](SQLite::Database& db) { write_row(db, row); });
            ++trials;
        }
    }
    CHECK(trials > 1000);
    auto clean = open_and_read(path);
    CHECK(clean.problems.empty());
    CHECK(clean.records == 5);
}

TEST_CASE_FIXTURE(SmallVault, "swapping two records' blobs is detected for both") {
    auto rows = read_rows(path);
    fault_case(path, [&](SQLite::Database& db) {
        Row a = rows[0], b = rows[1];
        std::swap(a.blob, b.blob);
        std::swap(a.version, b.version);
        write_row(db, a);
        write_row(db, b);
    });
    auto o = open_and_read(path);
    REQUIRE(o.ok);
    CHECK(names(o.problems, crypto::to_hex(rows[0].id)));
    CHECK(names(o.problems, crypto::to_hex(rows[1].id)));
    CHECK(o.records == 3);
}

TEST_CASE("replaying an older version of a record is detected") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    RecordId id;
    {
        auto v = test::make_vault(path, kPass);
        Entry e;
        e.body = "version one";
        id = v->save(e).value();
    }
    auto old = read_rows(path).at(0);
    {
        auto v = Vault::open(path);
        REQUIRE((*v)->unlock(kPass).ok());
        Entry e = *(*v)->find_entry(id);
        e.body = "version two";
        REQUIRE((*v)->save(e).ok());
    }
    // Version 1 blob with version 1 in the column: authentic but stale.
    fault_case(path, [&](SQLite::Database& db) { write_row(db, old); });
    auto o = open_and_read(path);
    REQUIRE(o.ok);
    REQUIRE(names(o.problems, id.hex()));
    CHECK(o.bodies.count(id.hex()) == 0);  // the stale text is not shown as current
    CHECK(o.problems.at(0).what.find("rolled back") != std::string::npos);

    // A stale blob under the current version number fails authentication instead.
    fault_case(path, [&](SQLite::Database& db) {
        Row r = old;
        r.version = 2;
        write_row(db, r);
    });
    auto o2 = open_and_read(path);
    REQUIRE(names(o2.problems, id.hex()));
    CHECK(o2.problems.at(0).what.find("authentication") != std::string::npos);
}

TEST_CASE_FIXTURE(SmallVault, "deleting or inserting a row behind Afterglow's back is detected") {
    auto rows = read_rows(path);
    fault_case(path, [&](SQLite::Database& db) {
        SQLite::Statement q(db, "DELETE FROM records WHERE id = ?");
        q.bind(1, rows[2].id.data(), static_cast<int>(rows[2].id.size()));
        q.exec();
    });
    auto o = open_and_read(path);
    REQUIRE(o.ok);
    REQUIRE(names(o.problems, crypto::to_hex(rows[2].id)));
    CHECK(o.problems.at(0).what.find("missing") != std::string::npos);
    // Put it back: the manifest still lists it, so the vault is whole again.
    fault_case(path, [&](SQLite::Database& db) {
        SQLite::Statement q(db, "INSERT INTO records(id, version, blob) VALUES(?, ?, ?)");
        q.bind(1, rows[2].id.data(), static_cast<int>(rows[2].id.size()));
        q.bind(2, rows[2].version);
        q.bind(3, rows[2].blob.data(), static_cast<int>(rows[2].blob.size()));
        q.exec();
    });
    CHECK(open_and_read(path).problems.empty());
}

TEST_CASE_FIXTURE(SmallVault, "a damaged manifest is reported and the records stay readable") {
    fault_case(path, [&](SQLite::Database& db) {  // a rolled-back manifest
        db.exec("UPDATE manifest SET generation = generation - 1");
    });
    auto o = open_and_read(path);
    REQUIRE(o.ok);
    REQUIRE(names(o.problems, "manifest"));
    CHECK(o.bodies == bodies);
}

TEST_CASE_FIXTURE(SmallVault, "flipping any byte of any key row is reported as damage to that key, never a crash") {
    const keyring::Rows keys = read_keys(path);
    REQUIRE(keys.size() == 9);
    auto put = [&](SQLite::Database& db, const std::string& name, const crypto::Bytes& value) {
        SQLite::Statement q(db, "INSERT OR REPLACE INTO keys(name, value) VALUES(?, ?)");
        q.bind(1, name);
        q.bind(2, value.data(), static_cast<int>(value.size()));
        q.exec();
    };
    std::size_t trials = 0, refused = 0, reported = 0;
    for (const auto& [name, value] : keys) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            auto bad = value;
            bad[i] ^= 0x01;
            fault_case(path, [&](SQLite::Database& db) { put(db, name, bad); });
            // Each wrap is checked on its own: the passphrase unlock is refused only when a
            // row it needs is damaged; otherwise it works and the damage is named.
            auto v = Vault::open(path);
            REQUIRE_MESSAGE(v.ok(), name << " byte " << i);
            auto st = (*v)->unlock(kPass);
            if (!st) {
                CHECK_MESSAGE(st.error().code == Errc::damaged, name << " byte " << i);
                CHECK(st.error().subject.rfind("key:", 0) == 0);
                ++refused;
            } else {
                const auto& ps = (*v)->problems();
                CHECK_MESSAGE(std::any_of(ps.begin(), ps.end(), [](const Problem& p) { return p.record_id.rfind("key:", 0) == 0; }),
                              name << " byte " << i);
                std::map<std::string, std::string> seen;
                for (const auto& e : (*v)->entries()) seen[e.meta.id.hex()] = e.body;
                CHECK(seen == bodies);  // never wrong plaintext
                ++reported;
            }
            v.value().reset();
            fault_case(path, [&](SQLite::Database& db) {  // the good rows back
                db.exec("DELETE FROM keys");
                for (const auto& [n, val] : keys) put(db, n, val);
            });
            ++trials;
        }
    }
    CHECK(trials > 200);
    CHECK(refused > 50);
    CHECK(reported > 50);
    CHECK(open_and_read(path).bodies == bodies);
}

TEST_CASE_FIXTURE(SmallVault, "a consistent but tampered key row (checksums recomputed) still cannot yield wrong data") {
    const keyring::Rows rows = read_keys(path);
    auto write_rows = [&](keyring::Rows r) {
        keyring::seal_checksums(r);
        fault_case(path, [&](SQLite::Database& db) {
            for (const auto& [n, v] : r) {
                SQLite::Statement q(db, "UPDATE keys SET value = ? WHERE name = ?");
                q.bind(1, v.data(), static_cast<int>(v.size()));
                q.bind(2, n);
                q.exec();
            }
        });
    };
    SUBCASE("absurd KDF memory is refused before any allocation") {
        auto r = rows;
        r["kdf_memlimit"] = keyring::encode_u64(1ull << 42);
        write_rows(r);
        CHECK(open_and_read(path).code == Errc::kdf_limits);
    }
    SUBCASE("changed salt: the passphrase no longer unwraps (AD binds the parameters)") {
        auto r = rows;
        r["kdf_salt"][0] ^= 1;
        write_rows(r);
        auto o = open_and_read(path);
        CHECK_FALSE(o.ok);
        CHECK(o.code == Errc::wrong_passphrase);
    }
    SUBCASE("flipped wrapped key") {
        auto r = rows;
        r["wrap_passphrase"][30] ^= 1;
        write_rows(r);
        CHECK(open_and_read(path).code == Errc::wrong_passphrase);
    }
}
