#include "journal/manifest.hpp"

#include <algorithm>

#include "crypto/aead.hpp"
#include "journal/codec.hpp"
#include "journal/keyring.hpp"
#include "journal/vault_impl.hpp"

namespace afterglow::journal::manifest {
namespace {

constexpr char kLegacyAd[] = "afterglow/v1/manifest";  // format 3: one list
constexpr char kRootAd[] = "afterglow/v2/manifest-root";
constexpr char kBucketAd[] = "afterglow/v2/manifest-bucket";
constexpr std::uint8_t kRootFormat = 2;
constexpr std::size_t kRootBytes = 1 + 8 + 8 * kBuckets;

crypto::Bytes root_ad(std::uint64_t generation) {
    return crypto::concat({crypto::as_bytes(kRootAd), keyring::encode_u64(generation)});
}
crypto::Bytes bucket_ad(std::size_t bucket, std::uint64_t generation) {
    return crypto::concat({crypto::as_bytes(kBucketAd), keyring::encode_u64(bucket),
                           keyring::encode_u64(generation)});
}

void put_u64(crypto::Bytes& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
std::uint64_t get_u64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

template <class L>
auto find_in(L& l, const RecordId& id) {
    return std::lower_bound(l.begin(), l.end(), id, [](const auto& p, const RecordId& x) { return p.first < x; });
}

}  // namespace
}  // namespace afterglow::journal::manifest

namespace afterglow::journal {
crypto::Bytes manifest_ad(std::uint64_t generation) {
    return crypto::concat({crypto::as_bytes(manifest::kLegacyAd), keyring::encode_u64(generation)});
}
}  // namespace afterglow::journal

namespace afterglow::journal::manifest {

std::optional<std::uint64_t> Manifest::version_of(const RecordId& id) const {
    const Listing& l = buckets[bucket_of(id)];
    auto it = find_in(l, id);
    if (it == l.end() || it->first != id) return std::nullopt;
    return it->second;
}

void Manifest::put(const RecordId& id, std::uint64_t version) {
    const std::size_t b = bucket_of(id);
    Listing& l = buckets[b];
    auto it = find_in(l, id);
    if (it != l.end() && it->first == id) it->second = version;
    else l.insert(it, {id, version});
    dirty.set(b);
}

void Manifest::erase(const RecordId& id) {
    const std::size_t b = bucket_of(id);
    Listing& l = buckets[b];
    auto it = find_in(l, id);
    if (it == l.end() || it->first != id) return;
    l.erase(it);
    dirty.set(b);
}

std::size_t Manifest::size() const {
    std::size_t n = 0;
    for (const auto& l : buckets) n += l.size();
    return n;
}

Listing Manifest::all() const {
    Listing out;
    out.reserve(size());
    for (const auto& l : buckets) out.insert(out.end(), l.begin(), l.end());  // buckets are id-ordered
    return out;
}

Manifest Manifest::from_list(std::uint64_t generation, Listing sorted) {
    Manifest m;
    m.generation = generation;
    for (auto& p : sorted) m.buckets[bucket_of(p.first)].push_back(std::move(p));
    for (std::size_t b = 0; b < kBuckets; ++b)
        if (!m.buckets[b].empty()) m.dirty.set(b);
    return m;
}

std::optional<Root> open_root(std::span<const std::uint8_t> key, const SealedManifest& sealed) {
    auto plain = crypto::open(key, sealed.blob, root_ad(sealed.generation));
    if (!plain || plain->size() != kRootBytes || (*plain)[0] != kRootFormat) return std::nullopt;
    Root r;
    r.generation = get_u64(plain->data() + 1);
    if (r.generation != sealed.generation) return std::nullopt;
    for (std::size_t b = 0; b < kBuckets; ++b) {
        r.written[b] = get_u64(plain->data() + 9 + 8 * b);
        if (r.written[b] > r.generation) return std::nullopt;
    }
    return r;
}

std::optional<Listing> open_bucket(std::span<const std::uint8_t> key, std::size_t bucket,
                                   std::uint64_t generation, std::span<const std::uint8_t> blob) {
    auto plain = crypto::open(key, blob, bucket_ad(bucket, generation));
    if (!plain) return std::nullopt;
    auto list = codec::decode_manifest(*plain);
    if (!list || list->generation != generation) return std::nullopt;
    for (std::size_t i = 0; i < list->records.size(); ++i) {
        if (bucket_of(list->records[i].first) != bucket) return std::nullopt;
        if (i > 0 && !(list->records[i - 1].first < list->records[i].first)) return std::nullopt;
    }
    return std::move(list->records);
}

Opened open(std::span<const std::uint8_t> key, const SealedManifest& sealed,
            const std::vector<SealedBucket>& rows) {
    Opened out;
    auto root = open_root(key, sealed);
    if (!root) {
        // A format-3 list is read only from a file that has no bucket yet (the migration writes
        // them): once buckets exist, an old list put back in the root row is refused.
        auto plain = rows.empty() ? crypto::open(key, sealed.blob, afterglow::journal::manifest_ad(sealed.generation))
                                  : std::nullopt;
        auto list = plain ? codec::decode_manifest(*plain) : std::nullopt;
        if (!list || list->generation != sealed.generation) {
            out.problem = "fails authentication (damaged or tampered); changes are disabled until "
                          "the vault is repaired";
            return out;
        }
        out.manifest = Manifest::from_list(list->generation, std::move(list->records));
        out.manifest->legacy = true;
        return out;
    }
    Manifest m;
    m.generation = root->generation;
    m.written = root->written;
    std::array<const SealedBucket*, kBuckets> by_bucket{};
    for (const auto& row : rows)
        if (row.bucket < kBuckets) by_bucket[row.bucket] = &row;
    for (std::size_t b = 0; b < kBuckets; ++b) {
        const SealedBucket* row = by_bucket[b];
        if (m.written[b] == 0) {  // never written: empty, and no row (a row is from a later root)
            if (row) {
                out.problem = "part " + std::to_string(b) + " of 256 is newer than the list of parts "
                              "(rolled back); changes are disabled until the vault is repaired";
                return out;
            }
            continue;
        }
        std::optional<Listing> list;
        if (row && row->generation == m.written[b]) list = open_bucket(key, b, row->generation, row->blob);
        if (!list) {
            out.problem = "part " + std::to_string(b) + " of 256 " +
                          (row ? "fails authentication (damaged, tampered or rolled back)"
                               : "is missing (deleted outside Afterglow)") +
                          "; changes are disabled until the vault is repaired";
            return out;
        }
        m.buckets[b] = std::move(*list);
    }
    out.manifest = std::move(m);
    return out;
}

SealedManifest seal_root(std::span<const std::uint8_t> key, const Manifest& m) {
    crypto::Bytes plain;
    plain.reserve(kRootBytes);
    plain.push_back(kRootFormat);
    put_u64(plain, m.generation);
    for (auto w : m.written) put_u64(plain, w);
    return {m.generation, crypto::seal(key, plain, root_ad(m.generation))};
}

SealedBucket seal_bucket(std::span<const std::uint8_t> key, const Manifest& m, std::size_t bucket) {
    codec::Manifest list;
    list.generation = m.written[bucket];
    list.records = m.buckets[bucket];
    return {bucket, m.written[bucket],
            crypto::seal(key, codec::encode_manifest(list), bucket_ad(bucket, m.written[bucket]))};
}

SealedManifest seal_legacy(std::span<const std::uint8_t> key, const Manifest& m) {
    codec::Manifest list;
    list.generation = m.generation;
    list.records = m.all();
    return {m.generation, crypto::seal(key, codec::encode_manifest(list), afterglow::journal::manifest_ad(m.generation))};
}

void write(Store& store, std::span<const std::uint8_t> key, Manifest& m) {
    if (store.schema() < 4) {
        store.put_manifest(seal_legacy(key, m));
    } else {
        if (m.legacy) {  // every bucket, over whatever rows are there
            store.delete_manifest_buckets();
            m.written.fill(0);
            for (std::size_t b = 0; b < kBuckets; ++b)
                if (!m.buckets[b].empty()) m.dirty.set(b);
        }
        for (std::size_t b = 0; b < kBuckets; ++b) {
            if (!m.dirty.test(b)) continue;
            m.written[b] = m.generation;
            store.put_manifest_bucket(seal_bucket(key, m, b));
        }
        store.put_manifest(seal_root(key, m));
    }
    m.dirty.reset();
    m.legacy = false;
}

}  // namespace afterglow::journal::manifest
