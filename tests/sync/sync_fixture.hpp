// Shared by the sync tests: devices that are real vaults on disk joined to one store.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "journal/sync/engine.hpp"
#include "journal/sync/folder_store.hpp"
#include "tests/support/test_support.hpp"

namespace afterglow::test {

inline journal::Entry entry(const std::string& title, const std::string& body) {
    journal::Entry e;
    e.kind = journal::EntryKind::reflection;
    e.title = title;
    e.body = body;
    return e;
}

// First device: a new vault; others: joined from the store with the passphrase.
inline std::unique_ptr<journal::Vault> join_device(sync::Store& store, const std::filesystem::path& path,
                                                   const sync::SyncOptions& o = {}) {
    sync::JoinOptions jo;
    jo.kdf = fast_options().kdf;
    jo.allow_weak_kdf = true;
    jo.sync = o;
    auto joined = sync::join(store, path, "correct horse", "correct horse", jo);
    REQUIRE_MESSAGE(joined.ok(), error_of(joined));
    return std::move(joined->vault);
}

// The vault's own verify finds every record sound, and `records` of them.
inline void verifies(journal::Vault& v, std::size_t records) {
    auto report = v.verify();
    REQUIRE(report.ok());
    CHECK_MESSAGE(report->ok(), (report->problems.empty() ? report->sqlite_check : report->problems[0].what));
    CHECK(report->records_ok == records);
}

inline sync::SyncReport must_sync(journal::Vault& v, sync::Store& s, const sync::SyncOptions& o = {}) {
    auto r = sync::sync_once(v, s, o);
    REQUIRE_MESSAGE(r.ok(), error_of(r));
    return *r;
}

// Every entry as "title|body", sorted: what two converged journals share.
inline std::vector<std::string> journal_of(const journal::Vault& v) {
    std::vector<std::string> out;
    for (const auto& e : v.entries()) {
        std::string tags;
        for (const auto& t : e.tags) tags += "#" + t;
        out.push_back(e.meta.id.hex() + "|" + e.title + "|" + e.body + "|" + tags);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// A store file's bytes, and a file written with these bytes (tampering tests).
inline crypto::Bytes bytes_of(const std::filesystem::path& p) {
    const auto s = read_file(p);
    return crypto::Bytes(s.begin(), s.end());
}

inline void put_bytes(const std::filesystem::path& p, const crypto::Bytes& b) {
    write_file(p, std::string(b.begin(), b.end()));
}

inline const journal::Entry* by_title(const journal::Vault& v, const std::string& title) {
    for (const auto& e : v.entries())
        if (e.title == title) return &e;
    return nullptr;
}

inline bool has_body(const journal::Vault& v, const std::string& body) {
    return std::any_of(v.entries().begin(), v.entries().end(), [&](const auto& e) { return e.body == body; });
}

// For TEST_CASE_FIXTURE: a folder store in a temp dir and device a (a new vault); join("b")
// adds a device joined from the store, sync_in_turn(a, b, a) syncs each in that order.
struct SyncDevices {
    TempDir dir;
    sync::FolderStore store{dir / "store"};
    std::unique_ptr<journal::Vault> a = make_vault(dir / "a.afterglow");

    std::unique_ptr<journal::Vault> join(const std::string& name, const sync::SyncOptions& o = {}) {
        return join_device(store, dir / (name + ".afterglow"), o);
    }
    // ENTRY saved on a and synced: where an edit on two devices starts.
    journal::RecordId saved_and_synced(const journal::Entry& entry) {
        auto id = a->save(entry);
        REQUIRE(id.ok());
        must_sync(*a, store);
        return *id;
    }
    template <class... Devices>
    void sync_in_turn(const Devices&... devices) {
        (must_sync(*devices, store), ...);
    }
};

}  // namespace afterglow::test
