// JSON backup: exact round trip through a fresh vault, dedup on import, strict parsing.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "journal/export/backup_import.hpp"
#include "journal/export/backup_json.hpp"
#include "journal/export/selection.hpp"
#include "tests/export/sample_journal.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace ex = afterglow::journal::exports;

namespace {

std::vector<Record> vault_records(const Vault& v) {
    std::vector<Record> out;
    for (const auto& s : v.sessions()) out.emplace_back(s);
    for (const auto& e : v.entries()) out.emplace_back(e);
    for (const auto& c : v.checkins()) out.emplace_back(c);
    for (const auto& g : v.goals()) out.emplace_back(g);
    for (const auto& m : v.responses()) out.emplace_back(m);
    for (const auto& d : v.documents()) out.emplace_back(d);
    return out;
}

const Record* find(const std::vector<Record>& rs, const RecordId& id) {
    for (const auto& r : rs)
        if (meta_of(r).id == id) return &r;
    return nullptr;
}

std::string backup_of(const Vault& v) {
    auto json = ex::to_backup_json(ex::snapshot_all(v).records());
    REQUIRE(json.ok());
    return json.value();
}

}  // namespace

TEST_CASE("backup round trip into a fresh vault is exact / every field of every kind") {
    test::TempDir dir;
    auto a = test::make_vault(dir / "a.afterglow");
    auto sample = test::fill_sample(*a);
    const std::string json = backup_of(*a);

    auto parsed = ex::parse_backup(json);
    REQUIRE_MESSAGE(parsed.ok(), test::error_of(parsed));
    CHECK(parsed->size() == sample.all().size());

    auto b = test::make_vault(dir / "b.afterglow");
    auto counts = ex::import_backup(*b, std::move(parsed.value()));
    REQUIRE(counts.ok());
    CHECK(counts->added == sample.all().size());
    CHECK(counts->updated == 0);
    CHECK(counts->skipped == 0);

    // Compare the fresh vault with the original records field by field...
    auto restored = vault_records(*b);
    REQUIRE(restored.size() == sample.all().size());
    for (const auto& original : sample.all()) {
        const Record* r = find(restored, meta_of(original).id);
        REQUIRE(r != nullptr);
        INFO("record " << meta_of(original).id.hex());
        CHECK(test::describe_difference(original, *r) == "");
    }
    // ...and the backup of the restored vault is byte-identical apart from its time stamp.
    auto strip = [](std::string s) {
        auto j = nlohmann::json::parse(s);
        j.erase("exported_at");
        return j.dump();
    };
    CHECK(strip(backup_of(*b)) == strip(json));
}

TEST_CASE("backup parse keeps doubles / negative times / empty zones and empty optionals exactly") {
    CheckIn c;
    c.meta.id = RecordId::random();
    c.meta.version = 7;
    c.meta.created = Timestamp{-86400 * 365, ""};
    c.meta.updated = Timestamp{1, "America/Argentina/Buenos_Aires"};
    c.at = Timestamp{1234567890, "Asia/Kolkata"};
    c.scores = {{"mood", 0.1 + 0.2, -1.5, 1e-7}, {"x", 1.0 / 3.0, 0, 10}};
    Goal g;
    g.meta.id = RecordId::random();
    g.meta.version = 1;
    g.title = "t";
    std::vector<Record> in{c, g};
    auto json = ex::to_backup_json(in);
    REQUIRE(json.ok());
    auto out = ex::parse_backup(json.value());
    REQUIRE(out.ok());
    REQUIRE(out->size() == 2);
    CHECK(test::describe_difference(in[0], (*out)[0]) == "");
    CHECK(test::describe_difference(in[1], (*out)[1]) == "");
}

TEST_CASE("import deduplicates by id: same or older skipped / newer and different kept beside / new added") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto sample = test::fill_sample(*v);
    auto records = ex::parse_backup(backup_of(*v)).value();

    // Nothing changes when importing the vault's own backup.
    auto again = ex::import_backup(*v, records);
    REQUIRE(again.ok());
    CHECK(again->added == 0);
    CHECK(again->updated == 0);
    CHECK(again->skipped == records.size());

    // An older copy in the backup is skipped; a newer, different one is added beside the
    // local record (which stays as it was); an unknown id is added.
    for (auto& r : records) {
        auto& m = meta_of(r);
        if (m.id == sample.integration.meta.id) {
            m.version += 5;
            std::get<Entry>(r).title = "Newer title from the backup";
        } else if (m.id == sample.goal1.meta.id) {
            m.version -= 1;
            std::get<Goal>(r).title = "Older title must not win";
        }
    }
    Entry fresh;
    fresh.meta.id = RecordId::random();
    fresh.meta.version = 1;
    fresh.meta.created = fresh.meta.updated = Timestamp{test::kT0, "UTC"};
    fresh.title = "Only in the backup";
    records.emplace_back(fresh);

    auto counts = ex::import_backup(*v, records);
    REQUIRE(counts.ok());
    CHECK(counts->added == 2);
    CHECK(counts->updated == 0);
    CHECK(counts->skipped == records.size() - 2);
    REQUIRE(counts->kept_both.size() == 1);
    CHECK(counts->kept_both[0].first == sample.integration.meta.id);
    REQUIRE(v->find_entry(sample.integration.meta.id));
    CHECK(v->find_entry(sample.integration.meta.id)->title == sample.integration.title);
    const Entry* copy = v->find_entry(counts->kept_both[0].second);
    REQUIRE(copy);
    CHECK(copy->title == "Newer title from the backup");
    CHECK(copy->body == sample.integration.body);
    CHECK(v->find_goal(sample.goal1.meta.id)->title == sample.goal1.title);
    CHECK(v->find_entry(fresh.meta.id) != nullptr);
    // The same file again: the copy is already here, so nothing piles up.
    auto twice = ex::import_backup(*v, records);
    REQUIRE(twice.ok());
    CHECK(twice->added == 0);
    CHECK(twice->kept_both.empty());
    CHECK(twice->skipped == records.size());
}

