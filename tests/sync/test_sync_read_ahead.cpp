// A join reads the journal's file while its vault is created (sync::read_ahead, docs/sync.md
// §9) from a store whose reads may run beside its other calls (a folder): the store is listed
// once and every file read once, the journal's file on another thread; a store that cannot
// (a WebDAV connection) is read as before, on the joining thread. Either way the joined
// journal is the same.
#include <map>
#include <mutex>
#include <thread>

#include "journal/sync/segment.hpp"
#include "sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::test;
namespace fs = std::filesystem;

namespace {

// A folder store that counts its listings and each file's reads, and notes the threads.
struct CountingStore : sync::Store {
    sync::FolderStore inner;
    bool concurrent;
    std::mutex m;
    int lists = 0;
    std::map<std::string, int> gets;
    std::map<std::string, std::thread::id> read_on;
    CountingStore(const fs::path& root, bool concurrent_) : inner(root), concurrent(concurrent_) {}
    Result<std::vector<sync::StoreEntry>> list() override {
        std::lock_guard l(m);
        lists += 1;
        return inner.list();
    }
    Result<sync::Bytes> get(const std::string& name) override {
        {
            std::lock_guard l(m);
            gets[name] += 1;
            read_on[name] = std::this_thread::get_id();
        }
        return inner.get(name);
    }
    Status put(const std::string& name, const sync::Bytes& data) override { return inner.put(name, data); }
    Status remove(const std::string& name) override { return inner.remove(name); }
    std::string describe() const override { return inner.describe(); }
    bool concurrent_gets() const override { return concurrent; }
};

}  // namespace

TEST_CASE("sync join: the journal's file is read once, beside the vault's creation where the store allows it") {
    TempDir dir;
    const fs::path root = dir / "store";
    auto a = make_vault(dir / "a.afterglow");
    std::vector<journal::Record> all;
    for (int i = 0; i < 40; ++i) all.emplace_back(entry("e" + std::to_string(i), "text of e" + std::to_string(i)));
    REQUIRE(a->save_all(std::move(all)).ok());
    {
        sync::FolderStore store(root);
        must_sync(*a, store);
    }
    const std::string first = sync::segment_name(sync::status(*a)->device_id, 1);
    for (const bool concurrent : {true, false}) {
        CAPTURE(concurrent);
        CountingStore store(root, concurrent);
        const auto path = dir / (concurrent ? "folder.afterglow" : "webdav.afterglow");
        auto b = join_device(store, path);
        CHECK(journal_of(*b) == journal_of(*a));
        CHECK(store.lists == 1);
        CHECK(store.gets[first] == 1);
        for (const auto& [name, n] : store.gets) CHECK_MESSAGE(n <= 2, name);  // journal.key: checked twice
        if (concurrent) CHECK(store.read_on[first] != std::this_thread::get_id());
        else CHECK(store.read_on[first] == std::this_thread::get_id());
    }
}
