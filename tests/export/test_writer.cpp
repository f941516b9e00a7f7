// export_to_file: encrypted by default (opened with the real `age`), plaintext only when
// confirmed, atomic (no temp file or partial file left behind on failure), mode 0600.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crypto/age.hpp"
#include "crypto/bytes.hpp"
#include "journal/export/atomic_file.hpp"
#include "journal/export/backup_json.hpp"
#include "journal/export/writer.hpp"
#include "tests/export/sample_journal.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace ex = afterglow::journal::exports;
namespace fs = std::filesystem;

namespace {

// The canary in every encoding a leak could take.
std::vector<std::string> canary_forms() {
    std::vector<std::string> forms{test::kCanary, crypto::to_hex(crypto::as_bytes(test::kCanary))};
    std::string utf16;
    for (char c : test::kCanary) {
        utf16 += c;
        utf16 += '\0';
    }
    forms.push_back(utf16);
    // base64 at each of the three alignments (drop the edge characters that depend on
    // neighbouring bytes).
    for (int shift = 0; shift < 3; ++shift) {
        std::string padded = std::string(static_cast<std::size_t>(shift), 'x') + test::kCanary;
        std::string b64 = crypto::to_base64(crypto::as_bytes(padded), false);
        std::size_t skip = shift == 0 ? 0 : 4;
        forms.push_back(b64.substr(skip, b64.size() - skip - 4));
    }
    return forms;
}

void check_no_canary(const std::string& bytes) {
    for (const auto& form : canary_forms()) {
        INFO("canary form of " << form.size() << " bytes");
        CHECK(bytes.find(form) == std::string::npos);
    }
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    return out;
}

struct Keys {
    crypto::age::Identity id = crypto::age::Identity::generate();
    fs::path file;
};

Keys make_keys(const test::TempDir& dir) {
    Keys k;
    k.file = dir / "therapist.key";
    test::write_file(k.file, crypto::age::identity_file(k.id));
    return k;
}

ex::ExportData sample_data(const test::TempDir& dir) {
    auto v = test::make_vault(dir / "v.afterglow");
    test::fill_sample(*v);
    return ex::snapshot_all(*v);
}

}  // namespace

TEST_CASE("encrypted exports open with the age binary and show no canary") {
    test::TempDir dir;
    auto data = sample_data(dir);
    auto keys = make_keys(dir);
    ex::Protection p;
    p.recipients = {keys.id.recipient()};

    for (auto fmt : {ex::Format::markdown, ex::Format::pdf, ex::Format::json, ex::Format::ics}) {
        INFO("format " << ex::to_string(fmt));
        auto out = dir / (std::string("export") + ex::extension(fmt) + ".age");
        std::vector<double> progress;
        auto st = ex::export_to_file(data, fmt, p, out, [&](double f) { progress.push_back(f); });
        REQUIRE_MESSAGE(st.ok(), test::error_of(st));
        REQUIRE(fs::exists(out));
        struct stat sb{};
        REQUIRE(::stat(out.c_str(), &sb) == 0);
        CHECK((sb.st_mode & 0777) == 0600);
        const std::string file = test::read_file(out);
        CHECK(file.rfind("age-encryption.org/v1\n", 0) == 0);
        check_no_canary(file);
        REQUIRE_FALSE(progress.empty());
        CHECK(progress.back() == doctest::Approx(1.0));

        auto r = test::run({"age", "-d", "-i", keys.file.string(), out.string()});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        if (fmt == ex::Format::pdf) CHECK(r.out.rfind("%PDF-", 0) == 0);
        if (fmt == ex::Format::markdown) CHECK(r.out.find(test::kCanary) != std::string::npos);
        if (fmt == ex::Format::ics) CHECK(r.out.rfind("BEGIN:VCALENDAR", 0) == 0);
        if (fmt == ex::Format::json) {
            auto records = ex::parse_backup(r.out);
            REQUIRE(records.ok());
            CHECK(records->size() == data.records().size());
        }
    }
}

TEST_CASE("a passphrase-protected export decrypts with that passphrase only") {
    test::TempDir dir;
    auto data = sample_data(dir);
    ex::Protection p;
    p.passphrase = "therapist shares this by phone";
    p.scrypt_log2n = 10;  // fast for the test
    auto out = dir / "backup.age";
    REQUIRE(ex::export_to_file(data, ex::Format::json, p, out).ok());
    const std::string file = test::read_file(out);
    check_no_canary(file);
    crypto::age::DecryptOptions d;
    d.passphrase = "therapist shares this by phone";
    auto plain = crypto::age::decrypt(crypto::as_bytes(file), d);
    REQUIRE(plain.ok());
    CHECK(ex::parse_backup(crypto::as_text(plain.value())).ok());
    d.passphrase = "wrong";
    auto bad = crypto::age::decrypt(crypto::as_bytes(file), d);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Errc::wrong_passphrase);
}

