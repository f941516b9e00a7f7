// Journal & search: every entry, filters (kind, session, tag, date range) and live search.
// The filtered list is cached by the controller (rebuilt only on change) and drawn with
// ImGuiListClipper, so 10,000 entries scroll without dropping frames.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "app/core/calendar.hpp"
#include "app/core/form_mapping.hpp"
#include "app/screens.hpp"

namespace afterglow::app {
namespace {

void filters(Ui& u) {
    auto& f = u.forms.journal;
    auto& flt = f.filter;
    const float w = u.narrow ? -1 : u.em * 9;
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("###kind", flt.kind ? journal::label(*flt.kind) : "All kinds")) {
        if (ImGui::Selectable("All kinds", !flt.kind)) flt.kind.reset();
        for (int i = 0; i < static_cast<int>(journal::EntryKind::count); ++i) {
            const auto k = static_cast<journal::EntryKind>(i);
            if (ImGui::Selectable(journal::label(k), flt.kind == k)) flt.kind = k;
        }
        ImGui::EndCombo();
    }
    if (!u.narrow) ImGui::SameLine();
    const SessionRow* cur = flt.session ? u.view.find_session(*flt.session) : nullptr;
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("###session", cur ? cur->phase.c_str() : "All sessions")) {
        if (ImGui::Selectable("All sessions", !flt.session)) flt.session.reset();
        for (std::size_t i = 0; i < u.view.sessions.size(); ++i) {
            const auto& s = u.view.sessions[i];
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable((s.when + " · " + s.phase).c_str(), flt.session == s.id)) flt.session = s.id;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    if (!u.narrow) ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("###tag", flt.tag.empty() ? "All tags" : flt.tag.c_str())) {
        if (ImGui::Selectable("All tags", flt.tag.empty())) flt.tag.clear();
        for (const auto& t : u.view.all_tags)
            if (ImGui::Selectable(t.c_str(), flt.tag == t)) flt.tag = t;
        ImGui::EndCombo();
    }
    if (!u.narrow) ImGui::SameLine();
    ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 7);
    // While typing, an unfinished date means no bound yet.
    if (ImGui::InputTextWithHint("###from", "from date", &f.from_text)) {
        auto t = from_day(f.from_text, FormField::journal_from);
        flt.from = t ? t.value() : std::nullopt;
    }
    const bool typing_from = ImGui::IsItemActive();
    u.hooks.widget("journal_from");
    if (!u.narrow) ImGui::SameLine();
    ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 7);
    if (ImGui::InputTextWithHint("###to", "to date", &f.to_text)) {
        auto t = to_day(f.to_text, FormField::journal_to);  // the filter's end is exclusive
        flt.to = t && t.value() ? std::optional(*t.value() + 1) : std::nullopt;
    }
    const bool typing_to = ImGui::IsItemActive();
    // A date the filter cannot read is said, once typing stops, never ignored silently.
    bool problem = false;
    for (const auto& [text, typing] : {std::pair{&f.from_text, typing_from}, std::pair{&f.to_text, typing_to}}) {
        const bool readable = from_day(*text, FormField::journal_from) && (text->size() != 10 || parse_ymd(*text));
        if (typing || text->empty() || readable) continue;
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ui::danger(u), "\u201c%s\u201d is not a date (write it as YYYY-MM-DD): the filter leaves it out.",
                           text->c_str());
        ImGui::PopTextWrapPos();
        problem = true;
    }
    u.hooks.value("journal_date_problem", problem ? 1 : 0);
}

}  // namespace

void draw_journal(Ui& u) {
    ui::frame(u, [&] {
        auto& f = u.forms.journal;
        ImGui::SetNextItemWidth(-1);
        if (u.state.screen_appeared || f.focus_search || u.shortcuts.find) {
            ImGui::SetKeyboardFocusHere();
            f.focus_search = false;
        }
        ImGui::InputTextWithHint("###search", "Search everything you have written", &f.query);
        u.hooks.widget("journal_search");
        u.hooks.text("journal_search", f.query);
        filters(u);
        const auto& rows = u.view.journal_rows;
        u.hooks.value("journal_results", static_cast<long long>(rows.size()));
        ImGui::TextColored(ui::soft_text(), "%zu %s", rows.size(), rows.size() == 1 ? "entry" : "entries");
        ui::spacer(0.2f);

        const float row_h = u.em * (u.narrow ? 3.6f : 3.2f);
        ImGui::BeginChild("###list", ImVec2(0, 0));
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()), row_h);
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const EntryRow& e = u.view.entries[rows[static_cast<std::size_t>(i)]];
                ImGui::PushID(i);
                const ImVec2 p = ImGui::GetCursorScreenPos();
                if (ImGui::Selectable("###row", false, 0, ImVec2(0, row_h - ImGui::GetStyle().ItemSpacing.y)))
                    u.out.push_back(cmd::OpenEntry{e.id});
                if (i == 0) u.hooks.widget("journal_row0");
                ImDrawList* dl = ImGui::GetWindowDrawList();
                const float x = p.x + u.em * 0.5f;
                dl->AddText(ImVec2(x, p.y + u.em * 0.2f), ImGui::GetColorU32(ImGuiCol_Text), e.title.c_str());
                std::string meta = e.date + " · " + journal::label(e.kind);
                if (!e.session_label.empty()) meta += " · " + e.session_label;
                if (e.in_window) meta += " · within the window";
                dl->AddText(ImVec2(x, p.y + u.em * 1.55f), ImGui::GetColorU32(ImGuiCol_TextDisabled), meta.c_str());
                if (!e.preview.empty() && !u.narrow) {
                    const float mx = x + ImGui::CalcTextSize(meta.c_str()).x + u.em;
                    const float right = p.x + ImGui::GetContentRegionAvail().x;
                    dl->PushClipRect(ImVec2(mx, p.y), ImVec2(right, p.y + row_h), true);
                    dl->AddText(ImVec2(mx, p.y + u.em * 1.55f), ImGui::GetColorU32(ImGuiCol_TextDisabled), e.preview.c_str());
                    dl->PopClipRect();
                }
                ImGui::PopID();
            }
        }
        ImGui::EndChild();
    });
}

}  // namespace afterglow::app
