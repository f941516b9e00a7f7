// afterglow-cli pack / careteam / measure as subprocesses, with the documented exit codes.
#include <doctest/doctest.h>

#include "tests/cli/cli_fixture.hpp"
#include "tests/support/canary.hpp"
#include "tests/support/test_support.hpp"

using afterglow::test::run;
using afterglow::test::RunResult;
using afterglow::test::Cli;
using afterglow::test::TempDir;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("cli: pack careteam and measure have --help") {
    for (const char* cmd : {"pack", "careteam", "measure"}) {
        auto r = run({afterglow::test::cli_path(), cmd, "--help"});
        CHECK_MESSAGE(r.exit_code == 0, cmd);
        CHECK_MESSAGE(r.out.find("Usage:") != std::string::npos, cmd);
    }
    Cli cli;
    cli.init();
    CHECK(cli({"pack"}).exit_code == 2);
    CHECK(cli({"measure", "frobnicate"}).exit_code == 2);
    CHECK(cli({"careteam", "set"}).exit_code == 2);
}

TEST_CASE("cli: pack import keeps the clinic pack encrypted and a broken one changes nothing") {
    Cli cli;
    cli.init();
    auto good = cli.dir / "lakeside.json";
    afterglow::test::write_file(good, R"({"format": "afterglow-pack", "format_version": 1, "id": "lakeside", "version": "1",
      "clinic": {"name": "Lakeside Ketamine Care", "phone": "555-0100"},
      "checklist": {"replace": true, "items": [{"id": "lakeside.morning", "label": "Follow the care instructions for the morning of your session"}]}})");
    auto r = cli({"pack", "import", good.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(has(r.out, "Imported lakeside.json"));
    auto bad = cli.dir / "broken.json";
    afterglow::test::write_file(bad, R"({"format": "afterglow-pack", "format_version": 1, "checklist": [{"id": "x"}]})");
    auto refused = cli({"pack", "import", bad.string()});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "afterglow-cli: broken.json: checklist[0].label is missing. Nothing was changed.\n");
    auto show = cli({"pack", "show"});
    REQUIRE(show.exit_code == 0);
    CHECK(has(show.out, "afterglow-default 2026.12.7 + lakeside 1"));
    CHECK(has(show.out, "lakeside.morning  Follow the care instructions for the morning of your session"));
    CHECK_FALSE(has(show.out, "prep.driver"));
    CHECK(has(show.out, "Clinic: Lakeside Ketamine Care  555-0100"));
    CHECK(has(show.out, "62-FIRESIDE"));
    CHECK(afterglow::test::canary_hits(cli.dir.path() / "journal.afterglow", "Lakeside Ketamine").empty());
    CHECK(cli({"pack", "import", (cli.dir / "missing.json").string()}).exit_code == 1);
    REQUIRE(cli({"pack", "remove"}).exit_code == 0);
    CHECK(has(cli({"pack", "show"}).out, "prep.driver"));
}

