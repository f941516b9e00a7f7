#include "journal/merge.hpp"

#include <algorithm>

#include "crypto/bytes.hpp"
#include "crypto/hash.hpp"
#include "crypto/secret.hpp"
#include "journal/codec.hpp"
#include "journal/index.hpp"
#include "journal/keyring.hpp"

namespace afterglow::journal {
namespace {

constexpr char kCopyContext[] = "afterglow/v1/kept-both-copy";

}  // namespace

bool same_content(const Record& a, const Record& b) {
    if (a.index() != b.index()) return false;
    auto encoded = [](Record r) {
        meta_of(r).version = 0;
        meta_of(r).updated = {};
        auto bytes = codec::encode(r);
        wipe_record(r);
        return bytes;
    };
    auto ea = encoded(a), eb = encoded(b);
    const bool same = crypto::equal(ea, eb);
    crypto::wipe(ea);
    crypto::wipe(eb);
    return same;
}

Merge merge_rule(const Record* local, const Record& incoming) {
    if (!local) return Merge::add;
    if (meta_of(incoming).version <= meta_of(*local).version) return Merge::keep_local;
    return same_content(*local, incoming) ? Merge::keep_local : Merge::keep_both;
}

Record as_separate_copy(Record incoming) {
    auto& m = meta_of(incoming);
    auto content = codec::encode(incoming);
    const auto digest = crypto::hash_parts(
        {crypto::as_bytes(kCopyContext), m.id.bytes, keyring::encode_u64(m.version), content}, 16);
    crypto::wipe(content);
    std::copy(digest.begin(), digest.end(), m.id.bytes.begin());
    m.version = 1;
    return incoming;
}

}  // namespace afterglow::journal
