// JSON backup reading at its limits: a million records in one pass, times outside the years
// 1–9999, and the order of checks when records are decoded while the parser reads them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "journal/export/backup_json.hpp"
#include "journal/export/selection.hpp"
#include "tests/export/sample_journal.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace ex = afterglow::journal::exports;

namespace {

const char* kHead = R"({"format":"afterglow-backup","format_version":1,"exported_at":"x","records":[)";

// `n` copies of `element` as the records list of an otherwise valid backup.
std::string backup_with(std::size_t n, const std::string& element) {
    std::string text = kHead;
    text.reserve(text.size() + n * (element.size() + 1) + 2);
    for (std::size_t i = 0; i < n; ++i) {
        if (i) text += ',';
        text += element;
    }
    return text + "]}";
}

nlohmann::json sample_backup(const test::TempDir& dir) {
    auto v = test::make_vault(dir / "v.afterglow");
    test::fill_sample(*v);
    auto text = ex::to_backup_json(ex::snapshot_all(*v).records());
    REQUIRE(text.ok());
    return nlohmann::json::parse(text.value());
}

// The records as the backup writer spells them (every field), for comparing record lists.
nlohmann::json records_json(const std::vector<Record>& records) {
    auto text = ex::to_backup_json(records);
    REQUIRE(text.ok());
    return nlohmann::json::parse(text.value())["records"];
}

Error error_of(const std::string& text) {
    auto r = ex::parse_backup(text);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

}  // namespace

// The reader this replaced rescanned the whole records list after every record (nlohmann's
// callback parser): a million records took hours. Now they are read in one pass.
TEST_CASE("a million empty records are read in one pass and the first is named") {
    auto e = error_of(backup_with(ex::kMaxBackupRecords, "{}"));
    CHECK(e.code == Errc::damaged);
    CHECK(e.subject == "records[0].type");
    CHECK(e.message.find("is missing") != std::string::npos);
}

TEST_CASE("more records than the limit are refused as too many") {
    auto e = error_of(backup_with(ex::kMaxBackupRecords + 1, "[]"));
    CHECK(e.code == Errc::damaged);
    CHECK(e.message.find("too many records") != std::string::npos);
}

TEST_CASE("times outside the years 1 to 9999 are refused naming the field") {
    test::TempDir dir;
    const auto doc = sample_backup(dir);
    for (std::int64_t utc : {std::int64_t{-6919246529000}, std::int64_t{-62135596801},
                             std::int64_t{253402300800}, std::int64_t{9007199254740993}}) {
        auto d = doc;
        d["records"][2]["created"]["utc"] = utc;
        auto e = error_of(d.dump());
        CHECK(e.code == Errc::damaged);
        CHECK(e.subject == "records[2].created.utc");
        CHECK(e.message.find("outside the years 1 to 9999") != std::string::npos);
    }
    // The first and the last second of those years are fine.
    auto d = doc;
    d["records"][2]["created"]["utc"] = -62135596800;
    d["records"][3]["updated"]["utc"] = 253402300799;
    auto ok = ex::parse_backup(d.dump());
    REQUIRE_MESSAGE(ok.ok(), test::error_of(ok));
    CHECK(meta_of((*ok)[2]).created.utc == -62135596800);
    CHECK(meta_of((*ok)[3]).updated.utc == 253402300799);
}

TEST_CASE("records before the header fields still parse and round trip exactly") {
    test::TempDir dir;
    const auto doc = sample_backup(dir);
    auto expected = ex::parse_backup(doc.dump());
    REQUIRE(expected.ok());
    // nlohmann::json sorts keys: "exported_at" < "format" < "records"; put records first.
    std::string text = "{\"records\":" + doc["records"].dump() + ",\"format_version\":1," +
                       "\"format\":\"afterglow-backup\",\"exported_at\":\"x\"}";
    auto parsed = ex::parse_backup(text);
    REQUIRE_MESSAGE(parsed.ok(), test::error_of(parsed));
    REQUIRE(parsed->size() == expected->size());
    CHECK(records_json(*parsed) == records_json(*expected));
}

TEST_CASE("document checks come before a bad record / duplicate keys inside a record are refused") {
    test::TempDir dir;
    const auto doc = sample_backup(dir);
    auto d = doc;
    d["records"][1]["title"] = 7;
    d["format"] = "something-else";
    CHECK(error_of(d.dump()).subject == "format");
    d["format"] = "afterglow-backup";
    d["format_version"] = 2;
    CHECK(error_of(d.dump()).code == Errc::unsupported);

    std::string text = doc.dump();
    const auto at = text.find("\"title\":");
    REQUIRE(at != std::string::npos);
    text.insert(at, "\"title\":\"twice\",");
    CHECK(error_of(text).message.find("twice") != std::string::npos);

    CHECK(error_of(backup_with(3, "[[[[[[[[1]]]]]]]]")).message.find("nested") != std::string::npos);
    auto list = error_of(R"({"format":"afterglow-backup","format_version":1,"exported_at":"x","records":{}})");
    CHECK(list.subject == "records");
}
