// Tamper: flipping any byte of an encrypted backup gives a clear error, never records.
#include <doctest/doctest.h>

#include "crypto/age.hpp"
#include "journal/export/backup_import.hpp"
#include "journal/export/backup_json.hpp"
#include "journal/export/writer.hpp"
#include "tests/export/sample_journal.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace ex = afterglow::journal::exports;

TEST_CASE("every flipped byte of an encrypted backup is refused with a clear error") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    test::fill_sample(*v, /*long_paragraphs=*/2);
    auto id = crypto::age::Identity::generate();
    ex::Protection p;
    p.recipients = {id.recipient()};
    REQUIRE(ex::export_to_file(ex::snapshot_all(*v), ex::Format::json, p, dir / "b.age").ok());
    const std::string good = test::read_file(dir / "b.age");

    std::vector<crypto::age::Identity> ids;
    ids.push_back(crypto::age::Identity::parse(id.encode()).value());
    crypto::age::DecryptOptions opts;
    opts.identities = &ids;
    REQUIRE(ex::open_backup(crypto::as_bytes(good), opts).ok());

    std::size_t refused = 0;
    for (std::size_t i = 0; i < good.size(); ++i) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ 0x01);
        auto r = ex::open_backup(crypto::as_bytes(bad), opts);
        if (r.ok()) {
            FAIL_CHECK("flipped byte " << i << " still opened");
            continue;
        }
        CHECK_FALSE(r.error().message.empty());
        ++refused;
    }
    CHECK(refused == good.size());

    // Another identity: wrong_passphrase (CLI exit 3), not "damaged".
    std::vector<crypto::age::Identity> other;
    other.push_back(crypto::age::Identity::generate());
    crypto::age::DecryptOptions wrong;
    wrong.identities = &other;
    auto r = ex::open_backup(crypto::as_bytes(good), wrong);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::wrong_passphrase);
}

TEST_CASE("flipped bytes of a bare JSON backup never crash and never yield a partial list") {
    auto j = test::sample_journal(2);
    auto json = ex::to_backup_json(j.all());
    REQUIRE(json.ok());
    const std::string good = json.value();
    const std::size_t n = j.all().size();
    for (std::size_t i = 0; i < good.size(); i += 3) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ 0x20);
        auto r = ex::parse_backup(bad);
        if (r.ok()) CHECK(r->size() == n);  // e.g. a changed letter inside some text
        else CHECK_FALSE(r.error().message.empty());
    }
}
