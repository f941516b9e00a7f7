// Unlock reads each record's blob straight from its page (Store::read_records_packed, an
// incremental-blob handle): the rows that handle cannot read — a value that is not a blob, a
// table without rowids — and a record larger than one piece are read as before.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <map>

#include "journal/vault.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using afterglow::test::TempDir;

namespace {

const char* kPass = "correct horse";

struct Journal {
    TempDir dir;
    std::filesystem::path path = dir / "v.afterglow";
    std::map<std::string, std::string> bodies;  // by id
    std::vector<RecordId> ids;                  // in the order saved
};

// n entries; entry `big_at` (if any) has a body of `big` bytes (several MiB: more than one
// piece of the unlock's reading).
void fill(Journal& j, int n, int big_at = -1, std::size_t big = 0) {
    auto v = test::make_vault(j.path, kPass);
    REQUIRE(v);
    for (int i = 0; i < n; ++i) {
        Entry e;
        e.title = "entry " + std::to_string(i);
        e.body = i == big_at ? std::string(big, static_cast<char>('a' + i % 26)) : "body number " + std::to_string(i);
        const auto id = v->save(e).value();
        j.bodies[id.hex()] = e.body;
        j.ids.push_back(id);
    }
}

struct Unlocked {
    std::vector<Problem> problems;
    std::map<std::string, std::string> bodies;
};

Unlocked unlock(const std::filesystem::path& path) {
    auto v = Vault::open(path);
    REQUIRE_MESSAGE(v.ok(), test::error_of(v));
    auto st = (*v)->unlock(kPass);
    REQUIRE_MESSAGE(st.ok(), test::error_of(st));
    Unlocked u;
    u.problems = (*v)->problems();
    for (const auto& e : (*v)->entries()) u.bodies[e.meta.id.hex()] = e.body;
    return u;
}

bool names(const std::vector<Problem>& ps, const std::string& id, const std::string& words) {
    return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) {
        return p.record_id == id && p.what.find(words) != std::string::npos;
    });
}

void sql(const std::filesystem::path& path, const std::string& statement, const RecordId* id = nullptr) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    if (!id) {
        db.exec(statement);
        return;
    }
    SQLite::Statement q(db, statement);
    q.bind(1, id->bytes.data(), 16);
    q.exec();
}

}  // namespace

TEST_CASE("record rows holding an integer or text instead of a blob are named, the others open") {
    Journal j;
    fill(j, 6);
    sql(j.path, "UPDATE records SET blob = 42 WHERE id = ?", &j.ids[1]);
    sql(j.path, "UPDATE records SET blob = 'not a sealed record' WHERE id = ?", &j.ids[4]);
    const auto u = unlock(j.path);
    CHECK(names(u.problems, j.ids[1].hex(), "fails authentication"));
    CHECK(names(u.problems, j.ids[4].hex(), "fails authentication"));
    CHECK(u.problems.size() == 2);
    CHECK(u.bodies.size() == 4);
    for (const auto& [id, body] : u.bodies) CHECK(j.bodies.at(id) == body);
}

TEST_CASE("a record of several MiB between small ones opens whole, and so do its neighbours") {
    Journal j;
    fill(j, 5, 2, 5u << 20);  // 5 MiB: more than two pieces of 2 MiB
    const auto u = unlock(j.path);
    CHECK(u.problems.empty());
    REQUIRE(u.bodies.size() == 5);
    for (const auto& [id, body] : u.bodies) CHECK(j.bodies.at(id) == body);
}

TEST_CASE("a records table rebuilt without rowids by another program still opens every record") {
    Journal j;
    fill(j, 4);
    sql(j.path,
        "CREATE TABLE records_norowid(id BLOB NOT NULL PRIMARY KEY CHECK(length(id) = 16),"
        " version INTEGER NOT NULL, blob BLOB NOT NULL) WITHOUT ROWID;"
        "INSERT INTO records_norowid SELECT id, version, blob FROM records;"
        "DROP TABLE records; ALTER TABLE records_norowid RENAME TO records;");
    const auto u = unlock(j.path);
    CHECK(u.problems.empty());
    REQUIRE(u.bodies.size() == 4);
    for (const auto& [id, body] : u.bodies) CHECK(j.bodies.at(id) == body);
}
