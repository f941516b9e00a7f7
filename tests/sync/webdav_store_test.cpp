// WebDavStore (journal/sync/webdav_store.hpp) over libcurl against a real Apache + mod_dav
// started by each test (tests/sync/apache/), and its address and PROPFIND parsing alone.
#include <doctest/doctest.h>

#include <filesystem>

#include "journal/sync/webdav_curl.hpp"
#include "tests/support/test_support.hpp"
#include "tests/sync/webdav_apache.hpp"

using namespace afterglow;
using namespace afterglow::sync;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<WebDavStore> open_store(const std::string& url, const std::string& pass = test::kDavPass,
                                        const std::string& sub = "Afterglow/") {
    WebDavOptions o;
    o.url = url + sub;
    o.user = test::kDavUser;
    o.password = crypto::SecretBuffer::copy_of(std::string_view(pass));
    o.connect_timeout_s = 3;
    o.stall_timeout_s = 5;
    o.total_timeout_s = 20;
    auto s = open_webdav(std::move(o));
    REQUIRE_MESSAGE(s.ok(), test::error_of(s));
    return std::move(*s);
}

crypto::Bytes bytes(const std::string& s) { return crypto::Bytes(s.begin(), s.end()); }

bool apache_ready(const test::ApacheDav& dav) {
    if (!test::have(dav.present(), "apache2 and htpasswd (Debian package apache2)")) return false;
    REQUIRE_MESSAGE(dav.started(), dav.start_log());
    return true;
}

}  // namespace

TEST_CASE("webdav: an address with credentials or plain http to another computer is refused") {
    auto with_user = parse_webdav_url("https://me:secret-pass@cloud.example/dav/");
    REQUIRE_FALSE(with_user.ok());
    CHECK(with_user.error().code == Errc::invalid_argument);
    CHECK(with_user.error().message.find("secret-pass") == std::string::npos);
    auto plain = parse_webdav_url("http://nas.local/dav/");
    REQUIRE_FALSE(plain.ok());
    CHECK(plain.error().message.find("https://") != std::string::npos);
    auto good = parse_webdav_url("https://cloud.example/remote.php/dav/files/me/My%20Journal");
    REQUIRE(good.ok());
    CHECK(good->url == "https://cloud.example/remote.php/dav/files/me/My%20Journal/");
    CHECK(good->root_path == "/remote.php/dav/files/me/My Journal/");
    CHECK(parse_webdav_url("http://127.0.0.1:8080/dav").ok());
    CHECK_FALSE(parse_webdav_url("ftp://cloud.example/").ok());
    CHECK(is_webdav_url("HTTPS://x/"));
    CHECK_FALSE(is_webdav_url("/home/me/Sync"));
}

TEST_CASE("webdav: PROPFIND answers of Apache and Nextcloud are read alike") {
    const std::string apache =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">"
        "<D:response xmlns:lp1=\"DAV:\"><D:href>/dav/A/</D:href><D:propstat><D:prop>"
        "<lp1:resourcetype><D:collection/></lp1:resourcetype></D:prop></D:propstat></D:response>"
        "<D:response xmlns:lp1=\"DAV:\"><D:href>/dav/A/journal.key</D:href><D:propstat><D:prop>"
        "<lp1:resourcetype/><lp1:getcontentlength>4096</lp1:getcontentlength></D:prop></D:propstat></D:response>"
        "</D:multistatus>";
    std::vector<webdav_detail::DavItem> items;
    REQUIRE(webdav_detail::parse_multistatus(apache, items));
    REQUIRE(items.size() == 2);
    CHECK(items[0].collection);
    CHECK(items[1].path == "/dav/A/journal.key");
    CHECK(items[1].size == 4096);
    const std::string nextcloud =
        "<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\" xmlns:oc=\"http://owncloud.org/ns\">"
        "<d:response><d:href>https://cloud.example/remote.php/dav/files/me/My%20J/D/x%26y.seg</d:href>"
        "<d:propstat><d:prop><d:resourcetype/><d:getcontentlength>12</d:getcontentlength></d:prop>"
        "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>";
    items.clear();
    REQUIRE(webdav_detail::parse_multistatus(nextcloud, items));
    REQUIRE(items.size() == 1);
    CHECK_FALSE(items[0].collection);
    CHECK(items[0].path == "/remote.php/dav/files/me/My J/D/x&y.seg");
    items.clear();
    CHECK_FALSE(webdav_detail::parse_multistatus("<html><body>Login</body></html>", items));
}

