// bench_export_pdf_long: PDF export of one entry with a very long body — prose in one
// paragraph, one unbroken word, and CJK without spaces — at 100 KB and 1 MB. Prints the
// export time of each and how time per byte grows from 100 KB to 1 MB (linear layout keeps it
// flat). Before bounded layout runs, pango alone needed 52 s for a 100 KB unbroken word and
// never finished 1 MB. Usage: bench_export_pdf_long [MAX_KB] (default 1024). See
// bench/README.md.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "crypto/secret.hpp"
#include "bench/setup.hpp"
#include "journal/export/pdf.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using bench::cpu_seconds;

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

struct Times {
    double wall, cpu;
};

// Wall and CPU seconds of one export (the build machine is shared: CPU time is what the
// export itself costs, wall time includes waiting for the neighbours).
Times export_seconds(std::string text) {
    Entry e;
    e.meta.id = RecordId::random();
    e.meta.version = 1;
    e.meta.created = e.meta.updated = Timestamp{1790000000, "UTC"};
    e.title = "Long";
    e.body = std::move(text);
    exports::ExportData data;
    data.generated = e.meta.created;
    data.other_entries.push_back(std::move(e));
    const double c0 = cpu_seconds();
    auto t0 = std::chrono::steady_clock::now();
    auto pdf = exports::to_pdf(data);
    Times s{std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), cpu_seconds() - c0};
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
    const std::string a_head = std::to_string(small / 1024) + " KB: CPU s (wall)";
    const std::string b_head = std::to_string(large / 1024) + " KB: CPU s (wall)";
    std::printf("%-10s %22s %22s %18s\n", "body", a_head.c_str(), b_head.c_str(), "CPU per byte");
    double worst = 0, worst_wall = 0, worst_growth = 0;
    for (const char* shape : {"prose", "unbroken", "cjk"}) {
        const Times a = export_seconds(body(shape, small));
        const Times b = export_seconds(body(shape, large));
        const double growth = (b.cpu / static_cast<double>(large)) / (a.cpu / static_cast<double>(small));
        std::printf("%-10s %13.3f (%6.3f) %13.3f (%6.3f) %17.2fx\n", shape, a.cpu, a.wall, b.cpu, b.wall, growth);
        if (b.cpu > worst) worst = b.cpu, worst_wall = b.wall;
        worst_growth = std::max(worst_growth, growth);
    }
    std::printf("figure\tpdf: one %zu KB body, slowest shape (CPU; wall %.2f s)\t%.2f s\t<= 5 s\t%s\n", max_kb,
                worst_wall, worst, worst <= 5.0 ? "ok" : "MISSED");
    std::printf("figure\tpdf: time per byte, %zu KB vs %zu KB body\t%.2fx\t<= 1.5x (linear)\t%s\n",
                max_kb, max_kb / 10, worst_growth, worst_growth <= 1.5 ? "ok" : "MISSED");
    return 0;
}
