// Helpers of the app's sync and join tests (sync_*_test.cpp, join_*_test.cpp).
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "journal/sync/engine.hpp"
#include "tests/app/controller_fixture.hpp"

namespace afterglow::app {

// Every file below DIR with its size, one a line (empty when DIR is not there).
inline std::string folder_listing(const std::filesystem::path& dir) {
    std::string out;
    if (!std::filesystem::exists(dir)) return out;
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
        if (f.is_regular_file()) out += f.path().string() + " " + std::to_string(f.file_size()) + "\n";
    return out;
}

// Frames until the sync run ends (inline workers: each phase finishes at once).
inline void run_sync(ControllerFixture& f) {
    const auto before = f.c->view().sync.runs;
    for (int i = 0; i < 10 && f.c->view().sync.runs == before; ++i) f.c->update();
    INFO("running ", f.c->view().sync.running, ", status: ", f.c->view().sync.status, ", error: ", f.c->view().error);
    REQUIRE(f.c->view().sync.runs == before + 1);
}

// Joins with what is in the join form: Home, the one entry holding `body`, and `target` as the
// sync target (the one place where it syncs is kept).
inline void join_expecting(ControllerFixture& b, const std::string& body, const std::string& target) {
    b.run(cmd::JoinJournal{});
    REQUIRE_MESSAGE(b.c->view().unlocked, b.c->view().join.error);
    CHECK(b.has_event(b.c->take_events(), "joined"));
    CHECK(b.c->view().screen == Screen::home);
    REQUIRE(b.c->view().entries.size() == 1);
    CHECK(b.c->vault()->entries().front().body == body);
    auto st = sync::status(*b.c->vault());
    REQUIRE(st.ok());
    CHECK(st->target == target);
    // Joining a journal one already has: the welcome was met on the other device. Home does
    // not offer it again (Settings still does), and the next start remembers it.
    CHECK(b.c->view().settings.welcome_seen);
    CHECK(test::read_file(b.dir / "config" / "settings.ini").find("welcome_seen=1") != std::string::npos);
}

// Joins with the recovery key already in the join form and a new passphrase for this device:
// it joins with `entries` entries, and the new passphrase unlocks it after a lock.
inline void join_with_recovery_key(ControllerFixture& c, std::size_t entries) {
    auto& j = c.c->forms().first_run.join;
    j.use_recovery = true;
    j.next.text = j.confirm.text = "a new passphrase for this device";
    c.run(cmd::JoinJournal{});
    REQUIRE_MESSAGE(c.c->view().unlocked, c.c->view().join.error);
    CHECK(c.c->view().entries.size() == entries);
    c.run(cmd::Lock{});
    c.c->forms().unlock.pass.text = "a new passphrase for this device";
    c.run(cmd::Unlock{});
    CHECK(c.c->view().unlocked);
}

}  // namespace afterglow::app
