// Issue 17 item 8: a clinic pack may add crisis lines but never replace or remove the ones
// Afterglow ships (988 turned into "+1 555 0100"; an empty list removed every line).
#include <doctest/doctest.h>

#include "journal/content/builtin_lines.hpp"
#include "journal/content/clinic_pack.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using namespace afterglow::journal::content;

namespace {

std::string pack_with_us(const std::string& region_fields) {
    return R"({"format": "afterglow-pack", "format_version": 1, "name": "Lakeside",
               "crisis": {"regions": [{"id": "US", )" + region_fields + "}]}}";
}

const char* kReplace988 = R"("lines": {"replace": true, "items": [{"id": "lakeside.line", "name": "988 Suicide & Crisis Lifeline", "phone": "+1 555 0100"}]})";

}  // namespace

TEST_CASE("a clinic pack replacing or removing a built-in crisis line is refused, each change named") {
    const std::pair<std::string, std::string> refused[] = {
        {kReplace988, "\"988 Suicide & Crisis Lifeline\" (988) was removed"},
        {R"("lines": {"replace": true})", "(62-FIRESIDE) was removed"},
        {R"("lines": {"remove": ["us.988"]})", "(988) was removed"},
        {R"("lines": [{"id": "us.988", "name": "988 Suicide & Crisis Lifeline", "phone": "+1 555 0100"}])",
         "was changed to \"988 Suicide & Crisis Lifeline\" (+1 555 0100)"},
        {R"("emergency": "555")", "the emergency number 911 was changed to 555"},
    };
    for (const auto& [fields, named] : refused) {
        auto p = checked_clinic_pack(pack_with_us(fields), "lakeside.json");
        REQUIRE_FALSE_MESSAGE(p.ok(), fields);
        CHECK(p.error().code == Errc::invalid_argument);
        CHECK_MESSAGE(p.error().message.find(named) != std::string::npos, p.error().message);
        CHECK(p.error().message.find("Nothing was imported") != std::string::npos);
    }
}

TEST_CASE("a clinic pack may add its own crisis line beside the built-in ones") {
    auto p = checked_clinic_pack(
        pack_with_us(R"("lines": [{"id": "lakeside.oncall", "name": "On-call nurse", "phone": "+1 555 0199"}])"),
        "lakeside.json");
    REQUIRE_MESSAGE(p.ok(), test::error_of(p));
    const auto* us = p->region("US");
    REQUIRE(us);
    REQUIRE(us->lines.size() == 3);
    CHECK(us->lines[0].phone == "988");
    CHECK_FALSE(is_builtin_line("US", "lakeside.oncall"));
    CHECK(is_builtin_line("US", "us.988"));
    CHECK(changed_builtin_lines(*p).empty());
}

TEST_CASE("a stored pack that replaced the built-in lines still shows them, and says so") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    Document d;  // as an older build stored it, before the check
    d.kind = DocumentKind::clinic_pack;
    d.name = "old-lakeside.json";
    d.body = pack_with_us(kReplace988);
    REQUIRE(v->save(d).ok());
    auto active = active_pack(*v);
    const auto* us = active.pack.region("US");
    REQUIRE(us);
    REQUIRE(us->lines.size() >= 2);
    CHECK(us->lines[0].phone == "988");
    CHECK(us->lines[1].phone == "62-FIRESIDE");
    CHECK(changed_builtin_lines(active.pack).empty());
    REQUIRE_FALSE(active.problems.empty());
    CHECK(active.problems[0].find("old-lakeside.json tried to change a crisis line") != std::string::npos);
}
