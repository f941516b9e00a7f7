// A folder as a sync store (docs/sync.md §1): the directory Syncthing, Nextcloud's client,
// Dropbox or iCloud Drive keeps in step. put() writes NAME.tmp-RANDOM, fsyncs it, renames it to
// NAME and fsyncs the folder, so a reader sees the old file, no file, or all of the new one.
// list() leaves out this store's own temporary files (and removes those older than a day).
#pragma once

#include <filesystem>

#include "journal/sync/store.hpp"

namespace afterglow::sync {

class FolderStore : public Store {
public:
    explicit FolderStore(std::filesystem::path root);
    Result<std::vector<StoreEntry>> list() override;
    Result<Bytes> get(const std::string& name) override;
    Status put(const std::string& name, const Bytes& data) override;
    Status remove(const std::string& name) override;
    std::string describe() const override;
    bool concurrent_gets() const override { return true; }
    const std::filesystem::path& root() const { return root_; }

private:
    Result<std::filesystem::path> resolve(const std::string& name) const;
    std::filesystem::path root_;
};

}  // namespace afterglow::sync
