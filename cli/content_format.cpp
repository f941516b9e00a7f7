#include "cli/content_format.hpp"

#include "journal/content/builtin_lines.hpp"
#include "journal/content/measures.hpp"
#include "journal/time.hpp"

namespace afterglow::cli {

using namespace journal;
using namespace journal::content;

void print_pack_summary(std::ostream& out, const Pack& p) {
    out << "  " << p.intention_prompts.size() << " intention prompts, " << p.integration_prompts.size()
        << " integration prompts, " << p.checklist.size() << " checklist items, " << p.checkin_scales.size()
        << " check-in scales, " << p.crisis.regions.size() << " crisis regions, " << p.instruments.size()
        << " instruments\n";
    for (const auto& r : p.crisis.regions)
        for (const auto& l : r.lines)
            if (!is_builtin_line(r.id, l.id))
                out << "  adds a crisis line (" << r.name << "): " << l.name << "  " << l.phone
                    << "  (beside the built-in lines, which stay)\n";
}

void print_pack(std::ostream& out, const Pack& p) {
    out << "Pack in use: ";
    for (std::size_t i = 0; i < p.sources.size(); ++i) out << (i ? " + " : "") << p.sources[i];
    out << "\n";
    print_pack_summary(out, p);
    if (p.clinic) out << "\nClinic: " << p.clinic->name << (p.clinic->phone.empty() ? "" : "  " + p.clinic->phone) << "\n";
    out << "\nIntention prompts:\n";
    for (const auto& x : p.intention_prompts) out << "  " << x.id << "  " << x.heading << "\n";
    out << "\nIntegration prompts:\n";
    for (const auto& x : p.integration_prompts) out << "  " << x.id << "  " << x.heading << "\n";
    out << "\nPreparation checklist:\n";
    for (const auto& x : p.checklist) out << "  " << x.id << "  " << x.label << "\n";
    out << "\nCheck-in scales:\n";
    for (const auto& x : p.checkin_scales) out << "  " << x.id << "  " << x.question << "\n";
    out << "\nCrisis lines:\n";
    for (const auto& r : p.crisis.regions) {
        out << "  " << r.id << " (" << r.name << "): emergency " << r.emergency << "\n";
        for (const auto& l : r.lines)
            out << "    " << l.name << "  " << l.phone << (is_builtin_line(r.id, l.id) ? "" : "  (clinic pack)") << "\n";
    }
    out << "\nInstruments:\n";
    for (const auto& i : p.instruments)
        out << "  " << i.id << "  " << i.display_name() << "  (" << i.scored_items().size() << " scored items, 0–"
            << i.max_total() << ")\n";
    out << "\n" << p.notices.not_medical_advice << "\n";
}

void print_care_team(std::ostream& out, const CareTeam& t) {
    auto line = [&](const char* who, const Contact& c) {
        if (c.empty()) return;
        out << who << ": " << c.name << (c.phone.empty() ? "" : "  " + c.phone) << "\n";
    };
    line("Therapist", t.therapist);
    line("Clinic", t.clinic);
    line("Trusted person", t.trusted);
}

void print_crisis(std::ostream& out, const Pack& p, const std::optional<CareTeam>& team) {
    out << p.crisis.heading << "\n" << p.crisis.intro << "\n\n";
    if (team && !team->empty()) {
        out << "Your care team:\n";
        print_care_team(out, *team);
        out << "\n";
    }
    if (p.clinic) out << "Your clinic: " << p.clinic->name << "  " << p.clinic->phone << "\n\n";
    for (const auto& s : p.crisis.steps) out << "  • " << s.text << "\n";
    for (const auto& r : p.crisis.regions)
        for (const auto& l : r.lines) out << "  " << r.id << ": " << l.name << "  " << l.phone << "\n";
    out << "\n" << p.notices.not_medical_advice << " " << p.notices.not_emergency_service << "\n";
}

void print_response(std::ostream& out, const MeasureResponse& r) {
    out << to_local_date(r.authored.utc) << "  " << r.meta.id.short_hex() << "  " << r.title << "  " << summary(r)
        << "  (" << to_string(r.status) << ")\n";
}

}  // namespace afterglow::cli
