// Home: open integration windows with a live countdown, the next session and how
// preparation is going, quick actions, recent entries, and every session in order.
#include <ctime>
#include <string>

#include "app/core/view_model.hpp"
#include "app/screens.hpp"

namespace afterglow::app {
namespace {

const char* greeting(std::int64_t now) {
    std::time_t t = static_cast<std::time_t>(now);
    std::tm tm{};
    localtime_r(&t, &tm);
    if (tm.tm_hour < 5) return "Still up? Be gentle with yourself";
    if (tm.tm_hour < 12) return "Good morning";
    if (tm.tm_hour < 18) return "Good afternoon";
    return "Good evening";
}

void card_begin(const char* id, float height_em) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::BeginChild(id, ImVec2(0, height_em * ui::em()), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
}
void card_end() {
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void window_card(Ui& u, const WindowCard& w) {
    const SessionRow& s = *w.session;
    ImGui::PushID(s.id.hex().c_str());
    card_begin("###window", 9.6f);
    ImGui::TextColored(ui::accent(), "%s", w.countdown.c_str());
    ImGui::Text("%s — %s", s.title.c_str(), s.phase.c_str());
    ImGui::ProgressBar(w.elapsed, ImVec2(-1, u.em * 0.45f), "");
    ui::subtle(w.ideal
                   ? "This is a good time to write: the 24–48 hours after a session are often the richest."
                   : "Rest first if you need to. Write whenever you feel ready.");
    if (ui::primary_button("Write about it")) u.out.push_back(cmd::NewEntry{journal::EntryKind::integration, s.id});
    u.hooks.widget("home_write_integration");
    card_end();
    ImGui::PopID();
}

void next_session_card(Ui& u, const SessionRow& s) {
    ui::heading(u, "Next session");
    card_begin("###next", 8.4f);
    ImGui::Text("%s", s.title.c_str());
    ImGui::TextColored(ui::soft_text(), "%s · %s%s%s", s.when.c_str(), s.phase.c_str(),
                       s.provider.empty() ? "" : " · ", s.provider.c_str());
    ImGui::TextUnformatted(s.preparation.c_str());
    ui::spacer(0.2f);
    if (s.kind == journal::SessionKind::medicine) {
        if (ui::primary_button(s.intention ? "Revisit intention & checklist" : "Prepare: intention & checklist"))
            u.out.push_back(cmd::StartIntention{s.id});
        u.hooks.widget("home_prepare");
        ImGui::SameLine();
    }
    if (ui::quiet_button("Open session")) u.out.push_back(cmd::EditSession{s.id});
    card_end();
}

}  // namespace

void draw_home(Ui& u) {
    ui::frame(u, [&] {
        const auto& v = u.view;
        ui::heading(u, greeting(v.now));
        if (!v.problems.empty()) {
            ImGui::TextColored(ImVec4(0.78f, 0.36f, 0.30f, 1), "%zu record(s) could not be opened and are set aside:",
                               v.problems.size());
            for (const auto& p : v.problems) ui::subtle(p.c_str());
        }
        const HomeCard card = home_card(v, v.now);
        for (const auto& w : card.windows) window_card(u, w);
        if (card.next) next_session_card(u, *card.next);

        ui::spacer(0.4f);
        if (ui::quiet_button("New entry")) u.out.push_back(cmd::NewEntry{journal::EntryKind::reflection, std::nullopt});
        u.hooks.widget("home_new_entry");
        ImGui::SameLine();
        if (ui::quiet_button("Plan a session")) u.out.push_back(cmd::NewSession{});
        u.hooks.widget("home_new_session");
        ImGui::SameLine();
        if (ui::quiet_button("Search the journal")) u.out.push_back(cmd::Go{Screen::journal});
        ui::spacer();

        ui::heading(u, "Recently written");
        if (v.entries.empty()) ui::subtle("Nothing yet. When you are ready, a few honest words are plenty.");
        for (std::size_t i = 0; i < v.entries.size() && i < 5; ++i) {
            const auto& e = v.entries[i];
            ImGui::PushID(static_cast<int>(i));
            const float x = ImGui::GetCursorPosX();
            if (ImGui::Selectable("###recent", false, 0, ImVec2(0, u.em * 1.5f))) u.out.push_back(cmd::OpenEntry{e.id});
            ImGui::SameLine(x + u.em * 0.4f);
            ImGui::TextUnformatted(e.title.c_str());
            ImGui::SameLine();
            ImGui::TextColored(ui::soft_text(), "%s · %s%s", e.date.c_str(), journal::label(e.kind),
                               e.in_window ? " · within the window" : "");
            ImGui::PopID();
        }
        ui::spacer();

        ui::heading(u, "Your sessions");
        if (v.sessions.empty()) ui::subtle("Add your sessions as your provider schedules them. Afterglow suggests, never prescribes.");
        if (!v.sessions.empty() &&
            ImGui::BeginTable("###sessions", u.narrow ? 2 : 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX)) {
            for (std::size_t i = 0; i < v.sessions.size(); ++i) {
                const auto& s = v.sessions[i];
                ImGui::PushID(static_cast<int>(i));
                ImGui::TableNextRow(0, u.narrow ? u.em * 2.6f : 0);
                ImGui::TableNextColumn();
                if (ImGui::Selectable(s.when.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                    u.out.push_back(cmd::EditSession{s.id});
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.phase.c_str());
                if (!u.narrow) {
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(s.title.c_str());
                    ImGui::TableNextColumn();
                    if (s.window && s.window->contains(v.now)) ImGui::TextColored(ui::accent(), "window open");
                    else if (s.upcoming) ImGui::TextColored(ui::soft_text(), "%s", s.preparation.c_str());
                }
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    });
}

}  // namespace afterglow::app
