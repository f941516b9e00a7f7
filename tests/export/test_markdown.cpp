// Markdown export and the selection/preview it is built from.
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>

#include "journal/export/markdown.hpp"
#include "journal/export/selection.hpp"
#include "journal/export/wording.hpp"
#include "journal/time.hpp"
#include "tests/export/sample_journal.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace ex = afterglow::journal::exports;

namespace {
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
std::size_t pos(const std::string& s, const std::string& part, std::size_t from = 0) {
    auto p = s.find(part, from);
    REQUIRE_MESSAGE(p != std::string::npos, "missing: " << part);
    return p;
}
}  // namespace

TEST_CASE("selection groups entries under their sessions / in order / and previews counts") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto j = test::fill_sample(*v);
    auto data = ex::select(*v, ex::Selection{});
    REQUIRE(data.sessions.size() == 3);
    CHECK(data.sessions[0].session.meta.id == j.prep.meta.id);
    CHECK(data.sessions[1].session.meta.id == j.med1.meta.id);
    CHECK(data.sessions[2].session.meta.id == j.med2.meta.id);
    // Intention first, then the session note, then integration, then reflection.
    REQUIRE(data.sessions[1].entries.size() == 4);
    CHECK(data.sessions[1].entries[0].kind == EntryKind::intention);
    CHECK(data.sessions[1].entries[1].kind == EntryKind::session_note);
    CHECK(data.sessions[1].entries[2].kind == EntryKind::integration);
    CHECK(data.sessions[1].entries[3].kind == EntryKind::reflection);
    REQUIRE(data.other_entries.size() == 1);
    CHECK(data.other_entries[0].meta.id == j.loose.meta.id);
    CHECK(data.checkins.size() == 12);
    CHECK(data.goals.size() == 2);
    auto p = ex::preview(data);
    CHECK(p.sessions == 3);
    CHECK(p.entries == 6);
    CHECK(has(p.text, "3 sessions, 6 entries, 12 check-ins, 2 goals, "));
    CHECK(has(p.text, ex::human_date(*data.from) + " to " + ex::human_date(*data.to)));

    SUBCASE("one session, no check-ins or goals") {
        ex::Selection sel;
        sel.sessions = {j.med2.meta.id};
        sel.include_checkins = false;
        sel.include_goals = false;
        auto d = ex::select(*v, sel);
        REQUIRE(d.sessions.size() == 1);
        CHECK(d.sessions[0].entries.size() == 1);
        CHECK(d.other_entries.empty());
        CHECK(d.checkins.empty());
        CHECK(d.goals.empty());
        CHECK(ex::preview(d).text.rfind("1 session, 1 entry, ", 0) == 0);
    }
    SUBCASE("date range") {
        ex::Selection sel;
        sel.from = test::kT0 - 2 * test::kDay;
        sel.to = test::kT0 + 4 * test::kDay;
        auto d = ex::select(*v, sel);
        REQUIRE(d.sessions.size() == 1);  // med1 only
        CHECK(d.sessions[0].session.meta.id == j.med1.meta.id);
        for (const auto& c : d.checkins) {
            CHECK(c.at.utc >= *sel.from);
            CHECK(c.at.utc <= *sel.to);
        }
        CHECK(d.from == sel.from);
        CHECK(d.to == sel.to);
    }
    SUBCASE("single entries") {
        ex::Selection sel;
        sel.entries = {j.loose.meta.id};
        auto d = ex::select(*v, sel);
        CHECK(d.sessions.empty());
        REQUIRE(d.other_entries.size() == 1);
        CHECK(d.other_entries[0].title == "A quiet Sunday");
    }
}

