// afterglow-cli keygen / decrypt: the age tool's key generation and decryption
// (like `age-keygen` and `age -d`), over crypto/age.hpp.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/command.hpp"
#include "crypto/age.hpp"
#include "crypto/secret.hpp"

namespace afterglow::cli {
namespace {

namespace age = crypto::age;
namespace fs = std::filesystem;

bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t w = ::write(fd, data.data(), data.size());
        if (w < 0) return false;
        data.remove_prefix(static_cast<std::size_t>(w));
    }
    return true;
}

int keygen(Context&, Args& args) {
    bool bad = false;
    auto out = take_option(args, "-o", bad);
    if (!out && !bad) out = take_option(args, "--output", bad);
    if (bad) return usage_error("-o needs a file name.");
    if (!args.empty()) return usage_error("keygen takes no argument besides -o FILE.");

    const auto id = age::Identity::generate();
    std::string text = age::identity_file(id);
    int code = kOk;
    if (out) {
        // Never overwrite an existing key file; create it readable by the owner only.
        const int fd = ::open(out->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            crypto::wipe(text);
            if (errno == EEXIST)
                return fail(make_error(Errc::io,
                                       "\"" + *out + "\" already exists; not overwriting it.",
                                       *out));
            return fail(make_error(Errc::io, "Cannot create \"" + *out + "\".", *out));
        }
        const bool ok = write_all(fd, text) && ::fsync(fd) == 0;
        ::close(fd);
        if (!ok) {
            ::unlink(out->c_str());
            code = fail(make_error(Errc::io, "Cannot write \"" + *out + "\".", *out));
        } else {
            std::cerr << "Public key: " << id.recipient() << "\n";
        }
    } else {
        std::cout << text << std::flush;
        if (!std::cout) code = fail(make_error(Errc::io, "Cannot write the key to stdout."));
    }
    crypto::wipe(text);
    return code;
}

Result<std::vector<age::Identity>> read_identities(const std::vector<std::string>& files) {
    std::vector<age::Identity> ids;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        if (!in) return make_error(Errc::io, "Cannot read the identity file \"" + f + "\".", f);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto parsed = age::parse_identity_file(text);
        crypto::wipe(text);
        if (!parsed) {
            Error e = parsed.error();
            e.message = "\"" + f + "\": " + e.message;
            e.subject = f;
            return e;
        }
        for (auto& id : parsed.value()) ids.push_back(std::move(id));
    }
    return ids;
}

int decrypt(Context& ctx, Args& args) {
    bool bad = false;
    std::vector<std::string> identity_files;
    for (;;) {
        auto i = take_option(args, "-i", bad);
        if (!i) i = take_option(args, "--identity", bad);
        if (!i) break;
        identity_files.push_back(*i);
    }
    auto pass_file = take_option(args, "--passphrase-file", bad);
    auto out = take_option(args, "-o", bad);
    if (!out && !bad) out = take_option(args, "--output", bad);
    take_flag(args, "-d");  // accepted for familiarity with `age -d`
    if (bad) return usage_error("An option is missing its value.");
    if (args.size() != 1) return usage_error("decrypt needs exactly one FILE to decrypt.");
    const std::string input = args[0];
    if (pass_file) ctx.passphrase_file = fs::path(*pass_file);

    std::ifstream probe(input, std::ios::binary);
    if (!probe) return fail(make_error(Errc::io, "Cannot read \"" + input + "\".", input));
    auto info = age::inspect(probe);
    probe.close();
    if (!info) {
        Error e = info.error();
        e.subject = input;
        return fail(e);
    }

    age::DecryptOptions opt;
    auto ids = read_identities(identity_files);
    if (!ids) return fail(ids.error());
    opt.identities = &ids.value();
    if (info->passphrase) {
        auto p = ctx.read_passphrase("Enter passphrase: ");
        if (!p)
            return usage_error(ctx.passphrase_file
                                   ? "Cannot read the passphrase file " +
                                         ctx.passphrase_file->string() + "."
                                   : "This file needs a passphrase and none was given (no "
                                     "terminal; use --passphrase-file or AFTERGLOW_PASSPHRASE).");
        opt.passphrase = std::move(*p);
    } else if (ids->empty()) {
        return usage_error("This file is encrypted to public keys: give an identity file "
                           "with -i FILE.");
    }

    std::ifstream in(input, std::ios::binary);
    if (!in) return fail(make_error(Errc::io, "Cannot read \"" + input + "\".", input));
    auto finish = [&](int code) {
        if (opt.passphrase) crypto::wipe(*opt.passphrase);
        return code;
    };

    if (!out) {
        auto st = age::decrypt_stream(in, std::cout, opt);
        std::cout.flush();
        if (!st) {
            Error e = st.error();
            e.subject = input;
            if (e.code == Errc::damaged)
                e.message += " Discard anything already written to the output.";
            return finish(fail(e));
        }
        return finish(kOk);
    }

    // Write to a temporary file beside OUT, rename only after full success.
    const fs::path target(*out);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());  // mode 0600
    if (fd < 0)
        return finish(fail(make_error(Errc::io, "Cannot create a file in \"" + dir.string() +
                                                    "\".", dir.string())));
    ::fchmod(fd, 0600);
    std::ofstream os(tmpl, std::ios::binary | std::ios::trunc);
    ::close(fd);
    auto st = age::decrypt_stream(in, os, opt);
    os.close();
    if (st && !os) st = make_error(Errc::io, "Cannot write \"" + tmpl + "\".");
    if (st) {
        const int sfd = ::open(tmpl.c_str(), O_RDONLY | O_CLOEXEC);
        if (sfd >= 0) {
            ::fsync(sfd);
            ::close(sfd);
        }
        std::error_code ec;
        fs::rename(tmpl, target, ec);
        if (ec) st = make_error(Errc::io, "Cannot rename the output into \"" + *out + "\".");
    }
    if (!st) {
        std::error_code ec;
        fs::remove(tmpl, ec);
        Error e = st.error();
        if (e.subject.empty()) e.subject = input;
        return finish(fail(e));
    }
    return finish(kOk);
}

const Registrar kKeygen{Command{
    "keygen", "keygen [-o FILE]",
    "Generates an age X25519 identity, like age-keygen. Without -o the identity file is "
    "written to stdout; with -o it is created with mode 0600 (never overwriting an existing "
    "file) and the public key (age1...) is printed on stderr. Give the public key to people "
    "who send you encrypted exports; keep the identity file secret.",
    keygen}};

const Registrar kDecrypt{Command{
    "decrypt", "decrypt [-i IDENTITY_FILE]... [--passphrase-file F] [-o OUT] FILE",
    "Decrypts an age file (binary or armored), like `age -d`. Use -i (repeatable) for files "
    "encrypted to public keys; a passphrase-encrypted file asks for the passphrase on the "
    "terminal unless --passphrase-file or $AFTERGLOW_PASSPHRASE gives it. With -o the "
    "plaintext goes to a temporary file that replaces OUT (mode 0600) only after the whole "
    "file decrypted and authenticated; without -o it goes to stdout, and on an error what "
    "was written must be discarded. Exit codes: 0 ok, 2 usage, 3 wrong passphrase or no "
    "matching identity, 4 damaged or truncated file, 1 other.",
    decrypt}};

}  // namespace
}  // namespace afterglow::cli
