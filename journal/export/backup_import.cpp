#include "journal/export/backup_import.hpp"

#include <optional>
#include <unordered_map>
#include <utility>

#include "crypto/secret.hpp"
#include "journal/export/backup_json.hpp"
#include "journal/index.hpp"
#include "journal/merge.hpp"

namespace afterglow::journal::exports {
namespace {

// The vault's record with each id, whatever its kind (copied out when asked for).
class LocalRecords {
public:
    explicit LocalRecords(const Vault& vault) : vault_(vault) {
        for (std::size_t i = 0; i < vault.responses().size(); ++i) responses_.emplace(vault.responses()[i].meta.id, i);
        for (std::size_t i = 0; i < vault.documents().size(); ++i) documents_.emplace(vault.documents()[i].meta.id, i);
    }
    std::optional<Record> find(const RecordId& id) const {
        if (const auto* s = vault_.find_session(id)) return Record{*s};
        if (const auto* e = vault_.find_entry(id)) return Record{*e};
        if (const auto* c = vault_.find_checkin(id)) return Record{*c};
        if (const auto* g = vault_.find_goal(id)) return Record{*g};
        if (auto it = responses_.find(id); it != responses_.end()) return Record{vault_.responses()[it->second]};
        if (auto it = documents_.find(id); it != documents_.end()) return Record{vault_.documents()[it->second]};
        return std::nullopt;
    }

private:
    const Vault& vault_;
    std::unordered_map<RecordId, std::size_t, RecordIdHash> responses_, documents_;
};

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
    const LocalRecords local(vault);
    std::vector<Record> to_save;
    to_save.reserve(records.size());
    for (auto& r : records) {
        const RecordMeta& m = meta_of(r);
        if (m.id.empty())
            return make_error(Errc::damaged, "A backup record has no id.");
        if (m.version > kMaxRecordVersion)
            return make_error(Errc::damaged,
                              "A backup record claims version " + std::to_string(m.version) +
                                  ", more saves than any journal makes; nothing was imported.",
                              m.id.hex());
        auto existing = local.find(m.id);
        if (existing && existing->index() != r.index())
            return make_error(Errc::damaged,
                              "A backup record has the id of a different kind of record in "
                              "this journal; nothing was imported.",
                              m.id.hex());
        // One rule with sync (journal/merge.hpp): a local text is never overwritten.
        const Merge action = merge_rule(existing ? &*existing : nullptr, r);
        if (existing) wipe_record(*existing);
        switch (action) {
            case Merge::add:
                ++counts.added;
                to_save.push_back(std::move(r));
                break;
            case Merge::keep_local:
                ++counts.skipped;
                break;
            case Merge::keep_both: {
                const RecordId local_id = m.id;
                Record copy = as_separate_copy(std::move(r));
                if (auto earlier = local.find(meta_of(copy).id)) {  // imported before
                    wipe_record(*earlier);
                    wipe_record(copy);
                    ++counts.skipped;
                    break;
                }
                ++counts.added;
                counts.kept_both.emplace_back(local_id, meta_of(copy).id);
                to_save.push_back(std::move(copy));
                break;
            }
        }
    }
    if (!to_save.empty()) {
        Status st = vault.save_all(std::move(to_save));
        if (!st) return st.error();
    }
    return counts;
}

}  // namespace afterglow::journal::exports
