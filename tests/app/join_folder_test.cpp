// First run's "Join a journal you already have" through a folder on this computer (the
// desktop's usual store: the folder Syncthing, Nextcloud or Dropbox keeps in step), in the
// controller (controller_join.cpp) with a real FolderStore on disk: a missing folder, a file
// where the folder should be, an empty folder, a folder of other files and a wrong passphrase
// each say so plainly and leave nothing behind (no vault file, the folder as it was); the
// passphrase joins, the folder becomes this vault's sync target and the next sync through it
// brings what the other device wrote since; the recovery key with a new passphrase joins too.
#include <doctest/doctest.h>

#include <unistd.h>

#include "app/core/controller.hpp"
#include "app/core/sync_stores.hpp"
#include "journal/sync/engine.hpp"
#include "journal/sync/folder_store.hpp"
#include "journal/sync/webdav_credentials.hpp"
#include "tests/app/controller_fixture.hpp"
#include "tests/app/sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::app;

namespace {

void fill(ControllerFixture& f, const std::filesystem::path& folder, const std::string& secret) {
    auto& j = f.c->forms().first_run.join;
    j.open = true;
    j.use_folder = true;
    j.folder = folder.string();
    j.secret.text = secret;
}

}  // namespace

TEST_CASE("join: through a folder on this computer, and nothing changes when it cannot") {
    ControllerFixture a(false);  // the other device: a journal with one entry, synced to a folder
    a.start_create();
    const std::string recovery_key = a.c->view().recovery_key;
    a.c->forms().first_run.group_typed = crypto::recovery_key_group(recovery_key, a.c->view().recovery_group);
    a.run(cmd::ConfirmRecoveryKey{});
    a.save_entry("Written on the laptop after the session");
    const auto store_dir = a.dir / "Sync" / "Afterglow";
    sync::FolderStore folder(store_dir);
    REQUIRE(sync::sync_once(*a.c->vault(), folder).ok());
    const auto before = folder_listing(store_dir);

    ControllerFixture b(false);
    CHECK(b.c->view().join.folder_possible);  // the desktop
    const auto path = b.dir / "journal.afterglow";
    auto error = [&] { return b.c->view().join.error; };
    auto nothing_left = [&] {
        CHECK_FALSE(std::filesystem::exists(path));
        CHECK(folder_listing(store_dir) == before);
        CHECK(b.c->view().screen == Screen::first_run);
        CHECK_FALSE(b.c->view().unlocked);
    };

    fill(b, b.dir / "Sync" / "Afterglw", "correct horse battery");  // a typing slip
    b.run(cmd::JoinJournal{});
    CHECK(error().find("There is no folder there") == 0);
    nothing_left();

    test::write_file(b.dir / "a-file", "not a folder");
    fill(b, b.dir / "a-file", "correct horse battery");
    b.run(cmd::JoinJournal{});
    CHECK(error().find("This folder cannot be read") == 0);
    CHECK(error().find(std::make_error_code(std::errc::not_a_directory).message()) != std::string::npos);
    nothing_left();

    if (::geteuid() != 0) {  // root reads every folder
        std::filesystem::create_directories(b.dir / "locked");
        std::filesystem::permissions(b.dir / "locked", std::filesystem::perms::none);
        fill(b, b.dir / "locked", "correct horse battery");
        b.run(cmd::JoinJournal{});
        CHECK(error().find("This folder cannot be read") == 0);
        std::filesystem::permissions(b.dir / "locked", std::filesystem::perms::owner_all);
        nothing_left();
    }

    std::filesystem::create_directories(b.dir / "empty");
    fill(b, b.dir / "empty", "correct horse battery");
    b.run(cmd::JoinJournal{});
    CHECK(error().find("There is no journal in this folder yet") == 0);
    CHECK(b.c->view().join.empty_store);
    CHECK(folder_listing(b.dir / "empty").empty());
    nothing_left();

    std::filesystem::create_directories(b.dir / "photos");
    test::write_file(b.dir / "photos" / "beach.jpg", "not a journal");
    fill(b, b.dir / "photos", "correct horse battery");
    b.run(cmd::JoinJournal{});
    CHECK(error().find("This folder does not hold a journal") == 0);
    CHECK_FALSE(b.c->view().join.empty_store);
    CHECK(folder_listing(b.dir / "photos") == (b.dir / "photos" / "beach.jpg").string() + " 13\n");
    nothing_left();

    fill(b, store_dir, "not the passphrase");
    b.run(cmd::JoinJournal{});
    CHECK(error().find("That passphrase did not open the journal") == 0);
    CHECK(error().find("here or in the folder") != std::string::npos);
    CHECK(b.c->forms().first_run.join.secret.text.empty());  // wiped; the folder stays
    CHECK(b.c->forms().first_run.join.folder == store_dir.string());
    nothing_left();

    fill(b, store_dir, "correct horse battery");
    join_expecting(b, "Written on the laptop after the session", store_dir.string());
    CHECK_FALSE(sync::load_webdav_credentials(*b.c->vault()));
    CHECK(b.c->view().sync.configured);
    CHECK(b.c->view().sync.target == "the folder " + store_dir.string());
    CHECK(b.c->forms().first_run.join.folder.empty());

    // What the laptop writes next comes through the same folder with the next sync.
    a.save_entry("Written on the laptop the next morning");
    REQUIRE(sync::sync_once(*a.c->vault(), folder).ok());
    b.run(cmd::SyncNow{});
    run_sync(b);
    CHECK_MESSAGE(b.c->view().sync.last_error.empty(), b.c->view().sync.last_error);
    CHECK(b.c->view().entries.size() == 2);

    // The recovery key and a new passphrase for this device.
    ControllerFixture c(false);
    fill(c, store_dir, recovery_key);
    join_with_recovery_key(c, 2);
}

TEST_CASE("join: a wrong recovery key through a folder changes nothing - and ~/ is the home folder") {
    ControllerFixture a;
    a.save_entry("One entry");
    const auto store_dir = a.dir / "store";
    sync::FolderStore folder(store_dir);
    REQUIRE(sync::sync_once(*a.c->vault(), folder).ok());
    const auto before = folder_listing(store_dir);
    ControllerFixture other(false);  // a well-formed recovery key, of another journal
    other.start_create();
    ControllerFixture b(false);
    fill(b, store_dir, other.c->view().recovery_key);
    auto& j = b.c->forms().first_run.join;
    j.use_recovery = true;
    j.next.text = j.confirm.text = "another passphrase";
    b.run(cmd::JoinJournal{});
    CHECK(b.c->view().join.error.find("That recovery key did not open the journal") == 0);
    CHECK_FALSE(std::filesystem::exists(b.dir / "journal.afterglow"));
    CHECK(folder_listing(store_dir) == before);

    const char* home = std::getenv("HOME");
    if (home && *home) CHECK(folder_target("~/Sync/Afterglow") == (std::filesystem::path(home) / "Sync/Afterglow").string());
    CHECK(folder_target("/srv/sync/../Afterglow") == "/srv/Afterglow");
}
