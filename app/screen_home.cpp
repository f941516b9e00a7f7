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

// A card grows with its content (no fixed-height scrolling child that clips large text or a
// narrow window): the content is drawn first, its background behind it afterwards.
void card_begin() {
    ImGui::GetWindowDrawList()->ChannelsSplit(2);
    ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
    const float pad = ui::em() * 0.8f;
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + pad, ImGui::GetCursorPosY() + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - pad);
}
void card_end() {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float pad = ui::em() * 0.8f;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(ImVec2(a.x - pad, a.y - pad), ImVec2(right, b.y + pad), ImGui::GetColorU32(ImGuiCol_FrameBg),
                      ui::em() * 0.5f);
    dl->ChannelsMerge();
    ImGui::Dummy(ImVec2(1, pad * 1.5f));
}

void window_card(Ui& u, const WindowCard& w) {
    const SessionRow& s = *w.session;
    ImGui::PushID(s.id.hex().c_str());
    card_begin();
    ImGui::TextColored(ui::accent(), "%s", w.countdown.c_str());
    ImGui::TextWrapped("%s — %s", s.title.c_str(), s.phase.c_str());
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
    card_begin();
    ImGui::TextWrapped("%s", s.title.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ui::soft_text());
    ImGui::TextWrapped("%s · %s%s%s", s.when.c_str(), s.phase.c_str(), s.provider.empty() ? "" : " · ",
                       s.provider.c_str());
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", s.preparation.c_str());
    ui::spacer(0.2f);
    if (s.kind == journal::SessionKind::medicine) {
        if (ui::primary_button(s.intention ? "Revisit intention & checklist" : "Prepare: intention & checklist"))
            u.out.push_back(cmd::StartIntention{s.id});
        u.hooks.widget("home_prepare");
        ui::same_line_if_fits("Open session");
    }
    if (ui::quiet_button("Open session")) u.out.push_back(cmd::EditSession{s.id});
    u.hooks.widget("home_open_session");
    card_end();
}

}  // namespace

void draw_home(Ui& u) {
    ui::frame(u, [&] {
        const auto& v = u.view;
        ui::heading(u, greeting(v.now));
        if (v.needs_repair) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(ui::danger(u), "The journal's list of entries is damaged. Nothing is lost: "
                                              "changes are paused until it is repaired.");
            ImGui::PopTextWrapPos();
            if (ui::primary_button("Repair")) u.out.push_back(cmd::Repair{});
            u.hooks.widget("home_repair");
        }
        if (v.read_only) ui::subtle("This journal is read-only here (read-only media or a full disk): you can read, not change.");
        if (!v.problems.empty()) {
            ImGui::TextColored(ui::danger(u), "%zu record(s) could not be opened and are set aside:",
                               v.problems.size());
            for (const auto& p : v.problems) ui::subtle(p.c_str());
        }
        const HomeCard card = home_card(v, v.now);
        for (const auto& w : card.windows) window_card(u, w);
        if (card.next) next_session_card(u, *card.next);

        ui::spacer(0.4f);
        if (ui::quiet_button("New entry")) u.out.push_back(cmd::NewEntry{journal::EntryKind::reflection, std::nullopt});
        u.hooks.widget("home_new_entry");
        ui::same_line_if_fits("Plan a session");
        if (ui::quiet_button("Plan a session")) u.out.push_back(cmd::NewSession{});
        u.hooks.widget("home_new_session");
        ui::same_line_if_fits("Search the journal");
        if (ui::quiet_button("Search the journal")) u.out.push_back(cmd::Go{Screen::journal});
        u.hooks.widget("home_search");
        ui::same_line_if_fits("Take a questionnaire");
        if (ui::quiet_button("Take a questionnaire")) u.out.push_back(cmd::ChooseMeasure{});
        u.hooks.widget("home_questionnaire");
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
