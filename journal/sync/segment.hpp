// Segments (docs/sync.md §2): the changes one device wrote, sealed with the sync key and
// chained to that device's previous segment. File names carry only the device id and counter.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crypto/aead.hpp"
#include "crypto/bytes.hpp"
#include "crypto/secret.hpp"
#include "journal/sync/state.hpp"

namespace afterglow::sync {

// Formats 2 and 3 carry each record sealed exactly as a vault seals it (record key, associated
// data "afterglow/v1/record" ‖ id ‖ version), so a device that receives a record it does not
// hold stores it as it is; format 1 carried journal/codec bytes. Format 3 (written since
// 2026-12-07) does not encrypt those records a second time: K_sync seals the metadata, which
// holds each record's length, nonce and tag, and a reader opens every record before it
// applies any (docs/sync.md §2). All three are read.
inline constexpr int kSegmentFormat = 3;

struct SegChange {
    journal::RecordId id;
    RecState state;  // kind, tombstone, version vector, field stamps (state.version unused)
    // Formats 2 and 3: the writer's vault version the record is sealed under; format 1: 0.
    std::uint64_t version = 0;
    crypto::Bytes record;  // formats 2, 3: the sealed record; format 1: codec bytes; a tombstone: empty
    // Format 3 opened with Records::in_file: the sealed record where it is in the segment's
    // `file` (`record` stays empty). sealed_of() gives either.
    std::span<const std::uint8_t> in_file;
    // ...and the nonce and tag the metadata names for it, which the reader matches against
    // `in_file` as it opens the record (ends_match), not while the metadata is read.
    std::array<std::uint8_t, crypto::kXNonceSize + kMacSize> ends{};
};

// False for a record in the file that is not the one the metadata names (another sealed
// record put in its place): the file then fails authentication as a whole.
inline bool ends_match(const SegChange& c) {
    if (c.in_file.size() < c.ends.size()) return c.in_file.empty();
    const auto tag_at = c.ends.begin() + crypto::kXNonceSize;
    return std::equal(c.ends.begin(), tag_at, c.in_file.begin()) &&
           std::equal(tag_at, c.ends.end(), c.in_file.end() - kMacSize);
}

// The record's bytes as they came: in the file, or in `record`.
inline std::span<const std::uint8_t> sealed_of(const SegChange& c) {
    return c.record.empty() ? c.in_file : std::span<const std::uint8_t>(c.record);
}

// A snapshot's read position on another device: the last segment of it the writer applied.
struct Position {
    std::string device;
    std::uint64_t counter = 0;
    crypto::Bytes mac;
};

struct Segment {
    std::string device;
    std::uint64_t counter = 0;
    crypto::Bytes prev_mac = crypto::Bytes(kMacSize, 0);
    // A rebase (snapshot) names the ids it replaces and how far each went: readers stop
    // waiting for them, and count the device once.
    std::vector<std::pair<std::string, std::uint64_t>> replaces;
    std::uint64_t wall = 0;
    std::uint32_t logical = 0;
    Devices devices;  // the indices in the changes' stamps and version vectors point here
    std::vector<SegChange> changes;
    // Texts edited on two devices that the writer knows of and the patient has not resolved:
    // every device lists them, not only the one whose merge found them.
    std::vector<Conflict> conflicts;
    // A snapshot (docs/sync.md §6): the writer's whole state after its segment `counter`;
    // `prev_mac` then holds the tag of segment `counter` (a reader continues at counter+1).
    bool snapshot = false;
    std::vector<Position> positions;       // snapshots only
    std::vector<std::string> superseded;   // snapshots only: ids a rebase replaced
    int format = kSegmentFormat;  // 1, 2 or 3 (what a change's `record` holds, how the file is sealed)
    // Records::in_file: the file as read (its metadata wiped), which the changes' `in_file`
    // views point into. Moving the segment keeps them valid; copying it does not.
    crypto::Bytes file;
};

// How open_segment and open_snapshot give a format-3 file's records: each copied into its
// change's `record` (matched against the nonce and tag the metadata names), or left in the file
// the segment keeps (sync's engine: a whole journal's 25 MB is neither copied nor allocated
// 10,000 times; SQLite stores each from there), to be matched with ends_match as it is opened.
enum class Records { copied, in_file };

inline constexpr std::size_t kSegmentBlock = 256;  // padded as records are

// Sealed file contents; `mac` receives the Poly1305 tag the next segment chains to.
crypto::Bytes seal_segment(const Segment& s, const crypto::SecretBuffer& key, crypto::Bytes& mac);
// nullopt when it fails authentication for this device, counter and previous tag (damaged,
// truncated, still uploading, replayed, reordered or from another journal). Format 3: the
// records' own tags are only matched against the metadata here; the reader must open every
// record before applying any, and treat one that does not open as the file failing.
std::optional<Segment> open_segment(std::span<const std::uint8_t> file, const crypto::SecretBuffer& key,
                                    const std::string& device, std::uint64_t counter,
                                    std::span<const std::uint8_t> prev_mac, crypto::Bytes& mac);
// Same, decrypting inside the file's own buffer (a snapshot or first segment is the whole
// journal: no second buffer of its size), which is wiped.
std::optional<Segment> open_segment(crypto::Bytes&& file, const crypto::SecretBuffer& key, const std::string& device,
                                    std::uint64_t counter, std::span<const std::uint8_t> prev_mac, crypto::Bytes& mac,
                                    Records records = Records::copied);

// A snapshot: authenticated by the key, device and counter alone (a reader that jumps to it
// does not hold the previous tag). nullopt when it fails authentication.
std::optional<Segment> open_snapshot(std::span<const std::uint8_t> file, const crypto::SecretBuffer& key,
                                     const std::string& device, std::uint64_t counter);
std::optional<Segment> open_snapshot(crypto::Bytes&& file, const crypto::SecretBuffer& key, const std::string& device,
                                     std::uint64_t counter, Records records = Records::copied);

// An ack (docs/sync.md §6): how far `device` has read every other device, its `seq`-th.
using AckMap = std::map<std::string, std::uint64_t>;  // device id → counter read
crypto::Bytes seal_ack(const std::string& device, std::uint64_t seq, const AckMap& read,
                       const crypto::SecretBuffer& key);
std::optional<AckMap> open_ack(std::span<const std::uint8_t> file, const crypto::SecretBuffer& key,
                               const std::string& device, std::uint64_t seq);

std::string new_device_id();  // 16 random bytes, base32 (26 characters A-Z2-7)
bool valid_device_id(std::string_view id);
enum class FileKind { segment, snapshot, ack };
std::string segment_name(const std::string& device, std::uint64_t counter,
                         FileKind kind = FileKind::segment);
struct SegmentName {
    std::string device;
    std::uint64_t counter = 0;
    FileKind kind = FileKind::segment;
};
// "D/<device>/<counter>.seg" (or .snap, .ack) → parts; nullopt for any other name.
std::optional<SegmentName> parse_segment_name(std::string_view name);

}  // namespace afterglow::sync
