// The app follows the content pack in use: a clinic pack's checklist shows in the intention
// wizard, answers follow their prompt's id when a prompt is reworded, and answers saved
// before ids existed get their ids at unlock.
#include <doctest/doctest.h>

#include <fstream>

#include "tests/app/controller_fixture.hpp"

using namespace afterglow;
using namespace afterglow::app;
using Fixture = ControllerFixture;

namespace {

void import_pack(Fixture& f, const std::string& name, const std::string& text) {
    std::ofstream(f.dir / name, std::ios::binary) << text;
    f.c->forms().pack.path = (f.dir / name).string();
    f.run(cmd::ImportPack{});
    REQUIRE(f.c->view().error.empty());
}

journal::RecordId new_session(Fixture& f) {
    f.run(cmd::NewSession{});
    f.run(cmd::SaveSession{});
    REQUIRE_FALSE(f.c->forms().session.id.empty());
    return f.c->forms().session.id;
}

}  // namespace

TEST_CASE("content: a pack overriding the checklist shows in the intention wizard") {
    Fixture f;
    import_pack(f, "riverside.json", R"({"format": "afterglow-pack", "format_version": 1, "id": "riverside",
        "name": "Riverside", "version": "1",
        "checklist": {"replace": true, "items": [
          {"id": "riverside.morning", "label": "Follow the care instructions for the morning of your session"}]}})");
    const auto session = new_session(f);
    f.run(cmd::StartIntention{session});
    CHECK(f.c->view().screen == Screen::intention);
    const auto& list = f.c->forms().intention.checklist;
    REQUIRE(list.size() == 1);
    CHECK(list[0].label == "Follow the care instructions for the morning of your session");
    CHECK(list[0].id == "riverside.morning");
    f.c->forms().intention.checklist[0].done = true;
    f.run(cmd::SaveIntention{});
    const journal::Entry& e = f.c->vault()->entries().front();
    REQUIRE(e.checklist.size() == 1);
    CHECK(e.checklist[0].id == "riverside.morning");
    CHECK(e.checklist[0].done);
}

TEST_CASE("content: answers follow their prompt id when the pack rewords it") {
    Fixture f;
    const auto session = new_session(f);
    f.run(cmd::StartIntention{session});
    auto& form = f.c->forms().intention;
    REQUIRE(form.answers.size() == 4);
    form.answers[3].doc.set_text("soft and curious");
    f.run(cmd::SaveIntention{});
    const journal::Entry& saved = f.c->vault()->entries().front();
    REQUIRE(saved.prompts.size() == 4);
    CHECK(saved.prompts[3].id == "intention.words");
    CHECK(saved.prompts[3].prompt == "A few words to return to");
    import_pack(f, "reworded.json", R"({"format": "afterglow-pack", "format_version": 1, "id": "reworded",
        "name": "Reworded", "version": "1",
        "intention_prompts": [{"id": "intention.words", "heading": "A phrase to hold",
                               "helper": "Short.", "formerly": ["A few words to return to"]}]})");
    f.run(cmd::StartIntention{session});
    CHECK(f.c->forms().intention.answers[3].doc.text() == "soft and curious");
    CHECK(f.c->view().content().intention_prompts[3].heading == "A phrase to hold");
}

TEST_CASE("content: an answer saved under an old heading without an id maps after unlock") {
    Fixture f;
    const auto session = new_session(f);
    journal::Entry old;  // as the build before prompt ids wrote it, under a former heading
    old.kind = journal::EntryKind::intention;
    old.session = session;
    old.title = "Intention";
    old.prompts = {{"A FEW WORDS TO RETURN TO ", "held gently", ""}};
    REQUIRE(f.c->vault()->save(old));
    import_pack(f, "reworded.json", R"({"format": "afterglow-pack", "format_version": 1, "id": "reworded",
        "name": "Reworded", "version": "1",
        "intention_prompts": [{"id": "intention.words", "heading": "A phrase to hold",
                               "helper": "Short.", "formerly": ["A few words to return to"]}]})");
    f.run(cmd::Lock{});
    f.c->forms().unlock.pass.text = "correct horse battery";
    f.run(cmd::Unlock{});
    REQUIRE(f.c->view().unlocked);
    const journal::Entry& e = f.c->vault()->entries().front();
    REQUIRE(e.prompts.size() == 1);
    CHECK(e.prompts[0].id == "intention.words");  // migrated once, at unlock
    CHECK(e.prompts[0].answer == "held gently");
    f.run(cmd::StartIntention{session});
    CHECK(f.c->forms().intention.answers[3].doc.text() == "held gently");
}
