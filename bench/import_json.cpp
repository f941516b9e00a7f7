// bench_import_json: reading a JSON backup (parse_backup) at 10k, 40k and 100k records:
// records/s, how the time grows (linear means the per-record time stays flat), and peak RSS
// over the file size. Each figure comes from a fresh child process (this binary re-run with
// --child) so one size's memory does not inflate the next. In the same run the old reading
// method (nlohmann's callback DOM parser over the whole text, what parse_backup did before)
// is timed on the smaller sizes as the before figure. Times are CPU seconds of the parse (the
// build machine is shared, so wall time mostly measures the neighbours); wall is shown too.
// Usage: bench_import_json [--records 10000,40000,100000] [--before-max 40000]
//                          [--empty-mib 100]
// See bench/README.md.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/secret.hpp"
#include "journal/export/backup_json.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace fs = std::filesystem;

namespace {

const char* kWords[] = {"light", "breath", "memory", "quiet", "ocean", "father", "warmth",
                        "fear", "release", "gratitude", "café", "naïve", "日記", "שלום",
                        "спокойно", "🌅", "listening", "slowly", "tomorrow", "noticed"};

std::string words(std::mt19937& rng, std::size_t bytes) {
    std::string out;
    while (out.size() < bytes) {
        out += kWords[rng() % std::size(kWords)];
        out += ' ';
    }
    return out;
}

// A mix like a real journal: mostly entries (~600 bytes of text), some check-ins and
// sessions.
std::vector<Record> make_records(std::size_t n) {
    std::mt19937 rng(42);
    std::vector<Record> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        RecordMeta m{RecordId::random(), 1 + rng() % 3,
                     Timestamp{1700000000 + static_cast<std::int64_t>(i) * 600, "Europe/Berlin"},
                     Timestamp{1700000000 + static_cast<std::int64_t>(i) * 600, "Europe/Berlin"}};
        if (i % 10 == 9) {
            CheckIn c;
            c.meta = m;
            c.at = m.created;
            c.scores = {{"mood", 6.5, 0, 10}, {"sleep", 4, 0, 10}};
            c.note = words(rng, 60);
            out.push_back(std::move(c));
        } else if (i % 50 == 0) {
            Session s;
            s.meta = m;
            s.started = m.created;
            s.provider = "Dr. Example";
            s.notes = words(rng, 120);
            out.push_back(std::move(s));
        } else {
            Entry e;
            e.meta = m;
            e.title = words(rng, 24);
            e.body = words(rng, 600);
            e.tags = {"ocean", "family"};
            e.prompts = {{"What happened?", words(rng, 80)}};
            out.push_back(std::move(e));
        }
    }
    return out;
}

