// The content pack: every word of guidance the app shows, as data with stable ids
// (assets/README.md, docs/content.md). The default pack ships in assets/ (embedded in the
// build); a clinic's or the patient's pack file overrides or extends it and is kept inside the
// vault (clinic_pack.hpp). No I/O here except reading the Questionnaire files a pack folder
// names (apply_pack's `dir`); no GUI.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/result.hpp"
#include "journal/content/instrument.hpp"

namespace afterglow::journal::content {

inline constexpr const char* kPackFormat = "afterglow-pack";
inline constexpr int kPackFormatVersion = 1;

struct Prompt {
    std::string id, heading, helper;
    std::vector<std::string> formerly;  // earlier headings (answers saved under them map here)
};

struct ChecklistDef {
    std::string id, label;
    std::vector<std::string> formerly;
};

struct ScaleDef {
    std::string id;        // also the stored Score::measure ("mood")
    std::string question;  // "How is your mood? (0 very low, 10 very good)"
    double min = 0, max = 10;
};

struct SafetyAnswer {
    std::string id, label;
    bool opens_crisis = false;
};

struct SafetyQuestion {
    std::string id, question;
    std::vector<SafetyAnswer> answers;
};

struct CrisisStep {
    std::string id, text;
    std::vector<std::string> regions;  // empty: everywhere
};

struct CrisisLine {
    std::string id, name, phone;
    std::string dial;   // digits to dial when `phone` has letters ("62-FIRESIDE")
    std::string text;   // number that takes text messages, if any
    std::string hours, note;
};

struct CrisisRegion {
    std::string id, name, emergency;  // "US", "United States", "911"
    std::vector<CrisisLine> lines;
};

struct Crisis {
    std::string heading, intro;
    std::vector<CrisisStep> steps;
    std::vector<CrisisRegion> regions;
};

struct Notices {
    std::string not_medical_advice;     // the one wording, used everywhere
    std::string not_emergency_service;
    std::string ask_care_team;
};

// A journey text (welcome pages, reminders, schedule suggestions): `heading` and `body`,
// shown by id. Reminder texts go into desktop notifications: they never hold journal text.
struct JourneyText {
    std::string id, heading, body;
};

struct ClinicContact {  // an imported pack's clinic: shown on the crisis screen
    std::string name, phone, note;
};

struct Pack {
    std::string id, name, version;  // of the last pack applied
    std::vector<std::string> sources;  // "afterglow-default 2026.12.1", then imported packs
    Notices notices;
    std::vector<Prompt> intention_prompts, integration_prompts;
    std::vector<std::string> emotions;
    std::vector<ChecklistDef> checklist;
    std::vector<ScaleDef> checkin_scales;
    SafetyQuestion safety;
    Crisis crisis;
    std::optional<ClinicContact> clinic;
    std::vector<Instrument> instruments;
    std::vector<JourneyText> welcome;        // the first-run welcome's pages, in order
    std::vector<JourneyText> journey_texts;  // reminders and suggestions, by id

    const Prompt* intention_prompt(std::string_view id) const;
    const ScaleDef* scale(std::string_view id) const;
    const CrisisRegion* region(std::string_view id) const;
    const JourneyText* journey_text(std::string_view id) const;
    // Instrument by id, name or title, any case ("phq-9", "PHQ-9", "phq9" is not matched).
    const Instrument* instrument(std::string_view name) const;
};

// Reads a pack file's JSON over `base`: sections present override or extend it (by id; see
// docs/content.md), sections absent keep `base`. `file` names the file in messages; `dir` is
// where instrument paths are resolved (empty: a single-file pack, instruments must be inline).
// On any problem: one Errc::invalid_argument naming the file, the field and the problem, and
// `base` is untouched (the result is a new Pack).
Result<Pack> apply_pack(const Pack& base, std::string_view json_text, std::string_view file,
                        const std::filesystem::path& dir = {});

// The default pack as shipped (embedded from assets/ at build time). Never fails at run time:
// a broken asset fails the build's tests.
const Pack& default_pack();
// The embedded asset files (path relative to assets/ -> text), for tests and `pack show`.
const std::map<std::string, std::string>& embedded_assets();
// Builds the default pack from embedded (or given) asset files.
Result<Pack> load_pack_files(const std::map<std::string, std::string>& files,
                             const std::string& manifest = "pack/manifest.json");

}  // namespace afterglow::journal::content
