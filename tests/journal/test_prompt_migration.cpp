// The frozen "today's vault" fixture (tests/fixtures/vault-prompts-v1.afterglow): written by
// the build before prompt ids existed (codec v1), so its intention answers carry only the
// heading text the wizard showed. It must open in every later build and its answers map to
// the default pack's prompt ids. Regenerate only with AFTERGLOW_WRITE_PROMPT_FIXTURE=1 on a
// build that still writes codec v1 (never again, normally).
#include <doctest/doctest.h>

#include <cstdlib>

#include "journal/content/migrate.hpp"
#include "journal/vault.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;

namespace {
const char* kPass = "frozen prompts fixture";

std::filesystem::path prompt_fixture() {
    return std::filesystem::path(test::source_dir()) / "tests/fixtures/vault-prompts-v1.afterglow";
}

void write_prompt_fixture() {
    std::filesystem::remove(prompt_fixture());
    auto created = Vault::create(prompt_fixture(), kPass, test::fast_options());
    REQUIRE(created.ok());
    auto& v = *created->vault;
    const Session s = test::fixture_session(Timestamp{1796205600, "America/Los_Angeles"});
    auto sid = v.save(s).value();
    Entry e;
    e.kind = EntryKind::intention;
    e.title = "Intention";
    e.session = sid;
    e.prompts = {
        {"What do you hope to explore?", "To feel at home in my body again."},
        {"What are you afraid of, or unsure about?", "Losing control — and then nothing."},
        {"What support would you like?", "My sister drives me home."},
        {"A few words to return to", "Breathe, let it pass."},
        {"My own question", "Kept as I wrote it."},
    };
    e.checklist = {
        {"A designated driver or ride home is arranged", true},
        {"No alcohol or recreational drugs in the days before", true},
        {"Fasting as my provider advised (usually 4 hours)", false},
        {"Rested and well hydrated", false},
        {"Comfortable clothes, eye mask, music ready", true},
        {"Questions for my provider written down", false},
        {"Bring my blanket", true},
    };
    REQUIRE(v.save(e).ok());
    created->vault.reset();
}
}  // namespace

TEST_CASE("write the frozen prompts fixture when asked") {
    if (std::getenv("AFTERGLOW_WRITE_PROMPT_FIXTURE")) write_prompt_fixture();
    CHECK(std::filesystem::exists(prompt_fixture()));
}

TEST_CASE("today's vault opens and its text-matched answers map to prompt ids") {
    REQUIRE(std::filesystem::exists(prompt_fixture()));
    test::TempDir dir;
    const auto copy = test::copy_fixture("vault-prompts-v1.afterglow", dir.path());
    {
        auto v = Vault::open(copy);
        REQUIRE_MESSAGE(v.ok(), test::error_of(v));
        REQUIRE((*v)->unlock(kPass).ok());
        CHECK((*v)->problems().empty());
        REQUIRE((*v)->entries().size() == 1);
        const Entry& before = (*v)->entries().front();
        REQUIRE(before.prompts.size() == 5);
        for (const auto& p : before.prompts) CHECK(p.id.empty());  // codec v1: no ids yet
        auto n = content::migrate_prompt_ids(**v, content::default_pack());
        REQUIRE(n.ok());
        CHECK(*n == 1);
    }
    auto v = Vault::open(copy);
    REQUIRE(v.ok());
    REQUIRE((*v)->unlock(kPass).ok());
    const Entry& e = (*v)->entries().front();
    const std::vector<std::string> ids = {"intention.explore", "intention.fears", "intention.support",
                                          "intention.words", ""};
    for (std::size_t i = 0; i < ids.size(); ++i) {
        CAPTURE(i);
        CHECK(e.prompts[i].id == ids[i]);
    }
    CHECK(e.prompts[1].answer == "Losing control — and then nothing.");
    CHECK(e.prompts[4].prompt == "My own question");  // the patient's own prompt keeps its text
    const std::vector<std::string> checklist = {"prep.driver", "prep.no-alcohol", "prep.fasting", "prep.rest",
                                                "prep.comfort", "prep.questions", ""};
    REQUIRE(e.checklist.size() == checklist.size());
    for (std::size_t i = 0; i < checklist.size(); ++i) CHECK(e.checklist[i].id == checklist[i]);
    CHECK(e.checklist[6].label == "Bring my blanket");
    CHECK(e.checklist[0].done);
    CHECK_FALSE(e.checklist[2].done);
    // A second run changes nothing; a reworded prompt still finds answers saved under its
    // former heading.
    auto again = content::migrate_prompt_ids(**v, content::default_pack());
    REQUIRE(again.ok());
    CHECK(*again == 0);
    auto reworded = content::apply_pack(content::default_pack(), R"({"format": "afterglow-pack", "format_version": 1,
        "intention_prompts": [{"id": "intention.words", "heading": "A phrase to hold", "formerly": ["A few words to return to"]}]})",
                                        "reword.json");
    REQUIRE(reworded.ok());
    Entry old;
    old.kind = EntryKind::intention;
    old.prompts = {{"  a few WORDS to return to ", "x"}};
    CHECK(content::map_prompt_ids(old, *reworded) == 1);
    CHECK(old.prompts[0].id == "intention.words");
}
