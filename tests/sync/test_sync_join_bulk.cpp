// A join fills its new vault as a bulk load (journal/store_bulk.cpp, docs/sync.md §5): the
// file is built under a temporary name without a journal on disk or fsync, then made durable
// once and renamed into place. What that must keep, one test each: a join that fails leaves
// nothing; one killed part way leaves no vault (only the temporary file, which the next join
// removes); a name taken meanwhile is not overwritten; the finished vault is a normal WAL
// vault that opens, verifies (also through afterglow-cli verify) and saves.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <functional>

#include "sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::test;
namespace fs = std::filesystem;

namespace {

// A folder store that calls `hook` before a file is written (the joining device's first
// write, its ack, comes after the journal is in the new vault) and may fail a read.
struct HookedStore : sync::Store {
    sync::FolderStore inner;
    std::function<void(const std::string&)> before_put;
    std::string fail_get;  // a name whose read fails
    explicit HookedStore(const fs::path& root) : inner(root) {}
    Result<std::vector<sync::StoreEntry>> list() override { return inner.list(); }
    Result<sync::Bytes> get(const std::string& name) override {
        if (!fail_get.empty() && name.find(fail_get) != std::string::npos)
            return make_error(Errc::io, "the connection was lost");
        return inner.get(name);
    }
    Status put(const std::string& name, const sync::Bytes& data) override {
        if (before_put) before_put(name);
        return inner.put(name, data);
    }
    Status remove(const std::string& name) override { return inner.remove(name); }
    std::string describe() const override { return inner.describe(); }
};

// The files in a folder (names), sorted.
std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> joining_files(const fs::path& dir) {
    auto all = files_in(dir);
    std::erase_if(all, [](const std::string& n) { return n.find(".joining-") == std::string::npos; });
    return all;
}

// A written journal of 40 entries (more than one batch) in a folder store.
struct Journal {
    TempDir dir;
    fs::path phones = dir / "phone";  // the joining device's folder, nothing else in it
    HookedStore store{dir / "store"};
    std::unique_ptr<journal::Vault> a = make_vault(dir / "a.afterglow");
    Journal() {
        for (int i = 0; i < 40; ++i)
            REQUIRE(a->save(entry("e" + std::to_string(i), "text of entry " + std::to_string(i))).ok());
        must_sync(*a, store);
        fs::create_directories(phones);
    }
    Result<sync::Joined> join() {
        sync::JoinOptions jo;
        jo.kdf = fast_options().kdf;
        jo.allow_weak_kdf = true;
        return sync::join(store, phones / "phone.afterglow", "correct horse", "correct horse", jo);
    }
};

}  // namespace

TEST_CASE("sync join bulk load: a join that fails leaves nothing in the vault's folder") {
    Journal j;
    SUBCASE("the store fails while the journal is read") {
        j.store.fail_get = ".seg";
        auto r = j.join();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == Errc::io);
    }
    SUBCASE("the vault's name is taken while the journal is loaded: the other file is left as it is") {
        j.store.before_put = [&](const std::string&) {
            // By now the whole journal is in the temporary file, beside where the vault goes.
            const auto temp = joining_files(j.phones);
            REQUIRE(temp.size() == 1);
            CHECK(fs::file_size(j.phones / temp[0]) > 40 * 1024);
            write_file(j.phones / "phone.afterglow", "another program's file");
        };
        auto r = j.join();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("will not overwrite") != std::string::npos);
        CHECK(read_file(j.phones / "phone.afterglow") == "another program's file");
        fs::remove(j.phones / "phone.afterglow");
    }
    CHECK(files_in(j.phones).empty());
}

TEST_CASE("sync join bulk load: a join killed part way leaves no vault, and the next join completes") {
    Journal j;
    // A child process joins and is killed once the journal is in the new (temporary) file.
    j.store.before_put = [&](const std::string&) { ::raise(SIGKILL); };
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        (void)j.join();
        ::_exit(0);  // not reached: the hook kills the child
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
    // Nothing at the vault's name: only the temporary file, which holds the journal.
    CHECK_FALSE(fs::exists(j.phones / "phone.afterglow"));
    const auto left = joining_files(j.phones);
    REQUIRE(left.size() == 1);
    CHECK(files_in(j.phones) == left);
    CHECK(fs::file_size(j.phones / left[0]) > 40 * 1024);

    j.store.before_put = nullptr;
    auto r = j.join();
    REQUIRE_MESSAGE(r.ok(), error_of(r));
    CHECK(r->vault->entries().size() == 40);
    CHECK(joining_files(j.phones).empty());  // the leftover removed
    CHECK(fs::exists(j.phones / "phone.afterglow"));
}

TEST_CASE("sync join bulk load: the joined vault is a WAL vault that opens, verifies and saves") {
    Journal j;
    const fs::path path = j.phones / "phone.afterglow";
    {
        auto r = j.join();
        REQUIRE_MESSAGE(r.ok(), error_of(r));
        auto& v = *r->vault;
        CHECK(joining_files(j.phones).empty());
        // Header bytes 18 and 19: 2 = WAL (1 = the rollback journal the load used).
        const auto head = read_file(path).substr(0, 20);
        CHECK(head[18] == 2);
        CHECK(head[19] == 2);
        auto report = v.verify();
        REQUIRE(report.ok());
        CHECK(report->ok());
        CHECK(report->records_ok == 40);
        // A save after the join goes through the WAL, as in any vault.
        REQUIRE(v.save(entry("after", "written on the phone after joining")).ok());
        CHECK(fs::exists(path.string() + "-wal"));
        must_sync(v, j.store);
    }
    auto opened = journal::Vault::open(path);
    REQUIRE_MESSAGE(opened.ok(), error_of(opened));
    REQUIRE((*opened)->unlock("correct horse").ok());
    CHECK((*opened)->entries().size() == 41);
    CHECK((*opened)->problems().empty());
    (*opened).reset();
    auto cli = run({cli_path(), "--insecure-test-kdf", "--vault", path.string(), "verify"}, {},
                   {"AFTERGLOW_PASSPHRASE=correct horse"});
    CHECK_MESSAGE(cli.exit_code == 0, (cli.out + cli.err));
    must_sync(*j.a, j.store);
    CHECK(by_title(*j.a, "after") != nullptr);
}