TEST_CASE("a forged backup carrying a local entry's id never replaces its text (issue 17 item 6)") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    Entry mine;
    mine.title = "My own words";
    mine.body = "what I wrote";
    const RecordId id = *v->save(mine);
    Entry forged;
    forged.meta.id = id;  // ids are plaintext in the vault file
    forged.meta.version = 7;
    forged.meta.created = forged.meta.updated = Timestamp{test::kT0, "UTC"};
    forged.title = "Attacker's title";
    forged.body = "attacker's body";
    auto counts = ex::import_backup(*v, {Record{forged}});
    REQUIRE(counts.ok());
    CHECK(counts->updated == 0);
    REQUIRE(counts->kept_both.size() == 1);
    CHECK(v->find_entry(id)->title == "My own words");
    CHECK(v->find_entry(id)->body == "what I wrote");
    CHECK(v->entries().size() == 2);  // the forged text is visible as its own entry

    forged.meta.version = 18446744073709551615ull;  // would wrap to 0 at the next edit
    auto huge = ex::import_backup(*v, {Record{forged}});
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().code == Errc::damaged);
    CHECK(huge.error().subject == id.hex());
    CHECK(v->entries().size() == 2);
}

TEST_CASE("a record id that names another kind of record is refused and nothing imported") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto sample = test::fill_sample(*v);
    Goal clash;
    clash.meta.id = sample.med1.meta.id;  // a session's id
    clash.meta.version = 99;
    clash.title = "clash";
    Entry fresh;
    fresh.meta.id = RecordId::random();
    fresh.meta.version = 1;
    auto r = ex::import_backup(*v, {Record{fresh}, Record{clash}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::damaged);
    CHECK(v->find_entry(fresh.meta.id) == nullptr);
}

TEST_CASE("malformed backups give a clear error naming the problem") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    test::fill_sample(*v);
    const std::string good = backup_of(*v);
    auto doc = nlohmann::json::parse(good);

    auto err = [](const std::string& text) {
        auto r = ex::parse_backup(text);
        REQUIRE_FALSE(r.ok());
        return r.error();
    };

    SUBCASE("truncated") {
        for (std::size_t cut : {good.size() / 3, good.size() / 2, good.size() - 2}) {
            auto e = err(good.substr(0, cut));
            CHECK(e.code == Errc::damaged);
            CHECK(e.message.find("truncated") != std::string::npos);
        }
    }
    SUBCASE("empty and not JSON") {
        CHECK(err("").code == Errc::damaged);
        CHECK(err("hello").message.find("not valid JSON") != std::string::npos);
        CHECK(err("[1,2]").message.find("not a JSON object") != std::string::npos);
    }
    SUBCASE("invalid UTF-8") {
        std::string bad = good;
        auto pos = bad.find("café");
        REQUIRE(pos != std::string::npos);
        bad[pos + 3] = static_cast<char>(0xC3);  // lead byte followed by a non-continuation
        bad[pos + 4] = 'x';
        auto e = err(bad);
        CHECK(e.code == Errc::damaged);
        CHECK(e.message.find("UTF-8") != std::string::npos);
        CHECK(err("{\"a\":\"\xed\xa0\x80\"}").message.find("UTF-8") != std::string::npos);
    }
    SUBCASE("unknown format version") {
        auto d = doc;
        d["format_version"] = 2;
        auto e = err(d.dump());
        CHECK(e.code == Errc::unsupported);
        CHECK(e.message.find("version 2") != std::string::npos);
    }
    SUBCASE("not an Afterglow backup") {
        auto d = doc;
        d["format"] = "something-else";
        CHECK(err(d.dump()).subject == "format");
    }
    SUBCASE("bad field is named") {
        auto d = doc;
        d["records"][4]["title"] = 42;
        auto e = err(d.dump());
        CHECK(e.code == Errc::damaged);
        CHECK(e.message.find("records[4].title") != std::string::npos);
        CHECK(e.message.find("must be a string") != std::string::npos);
    }
    SUBCASE("missing field is named") {
        auto d = doc;
        d["records"][0].erase("version");
        CHECK(err(d.dump()).subject == "records[0].version");
    }
    SUBCASE("unknown field is refused") {
        auto d = doc;
        d["records"][1]["surprise"] = true;
        CHECK(err(d.dump()).subject == "records[1].surprise");
    }
    SUBCASE("bad enum, id, time zone, number") {
        auto d = doc;
        d["records"][0]["kind"] = "party";
        CHECK(err(d.dump()).subject == "records[0].kind");
        d = doc;
        d["records"][0]["id"] = "xyz";
        CHECK(err(d.dump()).subject == "records[0].id");
        d = doc;
        d["records"][0]["created"]["zone"] = "Europe/Berlin\n";
        CHECK(err(d.dump()).subject == "records[0].created.zone");
        d = doc;
        d["records"][0]["version"] = -3;
        CHECK(err(d.dump()).subject == "records[0].version");
    }
    SUBCASE("duplicate ids and duplicate keys") {
        auto d = doc;
        d["records"].push_back(d["records"][0]);
        CHECK(err(d.dump()).message.find("repeats") != std::string::npos);
        CHECK(err(R"({"format":"afterglow-backup","format":"afterglow-backup"})")
                  .message.find("twice") != std::string::npos);
    }
    SUBCASE("deep nesting is refused without recursion") {
        std::string deep(100000, '[');
        CHECK(err(deep).message.find("nested") != std::string::npos);
    }
}

