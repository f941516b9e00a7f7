// Importing a backup from another device: the file (typed path, or on the web the picked
// file held in memory) is opened with its passphrase or age key on the worker (scrypt is
// slow), then merged on the UI thread in one transaction (journal::exports::import_backup):
// new records are added, newer versions replace older ones, the rest is kept, so importing
// the same backup twice changes nothing. The counts are shown on the import screen.
#include "app/core/controller.hpp"

#ifdef AFTERGLOW_HAVE_EXPORT
#include <fstream>
#include <iterator>

#include "crypto/age.hpp"
#include "crypto/secret.hpp"
#include "journal/export/backup_import.hpp"
#endif

namespace afterglow::app {

void Controller::on(cmd::ImportPick&) {
    if (opt_.services.pick_file) opt_.services.pick_file();
}

void Controller::on(cmd::ImportChoose& c) {
    forms_.import_form.file = c.path;
    view_.import_result.clear();
}

#ifdef AFTERGLOW_HAVE_EXPORT
namespace {

namespace ex = journal::exports;
constexpr std::streamsize kMaxBackup = 512ll << 20;

std::optional<crypto::Bytes> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    in.seekg(0, std::ios::end);
    const std::streamsize size = in.tellg();
    if (size < 0 || size > kMaxBackup) return std::nullopt;
    in.seekg(0);
    crypto::Bytes out(static_cast<std::size_t>(size));
    if (size && !in.read(reinterpret_cast<char*>(out.data()), size)) return std::nullopt;
    return out;
}

std::string counts_text(const ex::ImportCounts& c) {
    return std::to_string(c.added) + " added, " + std::to_string(c.updated) + " updated, " +
           std::to_string(c.skipped) + " already here (unchanged)";
}

}  // namespace

void Controller::on(cmd::ImportRun&) {
    if (!unlocked()) return;
    auto& f = forms_.import_form;
    view_.import_result.clear();
    if (f.file.empty()) {
        fail("Choose the backup file first.");
        return;
    }
    auto file = std::make_shared<crypto::Bytes>();
    if (auto bytes = read_file(f.file)) *file = std::move(*bytes);
    else {
        fail("Cannot read " + f.file + " (missing, unreadable or too large). Nothing was imported.");
        return;
    }
    auto ids = std::make_shared<std::vector<crypto::age::Identity>>();
    crypto::age::DecryptOptions opts;
    if (crypto::age::is_age_file(*file)) {
        auto info = crypto::age::inspect(*file);
        if (!info) {
            fail(info.error().message + " Nothing was imported.");
            return;
        }
        if (info->passphrase) {
            if (f.secret.text.empty()) {
                fail("This backup is protected by a passphrase: type it, then import.");
                return;
            }
            opts.passphrase = f.secret.text;
        } else {
            auto parsed = crypto::age::parse_identity_file(f.secret.text);
            if (!parsed || parsed->empty()) {
                fail("This backup is encrypted to a key: paste that key (AGE-SECRET-KEY-1…), then import.");
                return;
            }
            *ids = std::move(parsed.value());
        }
    }
    f.secret.wipe();
    start_busy("Opening the backup…");
    worker_.start([this, file, ids, opts]() mutable -> Worker::Done {
        if (!ids->empty()) opts.identities = ids.get();
        auto records = std::make_shared<Result<std::vector<journal::Record>>>(ex::open_backup(*file, opts));
        if (opts.passphrase) crypto::wipe(*opts.passphrase);
        crypto::wipe(*file);
        ids->clear();
        return [this, records] {
            view_.busy = {};
            if (!*records) {
                const Error& e = records->error();
                fail(e.code == Errc::wrong_passphrase
                         ? "That passphrase or key does not open this backup. Nothing was imported."
                         : e.message + " Nothing was imported.");
                return;
            }
            if (!unlocked()) return;  // locked meanwhile: nothing is merged
            auto counts = ex::import_backup(*vault_, std::move(records->value()));
            if (!counts) {
                fail(counts.error().message);
                return;
            }
            view_.import_result = counts_text(counts.value());
            view_.import_added = counts->added;
            view_.import_updated = counts->updated;
            view_.import_kept = counts->skipped;
            notice("Backup imported: " + view_.import_result + ".");
            changed();
            event(Event::imported);
        };
    });
}
#else
void Controller::on(cmd::ImportRun&) { fail("This build cannot import backups."); }
#endif

}  // namespace afterglow::app
