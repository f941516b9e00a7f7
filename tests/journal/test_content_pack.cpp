// The content pack: the default pack holds today's wording exactly; a clinic pack overrides
// or extends it; a malformed pack gets one message naming file, field and problem and changes
// nothing; the imported pack and the care team live encrypted in the vault.
#include <doctest/doctest.h>

#include "journal/content/care_team.hpp"
#include "journal/content/clinic_pack.hpp"
#include "journal/content/measures.hpp"
#include "journal/content/pack.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include "tests/support/canary.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using namespace afterglow::journal::content;

namespace {

// Loads a pack directory laid out like assets/pack (manifest.json listing its files).
Result<Pack> load_pack_dir(const std::filesystem::path& dir) {
    std::map<std::string, std::string> files;
    const auto root = dir.parent_path();
    for (const auto& f : std::filesystem::recursive_directory_iterator(root))
        if (f.is_regular_file() && f.path().extension() == ".json")
            files[std::filesystem::relative(f.path(), root).generic_string()] = test::read_file(f.path());
    return load_pack_files(files, (dir.filename() / "manifest.json").generic_string());
}

const char* kClinicPack = R"({
  "format": "afterglow-pack", "format_version": 1,
  "id": "riverside-kap", "name": "Riverside KAP Clinic", "version": "3",
  "clinic": {"name": "Riverside KAP Clinic", "phone": "+1 555 0100"},
  "checklist": {"replace": true, "items": [
    {"id": "riverside.morning", "label": "Follow the care instructions for the morning of your session"},
    {"id": "prep.driver", "label": "A designated driver or ride home is arranged"}]},
  "intention_prompts": [
    {"id": "intention.words", "heading": "A phrase to return to", "helper": "Short and kind.",
     "formerly": ["A few words to return to"]},
    {"id": "riverside.body", "heading": "What does your body need?"}],
  "emotions": {"remove": ["numb"], "items": ["spacious"]},
  "crisis": {"regions": [{"id": "US", "lines": [{"id": "riverside.oncall", "name": "Riverside on-call nurse", "phone": "+1 555 0199"}]}]}
})";

std::string pack_error(const std::string& json) {
    auto r = apply_pack(default_pack(), json, "clinic.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::invalid_argument);
    CHECK(r.error().subject == "clinic.json");
    return r.error().message;
}

}  // namespace

TEST_CASE("the default pack holds the wording the app shows today") {
    const Pack& p = default_pack();
    CHECK(p.id == "afterglow-default");
    REQUIRE(p.intention_prompts.size() == 4);
    CHECK(p.intention_prompts[0].id == "intention.explore");
    CHECK(p.intention_prompts[0].heading == "What do you hope to explore?");
    CHECK(p.intention_prompts[0].helper ==
          "A question, a feeling, a part of your life you would like to look at with fresh eyes.");
    CHECK(p.intention_prompts[3].heading == "A few words to return to");
    REQUIRE(p.integration_prompts.size() == 5);
    CHECK(p.integration_prompts[4].heading == "What I want to carry into daily life");
    CHECK(p.integration_prompts[4].helper == "Small, concrete steps you can revisit later.");
    CHECK(p.emotions.size() == 21);
    CHECK(p.emotions.front() == "calm");
    CHECK(p.emotions.back() == "overwhelmed");
    REQUIRE(p.checklist.size() == 6);
    CHECK(p.checklist[2].label == "Fasting as my provider advised (usually 4 hours)");
    REQUIRE(p.checkin_scales.size() == 5);
    CHECK(p.checkin_scales[4].id == "connection");
    CHECK(p.checkin_scales[4].question == "How connected do you feel to others? (0 alone, 10 close)");
    CHECK(p.safety.question == "Are you having thoughts of harming yourself?");
    CHECK(p.safety.answers.at(1).opens_crisis);
    CHECK_FALSE(p.safety.answers.at(0).opens_crisis);
    CHECK(p.crisis.heading == "If you need help right now");
    REQUIRE(p.crisis.steps.size() == 4);
    CHECK(p.crisis.steps[1].text ==
          "In the US, call or text 988 to reach the Suicide & Crisis Lifeline, any time of day or night.");
    const CrisisRegion* us = p.region("US");
    REQUIRE(us != nullptr);
    CHECK(us->emergency == "911");
    REQUIRE(us->lines.size() == 2);
    CHECK(us->lines[0].phone == "988");
    CHECK(us->lines[1].phone == "62-FIRESIDE");
    CHECK(us->lines[1].dial == "+16234737433");
    CHECK(p.region("GB")->emergency == "999");
    CHECK(p.region("EU")->emergency == "112");
    CHECK(p.notices.not_medical_advice == "Afterglow is a private journal, not medical advice.");
    CHECK(p.instruments.size() == 2);
}

