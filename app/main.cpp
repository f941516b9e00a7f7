// afterglow: the desktop journal. A thin shell: parse arguments, then run the platform loop.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/platform.hpp"
#include "journal/content/pack.hpp"

namespace {

void usage() {
    std::puts(
        "Usage: afterglow [--vault PATH]\n"
        "  A private, encrypted journal for ketamine-assisted psychotherapy.\n"
        "  --vault PATH   use this journal file (default: $XDG_DATA_HOME/afterglow/journal.afterglow)");
    std::puts(afterglow::journal::content::default_pack().notices.not_medical_advice.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    const auto launched = std::chrono::steady_clock::now();
    afterglow::app::AppOptions o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--vault" && i + 1 < argc) {
            o.vault_path = argv[++i];
        } else if (a == "--insecure-test-kdf") {  // hidden: tests only (fast, weak KDF)
            o.insecure_test_kdf = true;
        } else if (a == "--help" || a == "-h") {
            usage();
            return 0;
        } else {
            std::fprintf(stderr, "afterglow: unknown option %s\n", a.c_str());
            usage();
            return 2;
        }
    }
    if (const char* h = std::getenv("AFTERGLOW_TEST_HOOKS")) o.hooks = std::strcmp(h, "1") == 0;
    if (const char* k = std::getenv("AFTERGLOW_HOOK_KEY")) o.hook_key = k;
    if (const char* b = std::getenv("AFTERGLOW_BENCH")) o.bench = b;
    o.assets_dir = AFTERGLOW_ASSETS_DIR;
    if (const char* a = std::getenv("AFTERGLOW_ASSETS")) o.assets_dir = a;
    if (!afterglow::app::display_available()) {
        afterglow::app::print_no_display("DISPLAY is not set");
        return 1;
    }
    return afterglow::app::run_app(o, launched);
}
