// Where a vault syncs is kept in one place, the target in sync's state (controller_sync.cpp):
// vaults that kept the app's folder in its old "sync:folder" slot, or only a WebDAV login, are
// moved to it at unlock; a target the CLI set is the app's too; "Stop syncing" clears it. And
// Settings → Sync's status line says what happened last: a run whose upload failed reads as
// failed with when a run last finished, never "Synced just now".
#include <doctest/doctest.h>

#include "app/core/controller.hpp"
#include "journal/sync/engine.hpp"
#include "journal/sync/webdav_credentials.hpp"
#include "tests/app/controller_fixture.hpp"
#include "tests/app/sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::app;

namespace {

void relock(ControllerFixture& f) {
    f.run(cmd::Lock{});
    f.c->forms().unlock.pass.text = "correct horse battery";
    f.run(cmd::Unlock{});
    REQUIRE(f.c->view().unlocked);
}

std::string target(ControllerFixture& f) {
    auto st = sync::status(*f.c->vault());
    REQUIRE(st.ok());
    return st->target;
}

sync::WebDavCredentials login(const std::string& url) {
    sync::WebDavCredentials c;
    c.url = url;
    c.user = "patient";
    c.password = crypto::SecretBuffer::copy_of(std::string_view("app password"));
    return c;
}

}  // namespace

TEST_CASE("sync target: the app's old folder slot becomes the target, over what else was kept") {
    ControllerFixture a;
    const auto folder = a.dir / "Sync" / "Afterglow";
    journal::Entry slot;
    slot.title = folder.string();
    REQUIRE(a.c->vault()->save_draft("sync:folder", slot).ok());  // as the app kept it before
    REQUIRE(sync::save_webdav_credentials(*a.c->vault(), login("https://cloud.example/dav/Afterglow/")).ok());
    REQUIRE(sync::remember_target(*a.c->vault(), (a.dir / "elsewhere").string()).ok());

    relock(a);
    CHECK(target(a) == folder.string());
    CHECK_FALSE(a.c->vault()->load_draft("sync:folder"));
    CHECK_FALSE(sync::load_webdav_credentials(*a.c->vault()));
    CHECK(a.c->view().sync.configured);
    CHECK(a.c->view().sync.target == "the folder " + folder.string());
    CHECK_FALSE(a.c->forms().sync.webdav);
    CHECK(a.c->forms().sync.folder == folder.string());
    run_sync(a);  // it syncs there, and nowhere else
    CHECK_MESSAGE(a.c->view().sync.last_error.empty(), a.c->view().sync.last_error);
    CHECK(std::filesystem::exists(folder / "journal.key"));
    CHECK_FALSE(std::filesystem::exists(a.dir / "elsewhere"));
    relock(a);  // once moved, it stays
    CHECK(target(a) == folder.string());
}

TEST_CASE("sync target: a WebDAV login alone becomes the target - and the CLI's target is the app's") {
    ControllerFixture a;
    const std::string url = "https://cloud.example/remote.php/dav/files/you/Afterglow/";
    REQUIRE(sync::save_webdav_credentials(*a.c->vault(), login(url)).ok());
    relock(a);
    CHECK(target(a) == url);
    CHECK(sync::load_webdav_credentials(*a.c->vault()));  // the login stays, for that address
    CHECK(a.c->view().sync.target == url);
    CHECK(a.c->forms().sync.webdav);
    CHECK(a.c->forms().sync.url == url);
    CHECK(a.c->forms().sync.user == "patient");

    // `afterglow-cli sync --target FOLDER` remembers a folder: the app shows it and syncs there.
    const auto folder = a.dir / "cli-folder";
    REQUIRE(sync::remember_target(*a.c->vault(), folder.string()).ok());
    relock(a);
    CHECK(target(a) == folder.string());  // the login is kept, but not the target
    CHECK(a.c->view().sync.target == "the folder " + folder.string());
    run_sync(a);
    CHECK_MESSAGE(a.c->view().sync.last_error.empty(), a.c->view().sync.last_error);
    CHECK(std::filesystem::exists(folder / "journal.key"));

    // Saved in Settings: the target; "Stop syncing": none.
    a.c->forms().sync.webdav = false;
    a.c->forms().sync.folder = (a.dir / "settings-folder").string();
    a.run(cmd::SyncSave{});
    CHECK(target(a) == (a.dir / "settings-folder").string());
    CHECK_FALSE(sync::load_webdav_credentials(*a.c->vault()));
    a.run(cmd::SyncForget{});
    CHECK(target(a).empty());
    CHECK_FALSE(a.c->view().sync.configured);
    relock(a);
    CHECK(target(a).empty());
}

TEST_CASE("sync status: a failed upload reads as failed, with when a sync last finished") {
    ControllerFixture a;
    a.save_entry("Written tonight");
    const auto store = a.dir / "store";
    std::filesystem::create_directories(store);
    test::write_file(store / "D", "a file where the devices' folder goes: every upload into it fails");
    a.c->forms().sync.webdav = false;
    a.c->forms().sync.folder = store.string();
    a.run(cmd::SyncSave{});
    REQUIRE_MESSAGE(a.c->view().error.empty(), a.c->view().error);
    REQUIRE(a.c->view().sync.configured);
    run_sync(a);
    const auto& sv = a.c->view().sync;
    REQUIRE_FALSE(sv.last_error.empty());
    CHECK(sv.status == "The last sync did not finish (just now). Last complete sync: not yet.");

    std::filesystem::remove(store / "D");
    a.run(cmd::SyncNow{});
    run_sync(a);
    CHECK_MESSAGE(sv.last_error.empty(), sv.last_error);
    CHECK(sv.status.find("Synced") == 0);

    a.clock.unix_time += 300;  // the wall clock (the monotonic one would lock the journal)
    std::filesystem::remove_all(store / "D");
    test::write_file(store / "D", "in the way again");
    a.save_entry("Written later");
    a.run(cmd::SyncNow{});
    run_sync(a);
    REQUIRE_FALSE(sv.last_error.empty());
    CHECK(sv.status == "The last sync did not finish (just now). Last complete sync: 5 min ago.");
    CHECK(sv.status.find("Synced") == std::string::npos);

    a.clock.unix_time += 120;  // the line stays true as time goes on (refreshed on the screen every 30 s)
    a.clock.mono += 40;
    a.run(cmd::Go{Screen::sync});
    a.c->update();
    CHECK(sv.status == "The last sync did not finish (2 min ago). Last complete sync: 7 min ago.");
}
