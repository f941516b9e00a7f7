// A device's ack (docs/sync.md §6) is written late, never lost: a join puts it while its vault
// is made durable, after the state that names it is saved, so an ack whose put failed, or that
// went missing from the store, is written by the device's next run; and a join's ack is in the
// store, whole, before the joined vault has its name.
#include <filesystem>
#include <functional>

#include "journal/sync/segment.hpp"
#include "sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::test;
namespace fs = std::filesystem;

namespace {

// A folder store whose puts of acks fail while `fail_acks` is set, and that calls `before_put`.
struct AckStore : sync::Store {
    sync::FolderStore inner;
    bool fail_acks = false;
    std::function<void(const std::string&)> before_put;
    explicit AckStore(const fs::path& root) : inner(root) {}
    Result<std::vector<sync::StoreEntry>> list() override { return inner.list(); }
    Result<sync::Bytes> get(const std::string& name) override { return inner.get(name); }
    Status put(const std::string& name, const sync::Bytes& data) override {
        if (before_put) before_put(name);
        if (fail_acks && name.ends_with(".ack")) return make_error(Errc::io, "the connection was lost");
        return inner.put(name, data);
    }
    Status remove(const std::string& name) override { return inner.remove(name); }
    std::string describe() const override { return inner.describe(); }
};

std::string id_of(journal::Vault& v) {
    auto st = sync::status(v);
    REQUIRE(st.ok());
    return st->device_id;
}

// The device's acks in the store: (seq, what it says it read), opened with the journal's key.
std::vector<std::pair<std::uint64_t, sync::AckMap>> acks_of(journal::Vault& v, const fs::path& root) {
    const auto dev = id_of(v);
    auto key = v.sync_key(1);
    REQUIRE(key.ok());
    std::vector<std::pair<std::uint64_t, sync::AckMap>> out;
    if (!fs::exists(root / "D" / dev)) return out;
    for (const auto& e : fs::directory_iterator(root / "D" / dev)) {
        const auto name = "D/" + dev + "/" + e.path().filename().string();
        auto parsed = sync::parse_segment_name(name);
        if (!parsed || parsed->kind != sync::FileKind::ack) continue;
        auto ack = sync::open_ack(bytes_of(e.path()), *key, dev, parsed->counter);
        REQUIRE_MESSAGE(ack.has_value(), name << " does not open");
        out.emplace_back(parsed->counter, *ack);
    }
    return out;
}

struct Written {
    TempDir dir;
    fs::path root = dir / "store";
    AckStore store{root};
    std::unique_ptr<journal::Vault> a = make_vault(dir / "a.afterglow");
    std::string ida;
    Written() {
        REQUIRE(a->save(entry("one", "first")).ok());
        must_sync(*a, store);
        ida = id_of(*a);
    }
};

}  // namespace

TEST_CASE("sync ack: a join's ack whose put failed is written by the next run") {
    Written w;
    w.store.fail_acks = true;
    auto b = join_device(w.store, w.dir / "b.afterglow");
    CHECK(by_title(*b, "one"));
    CHECK(acks_of(*b, w.root).empty());
    w.store.fail_acks = false;
    auto r = must_sync(*b, w.store);  // nothing new to read: only the ack is missing
    CHECK(r.bytes_written > 0);
    const auto acks = acks_of(*b, w.root);
    REQUIRE(acks.size() == 1);
    CHECK(acks[0].second == sync::AckMap{{w.ida, 1}});
    r = must_sync(*b, w.store);  // written once: the next run writes nothing
    CHECK(r.bytes_written == 0);
}

TEST_CASE("sync ack: an ack missing from the store is written again, under a new number") {
    Written w;
    auto b = join_device(w.store, w.dir / "b.afterglow");
    auto acks = acks_of(*b, w.root);
    REQUIRE(acks.size() == 1);
    const auto first = acks[0].first;
    CHECK(acks[0].second == sync::AckMap{{w.ida, 1}});
    fs::remove(w.root / sync::segment_name(id_of(*b), first, sync::FileKind::ack));  // lost
    must_sync(*b, w.store);
    acks = acks_of(*b, w.root);
    REQUIRE(acks.size() == 1);
    CHECK(acks[0].first > first);
    CHECK(acks[0].second == sync::AckMap{{w.ida, 1}});
}

TEST_CASE("sync ack: a join's ack is in the store, whole, before the joined vault has its name") {
    Written w;
    const fs::path vault = w.dir / "b.afterglow";
    bool seen = false, named = true;  // set on the join's helper thread, read once it returned
    w.store.before_put = [&](const std::string& name) {
        if (!name.ends_with(".ack")) return;
        seen = true;
        named = fs::exists(vault);  // false: the vault is still its temporary file
    };
    auto b = join_device(w.store, vault);
    CHECK(seen);
    CHECK_FALSE(named);
    CHECK(fs::exists(vault));
    const auto acks = acks_of(*b, w.root);
    REQUIRE(acks.size() == 1);
    CHECK(acks[0].second == sync::AckMap{{w.ida, 1}});
}
