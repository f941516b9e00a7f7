#include "journal/export/backup_import.hpp"

#include <optional>
#include <unordered_map>
#include <utility>

#include "crypto/secret.hpp"
#include "journal/export/backup_json.hpp"

namespace afterglow::journal::exports {
namespace {

// The version the vault holds for `id` and whether it is the same kind as `r`.
struct Existing {
    std::uint64_t version = 0;
    bool same_kind = true;
};

// Questionnaire responses and documents (the vault has no find_* for them): by id.
using OtherKinds = std::unordered_map<RecordId, std::pair<const RecordMeta*, std::size_t>, RecordIdHash>;

OtherKinds other_kinds(const Vault& vault) {
    OtherKinds out;
    for (const auto& m : vault.responses()) out.emplace(m.meta.id, std::make_pair(&m.meta, Record(std::in_place_type<MeasureResponse>).index()));
    for (const auto& d : vault.documents()) out.emplace(d.meta.id, std::make_pair(&d.meta, Record(std::in_place_type<Document>).index()));
    return out;
}

std::optional<Existing> find_existing(const Vault& vault, const OtherKinds& others, const Record& r) {
    const RecordId& id = meta_of(r).id;
    const RecordMeta* m = nullptr;
    std::size_t kind = 0;
    if (const auto* s = vault.find_session(id)) m = &s->meta, kind = 0;
    else if (const auto* e = vault.find_entry(id)) m = &e->meta, kind = 1;
    else if (const auto* c = vault.find_checkin(id)) m = &c->meta, kind = 2;
    else if (const auto* g = vault.find_goal(id)) m = &g->meta, kind = 3;
    else if (auto it = others.find(id); it != others.end()) m = it->second.first, kind = it->second.second;
    if (!m) return std::nullopt;
    return Existing{m->version, kind == r.index()};
}

}  // namespace

Result<std::vector<Record>> open_backup(std::span<const std::uint8_t> file,
                                        const crypto::age::DecryptOptions& options) {
    if (!crypto::age::is_age_file(file)) return parse_backup(crypto::as_text(file));
    auto plain = crypto::age::decrypt(file, options);
    if (!plain) return plain.error();
    auto records = parse_backup(crypto::as_text(plain.value()));
    crypto::wipe(*plain);
    return records;
}

Result<ImportCounts> import_backup(Vault& vault, std::vector<Record> records) {
    if (!vault.unlocked())
        return make_error(Errc::locked, "Unlock the journal before restoring a backup.");
    ImportCounts counts;
    const OtherKinds others = other_kinds(vault);
    std::vector<Record> to_save;
    to_save.reserve(records.size());
    for (auto& r : records) {
        const RecordMeta& m = meta_of(r);
        if (m.id.empty())
            return make_error(Errc::damaged, "A backup record has no id.");
        auto existing = find_existing(vault, others, r);
        if (!existing) {
            ++counts.added;
        } else if (!existing->same_kind) {
            return make_error(Errc::damaged,
                              "A backup record has the id of a different kind of record in "
                              "this journal; nothing was imported.",
                              m.id.hex());
        } else if (existing->version >= m.version) {
            ++counts.skipped;
            continue;
        } else {
            ++counts.updated;
        }
        to_save.push_back(std::move(r));
    }
    if (!to_save.empty()) {
        Status st = vault.save_all(std::move(to_save));
        if (!st) return st.error();
    }
    return counts;
}

}  // namespace afterglow::journal::exports
