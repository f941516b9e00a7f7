// Session: create or edit (date, time, kind, route, provider, notes); its intention and
// entries once saved.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "app/core/calendar.hpp"
#include "app/core/journey.hpp"
#include "app/date_picker.hpp"
#include "app/screens.hpp"

namespace afterglow::app {
namespace {

template <class Enum>
bool enum_combo(const char* id, Enum* value, const char* (*label_of)(Enum)) {
    bool changed = false;
    if (ImGui::BeginCombo(id, label_of(*value))) {
        for (int i = 0; i < static_cast<int>(Enum::count); ++i) {
            const auto e = static_cast<Enum>(i);
            if (ImGui::Selectable(label_of(e), e == *value)) {
                *value = e;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

const char* protocol_label(journal::Protocol p) {
    switch (p) {
        case journal::Protocol::kap: return "Ketamine-assisted psychotherapy (KAP)";
        case journal::Protocol::medical_only: return "Ketamine treatment, medical only";
        default: return "Not set";
    }
}
const char* kind_label(journal::SessionKind k) { return journal::label(k); }
const char* route_label(journal::Route r) { return r == journal::Route::none ? "Not set" : journal::label(r); }

void form(Ui& u) {
    auto& f = u.forms.session;
    ImGui::TextUnformatted("Kind of session");
    ImGui::SetNextItemWidth(-1);
    enum_combo<journal::SessionKind>("###kind", &f.kind, kind_label);
    const float half = u.narrow ? -1 : (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const float second_x = ImGui::GetCursorPosX() + half + ImGui::GetStyle().ItemSpacing.x;
    ImGui::TextUnformatted("Date");
    if (!u.narrow) ImGui::SameLine(second_x), ImGui::TextUnformatted("Time");
    if (u.state.screen_appeared) ImGui::SetKeyboardFocusHere();
    const float date_y = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    // A message about the date or time (Save refused it) goes once either is changed: it is
    // said again by the field itself while it is still wrong.
    bool edited = date_field(u, "###date", &f.date, half > 0 ? half : ImGui::GetContentRegionAvail().x, "session_date");
    ImGui::EndGroup();
    if (!u.narrow) ImGui::SameLine(second_x), ImGui::SetCursorPosY(date_y);
    else ImGui::TextUnformatted("Time");
    ImGui::SetNextItemWidth(half);
    ImGui::BeginGroup();
    edited |= ImGui::InputTextWithHint("###time", "HH:MM", &f.time);
    u.hooks.widget("session_time");
    if (const std::string why = ImGui::IsItemActive() ? std::string() : time_problem(f.time); !why.empty()) {
        ImGui::PushTextWrapPos(u.narrow ? 0.0f : ImGui::GetCursorPosX() + half);
        ImGui::TextColored(ui::danger(u), "%s", why.c_str());
        ImGui::PopTextWrapPos();
        u.hooks.widget("session_time_problem");
    }
    ImGui::EndGroup();
    if (edited && !u.view.error.empty()) u.out.push_back(cmd::ClearMessage{});
    if (f.kind == journal::SessionKind::medicine) {
        ImGui::TextUnformatted("Route");
        if (!u.narrow) ImGui::SameLine(second_x), ImGui::TextUnformatted("Treatment");
        ImGui::SetNextItemWidth(half);
        enum_combo<journal::Route>("###route", &f.route, route_label);
        if (!u.narrow) ImGui::SameLine(second_x);
        else ImGui::TextUnformatted("Treatment");
        ImGui::SetNextItemWidth(half);
        enum_combo<journal::Protocol>("###protocol", &f.protocol, protocol_label);
        ui::labeled_input("Length in hours (your integration window opens when it ends)",
                          "###duration", &f.duration_hours, ImGuiInputTextFlags_CharsDecimal, "2");
    }
    ui::labeled_input("Provider", "###provider", &f.provider, 0, "who you will see (optional)");
    u.hooks.widget("session_provider");
    ui::labeled_multiline("Notes", "###notes", &f.notes, 3);
    u.hooks.widget("session_notes");
    ui::spacer(0.4f);
    if (ui::primary_button("Save session") || u.shortcuts.save) u.out.push_back(cmd::SaveSession{});
    u.hooks.widget("session_save");
    if (!f.id.empty()) {
        ImGui::SameLine();
        if (!u.state.confirm_delete) {
            if (ui::quiet_button("Remove…")) u.state.confirm_delete = true;
        } else {
            if (ui::quiet_button("Yes, remove this session")) {
                u.out.push_back(cmd::DeleteSession{f.id});
                u.state.confirm_delete = false;
            }
            ImGui::SameLine();
            if (ui::quiet_button("Keep it")) u.state.confirm_delete = false;
        }
    }
}

void companion(Ui& u, const SessionRow& s) {
    ImGui::TextColored(ui::accent(), "%s", s.phase.c_str());
    if (s.window) {
        ImGui::TextUnformatted(countdown_text(*s.window, u.view.now).c_str());
    }
    ui::spacer(0.4f);
    if (s.kind == journal::SessionKind::medicine) {
        // The main action follows time: before, the intention; in the window, writing about
        // it; after, a reflection. The others stay one quiet click away.
        const SessionStage stage = session_stage(s.window, u.view.now);
        const char* intention_label = s.intention ? "Revisit intention & checklist" : "Write your intention";
        auto intention_button = [&](bool primary) {
            if (primary ? ui::primary_button(intention_label) : ui::quiet_button(intention_label))
                u.out.push_back(cmd::StartIntention{s.id});
            u.hooks.widget("session_intention");
        };
        auto integration_button = [&](bool primary) {
            if (primary ? ui::primary_button("Write about it") : ui::quiet_button("Write an integration entry"))
                u.out.push_back(cmd::NewEntry{journal::EntryKind::integration, s.id});
            u.hooks.widget("session_integration");
        };
        if (stage == SessionStage::window_open) {
            ui::subtle(stage_hint(stage));
            integration_button(true);
            intention_summary(u, s.id, true);
            intention_button(false);
        } else if (stage == SessionStage::after) {
            ui::subtle(stage_hint(stage));
            if (ui::primary_button("Write a reflection")) u.out.push_back(cmd::NewEntry{journal::EntryKind::reflection, s.id});
            u.hooks.widget("session_reflection");
            integration_button(false);
            intention_summary(u, s.id, true);
        } else {
            intention_summary(u, s.id, false);
            intention_button(true);
            integration_button(false);
        }
        u.hooks.value("session_stage", static_cast<long long>(stage));
    } else if (ui::quiet_button("Write about this session")) {
        u.out.push_back(cmd::NewEntry{journal::EntryKind::session_note, s.id});
    }
    if (ui::quiet_button("Take a questionnaire")) u.out.push_back(cmd::ChooseMeasure{s.id});
    u.hooks.widget("session_questionnaire");
    ui::spacer(0.6f);
    bool any = false;
    for (std::size_t i = 0; i < u.view.entries.size(); ++i) {
        const auto& e = u.view.entries[i];
        if (e.session != s.id || e.kind == journal::EntryKind::intention) continue;
        if (!any) ImGui::TextUnformatted("Written for this session");
        any = true;
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(e.title.c_str())) u.out.push_back(cmd::OpenEntry{e.id});
        ImGui::PopID();
    }
}

}  // namespace

void intention_summary(Ui& u, const journal::RecordId& session, bool compact) {
    const SessionRow* s = u.view.find_session(session);
    if (!s || !s->intention) {
        if (!compact) ui::subtle("No intention yet. Writing one before a session can help you arrive with a question rather than an expectation.");
        return;
    }
    const EntryRow* e = u.view.find_entry(*s->intention);
    ImGui::PushFont(u.fonts.heading);
    ImGui::TextUnformatted("Your intention");
    ImGui::PopFont();
    if (e) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui::soft_text());
        ImGui::TextWrapped("“%s”", e->preview.empty() ? "…" : e->preview.c_str());
        ImGui::PopStyleColor();
    }
    if (!compact) ImGui::TextUnformatted(s->preparation.c_str());
    ui::spacer(0.3f);
}

void draw_session(Ui& u) {
    ui::frame(u, [&] {
        const auto& f = u.forms.session;
        const SessionRow* row = f.id.empty() ? nullptr : u.view.find_session(f.id);
        ui::heading(u, row ? row->title.c_str() : "Plan a session");
        if (!row) ui::subtle("Add it as your provider scheduled it. You can change anything later.");
        ui::spacer(0.4f);
        if (row && !u.narrow && ImGui::BeginTable("###session_cols", 2, ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("###a", ImGuiTableColumnFlags_WidthStretch, 1.2f);
            ImGui::TableSetupColumn("###b", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            form(u);
            ImGui::TableNextColumn();
            ImGui::Indent(u.em);
            companion(u, *row);
            ImGui::Unindent(u.em);
            ImGui::EndTable();
        } else {
            form(u);
            if (row) {
                ui::spacer();
                companion(u, *row);
            }
        }
    });
}

}  // namespace afterglow::app
