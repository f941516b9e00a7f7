// libFuzzer target: the vault's record decoding (codec::decode, decode_entry_into,
// decode_note, decode_manifest, unpad) — what runs on every decrypted blob at unlock.
#include <cstddef>
#include <cstdint>
#include <span>

#include "journal/codec.hpp"

using namespace afterglow::journal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::span<const std::uint8_t> in(data, size);
    const auto r = codec::decode(in);
    {
        // Unlock decodes entries straight into an Entry: exactly what decode makes of them.
        Entry e;
        const bool entry = codec::decode_entry_into(in, e);
        if (entry != (r && std::holds_alternative<Entry>(*r)) || (entry && !codec::is_entry(in))) __builtin_trap();
        if (entry && codec::encode(Record{e}) != codec::encode(*r)) __builtin_trap();
    }
    if (r) {
        // Whatever decodes must re-encode to the same bytes (the format has one encoding per
        // version). A version 1 record re-encodes as version 2, which must then be stable.
        auto again = codec::encode(*r);
        if (data[0] == 2) {
            if (again.size() != size || !std::equal(again.begin(), again.end(), data)) __builtin_trap();
        } else {
            auto r2 = codec::decode(again);
            if (!r2) __builtin_trap();
            auto third = codec::encode(*r2);
            if (third != again) __builtin_trap();
        }
    }
    (void)codec::decode_note(in, RecordId{});  // a bound note must name this id
    if (auto m = codec::decode_manifest(in)) (void)codec::encode_manifest(*m);
    (void)codec::unpad(codec::Bytes(data, data + size));
    return 0;
}
