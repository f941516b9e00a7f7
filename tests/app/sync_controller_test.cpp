// Settings → Sync in the controller (controller_sync.cpp, sync_runner.hpp): a folder target
// saved in the vault, sync after Save and on "Sync now", the three phases (fetch on the sync
// worker, merge here, push), the status line, and an entry written on another device arriving.
#include <doctest/doctest.h>

#include "app/core/controller.hpp"
#include "journal/sync/engine.hpp"
#include "journal/sync/folder_store.hpp"
#include "tests/app/controller_fixture.hpp"
#include "tests/app/sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::app;

namespace {

journal::Entry entry(const std::string& title, const std::string& body) {
    journal::Entry e;
    e.kind = journal::EntryKind::reflection;
    e.title = title;
    e.body = body;
    return e;
}

bool has_title(const ViewState& v, const std::string& title) {
    return std::any_of(v.entries.begin(), v.entries.end(), [&](const EntryRow& e) { return e.title == title; });
}

}  // namespace

TEST_CASE("sync screen: a folder target syncs after Save and brings another device's entry") {
    ControllerFixture a;
    const auto store_dir = a.dir / "store";
    REQUIRE(a.c->vault()->save(entry("Written on the laptop", "first")).ok());
    a.c->update();

    a.c->forms().sync.webdav = false;
    a.c->forms().sync.folder = store_dir.string();
    a.run(cmd::SyncSave{});
    CHECK(a.c->view().error.empty());
    CHECK(a.c->view().sync.configured);
    run_sync(a);
    CHECK_MESSAGE(a.c->view().sync.last_error.empty(), a.c->view().sync.last_error);
    CHECK(a.c->view().sync.status.find("Synced") == 0);
    CHECK(a.c->view().sync.status.find("1 device") != std::string::npos);
    CHECK(std::filesystem::exists(store_dir / "journal.key"));

    // A second device joins through the same folder, writes, and syncs by itself.
    sync::FolderStore folder(store_dir);
    sync::JoinOptions jo;
    jo.kdf = test::fast_options().kdf;
    jo.allow_weak_kdf = true;
    auto joined = sync::join(folder, a.dir / "phone.afterglow", "correct horse battery", "phone pass", jo);
    REQUIRE_MESSAGE(joined.ok(), test::error_of(joined));
    auto& phone = *joined->vault;
    REQUIRE(phone.save(entry("Written on the phone", "second")).ok());
    auto sent = sync::sync_once(phone, folder);
    REQUIRE_MESSAGE(sent.ok(), test::error_of(sent));

    CHECK_FALSE(has_title(a.c->view(), "Written on the phone"));
    a.run(cmd::SyncNow{});
    run_sync(a);
    CHECK_MESSAGE(a.c->view().sync.last_error.empty(), a.c->view().sync.last_error);
    CHECK(has_title(a.c->view(), "Written on the phone"));
    CHECK(a.c->view().sync.status.find("2 devices") != std::string::npos);

    // The folder is kept sealed in the vault: after a lock and unlock it is still the target.
    a.run(cmd::Lock{});
    CHECK_FALSE(a.c->view().sync.configured);
    a.c->forms().unlock.pass.text = "correct horse battery";
    a.run(cmd::Unlock{});
    REQUIRE(a.c->view().unlocked);
    CHECK(a.c->view().sync.configured);
    CHECK(a.c->view().sync.target == "the folder " + store_dir.string());
    CHECK(test::read_file(a.dir / "config" / "settings.ini").find("store") == std::string::npos);
}

TEST_CASE("sync screen: an unreachable target is said plainly and loses nothing") {
    ControllerFixture a;
    REQUIRE(a.c->vault()->save(entry("Stays here", "text")).ok());
    a.c->forms().sync.webdav = true;
    a.c->forms().sync.url = "http://127.0.0.1:9/dav/Afterglow/";  // the discard port: nothing listens
    a.c->forms().sync.user = "patient";
    a.c->forms().sync.password.text = "app password";
    a.run(cmd::SyncTest{});
    for (int i = 0; i < 5 && a.c->view().sync.running; ++i) a.c->update();
    CHECK_FALSE(a.c->view().sync.test_ok);
    CHECK(a.c->view().sync.test_result.find("the connection was refused") != std::string::npos);
    CHECK(a.c->view().sync.test_result.find("app password") == std::string::npos);
    a.run(cmd::SyncSave{});
    CHECK(a.c->forms().sync.password.text.empty());  // wiped once sealed in the vault
    run_sync(a);
    CHECK(a.c->view().sync.last_error.find("Could not read http://127.0.0.1:9/dav/Afterglow/") == 0);
    CHECK(a.c->view().sync.last_error.find("Your journal is safe") != std::string::npos);
    CHECK(has_title(a.c->view(), "Stays here"));
}
