// The dumb file store sync runs over (docs/sync.md §1): four operations on named files, nothing
// else. Names are relative, '/'-separated ("D/<device>/<counter>.seg"); a store creates the
// folders a put needs. Implementations: FolderStore (a directory a sync client keeps in step)
// and WebDavStore (libcurl on the desktop); the phone's WebDAV store is the same contract over
// fetch. No locks, no timestamps: the protocol needs neither.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"

namespace afterglow::sync {

using crypto::Bytes;

struct StoreEntry {
    std::string name;        // relative to the store's root
    std::uint64_t size = 0;  // bytes, as the store reports them
};

// Errors use afterglow::Errc: io (unreachable, timed out, refused, CORS), not_found (get or
// remove of a missing name), read_only (denied), disk_full (no space, quota), damaged (the
// store answered something unusable). The message is a sentence for the patient and never
// holds a password or a URL's credentials.
class Store {
public:
    virtual ~Store() = default;
    // Every file under the root, recursively; a missing root is an empty list, not an error.
    virtual Result<std::vector<StoreEntry>> list() = 0;
    virtual Result<Bytes> get(const std::string& name) = 0;
    // Whole file, atomically: a reader sees the old file, no file, or all of the new one.
    virtual Status put(const std::string& name, const Bytes& data) = 0;
    virtual Status remove(const std::string& name) = 0;
    // get() may run on another thread while this one lists and gets (a folder: yes; a WebDAV
    // connection: no).
    virtual bool concurrent_gets() const { return false; }
    // For messages: "the folder ~/Sync/Afterglow", "https://cloud.example/…" (no credentials).
    virtual std::string describe() const = 0;
};

}  // namespace afterglow::sync
