// Force-included into every C++ file of the web build (app/web.cmake, third_party glue):
// fills a gap of emscripten 3.1.6's libc++ 14 so the shared sources compile unchanged.
// libc++ 14 has no operator<=> for std::array, so a defaulted <=> over one (journal's
// RecordId) is deleted. This is the standard's definition (lexicographic, [array.syn]).
#pragma once
#ifdef __cplusplus
#include <array>
#include <compare>
#include <cstddef>

#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 15000
namespace std {
template <class T, std::size_t N>
constexpr auto operator<=>(const array<T, N>& a, const array<T, N>& b) {
    for (std::size_t i = 0; i < N; ++i)
        if (auto c = a[i] <=> b[i]; c != 0) return c;
    return decltype(a[0] <=> b[0])::equivalent;
}
}  // namespace std
#endif
#endif
