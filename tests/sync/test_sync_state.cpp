// Sync's state inside the vault (journal/sync/state.cpp, docs/sync.md §5): version 3 lists a
// record's stamps once; a version-2 state, as the build before wrote it, still reads the same,
// and a device that had one syncs on as the same device, sending nothing again.
#include <optional>

#include "journal/sync/state.hpp"
#include "sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::test;

namespace {

journal::RecordId id_n(std::uint8_t n) {
    journal::RecordId id;
    id.bytes[0] = n;
    id.bytes[15] = static_cast<std::uint8_t>(0xff - n);
    return id;
}

// A state like a synced journal's: records written by one change (one stamp for every field),
// one edited field by field on two devices, a tombstone, and one whose every field has its own
// stamp (more than the writer's short search looks back over).
sync::SyncState sample_state() {
    sync::SyncState s;
    s.devices = {"AAAAAAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBBBBBB"};
    s.me = 1;
    s.own.counter = 7;
    s.seq = 41;
    s.wall = 1'796'000'000'000;
    s.remote[0].counter = 3;
    s.pending.insert(id_n(2));
    s.conflicts.push_back({id_n(1), id_n(2)});
    s.last_message = "Synced: 1 sent, 0 received.";
    for (std::uint8_t n = 1; n <= 40; ++n) {
        sync::RecState r;
        r.kind = 1;
        r.version = n;
        r.vv = {{0, 10u + n}, {1, 5}};
        const sync::Stamp one{1'796'000'000'000ull + n, 0, 0, 10u + n};
        for (int f = 0; f < 12; ++f) r.fields.push_back({0x9e3779b97f4a7c15ull * (n * 16u + static_cast<unsigned>(f) + 1), one});
        if (n == 2) {  // two fields later edited on the other device
            r.fields[3].stamp = {1'796'000'100'000, 2, 1, 40};
            r.fields[7].stamp = {1'796'000'100'000, 2, 1, 40};
        }
        if (n == 3)  // every field its own stamp
            for (int f = 0; f < 12; ++f) r.fields[static_cast<std::size_t>(f)].stamp = {1'796'000'000'000ull + static_cast<std::uint64_t>(f), static_cast<std::uint32_t>(f), 1, 100u + static_cast<std::uint64_t>(f)};
        if (n == 4) {
            r.tombstone = true;
            r.fields.clear();
            r.version = 0;
        }
        s.records[id_n(n)] = r;
    }
    return s;
}

void same_state(const sync::SyncState& got, const sync::SyncState& want) {
    CHECK(got.devices == want.devices);
    CHECK(got.me == want.me);
    CHECK(got.own.counter == want.own.counter);
    CHECK(got.seq == want.seq);
    CHECK(got.wall == want.wall);
    CHECK(got.pending == want.pending);
    CHECK(got.conflicts.size() == want.conflicts.size());
    CHECK(got.last_message == want.last_message);
    REQUIRE(got.records.size() == want.records.size());
    for (const auto& [id, r] : want.records) {
        const auto it = got.records.find(id);
        REQUIRE(it != got.records.end());
        const auto& g = it->second;
        CHECK(g.kind == r.kind);
        CHECK(g.tombstone == r.tombstone);
        CHECK(g.version == r.version);
        CHECK(g.vv == r.vv);
        CHECK(g.fields == r.fields);
    }
}

}  // namespace

TEST_CASE("sync state: version 3 reads back what was written, and a version-2 state reads the same") {
    const auto want = sample_state();
    const auto v3 = sync::encode_state(want);
    const auto v2 = sync::encode_state(want, 2);
    REQUIRE(v3.front() == 3);
    REQUIRE(v2.front() == 2);
    auto from3 = sync::decode_state(v3);
    auto from2 = sync::decode_state(v2);
    REQUIRE(from3.has_value());
    REQUIRE(from2.has_value());
    same_state(*from3, want);
    same_state(*from2, want);
    // A record's shared stamp once, its hashes as 8 bytes: a journal's state is a third smaller.
    CHECK(v3.size() * 10 < v2.size() * 7);
    CHECK(sync::encode_state(*from2) == v3);  // migrated: written as version 3, byte for byte
}

TEST_CASE("sync state: a version-3 state cut short or naming a stamp it lacks is refused, not misread") {
    const auto bytes = sync::encode_state(sample_state());
    for (std::size_t cut = 0; cut < bytes.size(); cut += 7)
        CHECK_FALSE(sync::decode_state(std::span(bytes).first(cut)).has_value());
    // A one-record state whose only field names stamp 1 where the record lists one stamp.
    crypto::Bytes one_record = sync::encode_state([] {
        sync::SyncState s;
        s.devices = {"AAAAAAAAAAAAAAAAAAAAAAAAAA"};
        s.me = 0;
        sync::RecState r;
        r.kind = 1;
        r.fields.push_back({42, {1000, 0, 0, 1}});
        s.records[id_n(9)] = r;
        return s;
    }());
    REQUIRE(sync::decode_state(one_record).has_value());
    // Find the field: its hash (42 as 8 bytes) followed by index 0; make the index 1.
    const crypto::Bytes hash42{42, 0, 0, 0, 0, 0, 0, 0, 0};
    auto at = std::search(one_record.begin(), one_record.end(), hash42.begin(), hash42.end());
    REQUIRE(at != one_record.end());
    *(at + 8) = 1;
    CHECK_FALSE(sync::decode_state(one_record).has_value());
}

TEST_CASE_FIXTURE(SyncDevices, "sync state: a device whose vault holds a version-2 state syncs on as itself, sending nothing again") {
    auto id = a->save(entry("before the update", "written while the state was version 2"));
    REQUIRE(id.ok());
    must_sync(*a, store);
    auto b = join("b");
    const auto before = sync::status(*a);
    REQUIRE(before.ok());
    // The state as the build before wrote it.
    auto blob = a->load_sync_state();
    REQUIRE(blob.ok());
    REQUIRE(blob->has_value());
    auto state = sync::decode_state(**blob);
    REQUIRE(state.has_value());
    REQUIRE(a->save_sync_state(sync::encode_state(*state, 2)).ok());

    auto r = must_sync(*a, store);
    CHECK(r.sent == 0);
    CHECK(r.bytes_written == 0);
    const auto after = sync::status(*a);
    REQUIRE(after.ok());
    CHECK(after->device_id == before->device_id);
    blob = a->load_sync_state();
    REQUIRE(blob.ok());
    REQUIRE(blob->has_value());
    CHECK((**blob).front() == 3);  // written as version 3 by that run
    // And the journal still flows both ways.
    REQUIRE(b->save(entry("from b", "after a's update")).ok());
    must_sync(*b, store);
    must_sync(*a, store);
    CHECK(by_title(*a, "from b") != nullptr);
}
