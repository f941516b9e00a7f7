// Every data member of a plain struct (an aggregate), without naming any: member_count<T>()
// counts them (as Boost.PFR does: the most initialisers T{…} accepts) and members(t) ties
// them in declaration order by a structured binding. The tests compare records with these,
// so a member that a hand-written list leaves out is still compared.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace afterglow::test {

namespace detail {
struct AnyMember {
    template <class T>
    operator T() const;  // never defined: only asked whether T{AnyMember{}…} would compile
};
template <class T, class... A>
constexpr std::size_t member_count() {
    if constexpr (requires { T{A{}..., AnyMember{}}; }) return member_count<T, A..., AnyMember>();
    else return sizeof...(A);
}
}  // namespace detail

template <class T>
constexpr std::size_t member_count() {
    return detail::member_count<std::remove_const_t<T>>();
}

// A tuple of references to t's members (up to 16; a static_assert names a larger struct).
template <class T>
auto members(T& t) {
    constexpr std::size_t n = member_count<T>();
    static_assert(n >= 1 && n <= 16, "members(): add a case for this many members");
    // clang-format off
    if constexpr (n == 1) { auto& [a] = t; return std::tie(a); }
    else if constexpr (n == 2) { auto& [a, b] = t; return std::tie(a, b); }
    else if constexpr (n == 3) { auto& [a, b, c] = t; return std::tie(a, b, c); }
    else if constexpr (n == 4) { auto& [a, b, c, d] = t; return std::tie(a, b, c, d); }
    else if constexpr (n == 5) { auto& [a, b, c, d, e] = t; return std::tie(a, b, c, d, e); }
    else if constexpr (n == 6) { auto& [a, b, c, d, e, f] = t; return std::tie(a, b, c, d, e, f); }
    else if constexpr (n == 7) { auto& [a, b, c, d, e, f, g] = t; return std::tie(a, b, c, d, e, f, g); }
    else if constexpr (n == 8) { auto& [a, b, c, d, e, f, g, h] = t; return std::tie(a, b, c, d, e, f, g, h); }
    else if constexpr (n == 9) { auto& [a, b, c, d, e, f, g, h, i] = t; return std::tie(a, b, c, d, e, f, g, h, i); }
    else if constexpr (n == 10) { auto& [a, b, c, d, e, f, g, h, i, j] = t; return std::tie(a, b, c, d, e, f, g, h, i, j); }
    else if constexpr (n == 11) { auto& [a, b, c, d, e, f, g, h, i, j, k] = t; return std::tie(a, b, c, d, e, f, g, h, i, j, k); }
    else if constexpr (n == 12) { auto& [a, b, c, d, e, f, g, h, i, j, k, l] = t; return std::tie(a, b, c, d, e, f, g, h, i, j, k, l); }
    else if constexpr (n == 13) { auto& [a, b, c, d, e, f, g, h, i, j, k, l, m] = t; return std::tie(a, b, c, d, e, f, g, h, i, j, k, l, m); }
    else if constexpr (n == 14) { auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o] = t; return std::tie(a, b, c, d, e, f, g, h, i, j, k, l, m, o); }
    else if constexpr (n == 15) { auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p] = t; return std::tie(a, b, c, d, e, f, g, h, i, j, k, l, m, o, p); }
    else { auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q] = t; return std::tie(a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q); }
    // clang-format on
}

// Equal member by member, down through members without an operator== of their own.
template <class T>
bool equal_members(const T& a, const T& b) {
    if constexpr (requires { a == b; }) {
        return a == b;
    } else {
        return std::apply(
            [&](const auto&... x) {
                return std::apply([&](const auto&... y) { return (equal_members(x, y) && ...); },
                                  members(b));
            },
            members(a));
    }
}

// The index of the first member of a and b that differs, or member_count<T>() when none does.
template <class T>
std::size_t first_different_member(const T& a, const T& b) {
    const auto x = members(a);
    const auto y = members(b);
    std::size_t found = member_count<T>();
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((found == member_count<T>() && !equal_members(std::get<I>(x), std::get<I>(y)) ? found = I : 0), ...);
    }(std::make_index_sequence<member_count<T>()>{});
    return found;
}

}  // namespace afterglow::test
