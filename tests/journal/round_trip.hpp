// Encodes a record with the codec and decodes it again (tests/journal's codec tests).
#pragma once

#include <doctest/doctest.h>

#include <variant>

#include "journal/codec.hpp"

namespace afterglow::test {

// Metadata for a sample record: a random id, VERSION, created at UTC seconds in ZONE and
// updated 100 s later.
inline journal::RecordMeta sample_meta(std::uint64_t version, std::int64_t utc, const char* zone) {
    return {journal::RecordId::random(), version, journal::Timestamp{utc, zone}, journal::Timestamp{utc + 100, zone}};
}

// R through codec::encode and codec::decode: fails the test unless an R comes back.
template <class R>
R round_trip(const R& record) {
    auto back = journal::codec::decode(journal::codec::encode(journal::Record{record}));
    REQUIRE(back.has_value());
    REQUIRE(std::holds_alternative<R>(*back));
    return std::get<R>(*back);
}

}  // namespace afterglow::test