// The file in one buffer of its size (as the CLI reads it), so peak RSS counts one copy.
std::string slurp(const fs::path& p) {
    std::string text(fs::file_size(p), '\0');
    std::ifstream in(p, std::ios::binary);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    return text;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// ---- child processes (one measurement each) ---------------------------------------------
int child_write(std::size_t n, const fs::path& out) {
    auto text = exports::to_backup_json(make_records(n));
    if (!text) return 1;
    std::ofstream(out, std::ios::binary) << *text;
    return 0;
}

int child_write_empty(std::size_t mib, const fs::path& out) {
    std::ofstream f(out, std::ios::binary);
    f << R"({"format":"afterglow-backup","format_version":1,"exported_at":"x","records":[)";
    const std::size_t n = (mib << 20) / 3;
    std::string chunk;
    for (int i = 0; i < 4096; ++i) chunk += "[],";
    for (std::size_t i = 0; i + 4096 < n; i += 4096) f << chunk;
    f << "[]]}";
    return 0;
}

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Prints "<wall seconds> <CPU seconds> <records or -1>"; RSS comes from the parent's wait4.
int child_parse(const fs::path& file, bool before) {
    std::string text = slurp(file);
    const double cpu0 = cpu_seconds();
    auto t0 = std::chrono::steady_clock::now();
    long n = -1;
    if (before) {
        // What parse_backup did before: a callback DOM parse of the whole text.
        std::vector<std::set<std::string>> keys;
        nlohmann::json::parser_callback_t cb = [&keys](int, nlohmann::json::parse_event_t ev,
                                                       nlohmann::json& parsed) {
            using E = nlohmann::json::parse_event_t;
            if (ev == E::object_start) keys.emplace_back();
            else if (ev == E::object_end && !keys.empty()) keys.pop_back();
            else if (ev == E::key && !keys.empty()) keys.back().insert(parsed.get<std::string>());
            return true;
        };
        auto doc = nlohmann::json::parse(text.begin(), text.end(), cb);
        n = static_cast<long>(doc["records"].size());
    } else {
        auto records = exports::parse_backup(text);
        if (records) n = static_cast<long>(records->size());

    }
    const double wall = seconds_since(t0);
    std::printf("%.6f %.6f %ld\n", wall, cpu_seconds() - cpu0, n);
    return 0;
}

// ---- the parent -------------------------------------------------------------------------
struct Measured {
    double seconds = 0;
    double cpu = 0;
    long records = -1;
    double peak_mib = 0;
};

Measured run_child(const std::vector<std::string>& args) {
    int out[2];
    if (pipe(out) != 0) std::exit(1);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        std::vector<char*> argv{const_cast<char*>("/proc/self/exe")};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv("/proc/self/exe", argv.data());
        _exit(127);
    }
    close(out[1]);
    std::string text;
    char buf[256];
    for (ssize_t got; (got = read(out[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(got));
    close(out[0]);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    Measured m;
    m.peak_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;
    if (std::sscanf(text.c_str(), "%lf %lf %ld", &m.seconds, &m.cpu, &m.records) != 3) m.records = -1;
    return m;
}

std::vector<std::size_t> parse_list(const char* s) {
    std::vector<std::size_t> out;
    std::stringstream ss(s);
    for (std::string item; std::getline(ss, item, ',');) out.push_back(std::stoul(item));
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (!crypto::init()) return 1;
    if (argc >= 4 && std::strcmp(argv[1], "--child") == 0) {
        std::string what = argv[2];
        if ((what == "write" || what == "write-empty") && argc < 5) return 2;
        if (what == "write") return child_write(std::stoul(argv[3]), argv[4]);
        if (what == "write-empty") return child_write_empty(std::stoul(argv[3]), argv[4]);
        if (what == "parse") return child_parse(argv[3], false);
        if (what == "parse-before") return child_parse(argv[3], true);
        return 2;
    }
    std::vector<std::size_t> sizes{10000, 40000, 100000};
    std::size_t before_max = 40000, empty_mib = 100;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--records")) sizes = parse_list(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--before-max")) before_max = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--empty-mib")) empty_mib = std::stoul(argv[i + 1]);
    }
    fs::path dir = fs::temp_directory_path() / ("afterglow-bench-import-" + std::to_string(getpid()));
    fs::create_directories(dir);

    std::printf("%-8s %9s %9s %9s %11s %9s %9s %22s\n", "records", "file MiB", "wall s", "CPU s",
                "records/s", "peak MiB", "RSS/file", "before: CPU s (ratio)");
    double first_per_record = 0, last_per_record = 0, last_cpu = 0, last_seconds = 0, last_rss = 0;
    std::size_t last_n = 0;
    bool all_read = true;
    for (std::size_t n : sizes) {
        const fs::path file = dir / ("backup-" + std::to_string(n) + ".json");
        run_child({"--child", "write", std::to_string(n), file.string()});
        const double file_mib = static_cast<double>(fs::file_size(file)) / (1 << 20);
        Measured m = run_child({"--child", "parse", file.string()});
        if (m.records != static_cast<long>(n)) all_read = false;
        std::string before = "-";
        if (n <= before_max) {
            Measured b = run_child({"--child", "parse-before", file.string()});
            char cell[64];
            std::snprintf(cell, sizeof cell, "%.3f (%.2fx)", b.cpu, b.cpu / m.cpu);
            before = cell;
        }
        const double per_record = m.cpu / static_cast<double>(n);
        if (!first_per_record) first_per_record = per_record;
        last_per_record = per_record;
        last_seconds = m.seconds;
        last_cpu = m.cpu;
        last_n = n;
        last_rss = m.peak_mib / file_mib;  // the target applies at scale
        std::printf("%-8zu %9.1f %9.3f %9.3f %11.0f %9.1f %8.2fx %22s\n", n, file_mib, m.seconds,
                    m.cpu, static_cast<double>(n) / m.cpu, m.peak_mib, m.peak_mib / file_mib,
                    before.c_str());
        fs::remove(file);
    }
    const fs::path empty = dir / "empty-records.json";
    run_child({"--child", "write-empty", std::to_string(empty_mib), empty.string()});
    const double empty_file_mib = static_cast<double>(fs::file_size(empty)) / (1 << 20);
    Measured e = run_child({"--child", "parse", empty.string()});
    std::printf("%zu MiB of [] records: refused in %.3f s (CPU %.3f s), peak %.1f MiB = %.2fx the file\n",
                empty_mib, e.seconds, e.cpu, e.peak_mib, e.peak_mib / empty_file_mib);
    fs::remove_all(dir);

    // Machine-readable lines for bench/run.
    std::printf("figure\tjson import: %zu records (CPU; wall %.2f s)\t%.2f s\t<= 3 s\t%s\n", last_n,
                last_seconds, last_cpu, last_cpu <= 3.0 && all_read ? "ok" : "MISSED");
    const double growth = last_per_record / first_per_record;
    std::printf("figure\tjson import: time per record, %zu vs %zu records\t%.2fx\t<= 1.5x (linear)\t%s\n",
                last_n, sizes.front(), growth, growth <= 1.5 ? "ok" : "MISSED");
    std::printf("figure\tjson import: peak RSS / file size, %zu records\t%.2fx\t<= 3x\t%s\n", last_n,
                last_rss, last_rss <= 3.0 ? "ok" : "MISSED");
    const double empty_ratio = e.peak_mib / empty_file_mib;
    std::printf("figure\tjson import: peak RSS / file, %zu MiB of []\t%.2fx\t<= 3x\t%s\n", empty_mib,
                empty_ratio, empty_ratio <= 3.0 ? "ok" : "MISSED");
    return all_read ? 0 : 1;
}
