// bench_age: encrypt and decrypt a 100 MB file with our age implementation and with the
// reference `age` binary in the same run, file to file, and print the times and the ratio
// ours/age (target: <= 1.2). Usage: bench_age [MiB] [repeats]  (defaults 100 MB, best of 3).
#include <spawn.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <tuple>
#include <vector>

#include "crypto/age.hpp"
#include "crypto/bytes.hpp"
#include "crypto/secret.hpp"

extern char** environ;

namespace {

namespace age = afterglow::crypto::age;
namespace fs = std::filesystem;

double g_child_cpu = 0;  // CPU seconds (user + sys) of the last spawned process

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; }

int spawn(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) return -1;
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    g_child_cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

double self_cpu() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return seconds(ru.ru_utime) + seconds(ru.ru_stime);
}

struct Timing {
    double wall = 1e30, cpu = 1e30;  // best of the repeats
};

// Runs ours and age alternately (so load changes on a shared machine hit both alike) and
// keeps the best wall-clock and CPU time of each.
void compare(int repeats, const std::function<bool()>& ours, const std::function<bool()>& theirs,
             Timing& t_ours, Timing& t_age) {
    for (int i = 0; i < repeats; ++i) {
        for (int which = 0; which < 2; ++which) {
            const double c0 = self_cpu();
            const auto t0 = std::chrono::steady_clock::now();
            const bool ok = which == 0 ? ours() : theirs();
            const auto t1 = std::chrono::steady_clock::now();
            if (!ok) {
                std::fprintf(stderr, "bench_age: a run failed\n");
                std::exit(1);
            }
            Timing& t = which == 0 ? t_ours : t_age;
            t.wall = std::min(t.wall, std::chrono::duration<double>(t1 - t0).count());
            t.cpu = std::min(t.cpu, which == 0 ? self_cpu() - c0 : g_child_cpu);
        }
    }
}

bool same_file(const fs::path& a, const fs::path& b) {
    std::ifstream x(a, std::ios::binary), y(b, std::ios::binary);
    std::vector<char> bx(1 << 20), by(1 << 20);
    while (x && y) {
        x.read(bx.data(), static_cast<std::streamsize>(bx.size()));
        y.read(by.data(), static_cast<std::streamsize>(by.size()));
        if (x.gcount() != y.gcount() ||
            !std::equal(bx.begin(), bx.begin() + x.gcount(), by.begin()))
            return false;
    }
    return !x && !y;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t mb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    if (!afterglow::crypto::init()) return 1;
    if (spawn({"age", "--version"}) != 0) {
        std::fprintf(stderr, "bench_age: the `age` binary is not installed; nothing to compare\n");
        return 1;
    }
    char tmpl[] = "/tmp/bench-age-XXXXXX";
    if (!mkdtemp(tmpl)) return 1;
    const fs::path dir = tmpl;
    const fs::path plain = dir / "plain.bin", key = dir / "key.txt";
    {
        std::ofstream out(plain, std::ios::binary);
        const auto block = afterglow::crypto::random_bytes(1 << 20);
        for (std::size_t i = 0; i < mb; ++i)
            out.write(reinterpret_cast<const char*>(block.data()),
                      static_cast<std::streamsize>(block.size()));
    }
    const auto id = age::Identity::generate();
    {
        std::ofstream k(key);
        k << age::identity_file(id);
    }
    std::vector<age::Identity> ids;
    ids.push_back(age::Identity{afterglow::crypto::SecretBuffer::copy_of(id.secret.span())});
    age::EncryptOptions eo;
    eo.recipients = {id.recipient()};
    age::DecryptOptions dopt;
    dopt.identities = &ids;

    const fs::path ours_age = dir / "ours.age", theirs_age = dir / "theirs.age",
                   ours_out = dir / "ours.out", theirs_out = dir / "theirs.out";
    auto ours_encrypt = [&] {
        std::ifstream in(plain, std::ios::binary);
        std::ofstream out(ours_age, std::ios::binary | std::ios::trunc);
        return age::encrypt_stream(in, out, eo).ok();
    };
    auto ours_decrypt = [&](const fs::path& from) {
        std::ifstream in(from, std::ios::binary);
        std::ofstream out(ours_out, std::ios::binary | std::ios::trunc);
        return age::decrypt_stream(in, out, dopt).ok();
    };

    // Warm up the page cache and both programs once.
    ours_encrypt();
    spawn({"age", "-r", id.recipient(), "-o", theirs_age.string(), plain.string()});

    Timing enc_ours, enc_age, dec_ours, dec_age;
    compare(repeats, ours_encrypt, [&] {
        return spawn({"age", "-r", id.recipient(), "-o", theirs_age.string(), plain.string()}) == 0;
    }, enc_ours, enc_age);
    // Each decrypts the other's file (interop) as well as timing.
    compare(repeats, [&] { return ours_decrypt(theirs_age); }, [&] {
        return spawn({"age", "-d", "-i", key.string(), "-o", theirs_out.string(),
                      ours_age.string()}) == 0;
    }, dec_ours, dec_age);
    const bool ours_ok = same_file(ours_out, plain);
    const bool theirs_ok = same_file(theirs_out, plain);

    const double size_mb = static_cast<double>(mb) * 1.048576;  // MiB -> MB
    auto line = [&](const char* what, const Timing& o, const Timing& a) {
        std::printf("  %s: ours %.3f s (%.0f MB/s, cpu %.3f s), age %.3f s (%.0f MB/s, cpu %.3f s)"
                    "; ours/age wall %.2f, cpu %.2f\n",
                    what, o.wall, size_mb / o.wall, o.cpu, a.wall, size_mb / a.wall, a.cpu,
                    o.wall / a.wall, o.cpu / a.cpu);
    };
    std::printf("age %zu MiB file to file, best of %d (alternating runs)\n", mb, repeats);
    line("encrypt", enc_ours, enc_age);
    line("decrypt", dec_ours, dec_age);
    std::printf("  round trips: ours decrypts age's file %s; age decrypts ours %s\n",
                ours_ok ? "ok" : "WRONG", theirs_ok ? "ok" : "WRONG");
    const bool met = enc_ours.wall / enc_age.wall <= 1.2 && dec_ours.wall / dec_age.wall <= 1.2;
    std::printf("  target ours/age <= 1.2 (wall): %s\n", met ? "met" : "NOT met");
    for (const auto& [what, o, a] : {std::tuple{"encrypt", enc_ours, enc_age}, std::tuple{"decrypt", dec_ours, dec_age}})
        std::printf("figure\tage: %s %zu MiB, ours / age binary (wall)\t%.2fx\t<= 1.2x\t%s\n", what, mb,
                    o.wall / a.wall, o.wall / a.wall <= 1.2 ? "ok" : "MISSED");
    std::error_code ec;
    fs::remove_all(dir, ec);
    return ours_ok && theirs_ok ? 0 : 1;
}
