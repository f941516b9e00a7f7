// bench_export_pdf: renders a PDF of 10,000 entries (~2 KB of varied text each, several
// scripts) plus sessions and check-ins, and reports wall time, pages, output size and peak
// RSS. Usage: bench_export_pdf [ENTRIES] (default 10000). See bench/README.md.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "crypto/kdf.hpp"
#include "journal/export/pdf.hpp"
#include "journal/export/selection.hpp"
#include "bench/setup.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using bench::peak_rss_kib;

namespace {

const char* kWords[] = {
    "light", "breath", "memory", "quiet", "ocean", "father", "warmth", "fear", "release",
    "gratitude", "integration", "session", "music", "felt", "held", "open", "sky", "garden",
    "café", "naïve", "Ångström", "señal", "żółw", "日記", "思い出", "静か", "שלום", "مرحبا",
    "спокойно", "γαλήνη", "🌅", "listening", "slowly", "tomorrow", "noticed", "body", "tears"};

std::string paragraph(std::mt19937& rng, std::size_t bytes) {
    std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
    std::string out;
    while (out.size() < bytes) {
        out += kWords[pick(rng)];
        out += (rng() % 11 == 0) ? ". " : " ";
        if (rng() % 97 == 0) out += "\n\n";
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 10000;
    if (!crypto::init()) return 1;
    auto dir = std::filesystem::temp_directory_path() /
               ("afterglow-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto created = bench::fast_vault(dir / "bench.afterglow");
    if (!created) return 1;
    auto& vault = *created;

    std::mt19937 rng(42);
    const std::int64_t t0 = 1780000000;
    std::vector<Record> records;
    std::vector<RecordId> sessions;
    for (int s = 0; s < 40; ++s) {
        Session ses;
        ses.meta.id = RecordId::random();
        ses.meta.version = 1;
        ses.meta.created = ses.meta.updated = Timestamp{t0 + s * 7 * 86400, "Europe/Berlin"};
        ses.kind = SessionKind::medicine;
        ses.route = Route::im;
        ses.started = Timestamp{t0 + s * 7 * 86400, "Europe/Berlin"};
        ses.ended = Timestamp{t0 + s * 7 * 86400 + 7200, "Europe/Berlin"};
        ses.notes = paragraph(rng, 400);
        sessions.push_back(ses.meta.id);
        records.emplace_back(std::move(ses));
    }
    for (int i = 0; i < n; ++i) {
        Entry e;
        e.meta.id = RecordId::random();
        e.meta.version = 1;
        e.meta.created = e.meta.updated = Timestamp{t0 + i * 2400, "Europe/Berlin"};
        e.kind = static_cast<EntryKind>(i % 4);
        e.title = "Entry " + std::to_string(i + 1);
        e.body = paragraph(rng, 1600);
        e.prompts = {{"What happened?", paragraph(rng, 250)}, {"What will you carry?", paragraph(rng, 150)}};
        e.emotions = {"calm", "hope"};
        e.tags = {"bench"};
        if (i % 3 != 0) e.session = sessions[static_cast<std::size_t>(i) % sessions.size()];
        records.emplace_back(std::move(e));
    }
    for (int i = 0; i < 300; ++i) {
        CheckIn c;
        c.meta.id = RecordId::random();
        c.meta.version = 1;
        c.meta.created = c.meta.updated = Timestamp{t0 + i * 86400, "Europe/Berlin"};
        c.at = c.meta.created;
        c.scores = {{"mood", double(rng() % 11), 0, 10}, {"anxiety", double(rng() % 11), 0, 10},
                    {"sleep", double(rng() % 11), 0, 10}};
        records.emplace_back(std::move(c));
    }
    if (auto st = vault.save_all(std::move(records)); !st) {
        std::fprintf(stderr, "save_all failed: %s\n", st.error().message.c_str());
        return 1;
    }
    const long rss_before = peak_rss_kib();

    auto start = std::chrono::steady_clock::now();
    auto data = exports::select(vault, exports::Selection{});
    auto snap = std::chrono::steady_clock::now();
    auto pdf = exports::to_pdf(data);
    auto end = std::chrono::steady_clock::now();
    if (!pdf) {
        std::fprintf(stderr, "pdf failed: %s\n", pdf.error().message.c_str());
        return 1;
    }
    std::filesystem::path out = dir / "bench.pdf";
    {
        std::FILE* f = std::fopen(out.c_str(), "wb");
        std::fwrite(pdf->data(), 1, pdf->size(), f);
        std::fclose(f);
    }
    std::string cmd = "pdfinfo '" + out.string() + "' 2>/dev/null | awk '/^Pages:/{print $2}'";
    int pages = 0;
    if (std::FILE* p = ::popen(cmd.c_str(), "r")) {
        if (std::fscanf(p, "%d", &pages) != 1) pages = 0;
        ::pclose(p);
    }
    auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    std::printf("entries            %d (+40 sessions, 300 check-ins)\n", n);
    std::printf("snapshot           %.3f s\n", secs(start, snap));
    std::printf("pdf render         %.2f s (two passes: measure, draw)\n", secs(snap, end));
    std::printf("pages              %d\n", pages);
    std::printf("pdf size           %.1f MiB\n", static_cast<double>(pdf->size()) / (1 << 20));
    std::printf("peak RSS           %.0f MiB (%.0f MiB before rendering)\n",
                static_cast<double>(peak_rss_kib()) / 1024, static_cast<double>(rss_before) / 1024);
    std::printf("figure\tpdf: %d entries, render (reported, no target)\t%.2f s\t-\t-\n", n, secs(snap, end));
    created.reset();
    std::filesystem::remove_all(dir);
    return 0;
}