TEST_CASE("cli: careteam set and show") {
    Cli cli;
    cli.init();
    CHECK(has(cli({"careteam", "show"}).out, "No care team saved"));
    auto r = cli({"careteam", "set", "--therapist-name", "Dr. Ana Ruiz", "--therapist-phone", "+1 555 0142"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    REQUIRE(cli({"careteam", "set", "--trusted-name", "Jo", "--trusted-phone", "555-0199"}).exit_code == 0);
    auto show = cli({"careteam", "show"});
    CHECK(show.out == "Therapist: Dr. Ana Ruiz  +1 555 0142\nTrusted person: Jo  555-0199\n");
    auto bad = cli({"careteam", "set", "--clinic-phone", "555<0100>"});
    CHECK(bad.exit_code == 2);
    CHECK(has(bad.err, "phone number may hold"));
    CHECK(afterglow::test::canary_hits(cli.dir.path(), "Ana Ruiz").empty());
}

TEST_CASE("cli: crisis shows help without a vault and the care team with one") {
    auto bare = run({afterglow::test::cli_path(), "--vault", "/nonexistent/x.afterglow", "crisis"});
    REQUIRE(bare.exit_code == 0);
    CHECK(has(bare.out, "If you need help right now"));
    CHECK(has(bare.out, "62-FIRESIDE"));
    CHECK(has(bare.out, "not medical advice"));
    Cli cli;
    cli.init();
    REQUIRE(cli({"careteam", "set", "--therapist-name", "Dr. Ana Ruiz", "--therapist-phone", "555-0142"}).exit_code == 0);
    auto pass = cli.dir / "pass";
    afterglow::test::write_file(pass, "a calm passphrase\n");
    auto r = run({afterglow::test::cli_path(), "--vault", cli.vault, "--passphrase-file", pass.string(), "crisis"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("Therapist: Dr. Ana Ruiz  555-0142") < r.out.find("988"));
}

TEST_CASE("cli: measure score take add-score history and list") {
    Cli cli;
    cli.init();
    auto list = cli({"measure", "list"});
    REQUIRE(list.exit_code == 0);
    CHECK(has(list.out, "phq-9  PHQ-9  0–27  0 responses"));
    CHECK(has(list.out, "gad-7  GAD-7  0–21"));

    auto dry = cli({"measure", "score", "phq-9", "--answers", "1,1,1,1,1,0,0,0,0", "--dry-run"});
    REQUIRE_MESSAGE(dry.exit_code == 0, dry.err);
    CHECK(has(dry.out, "PHQ-9: 5 of 27 — mild"));
    CHECK_FALSE(has(dry.out, "If you need help"));  // item 9 at 0: nothing said about it
    CHECK(has(cli({"measure", "list"}).out, "phq-9  PHQ-9  0–27  0 responses"));

    auto few = cli({"measure", "score", "PHQ-9", "--answers", "1,1"});
    CHECK(few.exit_code == 2);
    CHECK(has(few.err, "needs an answer to question 3"));
    auto range = cli({"measure", "score", "phq9x", "--answers", "1"});
    CHECK(range.exit_code == 2);
    CHECK(has(range.err, "no instrument called 'phq9x'"));
    auto value = cli({"measure", "score", "phq-9", "--answers", "1,1,4,1,1,1,1,1,1"});
    CHECK(value.exit_code == 2);
    CHECK(has(value.err, "answer 3"));
    CHECK(has(value.err, "not one of 0, 1, 2, 3"));
    auto many = cli({"measure", "score", "gad-7", "--answers", "0,0,0,0,0,0,0,0"});
    CHECK(many.exit_code == 2);  // all 0: the difficulty question is not asked

    auto risk = cli({"measure", "score", "phq-9", "--answers", "2,2,2,2,2,2,2,2,1"});
    REQUIRE_MESSAGE(risk.exit_code == 0, risk.err);
    CHECK(has(risk.out, "PHQ-9: 17 of 27 — moderately severe; flagged:"));
    CHECK(has(risk.out, "One answer was about \"Thoughts of being better off dead or of self-harm\""));
    CHECK(has(risk.out, "If you need help right now"));
    CHECK(has(risk.out, "988"));

    // Item by item from standard input; an empty line saves a draft, the next take resumes.
    auto part = cli({"measure", "take", "gad-7"}, "2\n3\n\n");
    REQUIRE_MESSAGE(part.exit_code == 0, part.err);
    CHECK(has(part.out, "Saved as unfinished (2 answered)"));
    CHECK(has(cli({"measure", "list"}).out, "one unfinished"));
    auto rest = cli({"measure", "take", "gad-7"}, "x\n1\n0\n0\n0\n0\n1\n");
    REQUIRE_MESSAGE(rest.exit_code == 0, rest.err);
    CHECK(has(rest.err, "Resuming the unfinished GAD-7 (2 answered)"));
    CHECK(has(rest.err, "'x' is not a number; try again."));
    CHECK(has(rest.out, "GAD-7: 6 of 21 — mild"));

    auto clinic = cli({"measure", "add-score", "phq-9", "21", "--date", "2026-10-01"});
    REQUIRE_MESSAGE(clinic.exit_code == 0, clinic.err);
    CHECK(has(clinic.out, "21 of 27 — severe"));
    CHECK(cli({"measure", "add-score", "phq-9", "28"}).exit_code == 2);
    CHECK(cli({"measure", "add-score", "phq-9", "abc"}).exit_code == 2);
    auto hist = cli({"measure", "history", "phq-9"});
    REQUIRE(hist.exit_code == 0);
    CHECK(hist.out.find("2026-10-01") < hist.out.find("17 of 27"));  // oldest first
    CHECK(has(hist.out, "(score-only)"));
    CHECK(has(cli({"measure", "list"}).out, "phq-9  PHQ-9  0–27  2 responses"));
}

TEST_CASE("cli: a risk answer is named in the instrument's own words") {
    Cli cli;
    cli.init();
    auto file = cli.dir / "sleep.json";
    afterglow::test::write_file(file, R"({"resourceType": "Questionnaire", "id": "sleep", "title": "Sleep check",
      "item": [{"linkId": "nights", "type": "integer", "text": "Nights without sleep this week", "extension": [
        {"url": "urn:afterglow:fhir:risk-item", "extension": [
          {"url": "above", "valueDecimal": 4}, {"url": "message", "valueString": "Most nights without sleep"}]}]}]})");
    auto imported = cli({"measure", "import", file.string()});
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
    auto calm = cli({"measure", "score", "sleep", "--answers", "2", "--dry-run"});
    REQUIRE_MESSAGE(calm.exit_code == 0, calm.err);
    CHECK_FALSE(has(calm.out, "If you need help"));
    auto risk = cli({"measure", "take", "sleep"}, "6\n");
    REQUIRE_MESSAGE(risk.exit_code == 0, risk.err);
    CHECK(has(risk.out, "One answer was about \"Most nights without sleep\""));
    CHECK(has(risk.out, "If you need help right now"));
    CHECK_FALSE(has(risk.out, "self-harm"));  // not PHQ-9's wording
    CHECK_FALSE(has(risk.out, "a question about harming yourself"));
}

TEST_CASE("cli: measure import adds a Questionnaire and refuses a broken one") {
    Cli cli;
    cli.init();
    auto fixture = std::filesystem::path(afterglow::test::source_dir()) / "tests/fixtures/fhir/gad7-formtool.json";
    auto r = cli({"measure", "import", fixture.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(has(r.out, "Imported gad7-formtool (GAD-7 (form tool), 7 scored items, 0–21)"));
    auto s = cli({"measure", "score", "gad7", "--answers", "3,3,3,3,3,0,0"});
    REQUIRE_MESSAGE(s.exit_code == 0, s.err);
    CHECK(has(s.out, "15 of 21 — severe"));
    auto bad = cli.dir / "dup.json";
    afterglow::test::write_file(bad, R"({"resourceType": "Questionnaire", "id": "d", "item": [
        {"linkId": "a", "type": "integer"}, {"linkId": "a", "type": "integer"}]})");
    auto refused = cli({"measure", "import", bad.string()});
    CHECK(refused.exit_code == 2);
    CHECK(has(refused.err, "dup.json: item[1].linkId \"a\" is used by an earlier item too"));
}