TEST_CASE("a malformed backup imports nothing") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    test::fill_sample(*v);
    auto doc = nlohmann::json::parse(backup_of(*v));
    doc["records"].back()["title"] = nullptr;  // the last record is bad
    auto fresh = test::make_vault(dir / "fresh.afterglow");
    auto parsed = ex::parse_backup(doc.dump());
    REQUIRE_FALSE(parsed.ok());
    CHECK(fresh->entries().empty());
    CHECK(fresh->sessions().empty());
}

TEST_CASE("a frozen version-1 document (as in docs/backup-format.md) still parses exactly") {
    const std::string doc = R"({"format":"afterglow-backup","format_version":1,"exported_at":"2026-11-25T20:49:28Z","records":[
{"type":"session","id":"0123456789abcdef0123456789abcdef","version":3,"created":{"utc":1790000000,"zone":"Europe/Berlin"},"updated":{"utc":1790003600,"zone":"Europe/Berlin"},"kind":"medicine","protocol":"kap","route":"im","scheduled":{"utc":1790000000,"zone":"Europe/Berlin"},"started":null,"ended":{"utc":1790007200,"zone":""},"provider":"Dr. Müller","notes":"ok"},
{"type":"entry","id":"11111111111111111111111111111111","version":1,"created":{"utc":1790090000,"zone":"UTC"},"updated":{"utc":1790090000,"zone":"UTC"},"kind":"integration","title":"Day 1","body":"日本語 שלום 🌅","prompts":[{"prompt":"What happened?","answer":"A lot."}],"emotions":["relief"],"tags":["grief"],"actions":[{"text":"Walk","done":true}],"checklist":[{"label":"Driver","done":false}],"session":"0123456789abcdef0123456789abcdef","captured":false},
{"type":"checkin","id":"22222222222222222222222222222222","version":2,"created":{"utc":-5,"zone":""},"updated":{"utc":0,"zone":""},"at":{"utc":1790000000,"zone":"Asia/Kolkata"},"scores":[{"measure":"mood","value":6.5,"min":0,"max":10}],"note":"","session":null},
{"type":"goal","id":"33333333333333333333333333333333","version":1,"created":{"utc":1,"zone":""},"updated":{"utc":1,"zone":""},"title":"Sleep","description":"","status":"active","target":null,"reviews":["better"]}
]})";
    auto r = ex::parse_backup(doc);
    REQUIRE_MESSAGE(r.ok(), test::error_of(r));
    REQUIRE(r->size() == 4);
    const auto& s = std::get<Session>((*r)[0]);
    CHECK(s.meta.id.hex() == "0123456789abcdef0123456789abcdef");
    CHECK(s.meta.version == 3);
    CHECK(s.meta.created == Timestamp{1790000000, "Europe/Berlin"});
    CHECK(s.route == Route::im);
    CHECK_FALSE(s.started.has_value());
    CHECK(s.ended == Timestamp{1790007200, ""});
    CHECK(s.provider == "Dr. Müller");
    const auto& e = std::get<Entry>((*r)[1]);
    CHECK(e.kind == EntryKind::integration);
    CHECK(e.body == "日本語 שלום 🌅");
    CHECK(e.actions == std::vector<Action>{{"Walk", true}});
    CHECK(e.checklist == std::vector<ChecklistItem>{{"Driver", false}});
    CHECK(e.session == s.meta.id);
    const auto& c = std::get<CheckIn>((*r)[2]);
    CHECK(c.meta.created.utc == -5);
    CHECK(c.scores == std::vector<Score>{{"mood", 6.5, 0, 10}});
    CHECK_FALSE(c.session.has_value());
    const auto& g = std::get<Goal>((*r)[3]);
    CHECK(g.status == GoalStatus::active);
    CHECK(g.reviews == std::vector<std::string>{"better"});
}
