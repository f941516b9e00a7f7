// bench_export_pdf_long: PDF export of one entry with a very long body — prose in one
// paragraph, one unbroken word, and CJK without spaces — at 100 KB and 1 MB. Prints the
// export time of each and how time per byte grows from 100 KB to 1 MB (linear layout keeps it
// flat). Before bounded layout runs, pango alone needed 52 s for a 100 KB unbroken word and
// never finished 1 MB. Usage: bench_export_pdf_long [MAX_KB] (default 1024). See
// bench/README.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "crypto/secret.hpp"
#include "journal/export/pdf.hpp"

using namespace afterglow;
using namespace afterglow::journal;

namespace {

std::string body(const std::string& shape, std::size_t bytes) {
    static const char* words[] = {"light", "breath", "memory", "quiet", "ocean", "warmth",
                                  "café", "naïve", "listening", "slowly", "noticed"};
    std::string out;
    out.reserve(bytes + 16);
    for (std::size_t i = 0; out.size() < bytes; ++i) {
        if (shape == "prose") {
            out += words[i % std::size(words)];
            out += ' ';
        } else if (shape == "unbroken") {
            out += static_cast<char>('a' + i % 26);
        } else {
            out += (i % 2) ? "思い出" : "静かな日記";
        }
    }
    return out;
}

double export_seconds(std::string text) {
    Entry e;
    e.meta.id = RecordId::random();
    e.meta.version = 1;
    e.meta.created = e.meta.updated = Timestamp{1790000000, "UTC"};
    e.title = "Long";
    e.body = std::move(text);
    exports::ExportData data;
    data.generated = e.meta.created;
    data.other_entries.push_back(std::move(e));
    auto t0 = std::chrono::steady_clock::now();
    auto pdf = exports::to_pdf(data);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!pdf) {
        std::fprintf(stderr, "pdf failed: %s\n", pdf.error().message.c_str());
        std::exit(1);
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (!crypto::init()) return 1;
    const std::size_t max_kb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1024;
    const std::size_t small = max_kb * 1024 / 10, large = max_kb * 1024;
    export_seconds(body("prose", 2000));  // fonts loaded once, outside the figures
    std::printf("%-10s %14s %14s %16s\n", "body", "100 KB (s)", "1 MB (s)", "per byte 1M/100K");
    double worst = 0, worst_growth = 0;
    for (const char* shape : {"prose", "unbroken", "cjk"}) {
        const double a = export_seconds(body(shape, small));
        const double b = export_seconds(body(shape, large));
        const double growth = (b / static_cast<double>(large)) / (a / static_cast<double>(small));
        std::printf("%-10s %14.3f %14.3f %15.2fx\n", shape, a, b, growth);
        worst = std::max(worst, b);
        worst_growth = std::max(worst_growth, growth);
    }
    std::printf("figure\tpdf: one %zu KB body, slowest shape\t%.2f s\t<= 5 s\t%s\n", max_kb, worst,
                worst <= 5.0 ? "ok" : "MISSED");
    std::printf("figure\tpdf: time per byte, %zu KB vs %zu KB body\t%.2fx\t<= 1.5x (linear)\t%s\n",
                max_kb, max_kb / 10, worst_growth, worst_growth <= 1.5 ? "ok" : "MISSED");
    return 0;
}
