// iCalendar export: RFC 5545 shape, folding, escaping; parsed by Debian's python3-icalendar.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "journal/export/ics.hpp"
#include "journal/export/selection.hpp"
#include "journal/schedule.hpp"
#include "tests/export/sample_journal.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace ex = afterglow::journal::exports;

TEST_CASE("ics lines are CRLF and at most 75 octets - folding never splits UTF-8") {
    std::string long_text;
    for (int i = 0; i < 40; ++i) long_text += "é日🌅a";
    std::string folded = ex::fold_line("SUMMARY:" + ex::ics_escape(long_text));
    std::istringstream in(folded);
    std::string line;
    std::string unfolded;
    int n = 0;
    std::size_t start = 0;
    while (start < folded.size()) {
        auto end = folded.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        line = folded.substr(start, end - start);
        CHECK(line.size() <= 75);
        if (n++ > 0) {
            REQUIRE(line[0] == ' ');
            line.erase(0, 1);
        }
        // No line starts with a UTF-8 continuation byte.
        if (!line.empty()) CHECK((static_cast<unsigned char>(line[0]) & 0xC0) != 0x80);
        unfolded += line;
        start = end + 2;
    }
    CHECK(n > 3);
    CHECK(unfolded == "SUMMARY:" + long_text);
    CHECK(ex::ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
}

TEST_CASE("ics has a VEVENT per session and reminders 24 h and 48 h after medicine sessions") {
    test::TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto j = test::fill_sample(*v);
    auto data = ex::select(*v, ex::Selection{});
    const std::string ics = ex::to_ics(data);
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
    CHECK(ics.find("\n") == ics.find("\r\n") + 1);
    for (std::size_t p = 0; (p = ics.find('\n', p)) != std::string::npos; ++p) REQUIRE(ics[p - 1] == '\r');
    // Private notes and the provider stay out unless asked.
    CHECK(ics.find(test::kCanary) == std::string::npos);
    CHECK(ics.find("Clinic Nord") == std::string::npos);
    ex::IcsOptions with_notes;
    with_notes.include_notes = true;
    const std::string ics_notes = ex::to_ics(data, with_notes);
    CHECK(ics_notes.find("LOCATION:Clinic Nord\\; Room 2\\, Dr. Åsa Öberg") != std::string::npos);

    test::write_file(dir / "a.ics", ics);
    const std::string script =
        "import icalendar,sys\n"
        "cal = icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\n"
        "for ev in cal.walk('VEVENT'):\n"
        "    alarms = [a for a in ev.walk('VALARM')]\n"
        "    print('%s|%d|%d|%s|%d' % (ev['UID'], int(ev.decoded('DTSTART').timestamp()),\n"
        "          int(ev.decoded('DTEND').timestamp()), ev['SUMMARY'], len(alarms)))\n";
    auto r = test::run({"/usr/bin/python3", "-c", script, (dir / "a.ics").string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);

    auto expect = [&](const std::string& uid, std::int64_t start, std::int64_t end,
                      const std::string& summary_part, int alarms) {
        auto p = r.out.find(uid + "|");
        REQUIRE_MESSAGE(p != std::string::npos, "no event " << uid << " in\n" << r.out);
        std::string line = r.out.substr(p, r.out.find('\n', p) - p);
        CHECK(line.find("|" + std::to_string(start) + "|" + std::to_string(end) + "|") != std::string::npos);
        CHECK(line.find(summary_part) != std::string::npos);
        CHECK(line.substr(line.rfind('|') + 1) == std::to_string(alarms));
    };
    const std::string id1 = j.med1.meta.id.hex();
    expect(id1 + "@afterglow", j.med1.started->utc, j.med1.ended->utc, "Medicine session (", 0);
    expect(j.prep.meta.id.hex() + "@afterglow", j.prep.started->utc, j.prep.ended->utc,
           "Preparation session", 0);
    expect(id1 + "-integration-24h@afterglow", j.med1.ended->utc + 24 * 3600,
           j.med1.ended->utc + 24 * 3600 + 1800, "Integration", 1);
    expect(id1 + "-integration-48h@afterglow", j.med1.ended->utc + 48 * 3600,
           j.med1.ended->utc + 48 * 3600 + 1800, "Integration", 1);
    expect(j.med2.meta.id.hex() + "-integration-24h@afterglow", j.med2.ended->utc + 24 * 3600,
           j.med2.ended->utc + 24 * 3600 + 1800, "Integration", 1);
    // 3 sessions + 2 reminders for each of the 2 medicine sessions; none for preparation.
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 7);
    CHECK(r.out.find(j.prep.meta.id.hex() + "-integration") == std::string::npos);
}