TEST_CASE("the pack folder in assets loads like the embedded copy") {
    auto dir = load_pack_dir(std::filesystem::path(test::source_dir()) / "assets/pack");
    REQUIRE_MESSAGE(dir.ok(), test::error_of(dir));
    CHECK(dir->intention_prompts.size() == default_pack().intention_prompts.size());
    CHECK(dir->instruments.size() == 2);
    CHECK(embedded_assets().count("instruments/phq-9.json") == 1);
    CHECK(embedded_assets().at("pack/manifest.json") ==
          test::read_file(std::filesystem::path(test::source_dir()) / "assets/pack/manifest.json"));
}

TEST_CASE("a clinic pack overrides and extends the default") {
    auto r = apply_pack(default_pack(), kClinicPack, "riverside.json");
    REQUIRE_MESSAGE(r.ok(), test::error_of(r));
    const Pack& p = *r;
    REQUIRE(p.checklist.size() == 2);
    CHECK(p.checklist[0].label == "Follow the care instructions for the morning of your session");
    REQUIRE(p.intention_prompts.size() == 5);
    CHECK(p.intention_prompt("intention.words")->heading == "A phrase to return to");
    CHECK(p.intention_prompts[4].id == "riverside.body");
    CHECK(p.intention_prompt("intention.explore")->heading == "What do you hope to explore?");
    CHECK(std::find(p.emotions.begin(), p.emotions.end(), "numb") == p.emotions.end());
    CHECK(p.emotions.back() == "spacious");
    REQUIRE(p.clinic.has_value());
    CHECK(p.clinic->phone == "+1 555 0100");
    const CrisisRegion* us = p.region("US");
    REQUIRE(us->lines.size() == 3);  // 988 and Fireside kept, the clinic's line added
    CHECK(us->name == "United States");
    CHECK(p.sources.back() == "riverside-kap 3");
    // The default is untouched.
    CHECK(default_pack().checklist.size() == 6);
    CHECK(default_pack().intention_prompts.size() == 4);
}

TEST_CASE("a malformed pack gets one message naming file field and problem") {
    CHECK(pack_error("{") .find("clinic.json: is not valid JSON") == 0);
    CHECK(pack_error(R"({"format": "other", "format_version": 1})") ==
          "clinic.json: format must be \"afterglow-pack\" (this is not an Afterglow content pack). Nothing was changed.");
    CHECK(pack_error(R"({"format": "afterglow-pack", "format_version": 9})").find("format_version is 9") != std::string::npos);
    CHECK(pack_error(R"({"format": "afterglow-pack", "format_version": 1, "checklsit": []})") ==
          "clinic.json: checklsit is not a known field. Nothing was changed.");
    CHECK(pack_error(R"({"format": "afterglow-pack", "format_version": 1, "checklist": [{"label": "x"}]})") ==
          "clinic.json: checklist[0].id is missing. Nothing was changed.");
    CHECK(pack_error(R"({"format": "afterglow-pack", "format_version": 1, "checklist": [{"id": "a", "label": ""}]})") ==
          "clinic.json: checklist[0].label must not be empty. Nothing was changed.");
    CHECK(pack_error(R"({"format": "afterglow-pack", "format_version": 1, "checklist": [{"id": "a", "label": "x"}, {"id": "a", "label": "y"}]})")
              .find("checklist[1] repeats the id \"a\"") != std::string::npos);
    CHECK(pack_error(R"({"format": "afterglow-pack", "format_version": 1, "emotions": {"remove": ["nope"]}})")
              .find("emotions.remove[0] \"nope\" is not in the pack") != std::string::npos);
    CHECK(pack_error(R"({"format": "afterglow-pack", "format_version": 1, "intention_prompts": {"replace": true}})")
              .find("intention_prompts must keep at least one prompt") != std::string::npos);
    CHECK(pack_error(R"({"format": "afterglow-pack", "format_version": 1, "instruments": ["phq-9.json"]})")
              .find("instruments[0] is a file name") != std::string::npos);
    CHECK(pack_error(R"({"format": "afterglow-pack", "format_version": 1, "instruments": [{"resourceType": "Questionnaire", "id": "q", "item": [{"type": "integer"}]}]})")
              == "clinic.json: instruments[0].item[0].linkId is missing. Nothing was changed.");
    CHECK(pack_error("{\"format\": \"afterglow-pack\", \"format_version\": 1, \"name\": \"\xff\"}")
              .find("not valid UTF-8") != std::string::npos);
    CHECK(pack_error(R"({"format": "afterglow-pack", "format_version": 1, "crisis": {"regions": [{"id": "ZZ"}]}})")
              .find("crisis.regions[0].name is missing") != std::string::npos);
}

