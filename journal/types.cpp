#include "journal/types.hpp"

#include <sodium.h>

#include <cstring>

#include "crypto/bytes.hpp"
#include "crypto/hash.hpp"
#include "crypto/secret.hpp"
#include "journal/testing.hpp"

namespace afterglow::journal {

RecordId RecordId::random() {
    if (auto id = testing::Determinism::new_id(); id && !id->empty()) return *id;  // a test's ids
    crypto::init();
    RecordId id;
    do {
        randombytes_buf(id.bytes.data(), id.bytes.size());
    } while (id.empty());
    return id;
}

std::optional<RecordId> RecordId::parse(std::string_view hex32) {
    if (hex32.size() != 32) return std::nullopt;
    auto bytes = crypto::from_hex(hex32);
    if (!bytes || bytes->size() != 16) return std::nullopt;
    RecordId id;
    std::memcpy(id.bytes.data(), bytes->data(), 16);
    return id;
}

std::string RecordId::hex() const { return crypto::to_hex(bytes); }

bool RecordId::empty() const {
    for (auto b : bytes)
        if (b) return false;
    return true;
}

std::size_t RecordIdHash::operator()(const RecordId& id) const noexcept {
    // Keyed: a backup chooses its own ids, and 50,000 sharing their first 8 bytes made every
    // table of ids a list (issue 17: unlock 5.18 s instead of 0.30 s).
    return static_cast<std::size_t>(crypto::process_keyed_hash(id.bytes));
}

std::string safety_answer(const CheckIn& c) {
    if (!c.harm_thoughts) return "";
    return *c.harm_thoughts ? "yes" : "no";
}

const RecordMeta& meta_of(const Record& r) {
    return std::visit([](const auto& x) -> const RecordMeta& { return x.meta; }, r);
}
RecordMeta& meta_of(Record& r) {
    return std::visit([](auto& x) -> RecordMeta& { return x.meta; }, r);
}

namespace {

template <class E, std::size_t N>
std::optional<E> parse_name(std::string_view s, const char* const (&names)[N]) {
    static_assert(N == static_cast<std::size_t>(E::count));
    for (std::size_t i = 0; i < N; ++i)
        if (s == names[i]) return static_cast<E>(i);
    return std::nullopt;
}

template <class E, std::size_t N>
const char* name_of(E e, const char* const (&names)[N]) {
    static_assert(N == static_cast<std::size_t>(E::count));
    auto i = static_cast<std::size_t>(e);
    return i < N ? names[i] : "unknown";
}

constexpr const char* kSessionKinds[] = {"intake", "preparation", "medicine", "integration",
                                         "maintenance"};
constexpr const char* kSessionLabels[] = {"Intake", "Preparation", "Medicine", "Integration",
                                          "Maintenance"};
constexpr const char* kProtocols[] = {"none", "kap", "medical-only"};
constexpr const char* kRoutes[] = {"none", "im", "iv", "oral", "sublingual", "nasal"};
constexpr const char* kRouteLabels[] = {"—", "IM", "IV", "Oral", "Sublingual", "Nasal"};
constexpr const char* kEntryKinds[] = {"intention", "session-note", "integration", "reflection"};
constexpr const char* kEntryLabels[] = {"Intention", "Session note", "Integration", "Reflection"};
constexpr const char* kGoalStatuses[] = {"active", "achieved", "paused", "dropped"};
constexpr const char* kResponseStatuses[] = {"in-progress", "completed", "score-only"};
constexpr const char* kDocumentKinds[] = {"clinic-pack", "care-team", "instrument"};

}  // namespace

const char* to_string(SessionKind k) { return name_of(k, kSessionKinds); }
const char* to_string(Protocol p) { return name_of(p, kProtocols); }
const char* to_string(Route r) { return name_of(r, kRoutes); }
const char* to_string(EntryKind k) { return name_of(k, kEntryKinds); }
const char* to_string(GoalStatus s) { return name_of(s, kGoalStatuses); }
const char* to_string(ResponseStatus s) { return name_of(s, kResponseStatuses); }
const char* to_string(DocumentKind k) { return name_of(k, kDocumentKinds); }
std::optional<ResponseStatus> parse_response_status(std::string_view s) {
    return parse_name<ResponseStatus>(s, kResponseStatuses);
}
std::optional<DocumentKind> parse_document_kind(std::string_view s) {
    return parse_name<DocumentKind>(s, kDocumentKinds);
}
std::optional<SessionKind> parse_session_kind(std::string_view s) {
    return parse_name<SessionKind>(s, kSessionKinds);
}
std::optional<Protocol> parse_protocol(std::string_view s) {
    return parse_name<Protocol>(s, kProtocols);
}
std::optional<Route> parse_route(std::string_view s) { return parse_name<Route>(s, kRoutes); }
std::optional<EntryKind> parse_entry_kind(std::string_view s) {
    return parse_name<EntryKind>(s, kEntryKinds);
}
std::optional<GoalStatus> parse_goal_status(std::string_view s) {
    return parse_name<GoalStatus>(s, kGoalStatuses);
}
const char* label(SessionKind k) { return name_of(k, kSessionLabels); }
const char* label(EntryKind k) { return name_of(k, kEntryLabels); }
const char* label(Route r) { return name_of(r, kRouteLabels); }

}  // namespace afterglow::journal
