// `afterglow-cli webdav`: this device's WebDAV address, user and app password, sealed in the
// vault (journal/sync/webdav_credentials.hpp); `sync --target URL` then uses them. The app
// password comes from --password-file F, $AFTERGLOW_WEBDAV_PASSWORD or the terminal, never
// from the command line (argv is visible to every user of the machine).
#ifdef AFTERGLOW_SYNC_WEBDAV
#include <fstream>
#include <iostream>

#include "cli/command.hpp"
#include "journal/sync/webdav_credentials.hpp"
#include "journal/sync/webdav_curl.hpp"

namespace afterglow::cli {
namespace {

std::optional<std::string> app_password(const std::optional<std::string>& file) {
    return read_secret(file, "AFTERGLOW_WEBDAV_PASSWORD", "App password: ");
}

int cmd_webdav(Context& ctx, Args& args) {
    const std::string verb = args.empty() ? "show" : args.front();
    if (!args.empty()) args.erase(args.begin());
    bool bad = false;
    const auto user = take_option(args, "--user", bad);
    const auto pass_file = take_option(args, "--password-file", bad);
    if (bad) return usage_error("--user and --password-file need a value");
    const bool set = verb == "set" && args.size() == 1;
    if (!set && !((verb == "show" || verb == "test" || verb == "forget") && args.empty()))
        return usage_error("usage: webdav [show | set URL [--user U] [--password-file F] | test | forget]");
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;

    if (verb == "set") {
        sync::WebDavCredentials c;
        c.url = args[0];
        c.user = user.value_or("");
        if (!c.user.empty()) {
            auto pass = app_password(pass_file);
            if (!pass) return usage_error("cannot read the app password (--password-file F or $AFTERGLOW_WEBDAV_PASSWORD)");
            c.password = crypto::SecretBuffer::copy_of(std::string_view(*pass));
            crypto::wipe(*pass);
        }
        if (auto st = sync::save_webdav_credentials(*vault, c); !st) return fail(st.error());
        std::cout << "Saved, encrypted in this journal: " << sync::parse_webdav_url(c.url)->url
                  << (c.user.empty() ? " (no user)" : " as " + c.user) << ". Sync with: sync --target "
                  << sync::parse_webdav_url(c.url)->url << "\n";
        return kOk;
    }
    if (verb == "forget") {
        if (auto st = sync::forget_webdav_credentials(*vault); !st) return fail(st.error());
        std::cout << "This journal holds no WebDAV address or app password any more.\n";
        return kOk;
    }
    auto c = sync::load_webdav_credentials(*vault);
    if (!c) {
        std::cout << "No WebDAV address saved (webdav set URL --user U).\n";
        return verb == "show" ? kOk : kOther;
    }
    if (verb == "show") {
        std::cout << c->url << (c->user.empty() ? " (no user)" : " as " + c->user) << "\n";
        return kOk;
    }
    auto store = sync::make_webdav_store(c->url, vault.get());
    if (!store) return fail(store.error());
    auto* dav = dynamic_cast<sync::WebDavStore*>(store->get());
    if (!dav) return fail(make_error(Errc::invalid_argument, "Not a WebDAV address: " + c->url));
    if (auto st = dav->check(); !st) {
        const Error& e = st.error();
        return fail(make_error(e.code, "Could not use " + c->url + ": " + e.message + ".", e.subject));
    }
    std::cout << "Connected: " << c->url << " answers, accepts the app password and can be written.\n";
    return kOk;
}

Registrar r_webdav{{"webdav", "webdav [show | set URL [--user U] [--password-file F] | test | forget]",
                    "This device's WebDAV folder for sync (Nextcloud, ownCloud, a NAS, Apache\n"
                    "mod_dav): the address, user and app password are kept encrypted in the\n"
                    "journal, never in a settings file. The app password is read from\n"
                    "--password-file F, $AFTERGLOW_WEBDAV_PASSWORD or the terminal. `test` checks\n"
                    "that the server answers, accepts the password and can be written. Then:\n"
                    "sync --target URL.",
                    cmd_webdav}};

}  // namespace
}  // namespace afterglow::cli
#endif
