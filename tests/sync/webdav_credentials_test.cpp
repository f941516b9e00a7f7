// The WebDAV address, user and app password sealed in the vault (webdav_credentials.hpp):
// they come back after a lock, are in no file in plaintext, and a bad address is not kept.
#include <doctest/doctest.h>

#include "journal/sync/webdav_credentials.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::sync;

TEST_CASE("webdav: credentials are sealed in the vault and survive a lock") {
    test::TempDir dir;
    const auto path = dir / "j.afterglow";
    auto vault = test::make_vault(path);
    CHECK_FALSE(load_webdav_credentials(*vault).has_value());

    WebDavCredentials c;
    c.url = "https://cloud.example/remote.php/dav/files/me/Afterglow";
    c.user = "me";
    c.password = crypto::SecretBuffer::copy_of(std::string_view("Canary-AppPass-7Q2x"));
    REQUIRE(save_webdav_credentials(*vault, c).ok());

    WebDavCredentials bad;
    bad.url = "https://me:pw@cloud.example/";
    auto refused = save_webdav_credentials(*vault, bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == Errc::invalid_argument);

    vault->lock();
    CHECK_FALSE(load_webdav_credentials(*vault).has_value());  // locked: nothing to read
    REQUIRE(vault->unlock("correct horse").ok());
    auto back = load_webdav_credentials(*vault);
    REQUIRE(back.has_value());
    CHECK(back->url == "https://cloud.example/remote.php/dav/files/me/Afterglow/");
    CHECK(back->user == "me");
    CHECK(back->password.view() == "Canary-AppPass-7Q2x");
    vault->lock();
    vault.reset();
    for (const auto& f : std::filesystem::directory_iterator(dir.path())) {
        const std::string bytes = test::read_file(f.path());
        CHECK_MESSAGE(bytes.find("Canary-AppPass") == std::string::npos, f.path().string());
        CHECK_MESSAGE(bytes.find("cloud.example") == std::string::npos, f.path().string());
    }

    auto reopened = journal::Vault::open(path);
    REQUIRE(reopened.ok());
    REQUIRE((*reopened)->unlock("correct horse").ok());
    REQUIRE(forget_webdav_credentials(**reopened).ok());
    CHECK_FALSE(load_webdav_credentials(**reopened).has_value());
}