TEST_CASE("markdown holds sessions with phases / entries with all their parts / check-ins / goals") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto j = test::fill_sample(*v);
    auto sel = ex::Selection{};
    sel.name = "Alex Example";
    auto data = ex::select(*v, sel);
    const std::string md = ex::to_markdown(data);

    CHECK(has(md, "# Afterglow journal export"));
    CHECK(has(md, "**Alex Example**"));
    CHECK(has(md, "> Afterglow is a private journal, not medical advice."));  // the pack's one wording
    // Sessions in order with their phase labels.
    auto p_prep = pos(md, "## Preparation session");
    auto p_med1 = pos(md, "## Medicine session — " + data.sessions[1].phase);
    auto p_med2 = pos(md, "## Medicine session — " + data.sessions[2].phase);
    CHECK(p_prep < p_med1);
    CHECK(p_med1 < p_med2);
    CHECK_FALSE(data.sessions[1].phase.empty());
    // Intention, then session notes, then integration, under med1.
    auto p_int = pos(md, "### Intention: What I hope to explore");
    auto p_notes = pos(md, "### Session notes", p_med1);
    auto p_integ = pos(md, "### Integration: Integration — day 1");
    CHECK(p_med1 < p_notes);
    CHECK(p_notes < p_int);
    CHECK(p_int < p_integ);
    CHECK(p_integ < p_med2);
    CHECK(has(md, "- Started: " + ex::human_time(j.med1.started->utc)));
    CHECK(has(md, "- Protocol: Ketamine-assisted psychotherapy (KAP)\n"));  // the pack's words, not "kap"
    CHECK_FALSE(has(md, "Protocol: kap"));
    CHECK(has(md, "- Route: " + std::string(label(Route::im))));
    CHECK(has(md, "**What happened?**\n\nI met an old memory, gently."));
    CHECK(has(md, "Emotions: relief, sadness, gratitude"));
    CHECK(has(md, "Tags: #father, #grief"));
    CHECK(has(md, "- [ ] Call my sister on Sunday"));
    CHECK(has(md, "- [x] Walk without the phone"));
    CHECK(has(md, "- [x] Driver arranged"));
    CHECK(has(md, "inside the integration window"));
    CHECK(has(md, "日本語の日記を書きます"));
    CHECK(has(md, "שלום עולם"));
    CHECK(has(md, "🌅"));
    // Human dates and times, never an ISO 8601 timestamp.
    CHECK(has(md, "*Written " + ex::human_time(j.integration.meta.created.utc)));
    CHECK_FALSE(has(md, to_iso8601(j.integration.meta.created)));
    CHECK_FALSE(has(md, "T" + format_local(j.integration.meta.created.utc, "%H:%M:%S")));
    // Check-in table.
    CHECK(has(md, "| Time | mood | anxiety | sleep | PHQ-9 | Thoughts of self-harm | Note |"));
    CHECK(has(md, "| " + ex::human_time(j.checkins[0].at.utc) + " | 3 / 10 | 7 / 10 | 5.2 / 10 | 18 / 27 |  | before the first session |"));
    CHECK(has(md, "| " + ex::human_time(j.checkins[2].at.utc) + " | 5 / 10 | 4 / 10 | 6.2 / 10 | 16 / 27 | yes |  |"));
    CHECK(has(md, "| " + ex::human_time(j.checkins[1].at.utc) + " | 4 / 10 | 5.5 / 10 | 5.8 / 10 | 17 / 27 | no |  |"));
    // Goals.
    CHECK(has(md, "### Sleep through the night (active)"));
    CHECK(has(md, "- 2026-10-15: 3 good nights"));
    CHECK(has(md, "### Reconnect with my sister (achieved)"));
}

TEST_CASE("human dates: weekday, day without a leading zero, month, year, local time") {
    setenv("TZ", "UTC", 1);  // this process only runs this test case (one CTest test each)
    tzset();
    CHECK(ex::human_date(1790000000) == "Mon 21 Sep 2026");
    CHECK(ex::human_time(1790000000) == "Mon 21 Sep 2026, 14:13");
    CHECK(ex::human_date(1788566400) == "Sat 5 Sep 2026");
    CHECK(ex::plural(1, "check-in", "check-ins") == "1 check-in");
    CHECK(ex::plural(0, "check-in", "check-ins") == "0 check-ins");
}

TEST_CASE("markdown: the summary lists safety answers with their dates / an intention titled Intention once") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto j = test::fill_sample(*v);
    Entry plain;
    plain.kind = EntryKind::intention;
    plain.title = "Intention";
    plain.body = "Only the kind as a title.";
    REQUIRE(v->save(plain).ok());
    auto data = ex::select(*v, ex::Selection{});
    const std::string md = ex::to_markdown(data);
    CHECK(has(md, "### Intention\n\n"));
    CHECK_FALSE(has(md, "Intention: Intention"));
    CHECK(has(md, "Contents: 3 sessions, 7 entries, 12 check-ins, 2 goals\n"));
    // The safety section comes before the first session, oldest first.
    auto p_safety = pos(md, "## Safety answers\n\nAnswers in this export that may need a follow-up, oldest first.\n\n");
    auto p_checkin = pos(md, "- ⚠ **" + ex::human_time(j.checkins[2].at.utc) +
                                 "** — Check-in: answered yes to thoughts of harming themselves\n");
    auto p_phq = pos(md, "- ⚠ **" + ex::human_time(j.phq.authored.utc) +
                             "** — PHQ-9: Thoughts of being better off dead or of self-harm\n");
    CHECK(p_safety < p_checkin);
    CHECK(p_checkin < p_phq);
    CHECK(p_phq < pos(md, "## Preparation session"));
    // Check-in 1 answered "no": not listed.
    CHECK_FALSE(has(md, "** — Check-in: answered yes to thoughts of harming themselves\n- ⚠ **" +
                            ex::human_time(j.checkins[1].at.utc)));

    SUBCASE("none answered: the summary says so") {
        ex::Selection sel;
        sel.from = j.checkins[0].at.utc;
        sel.to = j.checkins[1].at.utc;  // "no" only, no questionnaire
        const std::string quiet = ex::to_markdown(ex::select(*v, sel));
        CHECK(has(quiet, "## Safety answers\n\nNo safety answers in this export: no check-in answered yes and no "
                         "questionnaire risk item was above zero.\n"));
        CHECK_FALSE(has(quiet, "⚠"));
    }
}
