#include "journal/export/wording.hpp"

#include <algorithm>

#include "journal/content/pack.hpp"
#include "journal/time.hpp"

namespace afterglow::journal::exports {

std::string human_date(std::int64_t utc) {
    std::string day = format_local(utc, "%d");
    if (day.size() == 2 && day[0] == '0') day.erase(0, 1);
    return format_local(utc, "%a ") + day + format_local(utc, " %b %Y");
}

std::string human_time(std::int64_t utc) { return human_date(utc) + format_local(utc, ", %H:%M"); }

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

const std::string& export_text(std::string_view id) {
    static const std::string none;
    const auto* t = content::default_pack().journey_text(id);
    return t ? t->heading : none;
}

const std::string& export_body(std::string_view id) {
    static const std::string none;
    const auto* t = content::default_pack().journey_text(id);
    return t ? t->body : none;
}

std::string protocol_words(Protocol p) {
    switch (p) {
        case Protocol::kap: return export_text("export.protocol.kap");
        case Protocol::medical_only: return export_text("export.protocol.medical_only");
        default: return {};
    }
}

namespace {
bool same_words(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}
}  // namespace

std::string entry_heading(const Entry& e) {
    std::string head = label(e.kind);
    if (!e.title.empty() && !same_words(e.title, head)) head += ": " + e.title;
    return head;
}

std::vector<SafetyLine> safety_lines(const ExportData& data) {
    std::vector<SafetyLine> out;
    if (data.include_checkins)
        for (const auto& c : data.checkins)
            if (c.harm_thoughts.value_or(false)) out.push_back({c.at.utc, export_text("export.safety.checkin")});
    if (data.include_measures)
        for (const auto& r : data.responses)
            for (const auto& f : r.flags) out.push_back({r.authored.utc, r.title + ": " + f});
    std::stable_sort(out.begin(), out.end(), [](const SafetyLine& a, const SafetyLine& b) { return a.at < b.at; });
    return out;
}

bool has_safety_sources(const ExportData& data) {
    const bool asked = std::any_of(data.checkins.begin(), data.checkins.end(),
                                   [](const CheckIn& c) { return c.harm_thoughts.has_value(); });
    return (data.include_checkins && asked) || (data.include_measures && !data.responses.empty());
}

}  // namespace afterglow::journal::exports
