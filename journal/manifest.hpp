// The manifest in buckets (vault format 4, docs/vault.md "Manifest"): every (record id,
// version) lives in one of 256 buckets chosen by the id's first byte. Each bucket is sealed on
// its own, its associated data naming the bucket and the generation it was written at; the
// root (the `manifest` row) is sealed with the vault's generation and lists, for every bucket,
// the generation it was last written at. A save rewrites the buckets it touched and the root,
// not the whole list: a replayed, swapped, deleted or rolled-back bucket no longer matches
// the generation the root lists and fails authentication.
//
// A format-3 manifest (one sealed list) is still read; the first write after it (the unlock
// that migrates the file) writes every bucket and a root.
#pragma once

#include <array>
#include <bitset>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/secret.hpp"
#include "journal/store.hpp"
#include "journal/types.hpp"

namespace afterglow::journal::manifest {

constexpr std::size_t kBuckets = 256;
inline std::size_t bucket_of(const RecordId& id) { return id.bytes[0]; }

using Listing = std::vector<std::pair<RecordId, std::uint64_t>>;  // sorted by id

struct Manifest {
    std::uint64_t generation = 0;
    std::array<std::uint64_t, kBuckets> written{};  // generation each bucket was written at (0: never)
    std::array<Listing, kBuckets> buckets;
    bool legacy = false;              // read from a format-3 list: the next write writes every bucket
    std::bitset<kBuckets> dirty;      // changed since last read or written

    std::optional<std::uint64_t> version_of(const RecordId& id) const;
    void put(const RecordId& id, std::uint64_t version);
    void erase(const RecordId& id);
    std::size_t size() const;
    // Every (id, version), sorted by id.
    Listing all() const;
    static Manifest from_list(std::uint64_t generation, Listing sorted);
};

// What reading the sealed rows gave: the manifest, or why it cannot be trusted.
struct Opened {
    std::optional<Manifest> manifest;
    std::string problem;  // when !manifest: what failed, for the "manifest" problem
};

// Opens the root and every bucket it lists (`buckets`: every row of manifest_buckets).
Opened open(std::span<const std::uint8_t> key, const SealedManifest& root,
            const std::vector<SealedBucket>& buckets);
// Opens only the root (for a writer that holds `known` and reloads what changed on disk):
// returns the buckets whose listed generation differs from `known`'s, or nullopt when the root
// does not authenticate (or is a format-3 list: the caller reads everything).
struct Root {
    std::uint64_t generation = 0;
    std::array<std::uint64_t, kBuckets> written{};
};
std::optional<Root> open_root(std::span<const std::uint8_t> key, const SealedManifest& root);
std::optional<Listing> open_bucket(std::span<const std::uint8_t> key, std::size_t bucket,
                                   std::uint64_t generation, std::span<const std::uint8_t> blob);

SealedManifest seal_root(std::span<const std::uint8_t> key, const Manifest& m);
SealedBucket seal_bucket(std::span<const std::uint8_t> key, const Manifest& m, std::size_t bucket);
// Format 3 (schema < 4 files, which have no bucket table): one sealed list.
SealedManifest seal_legacy(std::span<const std::uint8_t> key, const Manifest& m);

// Writes `m` to the store: on a schema-4 file the root and the buckets that are dirty (all
// of them after a format-3 read); on an older file the one list. Call inside write().
// Clears `dirty` and `legacy`.
void write(Store& store, std::span<const std::uint8_t> key, Manifest& m);

}  // namespace afterglow::journal::manifest
