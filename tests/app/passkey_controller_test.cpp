// Passkeys through the controller (issue 21) with a fake authenticator at the platform's edge:
// its PRF is HMAC-SHA256(per-credential secret, salt), as an authenticator's hmac-secret is.
// The vault, its file and the crypto are real; the clock is the test's (the reminder).
#include "app/core/passkeys.hpp"
#include "crypto/hkdf.hpp"
#include "journal/passkey_wrap.hpp"
#include "tests/app/controller_fixture.hpp"
#include "tests/journal/key_rows.hpp"

#include <atomic>
#include <chrono>
#include <iterator>
#include <map>
#include <thread>

namespace afterglow::app {
namespace {

struct FakeAuthenticator {
    bool prf = true;
    std::map<crypto::Bytes, crypto::Bytes> secrets;  // credential id -> its secret
    std::optional<crypto::Bytes> use;                 // get: the credential the user picks
    int asked = 0;
    bool defer = false;                                // keep the answer in `later` (a user not done yet)
    std::function<void()> later;
    crypto::Bytes next_id() const { return crypto::Bytes(16, static_cast<std::uint8_t>(0x41 + secrets.size())); }
    void answer(const PasskeyRequest& r, const std::function<void(PasskeyAnswer)>& done) {
        if (defer) {
            defer = false;
            later = [this, r, done] { answer(r, done); };
            return;
        }
        ++asked;
        PasskeyAnswer a;
        if (!prf) {
            a.status = PasskeyAnswer::Status::no_prf;
            if (r.create) secrets[next_id()] = crypto::random_bytes(32);  // the credential exists anyway
            done(std::move(a));
            return;
        }
        crypto::Bytes id, salt;
        if (r.create) {
            id = next_id();
            secrets[id] = crypto::random_bytes(32);
            salt = r.salt;
        } else {
            for (const auto& c : r.allow)
                if (!use || c.credential_id == *use) id = c.credential_id, salt = c.salt;
            if (id.empty() || !secrets.count(id)) {
                a.status = PasskeyAnswer::Status::cancelled;  // no such passkey here
                done(std::move(a));
                return;
            }
        }
        auto mac = crypto::hmac_sha256(secrets.at(id), salt);
        a.status = PasskeyAnswer::Status::ok;
        a.credential_id = id;
        a.prf = std::make_shared<crypto::SecretBuffer>(crypto::SecretBuffer::copy_of(mac));
        done(std::move(a));
    }
};

struct PasskeyFixture : ControllerFixture {
    FakeAuthenticator auth;
    PasskeyFixture() : ControllerFixture(false) {
        ControllerOptions o = options();
        o.services.passkey = [this](const PasskeyRequest& r, std::function<void(PasskeyAnswer)> done) { auth.answer(r, done); };
        c = std::make_unique<Controller>(o);
        create_vault();
    }
    // A command, its answer from the authenticator and the worker's continuation.
    void run(Command cmd) {
        c->push(std::move(cmd));
        for (int i = 0; i < 4; ++i) c->update();
    }
    cmd::Passkey op(cmd::Passkey::Op o, std::string row = {}) {
        cmd::Passkey p;
        p.op = o;
        p.row = std::move(row);
        return p;
    }
    void add(const std::string& name) {
        run(op(cmd::Passkey::Op::refresh));
        c->view().passkeys->name = name;
        run(op(cmd::Passkey::Op::add));
    }
    void lock() {
        run(cmd::Lock{});
        run(op(cmd::Passkey::Op::refresh));
    }
    const PasskeyPanel& panel() { return *c->view().passkeys; }
};

}  // namespace

TEST_CASE("passkeys: register, lock, one tap unlocks with the entries, a second, remove the first") {
    PasskeyFixture f;
    journal::Entry e;
    e.title = "after the session";
    REQUIRE(f.c->vault()->save(e).ok());
    REQUIRE(f.c->vault()->entries().size() == 1);
    f.add("My phone");
    REQUIRE(f.panel().rows.size() == 1);
    CHECK(f.panel().rows[0].name == "My phone");
    CHECK(f.c->view().notice.find("My phone") != std::string::npos);

    f.lock();
    CHECK(f.panel().usable_now);
    f.run(f.op(cmd::Passkey::Op::unlock));
    REQUIRE(f.c->view().unlocked);
    CHECK(f.c->view().screen == Screen::home);
    CHECK(f.c->vault()->entries().size() == 1);

    f.add("Security key");
    REQUIRE(f.panel().rows.size() == 2);
    const std::string first_row = f.panel().rows[0].name == "My phone" ? f.panel().rows[0].row : f.panel().rows[1].row;
    const auto first_id = f.auth.secrets.begin()->first;
    f.run(f.op(cmd::Passkey::Op::remove, first_row));
    CHECK_FALSE(test::read_key_rows(f.dir / "journal.afterglow").count(first_row));  // gone before the notice
    CHECK(f.c->view().notice.find("My phone") != std::string::npos);
    f.lock();
    f.auth.use = first_id;  // the removed one: not offered, so it cannot answer
    f.run(f.op(cmd::Passkey::Op::unlock));
    CHECK_FALSE(f.c->view().unlocked);
    f.auth.use = std::prev(f.auth.secrets.end())->first;
    f.run(f.op(cmd::Passkey::Op::unlock));
    CHECK(f.c->view().unlocked);
}

TEST_CASE("passkeys: an authenticator without PRF says so and nothing is written") {
    PasskeyFixture f;
    const auto before = test::read_key_rows(f.dir / "journal.afterglow");
    f.auth.prf = false;
    f.add("Old key");
    CHECK(f.panel().rows.empty());
    CHECK(f.panel().unavailable.find("PRF") != std::string::npos);
    CHECK(f.c->view().error.find("cannot unlock a journal") != std::string::npos);
    CHECK(test::read_key_rows(f.dir / "journal.afterglow") == before);
}

TEST_CASE("passkeys: a tampered wrap is reported by name and never unlocks, the passphrase does") {
    PasskeyFixture f;
    f.add("My phone");
    const std::string row = f.panel().rows.at(0).row;
    f.lock();
    const auto path = f.dir / "journal.afterglow";
    auto rows = test::read_key_rows(path);
    rows[row].back() ^= 0x01;
    test::write_key_rows(path, rows);
    f.run(f.op(cmd::Passkey::Op::refresh));
    CHECK_FALSE(f.panel().usable_now);  // the damaged one is not offered
    CHECK_FALSE(f.panel().rows.at(0).intact);
    // Asked anyway (the row was intact when the screen was drawn): named, still locked.
    journal::keyring::seal_checksums(rows);
    test::write_key_rows(path, rows);
    f.run(f.op(cmd::Passkey::Op::refresh));
    REQUIRE(f.panel().usable_now);
    f.run(f.op(cmd::Passkey::Op::unlock));
    CHECK_FALSE(f.c->view().unlocked);
    CHECK(f.c->view().error.find("\u201cMy phone\u201d") != std::string::npos);
    f.c->forms().unlock.pass.text = "correct horse battery";
    f.run(cmd::Unlock{});
    CHECK(f.c->view().unlocked);
}

TEST_CASE("passkeys: after the reminder period the passphrase is asked once, then the passkey again") {
    PasskeyFixture f;
    f.add("My phone");
    f.lock();
    CHECK_FALSE(f.panel().passphrase_due);
    f.clock.advance(13 * 86400.0);
    f.run(f.op(cmd::Passkey::Op::refresh));
    CHECK(f.panel().usable_now);
    f.clock.advance(1 * 86400.0 + 60);
    f.run(f.op(cmd::Passkey::Op::refresh));
    CHECK(f.panel().passphrase_due);
    CHECK_FALSE(f.panel().usable_now);
    f.c->forms().unlock.pass.text = "correct horse battery";
    f.run(cmd::Unlock{});
    REQUIRE(f.c->view().unlocked);
    f.lock();
    CHECK_FALSE(f.panel().passphrase_due);
    CHECK(f.panel().usable_now);
    // The period is a setting: 0 never asks.
    cmd::Passkey never = f.op(cmd::Passkey::Op::set_days);
    never.days = 0;
    f.run(never);
    f.clock.advance(400 * 86400.0);
    f.run(f.op(cmd::Passkey::Op::refresh));
    CHECK(f.panel().usable_now);
    CHECK(load_passkey_policy(f.dir / "config" / "passkeys.ini").days == 0);
}

// The prompt answers while the passphrase's unlock runs (the patient chose "Use my passphrase
// instead" with the prompt still open): the answer waits for the job, the journal opens once,
// and adding a passkey afterwards is not refused as "asking".
TEST_CASE("passkeys: an answer that comes while a job runs is applied after it, not lost") {
    PasskeyFixture f;
    f.add("My phone");
    f.lock();
    f.auth.defer = true;
    f.run(f.op(cmd::Passkey::Op::unlock));
    REQUIRE(f.auth.later);
    REQUIRE(f.panel().asking);
    f.c->forms().unlock.pass.text = "correct horse battery";
    f.c->push(cmd::Unlock{});
    f.auth.later();  // in the same batch as the unlock: it arrives while the job runs
    f.c->update();
    CHECK(f.c->busy());
    for (int i = 0; i < 4; ++i) f.c->update();
    CHECK(f.c->view().unlocked);
    CHECK_FALSE(f.panel().asking);
    f.add("Security key");
    CHECK(f.panel().rows.size() == 2);
}

// On the web the job's file calls are answered by the page's thread: a page thread that waits
// on the vault while the unlock job holds it never answers them, and the tap hangs (CI saw
// it: "Unlocking…" for 38 s). The job here is held at its start; the key rows change in the
// file meanwhile; the panel must not be re-read until the job is over.
TEST_CASE("passkeys: while the unlock job runs the controller leaves the vault to it") {
    PasskeyFixture f;
    f.add("My phone");
    f.lock();
    std::atomic<bool> hold{false}, held{false};
    ControllerOptions o = f.options();
    o.inline_worker = false;
    o.test_job_gate = [&] {
        held = true;
        while (hold) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    };
    o.services.passkey = [&f](const PasskeyRequest& r, std::function<void(PasskeyAnswer)> done) { f.auth.answer(r, done); };
    f.c = std::make_unique<Controller>(o);  // the same vault and passkey, a job thread of its own
    f.c->push(f.op(cmd::Passkey::Op::refresh));
    f.c->update();
    REQUIRE(f.panel().usable_now);
    REQUIRE(f.panel().rows.size() == 1);

    f.auth.defer = true;
    f.c->push(f.op(cmd::Passkey::Op::unlock));
    f.c->update();
    REQUIRE(f.auth.later);  // asked: the user is looking at the prompt
    const auto path = f.dir / "journal.afterglow";
    auto rows = test::read_key_rows(path);
    rows["passkey:00000000000000ff"] = rows.at(f.panel().rows[0].row);  // a second row appears
    journal::keyring::seal_checksums(rows);
    test::write_key_rows(path, rows);

    hold = true;
    f.auth.later();  // the answer: the unlock job starts and waits at the gate
    f.c->update();
    REQUIRE(f.c->busy());
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!held && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(held.load());
    for (int i = 0; i < 3; ++i) f.c->update();
    CHECK(f.panel().rows.size() == 1);  // not re-read while the job has the vault

    hold = false;
    while (f.c->busy() && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        f.c->update();
    }
    REQUIRE_FALSE(f.c->busy());
    CHECK(f.c->view().unlocked);
    CHECK(f.panel().rows.size() == 2);  // read again once it is over
}

}  // namespace afterglow::app
