// Schedule rules: session end, integration window, phase labels, next session.
#include <doctest/doctest.h>

#include "journal/schedule.hpp"

using namespace afterglow::journal;

namespace {
constexpr std::int64_t kDay = 24 * 3600;
constexpr std::int64_t kT0 = 1'790'000'000;

Session session(SessionKind kind, std::int64_t at, std::uint8_t tag) {
    Session s;
    s.kind = kind;
    s.scheduled = Timestamp{at, "UTC"};
    s.meta.id.bytes[0] = tag;
    s.meta.created = Timestamp{at - kDay, "UTC"};
    return s;
}
}  // namespace

TEST_CASE("session end: ended - else start + 2 h - else scheduled + 2 h") {
    Session s;
    CHECK_FALSE(session_end(s).has_value());
    s.scheduled = Timestamp{kT0, ""};
    CHECK(*session_end(s) == kT0 + 7200);
    s.started = Timestamp{kT0 + 600, ""};
    CHECK(*session_end(s) == kT0 + 600 + 7200);
    s.ended = Timestamp{kT0 + 5000, ""};
    CHECK(*session_end(s) == kT0 + 5000);
}

TEST_CASE("integration window: 48 h from the end - whole hours left") {
    Session s = session(SessionKind::medicine, kT0, 1);
    s.ended = Timestamp{kT0 + 3600, ""};
    auto w = integration_window(s);
    REQUIRE(w);
    CHECK(w->opens == kT0 + 3600);
    CHECK(w->closes == kT0 + 3600 + 48 * 3600);
    CHECK(w->hours_left(w->opens) == 48);
    CHECK(w->hours_left(w->opens + 17 * 3600) == 31);      // "31 h left of 48"
    CHECK(w->hours_left(w->opens + 17 * 3600 + 1) == 30);  // whole hours
    CHECK(w->hours_left(w->closes) == 0);
    CHECK(w->hours_left(w->opens - 10 * 3600) == 48);  // not open yet: all of it ahead
    CHECK(w->contains(w->opens));
    CHECK_FALSE(w->contains(w->closes));
    CHECK_FALSE(integration_window(session(SessionKind::preparation, kT0, 2)));
}

TEST_CASE("written in window: linked entry created inside the window") {
    Session s = session(SessionKind::medicine, kT0, 1);
    Entry e;
    e.session = s.meta.id;
    e.meta.created = Timestamp{kT0 + 2 * 3600 + 25 * 3600, ""};
    CHECK(written_in_window(e, s));
    e.meta.created = Timestamp{kT0 + 2 * 3600 + 49 * 3600, ""};
    CHECK_FALSE(written_in_window(e, s));
    e.meta.created = Timestamp{kT0 + 3 * 3600, ""};
    e.session.reset();
    CHECK_FALSE(written_in_window(e, s));
}

TEST_CASE("phase labels: induction k of n - then maintenance after a gap of 21 days or more") {
    std::vector<Session> all;
    all.push_back(session(SessionKind::intake, kT0 - 10 * kDay, 1));
    all.push_back(session(SessionKind::preparation, kT0 - 5 * kDay, 2));
    all.push_back(session(SessionKind::preparation, kT0 - 3 * kDay, 3));
    for (int i = 0; i < 6; ++i) all.push_back(session(SessionKind::medicine, kT0 + i * 3 * kDay, static_cast<std::uint8_t>(10 + i)));
    all.push_back(session(SessionKind::medicine, kT0 + 15 * kDay + 21 * kDay, 20));  // 21 days later
    all.push_back(session(SessionKind::maintenance, kT0 + 80 * kDay, 21));
    all.push_back(session(SessionKind::integration, kT0 + kDay, 22));
    CHECK(phase_label(all[0], all) == "intake");
    CHECK(phase_label(all[1], all) == "preparation 1 of 2");
    CHECK(phase_label(all[2], all) == "preparation 2 of 2");
    CHECK(phase_label(all[3], all) == "induction 1 of 6");
    CHECK(phase_label(all[4], all) == "induction 2 of 6");
    CHECK(phase_label(all[8], all) == "induction 6 of 6");
    CHECK(phase_label(all[9], all) == "maintenance");
    CHECK(phase_label(all[10], all) == "maintenance");
    CHECK(phase_label(all[11], all) == "integration");
}

TEST_CASE("phase labels do not depend on the order sessions are listed in") {
    std::vector<Session> all;
    all.push_back(session(SessionKind::medicine, kT0 + 6 * kDay, 3));
    all.push_back(session(SessionKind::medicine, kT0, 1));
    all.push_back(session(SessionKind::medicine, kT0 + 3 * kDay, 2));
    CHECK(phase_label(all[0], all) == "induction 3 of 3");
    CHECK(phase_label(all[1], all) == "induction 1 of 3");
}

TEST_CASE("next session: the first one after now") {
    std::vector<Session> all{session(SessionKind::medicine, kT0 - kDay, 1), session(SessionKind::medicine, kT0 + 2 * kDay, 2),
                             session(SessionKind::preparation, kT0 + kDay, 3)};
    const Session* n = next_session(all, kT0);
    REQUIRE(n);
    CHECK(n->meta.id.bytes[0] == 3);
    CHECK(next_session(all, kT0 + 5 * kDay) == nullptr);
}
