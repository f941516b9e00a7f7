// PDF export read back with poppler's pdftotext/pdfinfo: text in many scripts, page numbers,
// long entries flowing over pages.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "journal/export/pdf.hpp"
#include "journal/export/selection.hpp"
#include "journal/export/wording.hpp"
#include "tests/export/sample_journal.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace ex = afterglow::journal::exports;

namespace {

struct Readback {
    std::string text;
    int pages = 0;
};

Readback read_pdf(const test::TempDir& dir, const crypto::Bytes& pdf) {
    auto path = dir / "out.pdf";
    test::write_file(path, std::string(pdf.begin(), pdf.end()));
    // For looking at the output by eye: AFTERGLOW_EXPORT_KEEP=/some/dir keeps a copy.
    if (const char* keep = std::getenv("AFTERGLOW_EXPORT_KEEP"))
        std::filesystem::copy_file(path, std::filesystem::path(keep) / "export-test.pdf",
                                   std::filesystem::copy_options::overwrite_existing);
    Readback rb;
    auto text = test::run({"pdftotext", "-enc", "UTF-8", path.string(), "-"});
    REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    rb.text = text.out;
    auto info = test::run({"pdfinfo", path.string()});
    REQUIRE_MESSAGE(info.exit_code == 0, info.err);
    std::smatch m;
    REQUIRE(std::regex_search(info.out, m, std::regex("Pages:\\s+(\\d+)")));
    rb.pages = std::stoi(m[1]);
    return rb;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("pdf holds the cover / sessions / every script / and numbered pages") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto j = test::fill_sample(*v);
    ex::Selection sel;
    sel.name = "Zoë Ångström";
    auto data = ex::select(*v, sel);
    std::vector<double> progress;
    auto pdf = ex::to_pdf(data, [&](double f) { progress.push_back(f); });
    REQUIRE_MESSAGE(pdf.ok(), test::error_of(pdf));
    REQUIRE(pdf->size() > 1000);
    CHECK(std::string(pdf->begin(), pdf->begin() + 5) == "%PDF-");
    auto rb = read_pdf(dir, pdf.value());

    CHECK(rb.pages > 2);
    CHECK(has(rb.text, "a private journal, not medical advice"));  // the pack's one wording
    CHECK(has(rb.text, "Zoë Ångström"));
    CHECK(has(rb.text, "Includes: 3 sessions, 6 entries, 12 check-ins, 2 goals"));
    CHECK(has(rb.text, "Page 1 of " + std::to_string(rb.pages)));
    CHECK(has(rb.text, "Page " + std::to_string(rb.pages) + " of " + std::to_string(rb.pages)));
    CHECK_FALSE(has(rb.text, "Page " + std::to_string(rb.pages + 1) + " of"));
    // Sessions in order, with phases and their entries.
    auto p1 = rb.text.find("Preparation session");
    auto p2 = rb.text.find("Medicine session — " + data.sessions[1].phase);
    auto p3 = rb.text.find("Medicine session — " + data.sessions[2].phase);
    REQUIRE(p1 != std::string::npos);
    REQUIRE(p2 != std::string::npos);
    REQUIRE(p3 != std::string::npos);
    CHECK(p1 < p2);
    CHECK(p2 < p3);
    CHECK(has(rb.text, "Intention: What I hope to explore"));
    CHECK(has(rb.text, "I met an old memory, gently."));
    CHECK(has(rb.text, "Emotions: relief, sadness, gratitude"));
    // Accents, CJK, Hebrew and Arabic come back out as text.
    CHECK(has(rb.text, "Crème brûlée, Łódź, Ñandú."));
    CHECK(has(rb.text, "日本語の日記を書きます"));
    CHECK(has(rb.text, "中文测试"));
    CHECK((has(rb.text, "שלום") || has(rb.text, "םולש")));
    CHECK((has(rb.text, "مرحبا") || has(rb.text, "ابحرم")));
    // Check-ins: the chart's legend and axis labels are there.
    CHECK(has(rb.text, "Check-ins"));
    CHECK(has(rb.text, "PHQ-9 (0–27)"));
    CHECK(has(rb.text, "mood (0–10)"));
    CHECK(has(rb.text, "thoughts of self-harm: yes"));  // the safety question's answer
    CHECK(has(rb.text, "Sleep through the night (active)"));
    // Human words and dates (pdftotext keeps each line's words together).
    CHECK(has(rb.text, "Ketamine-assisted psychotherapy (KAP)"));
    CHECK_FALSE(has(rb.text, "Protocol kap"));
    CHECK(has(rb.text, "Started " + ex::human_time(j.med1.started->utc)));
    CHECK(has(rb.text, "Written " + ex::human_time(j.integration.meta.created.utc)));
    CHECK(has(rb.text, ex::human_time(j.checkins[0].at.utc) + " — mood 3/10"));
    CHECK_FALSE(std::regex_search(rb.text, std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d")));  // no ISO 8601 timestamp
    // The cover lists the safety answers with their dates, before the first session.
    const auto cover_end = rb.text.find("Preparation session");
    const auto safety = rb.text.find("Safety answers");
    REQUIRE(safety != std::string::npos);
    CHECK(safety < cover_end);
    std::string flat = rb.text;  // a long line may wrap: compare words, not line breaks
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    const auto yes = flat.find("⚠ " + ex::human_time(j.checkins[2].at.utc) + " — Check-in: answered yes to thoughts of harming themselves");
    const auto item9 = flat.find("⚠ " + ex::human_time(j.phq.authored.utc) + " — PHQ-9: Thoughts of being better off dead or of self-harm");
    CHECK(yes != std::string::npos);
    CHECK(item9 != std::string::npos);
    CHECK(yes < item9);
    CHECK(item9 < flat.find("Preparation session"));
    // Progress reported, rising, within 0..1.
    REQUIRE_FALSE(progress.empty());
    for (std::size_t i = 1; i < progress.size(); ++i) CHECK(progress[i] >= progress[i - 1]);
    CHECK(progress.back() <= 1.0);
}

TEST_CASE("a long entry flows across pages line by line") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto j = test::fill_sample(*v, /*long_paragraphs=*/120);
    ex::Selection sel;
    sel.sessions = {j.med2.meta.id};
    sel.include_checkins = false;
    sel.include_goals = false;
    auto pdf = ex::to_pdf(ex::select(*v, sel));
    REQUIRE(pdf.ok());
    auto rb = read_pdf(dir, pdf.value());
    CHECK(rb.pages >= 5);  // cover + several pages for one entry
    CHECK(has(rb.text, "Paragraph 1:"));
    CHECK(has(rb.text, "Paragraph 120:"));
    CHECK(has(rb.text, "The very last line of the long entry."));
    CHECK(has(rb.text, "Page 3 of " + std::to_string(rb.pages)));
}

TEST_CASE("an empty selection still renders a valid one-page PDF") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto pdf = ex::to_pdf(ex::select(*v, ex::Selection{}));
    REQUIRE(pdf.ok());
    auto rb = read_pdf(dir, pdf.value());
    CHECK(rb.pages == 1);
    CHECK(has(rb.text, "Page 1 of 1"));
    CHECK(has(rb.text, "0 sessions, 0 entries"));
    CHECK_FALSE(has(rb.text, "Safety answers"));  // nothing it could come from
}

TEST_CASE("pdf: an intention titled Intention is headed once / one check-in is singular") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    Entry e;
    e.kind = EntryKind::intention;
    e.title = "intention";
    e.body = "Only the kind as a title.";
    REQUIRE(v->save(e).ok());
    CheckIn c;
    c.at = now();
    c.scores = {{"mood", 6, 0, 10}};
    c.harm_thoughts = false;
    REQUIRE(v->save(c).ok());
    auto pdf = ex::to_pdf(ex::select(*v, ex::Selection{}));
    REQUIRE(pdf.ok());
    auto rb = read_pdf(dir, pdf.value());
    CHECK(has(rb.text, "Includes: 0 sessions, 1 entry, 1 check-in, 0 goals"));
    CHECK_FALSE(has(rb.text, "Intention: intention"));
    CHECK(has(rb.text, "Only the kind as a title."));
    CHECK(has(rb.text, "No safety answers in this export"));  // asked, answered no
}