TEST_CASE("the imported pack lives encrypted in the vault and a broken one changes nothing") {
    test::TempDir dir;
    auto path = dir / "v.afterglow";
    {
        auto v = test::make_vault(path);
        auto r = import_pack(*v, kClinicPack, "riverside.json");
        REQUIRE_MESSAGE(r.ok(), test::error_of(r));
        auto before = v->stats();
        auto docs = v->documents();
        auto bad = import_pack(*v, R"({"format": "afterglow-pack", "format_version": 1, "checklist": 3})", "broken.json");
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().message.find("broken.json: checklist must be a list") == 0);
        CHECK(v->documents().size() == docs.size());
        CHECK(v->documents().at(0).body == docs.at(0).body);
        CHECK(v->stats().file_bytes == before.file_bytes);
    }
    // Which clinic this is shows nowhere in the files (plain, UTF-16, base64, hex).
    CHECK(test::canary_hits(dir.path(), "Riverside KAP").empty());
    CHECK(test::canary_hits(dir.path(), "riverside.morning").empty());
    auto v = Vault::open(path);
    REQUIRE(v.ok());
    REQUIRE((*v)->unlock("correct horse").ok());
    auto active = active_pack(**v);
    CHECK(active.imported_name == "riverside.json");
    CHECK(active.problems.empty());
    CHECK(active.pack.checklist.at(0).id == "riverside.morning");
    REQUIRE(remove_imported_pack(**v).ok());
    CHECK(active_pack(**v).pack.checklist.size() == 6);
}

TEST_CASE("the care team is stored encrypted and read back") {
    test::TempDir dir;
    auto path = dir / "v.afterglow";
    CareTeam team;
    team.therapist = {"Dr. Marisol Quintero-Lake", "+1 (555) 010-2030"};
    team.clinic = {"Lakeside Ketamine Care", "555-0100"};
    team.trusted = {"Sam", "62-SAM-HOME"};
    {
        auto v = test::make_vault(path);
        CHECK_FALSE(load_care_team(*v).has_value());
        REQUIRE(save_care_team(*v, team).ok());
        team.trusted.name = "Sam Okafor";
        REQUIRE(save_care_team(*v, team).ok());  // replaces, one record
        CHECK(v->documents().size() == 1);
        CareTeam bad = team;
        bad.clinic.phone = "call me <maybe>";
        auto st = save_care_team(*v, bad);
        REQUIRE_FALSE(st.ok());
        CHECK(st.error().message.find("clinic's phone number") != std::string::npos);
        CHECK(load_care_team(*v)->clinic.phone == "555-0100");
    }
    CHECK(test::canary_hits(dir.path(), "Quintero-Lake").empty());
    auto v = Vault::open(path);
    REQUIRE(v.ok());
    REQUIRE((*v)->unlock("correct horse").ok());
    auto loaded = load_care_team(**v);
    REQUIRE(loaded.has_value());
    CHECK(*loaded == team);
    REQUIRE(save_care_team(**v, CareTeam{}).ok());  // empty: removed
    CHECK_FALSE(load_care_team(**v).has_value());
}

TEST_CASE("a questionnaire draft resumes and completes as one record") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    const Instrument& phq = *default_pack().instrument("phq-9");
    auto items = phq.scored_items();
    std::vector<Answer> first;
    for (std::size_t i = 0; i < 4; ++i) first.push_back({items[i]->link_id, std::size_t{2}, std::nullopt});
    auto draft = save_answers(*v, phq, first);
    REQUIRE(draft.ok());
    CHECK(draft->status == ResponseStatus::in_progress);
    CHECK_FALSE(draft->total.has_value());
    const MeasureResponse* found = find_draft(*v, "phq-9");
    REQUIRE(found != nullptr);
    auto resumed = answers_of(*found, phq);
    CHECK(resumed.size() == 4);
    for (std::size_t i = 4; i < 9; ++i) resumed.push_back({items[i]->link_id, std::size_t{1}, std::nullopt});
    auto done = save_answers(*v, phq, resumed, found);
    REQUIRE(done.ok());
    CHECK(done->status == ResponseStatus::completed);
    CHECK(done->total == 13);
    CHECK(done->band == "moderate");
    CHECK(done->flags.size() == 1);  // item 9 answered "Several days"
    CHECK(v->responses().size() == 1);
    CHECK(find_draft(*v, "phq-9") == nullptr);
    auto clinic = make_score_only(phq, 7, Timestamp{1796000000, "UTC"});
    REQUIRE(clinic.ok());
    REQUIRE(v->save(*clinic).ok());
    auto h = history(*v, "phq-9");
    REQUIRE(h.size() == 2);
    CHECK(h[0]->total == 7);  // oldest first
}
