#include "journal/export/ics.hpp"

#include <ctime>

#include "journal/schedule.hpp"
#include "journal/time.hpp"

namespace afterglow::journal::exports {
namespace {

// "20261125T204928Z"
std::string utc_stamp(std::int64_t utc) { return format_utc(utc, "%Y%m%dT%H%M%SZ"); }

class Calendar {
public:
    void line(std::string_view name, std::string_view value) {
        std::string l(name);
        l += ':';
        l += value;
        out_ += fold_line(l);
    }
    void text(std::string_view name, std::string_view value) { line(name, ics_escape(value)); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

std::string session_summary(const SessionGroup& g) {
    std::string s = std::string(label(g.session.kind)) + " session";
    if (!g.phase.empty()) s += " (" + g.phase + ")";
    return s;
}

}  // namespace

std::string ics_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') break;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default:
                // Other control characters are not allowed in TEXT (§3.3.11).
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
                out += c;
        }
    }
    return out;
}

std::string fold_line(std::string_view line) {
    std::string out;
    std::size_t pos = 0;
    bool first = true;
    while (true) {
        std::size_t room = first ? 75 : 74;  // a continuation line starts with one space
        if (line.size() - pos <= room) {
            if (!first) out += ' ';
            out.append(line.substr(pos));
            out += "\r\n";
            return out;
        }
        std::size_t cut = pos + room;
        // Never split a UTF-8 sequence: back off to the start of the character.
        while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        if (cut == pos) cut = pos + room;  // not UTF-8; cannot happen for our text
        if (!first) out += ' ';
        out.append(line.substr(pos, cut - pos));
        out += "\r\n";
        pos = cut;
        first = false;
    }
}

std::string to_ics(const ExportData& data, const IcsOptions& options) {
    Calendar cal;
    const std::string stamp = utc_stamp(data.generated.utc);
    cal.line("BEGIN", "VCALENDAR");
    cal.line("VERSION", "2.0");
    cal.line("PRODID", "-//Afterglow//Afterglow journal export//EN");
    cal.line("CALSCALE", "GREGORIAN");
    cal.line("METHOD", "PUBLISH");
    for (const auto& g : data.sessions) {
        const Session& s = g.session;
        auto start = session_start(s);
        if (!start) continue;
        auto end = session_end(s).value_or(*start + 2 * 3600);
        if (end <= *start) end = *start + 3600;
        const std::string id = s.meta.id.hex();
        cal.line("BEGIN", "VEVENT");
        cal.line("UID", id + "@afterglow");
        cal.line("DTSTAMP", stamp);
        cal.line("DTSTART", utc_stamp(*start));
        cal.line("DTEND", utc_stamp(end));
        cal.text("SUMMARY", session_summary(g));
        if (options.include_notes) {
            if (!s.notes.empty()) cal.text("DESCRIPTION", s.notes);
            if (!s.provider.empty()) cal.text("LOCATION", s.provider);
        }
        cal.line("CLASS", "PRIVATE");
        cal.line("TRANSP", "OPAQUE");
        cal.line("END", "VEVENT");

        if (!options.reminders || s.kind != SessionKind::medicine) continue;
        auto window = integration_window(s);
        std::int64_t opens = window ? window->opens : end;
        for (int hours : {24, 48}) {
            std::int64_t at = opens + hours * 3600;
            const std::string h = std::to_string(hours);
            const std::string what = hours == 24
                                         ? "Integration: reflect on your session (24 h after)"
                                         : "Integration: window closing (48 h after your session)";
            cal.line("BEGIN", "VEVENT");
            cal.line("UID", id + "-integration-" + h + "h@afterglow");
            cal.line("DTSTAMP", stamp);
            cal.line("DTSTART", utc_stamp(at));
            cal.line("DTEND", utc_stamp(at + 30 * 60));
            cal.text("SUMMARY", what);
            cal.text("RELATED-TO", id + "@afterglow");
            cal.line("CLASS", "PRIVATE");
            cal.line("TRANSP", "TRANSPARENT");
            cal.line("BEGIN", "VALARM");
            cal.line("ACTION", "DISPLAY");
            cal.line("TRIGGER", "PT0S");
            cal.text("DESCRIPTION", what);
            cal.line("END", "VALARM");
            cal.line("END", "VEVENT");
        }
    }
    cal.line("END", "VCALENDAR");
    return cal.take();
}

}  // namespace afterglow::journal::exports
