// First run's "Join a journal you already have" in the controller (controller_join.cpp), on
// the desktop's transport (libcurl) against a real Apache + mod_dav: an empty folder, a wrong
// passphrase and a wrong app password change nothing and say why; the passphrase joins (the
// entries, the WebDAV settings sealed in the new vault); the recovery key with a new passphrase
// joins too, and that passphrase unlocks it.
#include <doctest/doctest.h>

#include "app/core/controller.hpp"
#include "journal/sync/engine.hpp"
#include "journal/sync/webdav_credentials.hpp"
#include "journal/sync/webdav_curl.hpp"
#include "tests/app/controller_fixture.hpp"
#include "tests/app/sync_fixture.hpp"
#include "tests/sync/webdav_apache.hpp"

using namespace afterglow;
using namespace afterglow::app;

namespace {

void fill(ControllerFixture& f, const std::string& url, const std::string& app_password, const std::string& secret) {
    auto& j = f.c->forms().first_run.join;
    j.open = true;
    j.use_folder = false;  // the desktop offers a folder first
    j.url = url;
    j.user = test::kDavUser;
    j.app_password.text = app_password;
    j.secret.text = secret;
}

}  // namespace

TEST_CASE("join: from the first run through WebDAV, and nothing changes when it cannot") {
    test::ApacheDav dav;
    if (!test::have(dav.present(), "apache2 and htpasswd (Debian package apache2)")) return;
    REQUIRE_MESSAGE(dav.started(), dav.start_log());
    const std::string url = dav.url() + "Afterglow/";

    ControllerFixture a(false);  // the other device: a journal with one entry, synced
    a.start_create();
    const std::string recovery_key = a.c->view().recovery_key;
    a.c->forms().first_run.group_typed = crypto::recovery_key_group(recovery_key, a.c->view().recovery_group);
    a.run(cmd::ConfirmRecoveryKey{});
    a.save_entry("Written on the laptop after the session");
    {
        sync::WebDavOptions o;
        o.url = url;
        o.user = test::kDavUser;
        o.password = crypto::SecretBuffer::copy_of(std::string_view(test::kDavPass));
        auto store = sync::open_webdav(std::move(o));
        REQUIRE(store.ok());
        auto r = sync::sync_once(*a.c->vault(), **store);
        REQUIRE_MESSAGE(r.ok(), test::error_of(r));
    }
    const auto before = folder_listing(dav.disk());

    ControllerFixture b(false);
    const auto path = b.dir / "journal.afterglow";
    auto error = [&] { return b.c->view().join.error; };

    fill(b, dav.url() + "Nothing/", test::kDavPass, "correct horse battery");
    b.run(cmd::JoinJournal{});
    CHECK(b.c->view().join.empty_store);
    CHECK(error().find("There is no journal at this address yet") == 0);
    CHECK_FALSE(std::filesystem::exists(path));

    fill(b, url, "not the app password", "correct horse battery");
    b.run(cmd::JoinJournal{});
    CHECK(error().find("The server did not accept the user name and app password") == 0);

    fill(b, url, test::kDavPass, "not the passphrase");
    b.run(cmd::JoinJournal{});
    CHECK(error().find("That passphrase did not open the journal") == 0);
    CHECK(b.c->forms().first_run.join.secret.text.empty());  // wiped; the address stays
    CHECK(b.c->forms().first_run.join.url == url);
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK(folder_listing(dav.disk()) == before);
    CHECK(b.c->view().screen == Screen::first_run);

    fill(b, url, test::kDavPass, "correct horse battery");
    join_expecting(b, "Written on the laptop after the session", url);
    auto creds = sync::load_webdav_credentials(*b.c->vault());
    REQUIRE(creds);
    CHECK(creds->url == url);
    CHECK(creds->password.view() == test::kDavPass);
    CHECK(b.c->view().sync.configured);
    CHECK(b.c->forms().first_run.join.app_password.text.empty());

    // The recovery key and a new passphrase for this device.
    ControllerFixture c(false);
    fill(c, url, test::kDavPass, recovery_key);
    join_with_recovery_key(c, 1);
}
