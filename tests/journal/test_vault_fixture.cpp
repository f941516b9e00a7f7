// The frozen v1 vault fixture (tests/fixtures/vault-v1.afterglow, passphrase below) must
// open in every later build, migrating to the current schema on a copy. Regenerate only
// with AFTERGLOW_WRITE_FIXTURE=1 when deliberately freezing a new format version.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdlib>

#include "journal/store.hpp"
#include "journal/vault.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;

namespace {
const char* kFixturePass = "frozen fixture passphrase v1";
const char* kFixtureRecovery = "tests/fixtures/vault-v1.recovery-key.txt";

std::filesystem::path fixture() { return std::filesystem::path(test::source_dir()) / "tests/fixtures/vault-v1.afterglow"; }

void write_fixture() {
    std::filesystem::remove(fixture());
    CreateOptions opt = test::fast_options();
    opt.schema_for_tests = 1;
    auto created = Vault::create(fixture(), kFixturePass, opt);
    REQUIRE(created.ok());
    auto& v = *created->vault;
    Session s = test::fixture_session(Timestamp{1795600800, "Europe/Berlin"});
    s.ended = Timestamp{1795608000, "Europe/Berlin"};
    auto sid = v.save(s).value();
    Entry e;
    e.kind = EntryKind::integration;
    e.title = "Fixture entry — café 東京";
    e.body = "I walked by the water.";
    e.session = sid;
    e.tags = {"fixture"};
    e.actions = {{"breathe", true}};
    REQUIRE(v.save(e).ok());
    CheckIn c;
    c.at = Timestamp{1795700000, "Europe/Berlin"};
    c.scores = {{"mood", 8, 0, 10}};
    REQUIRE(v.save(c).ok());
    Goal g;
    g.title = "Fixture goal";
    REQUIRE(v.save(g).ok());
    created->vault.reset();
    test::write_file(std::filesystem::path(test::source_dir()) / kFixtureRecovery, created->recovery_key + "\n");
}
}  // namespace

TEST_CASE("the frozen v1 fixture opens, migrates and reads exactly") {
    if (std::getenv("AFTERGLOW_WRITE_FIXTURE")) write_fixture();
    REQUIRE(std::filesystem::exists(fixture()));
    test::TempDir dir;
    auto v = test::open_fixture("vault-v1.afterglow", dir.path(), 1, kFixturePass);
    CHECK(v->problems().empty());
    REQUIRE(v->entries().size() == 1);
    const auto& e = v->entries().front();
    CHECK(e.title == "Fixture entry — café 東京");
    CHECK(e.body == "I walked by the water.");
    CHECK(e.actions.at(0).done);
    REQUIRE(v->sessions().size() == 1);
    CHECK(v->sessions().front().provider == "Dr. Fixture");
    CHECK(e.session == v->sessions().front().meta.id);
    CHECK(v->checkins().at(0).scores.at(0).value == 8);
    CHECK(v->goals().at(0).title == "Fixture goal");
    CHECK(v->stats().schema_version == Store::kCurrentSchema);
    // The migration added drafts (v2).
    Entry d;
    d.body = "draft";
    CHECK(v->save_draft("x", d).ok());
    auto report = v->verify();
    REQUIRE(report.ok());
    CHECK(report->ok());
    v->lock();
    auto rk = test::read_file(std::filesystem::path(test::source_dir()) / kFixtureRecovery);
    CHECK(v->unlock_with_recovery_key(rk).ok());
}

TEST_CASE("migrations from every earlier schema version reach the current one") {
    for (int from = 1; from < Store::kCurrentSchema; ++from) {
        test::TempDir dir;
        auto path = dir / "v.afterglow";
        CreateOptions opt = test::fast_options();
        opt.schema_for_tests = from;
        {
            auto created = Vault::create(path, "p", opt);
            REQUIRE(created.ok());
            Entry e;
            e.body = "from v" + std::to_string(from);
            REQUIRE(created->vault->save(e).ok());
        }
        CHECK(test::user_version(path) == from);
        auto v = Vault::open(path);
        REQUIRE(v.ok());
        REQUIRE((*v)->unlock("p").ok());
        CHECK((*v)->entries().at(0).body == "from v" + std::to_string(from));
        CHECK((*v)->stats().schema_version == Store::kCurrentSchema);
    }
}
