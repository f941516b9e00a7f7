// Passkeys: a third wrap of the master key (journal/passkey_wrap.hpp, docs/vault.md
// "Passkeys"). Adding and removing write the key rows in one transaction; unlocking checks only
// the one wrap it needs, so damage elsewhere never stops it and its own damage never unlocks.
#include "journal/passkey_wrap.hpp"
#include "journal/vault_impl.hpp"

namespace afterglow::journal {
namespace {

std::string shown_name(const passkey::Listed& l) {
    return l.meta.name.empty() ? std::string("(unnamed)") : l.meta.name;
}

// A row (other than `except`) that does not match its checksum: re-sealing the checksums over
// it would hide the damage, so nothing is written.
std::optional<std::string> damaged_row(const keyring::Rows& rows, const std::string& except) {
    for (const auto& [name, value] : rows)
        if (name != "checksums" && name != except && !keyring::row_intact(rows, name)) return name;
    return std::nullopt;
}

Error refused(const std::string& row, const std::string& doing) {
    return make_error(Errc::damaged,
                      "Could not " + doing + ": the vault's key row '" + row +
                          "' is damaged, and saving now would hide that. Nothing was changed.",
                      "key:" + row);
}

}  // namespace

std::vector<Passkey> Vault::passkeys() {
    if (!impl_->unlocked()) (void)impl_->reload_key_rows();
    std::vector<Passkey> out;
    for (auto& l : passkey::list(impl_->key_rows))
        out.push_back({l.row, l.meta.name, l.meta.added, l.meta.credential_id, l.meta.salt, l.intact});
    return out;
}

Status Vault::add_passkey(std::string_view name, std::string_view added_iso, crypto::Bytes credential_id,
                          crypto::Bytes salt, const crypto::SecretBuffer& prf_output) {
    if (auto st = impl_->require_unlocked(); !st) return st;
    if (impl_->store->read_only()) return read_only_error(*impl_->store);
    passkey::Meta meta{std::string(name), std::string(added_iso), std::move(credential_id), std::move(salt)};
    auto value = passkey::wrap(meta, prf_output, impl_->keys->master);
    if (!value) return value.error();
    const std::string row = passkey::row_name(meta.credential_id);
    keyring::Rows merged;
    std::optional<std::string> bad;
    auto st = guarded("add the passkey", [&] {
        impl_->store->write([&] {
            merged = impl_->store->read_keys();
            if ((bad = damaged_row(merged, row))) return;  // nothing written
            merged[row] = *value;
            keyring::seal_checksums(merged);
            impl_->store->put_key(row, merged[row]);
            impl_->store->put_key("checksums", merged["checksums"]);
        });
    });
    if (!st) return st;
    if (bad) return refused(*bad, "add the passkey");
    impl_->key_rows = std::move(merged);
    if (impl_->on_change) impl_->on_change();
    return {};
}

Status Vault::remove_passkey(std::string_view row_view) {
    const std::string row(row_view);
    if (!passkey::is_passkey_row(row)) return make_error(Errc::invalid_argument, "'" + row + "' is not a passkey.");
    if (impl_->store->read_only()) return read_only_error(*impl_->store);
    keyring::Rows merged;
    std::optional<std::string> bad;
    bool found = false;
    auto st = guarded("remove the passkey", [&] {
        impl_->store->write([&] {
            merged = impl_->store->read_keys();
            found = merged.erase(row) > 0;
            if (!found || (bad = damaged_row(merged, ""))) return;
            keyring::seal_checksums(merged);
            impl_->store->delete_key(row);
            impl_->store->put_key("checksums", merged["checksums"]);
        });
    });
    if (!st) return st;
    if (!found) return make_error(Errc::not_found, "No passkey '" + row + "' in this vault.", row);
    if (bad) return refused(*bad, "remove the passkey");
    impl_->key_rows = std::move(merged);
    if (impl_->on_change) impl_->on_change();
    return {};
}

Status Vault::unlock_with_passkey(std::span<const std::uint8_t> credential_id,
                                  const crypto::SecretBuffer& prf_output) {
    if (impl_->unlocked()) return {};
    if (auto st = impl_->reload_key_rows(); !st) return st;
    const std::string row = passkey::row_name(credential_id);
    for (const auto& l : passkey::list(impl_->key_rows)) {
        if (l.row != row) continue;
        const std::string why = "The passkey \u201c" + shown_name(l) +
                                "\u201d cannot open this journal: its key in the vault file is damaged or was "
                                "changed outside Afterglow. Use your passphrase; then remove this passkey in "
                                "Settings and add it again.";
        if (!l.intact) return make_error(Errc::damaged, why, "key:" + row);
        auto master = passkey::unwrap(row, impl_->key_rows.at(row), prf_output);
        if (!master) return make_error(Errc::damaged, why, "key:" + row);
        impl_->kdf_authentic = false;  // nothing has checked the KDF rows
        return impl_->become_unlocked(std::move(*master));
    }
    return make_error(Errc::not_found,
                      "This passkey is not set up for this journal (it may have been removed). "
                      "Use your passphrase.",
                      row);
}

}  // namespace afterglow::journal
