// The controller without a window for tests: a real (fast-KDF) vault in a temp dir, a fake
// clock, the worker run inline; `run` applies one command and its continuation.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "app/core/controller.hpp"
#include "crypto/recovery_key.hpp"
#include "tests/support/test_support.hpp"

namespace afterglow::app {

struct ControllerFixture {
    test::TempDir dir;
    FakeClock clock;
    std::unique_ptr<Controller> c;

    explicit ControllerFixture(bool create = true) {
        make();
        if (create) create_vault();
    }
    // The test's controller options: files in dir, the fast KDF, the fake clock, the worker inline.
    ControllerOptions options() {
        ControllerOptions o;
        o.vault_path = dir / "journal.afterglow";
        o.settings_file = dir / "config" / "settings.ini";
        o.insecure_test_kdf = true;
        o.clock = &clock;
        o.inline_worker = true;
        return o;
    }
    void make() { c = std::make_unique<Controller>(options()); }
    void run(Command cmd) {
        c->push(std::move(cmd));
        c->update();
        c->update();  // the inline worker's continuation runs on the next update
    }
    // First run up to the recovery key: the passphrase typed twice and the vault created.
    void start_create() {
        c->forms().first_run.pass.text = "correct horse battery";
        c->forms().first_run.confirm.text = "correct horse battery";
        run(cmd::CreateVault{});
        REQUIRE(c->view().unlocked);
        REQUIRE_FALSE(c->view().recovery_key.empty());
    }
    void create_vault() {
        REQUIRE(c->view().screen == Screen::first_run);
        start_create();
        c->forms().first_run.group_typed = crypto::recovery_key_group(c->view().recovery_key, c->view().recovery_group);
        run(cmd::ConfirmRecoveryKey{});
        REQUIRE(c->view().screen == Screen::home);
        REQUIRE(c->view().recovery_key.empty());
    }
    // A new reflection holding TEXT, saved.
    void save_entry(const std::string& text) {
        run(cmd::NewEntry{journal::EntryKind::reflection, std::nullopt});
        c->forms().editor.doc.set_text(text);
        run(cmd::SaveEntry{});
    }
    bool has_event(const std::vector<Event>& ev, const char* name) {
        return std::any_of(ev.begin(), ev.end(), [&](Event e) { return std::string(event_name(e)) == name; });
    }
};

}  // namespace afterglow::app
