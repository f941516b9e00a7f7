// PDF export of very long text, read back with poppler's pdftotext: a 1 MB unbroken word
// (pango alone took 52 s for 100 KB and never finished 1 MB), and long paragraphs that are
// laid out in bounded runs lose and repeat no word.
#include <doctest/doctest.h>

#include <regex>

#include "journal/export/pdf.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace ex = afterglow::journal::exports;

namespace {

ex::ExportData one_entry(std::string body) {
    Entry e;
    e.meta.id = RecordId::random();
    e.meta.version = 1;
    e.meta.created = e.meta.updated = Timestamp{1790000000, "UTC"};
    e.title = "Long";
    e.body = std::move(body);
    ex::ExportData data;
    data.generated = e.meta.created;
    data.other_entries.push_back(std::move(e));
    return data;
}

std::string pdf_text(const test::TempDir& dir, const ex::ExportData& data) {
    auto pdf = ex::to_pdf(data);
    REQUIRE_MESSAGE(pdf.ok(), test::error_of(pdf));
    auto path = dir / "long.pdf";
    test::write_file(path, std::string(pdf->begin(), pdf->end()));
    auto text = test::run({"pdftotext", "-enc", "UTF-8", path.string(), "-"});
    REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    return text.out;
}

// pdftotext's text without the page footers, line breaks, spaces, form feeds and the
// invisible break opportunities (U+200B) the layout adds inside over-long words.
std::string squeezed(const std::string& pdf_text) {
    static const std::regex footer("Page \\d+ of \\d+\\n");
    const std::string text = std::regex_replace(pdf_text, footer, "");
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\u200b") == 0) {
            i += 2;
            continue;
        }
        char c = text[i];
        if (c != '\n' && c != ' ' && c != '\f' && c != '\r') out += c;
    }
    return out;
}

}  // namespace

TEST_CASE("a 1 MB unbroken word exports and pdftotext finds its start and end") {
    test::TempDir dir;
    std::string word;
    word.reserve(1 << 20);
    for (std::size_t i = 0; word.size() < (1u << 20); ++i) word += static_cast<char>('a' + i % 26);
    const std::string text = pdf_text(dir, one_entry("STARTOFBODY " + word + " ENDOFBODY"));
    CHECK(text.find("STARTOFBODY") != std::string::npos);
    CHECK(text.find("ENDOFBODY") != std::string::npos);
    const std::string flat = squeezed(text);
    CHECK(flat.find("STARTOFBODY" + word.substr(0, 5000)) != std::string::npos);
    CHECK(flat.find(word.substr(word.size() - 5000) + "ENDOFBODY") != std::string::npos);
}

// Scripts whose text pdftotext gives back as written (it wraps Hebrew in direction marks and
// has no text for colour emoji), in one- to three-byte UTF-8.
TEST_CASE("an unbroken word in several scripts keeps every character in order") {
    test::TempDir dir;
    const std::string pieces[] = {"abc", "é", "日本", "ж", "ü", "語", "xyz"};
    std::string word;
    for (std::size_t i = 0; word.size() < 60000; ++i) word += pieces[i % std::size(pieces)];
    const std::string flat = squeezed(pdf_text(dir, one_entry(word)));
    CHECK(flat.find(squeezed(word)) != std::string::npos);
}

TEST_CASE("a paragraph far longer than one layout run loses and repeats no word") {
    test::TempDir dir;
    std::string body;
    const int n = 12000;  // ~90 KB in one paragraph, plus short paragraphs between
    for (int i = 1; i <= n; ++i) {
        body += "w" + std::to_string(i) + (i % 3000 == 0 ? "\n\n" : " ");
    }
    const std::string text = pdf_text(dir, one_entry(body));
    std::vector<int> seen;
    const std::regex word("\\bw(\\d+)\\b");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator(); ++it)
        seen.push_back(std::stoi((*it)[1]));
    REQUIRE(seen.size() == static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        if (seen[static_cast<std::size_t>(i)] != i + 1) {
            FAIL_CHECK("word " << i + 1 << " is out of place: found w" << seen[static_cast<std::size_t>(i)]);
            break;
        }
    }
}
