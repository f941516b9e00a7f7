#include "tests/export/sample_journal.hpp"

#include "journal/record_fields.hpp"
#include "tests/export/members.hpp"

#include <stdexcept>

namespace afterglow::test {
namespace {

using namespace afterglow::journal;

Timestamp at(std::int64_t utc) { return Timestamp{utc, "Europe/Berlin"}; }

RecordMeta meta(std::int64_t created, std::uint64_t version = 1) {
    RecordMeta m;
    m.id = RecordId::random();
    m.version = version;
    m.created = at(created);
    m.updated = at(created + (version > 1 ? 3600 : 0));
    return m;
}

}  // namespace

std::vector<Record> SampleJournal::all() const {
    std::vector<Record> out{prep, med1, med2, intention, note, integration, reflection,
                            long_entry, loose};
    for (const auto& c : checkins) out.emplace_back(c);
    out.emplace_back(goal1);
    out.emplace_back(goal2);
    out.emplace_back(phq);
    out.emplace_back(phq_draft);
    out.emplace_back(care_team);
    return out;
}

SampleJournal sample_journal(int long_paragraphs) {
    SampleJournal j;
    j.prep.meta = meta(kT0 - 7 * kDay);
    j.prep.kind = SessionKind::preparation;
    j.prep.protocol = Protocol::none;
    j.prep.scheduled = at(kT0 - 7 * kDay);
    j.prep.started = at(kT0 - 7 * kDay + 300);
    j.prep.ended = at(kT0 - 7 * kDay + 3600);
    j.prep.provider = "Dr. Müller";
    j.prep.notes = "Talked through set and setting.";

    j.med1.meta = meta(kT0 - 6 * kDay, 3);
    j.med1.kind = SessionKind::medicine;
    j.med1.protocol = Protocol::kap;
    j.med1.route = Route::im;
    j.med1.scheduled = at(kT0);
    j.med1.started = at(kT0 + 600);
    j.med1.ended = at(kT0 + 2 * 3600);
    j.med1.provider = "Clinic Nord; Room 2, Dr. Åsa Öberg";
    j.med1.notes = "Provider note: dose tolerated well. " + kCanary;

    j.med2.meta = meta(kT0 + 5 * kDay);
    j.med2.kind = SessionKind::medicine;
    j.med2.protocol = Protocol::kap;
    j.med2.route = Route::sublingual;
    j.med2.scheduled = at(kT0 + 7 * kDay);
    j.med2.started = at(kT0 + 7 * kDay);
    j.med2.ended = at(kT0 + 7 * kDay + 5400);

    j.intention.meta = meta(kT0 - kDay);
    j.intention.kind = EntryKind::intention;
    j.intention.title = "What I hope to explore";
    j.intention.body = "Grief about my father, and the café where we used to sit.";
    j.intention.prompts = {{"What do you fear?", "Losing control.", "intention.fears"},
                           {"What support do you want?", "A hand on my shoulder if I ask."}};
    j.intention.checklist = {{"Driver arranged", true, "prep.driver"}, {"No alcohol for 3 days", true},
                             {"Questions for the provider", false}};
    j.intention.session = j.med1.meta.id;

    j.note.meta = meta(kT0 + 3 * 3600);
    j.note.kind = EntryKind::session_note;
    j.note.title = "Right after";
    j.note.body = "Colours, a wide open sky. " + kCanary;
    j.note.session = j.med1.meta.id;
    j.note.captured = true;

    j.integration.meta = meta(kT0 + 26 * 3600, 2);
    j.integration.kind = EntryKind::integration;
    j.integration.title = "Integration — day 1";
    j.integration.body = "Naïve hope feels allowed again. Ça va mieux.\n\nSecond paragraph.";
    j.integration.prompts = {{"What happened?", "I met an old memory, gently."},
                             {"How does it relate to your intention?", "It was the café."}};
    j.integration.emotions = {"relief", "sadness", "gratitude"};
    j.integration.tags = {"father", "grief"};
    j.integration.actions = {{"Call my sister on Sunday", false}, {"Walk without the phone", true}};
    j.integration.session = j.med1.meta.id;

    j.reflection.meta = meta(kT0 + 3 * kDay);
    j.reflection.kind = EntryKind::reflection;
    j.reflection.title = "Many languages";
    j.reflection.body =
        "Crème brûlée, Łódź, Ñandú. 日本語の日記を書きます。中文测试。 "
        "שלום עולם. مرحبا بالعالم. Emoji: 🌅✨";
    j.reflection.tags = {"unicode"};
    j.reflection.session = j.med1.meta.id;

    j.long_entry.meta = meta(kT0 + 8 * kDay);
    j.long_entry.kind = EntryKind::integration;
    j.long_entry.title = "A long integration entry";
    for (int i = 0; i < long_paragraphs; ++i)
        j.long_entry.body += "Paragraph " + std::to_string(i + 1) +
                             ": the afternoon light moved slowly across the floor while I "
                             "wrote down everything I could remember about the session, "
                             "the music, the breathing, the feeling of being held.\n\n";
    j.long_entry.body += "The very last line of the long entry.";
    j.long_entry.session = j.med2.meta.id;

    j.loose.meta = meta(kT0 + 20 * kDay);
    j.loose.kind = EntryKind::reflection;
    j.loose.title = "A quiet Sunday";
    j.loose.body = "Nothing special; steady.";

    for (int i = 0; i < 12; ++i) {
        CheckIn c;
        c.meta = meta(kT0 - 5 * kDay + i * 2 * kDay);
        c.at = at(kT0 - 5 * kDay + i * 2 * kDay + 3600);
        c.scores = {{"mood", 3.0 + (i % 5), 0, 10},
                    {"anxiety", 7.0 - (i % 4) * 1.5, 0, 10},
                    {"sleep", 5.25 + (i % 3) * 0.5, 0, 10},
                    {"PHQ-9", static_cast<double>(18 - i), 0, 27}};
        c.note = i == 0 ? "before the first session" : "";
        if (i == 3) c.session = j.med1.meta.id;
        if (i == 1) c.harm_thoughts = false;  // the safety question, answered
        if (i == 2) c.harm_thoughts = true;
        j.checkins.push_back(c);
    }

    j.goal1.meta = meta(kT0 - 10 * kDay, 4);
    j.goal1.title = "Sleep through the night";
    j.goal1.description = "Fewer than two wake-ups a week.";
    j.goal1.status = GoalStatus::active;
    j.goal1.target = at(kT0 + 60 * kDay);
    j.goal1.reviews = {"2026-10-01: better on weekends", "2026-10-15: 3 good nights"};
    j.goal2.meta = meta(kT0 - 9 * kDay);
    j.goal2.title = "Reconnect with my sister";
    j.goal2.status = GoalStatus::achieved;

    j.phq.meta = meta(kT0 + 2 * kDay, 2);
    j.phq.instrument = "phq-9";
    j.phq.title = "PHQ-9";
    j.phq.questionnaire = "urn:afterglow:fhir:Questionnaire/phq-9|1";
    j.phq.status = ResponseStatus::completed;
    j.phq.authored = at(kT0 + 2 * kDay + 60);
    j.phq.answers = {{"/44250-9", "http://loinc.org", "LA6570-1", "More than half the days", 2, true},
                     {"/69722-7", "http://loinc.org", "LA6573-5", "Somewhat difficult", 1, false}};
    j.phq.total = 11.5;  // a weighted instrument could give halves
    j.phq.total_max = 27;
    j.phq.total_link_id = "/44261-6";
    j.phq.band = "moderate";
    j.phq.flags = {"Thoughts of being better off dead or of self-harm"};
    j.phq.session = j.med1.meta.id;
    j.phq.note = "taken in the waiting room";
    j.phq_draft.meta = meta(kT0 + 3 * kDay);
    j.phq_draft.instrument = "gad-7";
    j.phq_draft.status = ResponseStatus::in_progress;
    j.phq_draft.authored = at(kT0 + 3 * kDay);
    j.care_team.meta = meta(kT0 + kDay);
    j.care_team.kind = DocumentKind::care_team;
    j.care_team.name = "care team";
    j.care_team.body = R"({"therapist": {"name": "Dr. Sample", "phone": "555-0100"}})";
    return j;
}

SampleJournal fill_sample(journal::Vault& vault, int long_paragraphs) {
    SampleJournal j = sample_journal(long_paragraphs);
    auto st = vault.save_all(j.all());
    if (!st) throw std::runtime_error("save_all failed: " + st.error().message);
    return j;
}

std::string describe_difference(const journal::Record& a, const journal::Record& b) {
    if (a.index() != b.index()) return "kind";
    return std::visit(
        [&]<class R>(const R& x) -> std::string {
            const R& y = std::get<R>(b);
            // Compared member by member (members.hpp), so a member missing from the field
            // list is compared too; the list only names it.
            std::vector<std::string> names;
            journal::fields::visit_record(
                x, [&](const char* name, const auto&, journal::fields::Field) { names.push_back(name); });
            constexpr std::size_t meta_fields = member_count<journal::RecordMeta>();
            auto name = [&](std::size_t i) {  // i counts the meta's members, then R's after meta
                if (i < names.size()) return names[i];
                return "member " + std::to_string(i + 1 - meta_fields) + " (not in the field list)";
            };
            if (auto i = first_different_member(x.meta, y.meta); i < meta_fields) return name(i);
            if (auto i = first_different_member(x, y); i < member_count<R>()) return name(meta_fields + i - 1);
            return "";
        },
        a);
}

bool same(const journal::Record& a, const journal::Record& b) {
    return describe_difference(a, b).empty();
}

}  // namespace afterglow::test
