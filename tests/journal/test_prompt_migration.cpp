// The frozen "today's vault" fixture (tests/fixtures/vault-prompts-v1.afterglow): written by
// the build before prompt ids existed (codec v1), so its intention answers carry only the
// heading text the wizard showed. It must open in every later build and its answers map to
// the default pack's prompt ids. Regenerate only with AFTERGLOW_WRITE_PROMPT_FIXTURE=1 on a
// build that still writes codec v1 (never again, normally).
#include <doctest/doctest.h>

#include <cstdlib>

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
    Session s;
    s.kind = SessionKind::medicine;
    s.route = Route::im;
    s.scheduled = Timestamp{1796205600, "America/Los_Angeles"};
    s.provider = "Dr. Fixture";
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
