// The field lists of journal/record_fields.hpp: each names every member of its type, in
// declaration order; every field of every record type round-trips through the binary codec
// and the JSON backup; both write exactly what they wrote before the lists existed
// (tests/fixtures/record-fields/, written by the hand-written codec and backup of 6 Dec 2026);
// the vault refuses text that is not UTF-8 in any field; wiping a record empties every field.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

#include "journal/codec.hpp"
#include "journal/index.hpp"
#include "journal/vault.hpp"
#include "journal/export/backup_json.hpp"
#include "journal/record_fields.hpp"
#include "tests/export/full_records.hpp"
#include "tests/export/members.hpp"
#include "tests/export/sample_journal.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace ex = afterglow::journal::exports;

namespace {

template <class T>
std::vector<const void*> member_addresses(T& t) {
    std::vector<const void*> out;
    std::apply([&](auto&... m) { (out.push_back(&m), ...); }, test::members(t));
    return out;
}

// Visits t's listed fields; a record's: its meta's, then its own.
template <class T, class F>
void visit_listed(T& t, F&& f) {
    if constexpr (requires { t.meta; }) fields::visit_record(t, f);
    else fields::Schema<T>::visit(t, f);
}

// What the list visits, by address.
template <class T>
std::vector<const void*> listed_addresses(T& t) {
    std::vector<const void*> out;
    visit_listed(t, [&](const char*, auto& member, fields::Field) { out.push_back(&member); });
    return out;
}

template <class T>
void check_list_names_every_member() {
    T t{};
    std::vector<const void*> expected;
    if constexpr (requires { t.meta; }) {
        expected = member_addresses(t.meta);
        auto own = member_addresses(t);
        expected.insert(expected.end(), own.begin() + 1, own.end());  // after meta itself
    } else {
        expected = member_addresses(t);
    }
    INFO(std::string(typeid(T).name()) << ": " << expected.size() << " members");
    const auto listed = listed_addresses(t);
    CHECK(listed.size() == expected.size());
    CHECK(listed == expected);
    // A field stored only when set is the codec's last byte: it must come last in its list.
    std::vector<bool> only_when_set;
    visit_listed(t, [&](const char*, auto&, fields::Field f) { only_when_set.push_back(f.only_when_set); });
    for (std::size_t i = 0; i + 1 < only_when_set.size(); ++i) CHECK_FALSE(only_when_set[i]);
}

template <class T>
constexpr bool is_item_vector = false;
template <class T>
constexpr bool is_item_vector<std::vector<T>> = !std::is_same_v<T, std::string>;

// Every member of `full` (and of its meta, and of the first item of each list of items)
// differs from a default-constructed T's.
template <class T>
void check_every_member_set(const T& full) {
    const T blank{};
    const auto x = test::members(full);
    const auto y = test::members(blank);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto one = [&]<std::size_t K>(std::integral_constant<std::size_t, K>) {
            const auto& m = std::get<K>(x);
            using M = std::decay_t<decltype(m)>;
            INFO(std::string(typeid(T).name()) << " member " << K);
            CHECK_FALSE(test::equal_members(m, std::get<K>(y)));
            if constexpr (std::is_same_v<M, RecordMeta>) {
                check_every_member_set(m);
            } else if constexpr (is_item_vector<M>) {
                REQUIRE_FALSE(m.empty());
                check_every_member_set(m.front());
            }
        };
        (one(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<test::member_count<T>()>{});
}

std::string read_fixture(const char* name) {
    std::ifstream in(std::string(AFTERGLOW_SOURCE_DIR) + "/tests/fixtures/record-fields/" + name);
    REQUIRE_MESSAGE(in.good(), "missing fixture " << name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string hex(const crypto::Bytes& b) {
    std::string out;
    char two[3];
    for (auto c : b) {
        std::snprintf(two, sizeof two, "%02x", c);
        out += two;
    }
    return out;
}

}  // namespace

TEST_CASE("each record type's field list names every member in declaration order") {
    check_list_names_every_member<Session>();
    check_list_names_every_member<Entry>();
    check_list_names_every_member<CheckIn>();
    check_list_names_every_member<Goal>();
    check_list_names_every_member<MeasureResponse>();
    check_list_names_every_member<Document>();
    check_list_names_every_member<PromptAnswer>();
    check_list_names_every_member<Action>();
    check_list_names_every_member<ChecklistItem>();
    check_list_names_every_member<Score>();
    check_list_names_every_member<ItemAnswer>();
}

TEST_CASE("every field of every record type round-trips through the codec and the backup") {
    const auto records = test::full_records();
    REQUIRE(records.size() == std::variant_size_v<Record>);
    for (std::size_t i = 0; i < records.size(); ++i) {
        CAPTURE(i);
        REQUIRE(records[i].index() == i);  // one of each type
        std::visit([](const auto& r) { check_every_member_set(r); }, records[i]);

        auto decoded = codec::decode(codec::encode(records[i]));
        REQUIRE(decoded.has_value());
        CHECK(test::describe_difference(records[i], *decoded) == "");
    }
    auto json = ex::to_backup_json(records);
    REQUIRE(json.ok());
    auto parsed = ex::parse_backup(json.value());
    REQUIRE(parsed.ok());
    REQUIRE(parsed.value().size() == records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        CAPTURE(i);
        CHECK(test::describe_difference(records[i], parsed.value()[i]) == "");
    }
}

TEST_CASE("the codec and the backup write exactly the bytes they wrote before the field lists") {
    const auto records = test::fixture_records();
    std::string codec_hex;
    for (const auto& r : records) codec_hex += hex(codec::encode(r)) + "\n";
    CHECK(codec_hex == read_fixture("codec-v2.hex"));

    auto json = ex::to_backup_json(records);
    REQUIRE(json.ok());
    std::string text = json.value();
    const auto at = text.find(" \"exported_at\"");
    REQUIRE(at != std::string::npos);
    text.erase(at, text.find('\n', at) - at + 1);  // the one line that holds the time of export
    CHECK(text + "\n" == read_fixture("backup-v1.json"));

    // And the fixture decodes back to the same records.
    std::istringstream lines(read_fixture("codec-v2.hex"));
    std::string line;
    for (const auto& r : records) {
        REQUIRE(std::getline(lines, line));
        crypto::Bytes bytes;
        for (std::size_t i = 0; i + 1 < line.size(); i += 2)
            bytes.push_back(static_cast<std::uint8_t>(std::stoi(line.substr(i, 2), nullptr, 16)));
        auto decoded = codec::decode(bytes);
        REQUIRE(decoded.has_value());
        CHECK(test::describe_difference(r, *decoded) == "");
    }
}

TEST_CASE("the vault refuses text that is not UTF-8 in every text field of every record type") {
    test::TempDir dir;
    auto vault = test::make_vault(dir / "v.afterglow");
    std::size_t fields_tried = 0;
    for (const auto& full : test::full_records()) {
        std::size_t count = 0;
        std::visit([&](const auto& r) { fields::for_each_text(r, [&](const std::string&) { ++count; }); }, full);
        for (std::size_t k = 0; k < count; ++k) {
            Record bad = full;
            std::size_t i = 0;
            std::visit([&](auto& r) { fields::for_each_text(r, [&](std::string& s) { if (i++ == k) s += "\xff"; }); },
                       bad);
            CAPTURE(bad.index());
            CAPTURE(k);
            auto saved = vault->save_all({bad});
            REQUIRE_FALSE(saved.ok());
            CHECK(saved.error().code == Errc::invalid_argument);
            ++fields_tried;
        }
    }
    CHECK(fields_tried >= 30);  // 37 today
    REQUIRE(vault->save_all(test::full_records()).ok());  // the same records with valid text save
}

TEST_CASE("wiping a record empties every field but its meta, kinds and yes/no marks") {
    for (const auto& full : test::full_records()) {
        Record wiped = full;
        wipe_record(wiped);
        std::visit(
            [&]<class R>(const R& w) {
                const R& f = std::get<R>(full);
                const R blank{};
                const auto x = test::members(w);
                const auto y = test::members(blank);
                [&]<std::size_t... I>(std::index_sequence<I...>) {
                    auto one = [&]<std::size_t K>(std::integral_constant<std::size_t, K>) {
                        using M = std::decay_t<decltype(std::get<K>(x))>;
                        INFO(std::string(typeid(R).name()) << " member " << K);
                        if constexpr (std::is_same_v<M, RecordMeta>)
                            CHECK(test::equal_members(std::get<K>(x), std::get<K>(test::members(f))));
                        else if constexpr (!std::is_enum_v<M> && !std::is_same_v<M, bool>)
                            CHECK(test::equal_members(std::get<K>(x), std::get<K>(y)));
                    };
                    (one(std::integral_constant<std::size_t, I>{}), ...);
                }(std::make_index_sequence<test::member_count<R>()>{});
            },
            wiped);
    }
}
