// The questionnaire, clinic-score, clinic-pack and care-team commands against a real vault.
#include <doctest/doctest.h>

#include <fstream>

#include "journal/content/measures.hpp"
#include "tests/app/controller_fixture.hpp"

using namespace afterglow;
using namespace afterglow::app;
using Fixture = ControllerFixture;

namespace {

void answer(Fixture& f, std::size_t option, int times = 1) {
    for (int i = 0; i < times; ++i) f.run(cmd::AnswerMeasure{option});
}

const journal::MeasureResponse& only_response(Fixture& f) {
    REQUIRE(f.c->vault()->responses().size() == 1);
    return f.c->vault()->responses().front();
}

void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("measures: take PHQ-9 from a session and see the total") {
    Fixture f;
    f.run(cmd::NewSession{});
    f.run(cmd::SaveSession{});
    const auto session = f.c->forms().session.id;
    REQUIRE_FALSE(session.empty());
    f.run(cmd::ChooseMeasure{session});
    CHECK(f.c->view().screen == Screen::questionnaire);
    CHECK(f.c->view().back == Screen::session);
    REQUIRE(f.c->view().measures.find("phq-9"));
    f.run(cmd::StartMeasure{"PHQ-9", true});
    CHECK(f.c->forms().measure.instrument == "phq-9");
    answer(f, 1, 4);
    answer(f, 2, 4);
    answer(f, 0);       // item 9: not at all
    CHECK(f.c->view().screen == Screen::questionnaire);
    CHECK_FALSE(f.c->forms().measure.finished);  // "how difficult" is still asked
    answer(f, 1);
    CHECK(f.c->forms().measure.finished);
    CHECK(f.has_event(f.c->take_events(), "saved_measure"));
    const auto& r = only_response(f);
    CHECK(r.status == journal::ResponseStatus::completed);
    REQUIRE(r.total);
    CHECK(*r.total == 12);
    CHECK(r.band == "moderate");
    CHECK(r.flags.empty());
    REQUIRE(r.session);
    CHECK(*r.session == session);
    const auto* row = f.c->view().measures.find("phq-9");
    REQUIRE(row);
    REQUIRE(row->history.size() == 1);
    CHECK(row->history[0].total == 12);
    CHECK_FALSE(row->draft);
    CHECK(f.c->view().measures.find_point(r.meta.id));
    f.run(cmd::MeasureBack{});  // "Done"
    CHECK(f.c->view().screen == Screen::session);
}

TEST_CASE("measures: PHQ-9 item 9 above not at all opens the crisis screen at once") {
    Fixture f;
    f.run(cmd::ChooseMeasure{});
    f.run(cmd::StartMeasure{"phq-9", true});
    answer(f, 0, 8);
    CHECK(f.c->view().screen == Screen::questionnaire);
    answer(f, 1);  // several days
    CHECK(f.c->view().screen == Screen::crisis);
    const auto& r = only_response(f);  // kept (complete: the last question is optional), and flagged
    CHECK(r.status == journal::ResponseStatus::completed);
    REQUIRE(r.flags.size() == 1);
    CHECK(r.flags[0].find("better off dead") != std::string::npos);
    f.run(cmd::Back{});  // back to the questionnaire, at the next question
    CHECK(f.c->view().screen == Screen::questionnaire);
    CHECK(f.c->forms().measure.index == 9);
    answer(f, 0);
    CHECK(f.c->forms().measure.finished);
    CHECK(only_response(f).status == journal::ResponseStatus::completed);
    CHECK(only_response(f).flags.size() == 1);
}

TEST_CASE("measures: an interrupted questionnaire is a draft to resume") {
    Fixture f;
    f.run(cmd::ChooseMeasure{});
    f.run(cmd::StartMeasure{"gad-7", true});
    answer(f, 2, 3);
    CHECK(f.has_event(f.c->take_events(), "measure_draft_saved"));
    f.run(cmd::Go{Screen::home});
    f.run(cmd::Lock{});
    f.c->forms().unlock.pass.text = "correct horse battery";
    f.run(cmd::Unlock{});
    REQUIRE(f.c->view().unlocked);
    CHECK(f.c->forms().measure.answers.empty());  // the form was wiped on lock
    const auto* row = f.c->view().measures.find("gad-7");
    REQUIRE(row);
    REQUIRE(row->draft);
    CHECK(row->draft_answered == 3);
    CHECK(row->history.empty());  // a draft is not a result
    f.run(cmd::ChooseMeasure{});
    f.run(cmd::StartMeasure{"gad-7", true});
    CHECK(f.c->forms().measure.index == 3);
    CHECK(f.c->forms().measure.answers.size() == 3);
    answer(f, 0, 4);
    answer(f, 0);  // how difficult (problems were checked)
    CHECK(f.c->forms().measure.finished);
    const auto& r = only_response(f);  // the same record, completed
    CHECK(r.status == journal::ResponseStatus::completed);
    CHECK(*r.total == 6);
    CHECK(r.band == "mild");
}

TEST_CASE("measures: start again replaces the draft and back from the first question lists them") {
    Fixture f;
    f.run(cmd::ChooseMeasure{});
    f.run(cmd::StartMeasure{"phq-9", true});
    answer(f, 1, 2);
    f.run(cmd::StartMeasure{"phq-9", false});
    CHECK(f.c->vault()->responses().empty());
    CHECK(f.c->forms().measure.index == 0);
    f.run(cmd::MeasureBack{});
    CHECK(f.c->forms().measure.instrument.empty());
    CHECK(f.c->view().screen == Screen::questionnaire);
    f.run(cmd::StartMeasure{"no-such-thing", true});
    CHECK(f.c->view().error.find("no-such-thing") != std::string::npos);
}

TEST_CASE("measures: a score from the clinic is range checked") {
    Fixture f;
    f.run(cmd::Go{Screen::measures});
    auto& s = f.c->forms().score;
    // Saving the score as it stands is refused with a message that SAYS so.
    auto refused = [&](const char* says) {
        f.run(cmd::SaveScoreOnly{});
        return f.c->view().error.find(says) != std::string::npos;
    };
    s.instrument = "phq-9";
    s.total = "28";
    CHECK(refused("0 to 27"));
    s.total = "twelve";
    CHECK(refused("as a number"));
    s.total = "12";
    s.date = "2026-13-01";
    CHECK(refused("YYYY-MM-DD"));
    s.date = "2099-01-01";
    CHECK(refused("future"));
    CHECK(f.c->vault()->responses().empty());  // nothing was stored
    s.date = "2026-08-20";
    f.run(cmd::SaveScoreOnly{});
    CHECK(f.c->view().error.empty());
    CHECK(f.has_event(f.c->take_events(), "saved_score"));
    const auto& r = only_response(f);
    CHECK(r.status == journal::ResponseStatus::score_only);
    CHECK(*r.total == 12);
    CHECK(r.band == "moderate");
    CHECK(journal::to_local_date(r.authored.utc) == "2026-08-20");
    const auto* row = f.c->view().measures.find("phq-9");
    REQUIRE(row->history.size() == 1);
    CHECK(row->history[0].score_only);
}

TEST_CASE("measures: a broken clinic pack changes nothing and a good one is used") {
    Fixture f;
    const auto before = f.c->view().content().sources;
    f.c->forms().pack.path = (f.dir / "missing.json").string();
    f.run(cmd::ImportPack{});
    CHECK(f.c->view().error.find("missing.json") != std::string::npos);
    write_file(f.dir / "broken.json",
               R"({"format": "afterglow-pack", "format_version": 1, "checklist": [{"id": "x.y"}]})");
    f.c->forms().pack.path = (f.dir / "broken.json").string();
    f.run(cmd::ImportPack{});
    CHECK(f.c->view().error.find("broken.json") != std::string::npos);
    CHECK(f.c->view().error.find("checklist[0].label") != std::string::npos);
    CHECK(f.c->view().content().sources == before);
    CHECK(f.c->view().measures.imported_pack.empty());
    write_file(f.dir / "riverside.json", R"({"format": "afterglow-pack", "format_version": 1,
        "id": "riverside", "name": "Riverside KAP Clinic", "version": "3",
        "clinic": {"name": "Riverside KAP Clinic", "phone": "+1 555 0100"}})");
    f.c->forms().pack.path = (f.dir / "riverside.json").string();
    f.run(cmd::ImportPack{});
    CHECK(f.c->view().error.empty());
    CHECK(f.has_event(f.c->take_events(), "pack_imported"));
    REQUIRE(f.c->view().content().clinic);
    CHECK(f.c->view().content().clinic->phone == "+1 555 0100");
    CHECK(f.c->view().measures.imported_pack == "riverside.json");
    CHECK(f.c->view().measures.pack_in_use.find("riverside") != std::string::npos);
    f.run(cmd::RemovePack{});
    CHECK_FALSE(f.c->view().content().clinic);
    CHECK(f.c->view().measures.imported_pack.empty());
}

TEST_CASE("measures: the care team is saved encrypted and shown after unlock") {
    Fixture f;
    f.run(cmd::Go{Screen::settings});
    f.run(cmd::OpenCareTeam{});
    CHECK(f.c->view().screen == Screen::care_team);
    auto& t = f.c->forms().care_team.team;
    t.therapist = {"Dr. Rivera", "not a phone <>"};
    f.run(cmd::SaveCareTeam{});
    CHECK(f.c->view().error.find("phone") != std::string::npos);
    CHECK_FALSE(f.c->view().measures.care_team);
    t.therapist.phone = "+1 555 0142";
    t.trusted = {"Sam", "555 0199"};
    f.run(cmd::SaveCareTeam{});
    CHECK(f.c->view().error.empty());
    f.run(cmd::Lock{});
    CHECK_FALSE(f.c->view().measures.care_team);
    CHECK(f.c->forms().care_team.team.empty());
    f.c->forms().unlock.pass.text = "correct horse battery";
    f.run(cmd::Unlock{});
    REQUIRE(f.c->view().measures.care_team);
    CHECK(f.c->view().measures.care_team->therapist.name == "Dr. Rivera");
    CHECK(f.c->view().measures.care_team->trusted.phone == "555 0199");
}