TEST_CASE("plaintext needs confirmation - backups are never plaintext") {
    test::TempDir dir;
    auto data = sample_data(dir);
    ex::Protection none;
    for (auto fmt : {ex::Format::markdown, ex::Format::pdf, ex::Format::ics}) {
        auto out = dir / (std::string("plain") + ex::extension(fmt));
        auto st = ex::export_to_file(data, fmt, none, out);
        REQUIRE_FALSE(st.ok());
        CHECK(st.error().code == Errc::invalid_argument);
        CHECK(st.error().message.find("readable by anyone who gets it") != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
    ex::Protection confirmed;
    confirmed.plaintext_confirmed = true;
    auto json = ex::export_to_file(data, ex::Format::json, confirmed, dir / "b.json");
    REQUIRE_FALSE(json.ok());
    CHECK(json.error().message.find("always encrypted") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "b.json"));

    auto md = dir / "plain.md";
    REQUIRE(ex::export_to_file(data, ex::Format::markdown, confirmed, md).ok());
    CHECK(test::read_file(md).find(test::kCanary) != std::string::npos);  // deliberate
    struct stat sb{};
    REQUIRE(::stat(md.c_str(), &sb) == 0);
    CHECK((sb.st_mode & 0777) == 0600);

    ex::Protection bad_recipient;
    bad_recipient.recipients = {"age1notavalidkey"};
    auto st = ex::export_to_file(data, ex::Format::pdf, bad_recipient, dir / "x.pdf");
    REQUIRE_FALSE(st.ok());
    // Says what to check, in words for people: not "bech32" or "checksum".
    CHECK(st.error().message == "That age key is not complete or has a typo: check that you copied your therapist's "
                                "whole key (it starts with \"age1\" and is 62 characters long, with no spaces) and "
                                "that no character was changed. It has 16 characters.");
    bad_recipient.recipients = {"ssh-ed25519 AAAA"};
    st = ex::export_to_file(data, ex::Format::pdf, bad_recipient, dir / "x.pdf");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message == "That is not an age key: your therapist's key starts with \"age1\". Check that you "
                                "pasted their public key, not something else.");
    auto typo = crypto::age::Identity::generate().recipient();  // a real key with one character changed
    typo[20] = typo[20] == 'q' ? 'p' : 'q';
    bad_recipient.recipients = {typo};
    st = ex::export_to_file(data, ex::Format::pdf, bad_recipient, dir / "x.pdf");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("has a typo") != std::string::npos);
    CHECK(st.error().message.find("It has 62 characters.") != std::string::npos);
    CHECK(st.error().message.find("bech32") == std::string::npos);
}

TEST_CASE("failed exports leave no temp file and no partial file") {
    test::TempDir dir;
    auto data = sample_data(dir);
    ex::Protection confirmed;
    confirmed.plaintext_confirmed = true;

    SUBCASE("missing folder") {
        auto st = ex::export_to_file(data, ex::Format::pdf, confirmed, dir / "nope" / "a.pdf");
        REQUIRE_FALSE(st.ok());
        CHECK(st.error().code == Errc::not_found);
        CHECK(st.error().message.find("does not exist") != std::string::npos);
    }
    SUBCASE("destination is a folder") {
        fs::create_directory(dir / "out");
        auto st = ex::export_to_file(data, ex::Format::markdown, confirmed, dir / "out");
        REQUIRE_FALSE(st.ok());
        CHECK(fs::is_empty(dir / "out"));
    }
    SUBCASE("read-only folder") {
        fs::create_directory(dir / "ro");
        fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
        auto st = ex::export_to_file(data, ex::Format::markdown, confirmed, dir / "ro" / "a.md");
        if (::geteuid() != 0) {  // root writes anyway
            REQUIRE_FALSE(st.ok());
            CHECK(st.error().code == Errc::read_only);
        }
        fs::permissions(dir / "ro", fs::perms::owner_all);
        for (const auto& n : names_in(dir / "ro")) CHECK(n.rfind(ex::kTempPrefix, 0) != 0);
    }
    SUBCASE("write fails half way (file size limit): temp file removed, old file intact") {
        const auto out = dir / "exports" / "journal.pdf";
        fs::create_directory(dir / "exports");
        test::write_file(out, "previous export");
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            signal(SIGXFSZ, SIG_IGN);
            rlimit lim{4096, 4096};
            setrlimit(RLIMIT_FSIZE, &lim);
            auto st = ex::export_to_file(data, ex::Format::pdf, confirmed, out);
            _exit(st.ok() ? 0 : 10);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 10);
        CHECK(test::read_file(out) == "previous export");
    }
    for (const auto& sub : {dir.path(), dir / "exports"}) {
        if (!fs::exists(sub)) continue;
        for (const auto& n : names_in(sub)) {
            INFO(n);
            CHECK(n.rfind(ex::kTempPrefix, 0) != 0);
        }
    }
}

TEST_CASE("write_file_atomic replaces an existing file and refuses an empty name") {
    test::TempDir dir;
    auto out = dir / "f.bin";
    test::write_file(out, "old");
    std::string data(100000, 'z');
    REQUIRE(ex::write_file_atomic(out, crypto::as_bytes(data)).ok());
    CHECK(test::read_file(out) == data);
    CHECK(names_in(dir.path()).size() == 1);
    CHECK_FALSE(ex::write_file_atomic(fs::path{}, crypto::as_bytes(data)).ok());
}

TEST_CASE("disk full: Errc::disk_full / nothing partial / no temp file (needs a tiny tmpfs)") {
    test::TempDir dir;
    const auto small = dir / "small";
    fs::create_directory(small);
    if (!test::have(::mount("afterglow-test", small.c_str(), "tmpfs", 0, "size=64k") == 0,
                    "a tiny tmpfs (mounting needs root)"))
        return;
    std::string data(1 << 20, 'q');
    auto st = ex::write_file_atomic(small / "big.bin", crypto::as_bytes(data));
    auto left = names_in(small);
    ::umount2(small.c_str(), MNT_DETACH);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == Errc::disk_full);
    CHECK(st.error().message.find("disk is full") != std::string::npos);
    CHECK(left.empty());
}