TEST_CASE("webdav: put and list and get and remove through Apache mod_dav") {
    test::ApacheDav dav;
    if (!apache_ready(dav)) return;
    auto store = open_store(dav.url());
    CHECK(store->describe() == dav.url() + "Afterglow/");

    auto empty = store->list();  // the folder does not exist yet: empty, not an error
    REQUIRE_MESSAGE(empty.ok(), test::error_of(empty));
    CHECK(empty->empty());

    crypto::Bytes big(300000);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i * 7 + 3);
    REQUIRE(store->put("journal.key", bytes("key")).ok());
    auto put = store->put("D/DEVICEA/0000000001.seg", big);  // folders made on the way
    REQUIRE_MESSAGE(put.ok(), test::error_of(put));
    REQUIRE(store->put("D/DEVICEB/0000000001.seg", bytes("b1")).ok());
    REQUIRE(store->put("D/DEVICEB/0000000001.seg", bytes("b1 again")).ok());  // whole replace

    auto listed = store->list();
    REQUIRE_MESSAGE(listed.ok(), test::error_of(listed));
    REQUIRE(listed->size() == 3);
    CHECK((*listed)[0].name == "D/DEVICEA/0000000001.seg");
    CHECK((*listed)[0].size == big.size());
    CHECK((*listed)[1].name == "D/DEVICEB/0000000001.seg");
    CHECK((*listed)[1].size == 8);
    CHECK((*listed)[2].name == "journal.key");

    auto got = store->get("D/DEVICEA/0000000001.seg");
    REQUIRE_MESSAGE(got.ok(), test::error_of(got));
    CHECK(*got == big);
    CHECK(test::read_file(dav.disk() / "Afterglow" / "D" / "DEVICEB" / "0000000001.seg") == "b1 again");

    REQUIRE(store->remove("D/DEVICEB/0000000001.seg").ok());
    auto gone = store->get("D/DEVICEB/0000000001.seg");
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.error().code == Errc::not_found);
    auto again = store->remove("D/DEVICEB/0000000001.seg");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == Errc::not_found);
    CHECK(store->list()->size() == 2);

    // A stray file (a sync client's conflict copy, a name with spaces) is listed by its name.
    test::write_file(dav.disk() / "Afterglow" / "notes (conflicted copy).seg", "x");
    auto with_stray = store->list();
    REQUIRE(with_stray.ok());
    CHECK(std::any_of(with_stray->begin(), with_stray->end(),
                      [](const StoreEntry& e) { return e.name == "notes (conflicted copy).seg"; }));

    CHECK(store->check().ok());  // "Test connection": the probe is written and removed
    CHECK(store->list()->size() == 3);
    CHECK(dav.access_log().find(test::kDavPass) == std::string::npos);
}

TEST_CASE("webdav: a wrong app password says so and names no secret") {
    test::ApacheDav dav;
    if (!apache_ready(dav)) return;
    auto store = open_store(dav.url(), "wrong app password");
    auto listed = store->list();
    REQUIRE_FALSE(listed.ok());
    CHECK(listed.error().code == Errc::wrong_passphrase);
    CHECK(listed.error().message.find("check the user and app password") != std::string::npos);
    CHECK(listed.error().message.find("wrong app password") == std::string::npos);
    auto put = store->put("journal.key", bytes("k"));
    REQUIRE_FALSE(put.ok());
    CHECK(put.error().code == Errc::wrong_passphrase);
    auto checked = store->check();
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message.find("check the user and app password") != std::string::npos);
    CHECK_FALSE(fs::exists(dav.disk() / "Afterglow"));
}

TEST_CASE("webdav: a stopped or killed server is a clear io error and loses nothing") {
    test::ApacheDav dav;
    if (!apache_ready(dav)) return;
    auto store = open_store(dav.url());
    REQUIRE(store->put("D/DEVICEA/0000000001.seg", bytes("one")).ok());
    REQUIRE(dav.stop());

    auto listed = store->list();
    REQUIRE_FALSE(listed.ok());
    CHECK(listed.error().code == Errc::io);
    CHECK(listed.error().message.find("the server did not answer: the connection was refused") == 0);
    CHECK(listed.error().message.find(test::kDavPass) == std::string::npos);
    auto put = store->put("D/DEVICEA/0000000002.seg", bytes("two"));
    REQUIRE_FALSE(put.ok());
    CHECK(put.error().code == Errc::io);

    REQUIRE(dav.restart());
    REQUIRE(store->put("D/DEVICEA/0000000002.seg", bytes("two")).ok());
    REQUIRE(dav.kill());
    CHECK_FALSE(store->get("D/DEVICEA/0000000001.seg").ok());
    REQUIRE(dav.restart());
    auto after = store->list();
    REQUIRE_MESSAGE(after.ok(), test::error_of(after));
    REQUIRE(after->size() == 2);
    CHECK(*store->get("D/DEVICEA/0000000001.seg") == bytes("one"));
    CHECK(*store->get("D/DEVICEA/0000000002.seg") == bytes("two"));
}
