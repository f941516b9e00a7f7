// Home: the welcome (first run), reminders, open integration windows with a live countdown,
// the next session and how preparation is going, a schedule suggestion, quick actions, the
// actions being carried into daily life, recent entries, and every session in order.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <ctime>
#include <string>

#include "app/core/journey.hpp"
#include "app/core/journey_texts.hpp"
#include "app/core/view_model.hpp"
#include "app/date_picker.hpp"
#include "app/input_queue.hpp"
#include "app/screens.hpp"
#include "journal/time.hpp"

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
    // Written already: the card says so, in the patient's own words, and offers to go on.
    const EntryRow* written = nullptr;
    for (const auto& e : u.view.entries)  // newest first
        if (e.kind == journal::EntryKind::integration && e.session == s.id) {
            written = &e;
            break;
        }
    if (written) {
        ImGui::TextWrapped("You wrote about it on %s.", written->date.c_str());
        if (!written->preview.empty()) ui::subtle(("\u201c" + written->preview + "\u201d").c_str());
        u.hooks.widget("home_integration_written");
        if (ui::primary_button("Continue writing")) u.out.push_back(cmd::OpenEntry{written->id});
        u.hooks.widget("home_continue_integration");
        ui::same_line_if_fits("Write another");
        if (ui::quiet_button("Write another")) u.out.push_back(cmd::NewEntry{journal::EntryKind::integration, s.id});
        u.hooks.widget("home_write_integration");
    } else {
        if (ui::primary_button("Write about it")) u.out.push_back(cmd::NewEntry{journal::EntryKind::integration, s.id});
        u.hooks.widget("home_write_integration");
    }
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

void welcome_card(Ui& u) {
    const auto pages = welcome_pages(u.view.content());
    if (pages.empty()) return;
    card_begin();
    ImGui::PushFont(u.fonts.heading);
    ImGui::TextWrapped("%s", pages.front().heading.c_str());
    ImGui::PopFont();
    ImGui::TextWrapped("%s", pages.front().body.c_str());
    if (ui::primary_button("Read the short welcome")) u.out.push_back(cmd::Go{Screen::welcome});
    u.hooks.widget("home_welcome");
    ui::same_line_if_fits("Skip");
    if (ui::quiet_button("Skip")) u.out.push_back(cmd::FinishWelcome{false});
    u.hooks.widget("home_welcome_skip");
    card_end();
}

// The browser may clear its storage and a week passed without a copy: a gentle card with the
// way to make one (an encrypted backup on Share).
void copy_card(Ui& u, const CopyReminder& r) {
    const auto& text = journey_text(u.view.content(), "storage.keep_copy");
    card_begin();
    ImGui::TextColored(ui::accent(), "%s", text.heading.c_str());
    ImGui::TextWrapped("%s", text.body.c_str());
    const std::string when = r.ever ? "Your last copy was made " + std::to_string(r.days) + " days ago."
                                    : "You have not made a copy on this device yet.";
    ImGui::TextColored(ui::soft_text(), "%s", when.c_str());
    if (ui::primary_button("Make a backup")) u.out.push_back(cmd::Go{Screen::export_data});
    u.hooks.widget("home_keep_copy");
    card_end();
    u.hooks.value("copy_reminder_days", r.days);
}

// Reminders due now (the integration window's own card shows when it is open). Their words
// come from the pack; the session's open checklist items are listed here, on screen only.
void reminder_banners(Ui& u) {
    const auto& v = u.view;
    for (std::size_t i = 0; i < v.reminders.size(); ++i) {
        const Reminder& r = v.reminders[i];
        if (r.kind == ReminderKind::window_open) continue;
        const auto& text = journey_text(u.view.content(), r.text_id);
        ImGui::PushID(r.key.c_str());
        card_begin();
        ImGui::TextColored(ui::accent(), "%s", text.heading.c_str());
        ImGui::TextWrapped("%s", text.body.c_str());
        const SessionRow* s = v.find_session(r.subject);
        if (r.kind == ReminderKind::session_tomorrow && s) {
            ImGui::TextColored(ui::soft_text(), "%s · %s", s->when.c_str(), s->title.c_str());
            if (!s->open_checklist.empty()) ImGui::TextUnformatted("Still open on your checklist:");
            for (const auto& item : s->open_checklist) ImGui::BulletText("%s", item.c_str());
            if (s->kind == journal::SessionKind::medicine && ui::primary_button(s->intention ? "Open the checklist" : "Prepare"))
                u.out.push_back(cmd::StartIntention{s->id});
        } else if ((r.kind == ReminderKind::window_closing || r.kind == ReminderKind::window_closed) && s) {
            if (ui::primary_button(r.kind == ReminderKind::window_closing ? "Write about it" : "Write a reflection"))
                u.out.push_back(cmd::NewEntry{r.kind == ReminderKind::window_closing ? journal::EntryKind::integration
                                                                                    : journal::EntryKind::reflection,
                                              s->id});
        } else if (r.kind == ReminderKind::goal_review) {
            for (const auto& g : v.goals)
                if (g.id == r.subject) ImGui::TextColored(ui::soft_text(), "%s", g.title.c_str());
            if (ui::primary_button("Revisit it")) {
                u.forms.goals.open = r.subject;
                u.out.push_back(cmd::Go{Screen::goals});
            }
        }
        u.hooks.widget(("home_reminder_" + std::to_string(i)).c_str());
        ui::same_line_if_fits("Dismiss");
        if (ui::quiet_button("Dismiss")) u.out.push_back(cmd::DismissReminder{r.key});
        u.hooks.widget(("home_reminder_dismiss_" + std::to_string(i)).c_str());
        card_end();
        ImGui::PopID();
    }
}

// A suggestion, never a prescription: the dates can be edited, accepted or put aside.
void suggestion_card(Ui& u, const ScheduleSuggestion& sg) {
    auto& f = u.forms.schedule;
    if (f.dismissed || f.after != sg.after) return;
    const auto& text = journey_text(u.view.content(), sg.kind == SuggestionKind::induction ? "suggest.induction" : "suggest.maintenance");
    card_begin();
    ImGui::PushFont(u.fonts.heading);
    ImGui::TextWrapped("%s", text.heading.c_str());
    ImGui::PopFont();
    ImGui::TextWrapped("%s", text.body.c_str());
    if (sg.kind == SuggestionKind::induction)
        ImGui::TextColored(ui::soft_text(), "%d of your series so far; %zu more suggested.", sg.in_series, f.dates.size());
    ui::spacer(0.2f);
    for (std::size_t i = 0; i < f.dates.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string hook = "suggest_date_" + std::to_string(i);
        if (f.editing) {
            const char* remove = "Remove";
            const float rw = ImGui::CalcTextSize(remove).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
            date_field(u, "###d", &f.dates[i], std::max(u.em * 12, ImGui::GetContentRegionAvail().x - rw - u.em), hook.c_str());
            ImGui::SameLine();
            if (ui::quiet_button(remove)) {
                f.dates.erase(f.dates.begin() + static_cast<std::ptrdiff_t>(i));
                ImGui::PopID();
                break;
            }
            u.hooks.widget((hook + "_remove").c_str());
        } else {
            const auto t = journal::parse_iso8601(f.dates[i] + "T" + f.time);
            ImGui::BulletText("%s", t ? format_when(*t).c_str() : f.dates[i].c_str());
        }
        ImGui::PopID();
    }
    if (f.editing) {
        if (ui::quiet_button("Add a date")) {
            const auto last = f.dates.empty() ? std::nullopt : journal::parse_iso8601(f.dates.back() + "T12:00");
            f.dates.push_back(journal::to_local_date((last ? *last : u.view.now) + 3 * 24 * 3600));
        }
        ui::same_line_if_fits("Time 00:00000");
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Time");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(u.em * 5);
        ImGui::InputTextWithHint("###suggest_time", "HH:MM", &f.time);
    }
    if (ui::primary_button(f.dates.size() == 1 ? "Plan this session" : "Plan these sessions"))
        u.out.push_back(cmd::AcceptSchedule{});
    u.hooks.widget("suggest_accept");
    ui::same_line_if_fits("Change the dates");
    if (!f.editing && ui::quiet_button("Change the dates")) f.editing = true;
    u.hooks.widget("suggest_edit");
    ui::same_line_if_fits("Not now");
    if (ui::quiet_button("Not now")) f.dismissed = true;
    u.hooks.widget("suggest_dismiss");
    ui::error_text(u);
    card_end();
}

// Actions from integration entries: tick when done, remove when no longer wanted.
void carrying_list(Ui& u) {
    const auto& v = u.view;
    if (v.carrying.empty()) return;
    ui::heading(u, "Carrying into daily life");
    std::size_t shown_done = 0;
    for (std::size_t i = 0; i < v.carrying.size(); ++i) {
        const auto& c = v.carrying[i];
        if (c.done && ++shown_done > 5) break;
        ImGui::PushID(static_cast<int>(i));
        bool done = c.done;
        if (ImGui::Checkbox("###done", &done)) u.out.push_back(cmd::ToggleAction{c.entry, c.index, false});
        u.hooks.widget(("home_action_" + std::to_string(i)).c_str());
        ImGui::SameLine();
        ImGui::BeginGroup();
        const float remove_w = ImGui::CalcTextSize("Remove").x + ImGui::GetStyle().FramePadding.x * 2 + u.em;
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(u.em * 6, ImGui::GetContentRegionAvail().x - remove_w));
        if (c.done) ImGui::PushStyleColor(ImGuiCol_Text, ui::soft_text());
        ImGui::TextWrapped("%s", c.text.c_str());
        if (c.done) ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ImGui::PushStyleColor(ImGuiCol_Text, ui::soft_text());
        ImGui::TextUnformatted(c.from.c_str());
        ImGui::PopStyleColor();
        ImGui::EndGroup();
        ImGui::SameLine();
        if (ui::quiet_button("Remove")) u.out.push_back(cmd::RemoveAction{c.entry, c.index});
        u.hooks.widget(("home_action_remove_" + std::to_string(i)).c_str());
        ImGui::PopID();
    }
    ui::spacer();
}

}  // namespace

void draw_home(Ui& u) {
    // An accepted schedule's error (a date that is not a date) shows in its card, by the button.
    u.error_inline = u.view.suggestion && !u.forms.schedule.dismissed && u.forms.schedule.after == u.view.suggestion->after;
    ui::frame(u, [&] {
        tab_between_buttons(true);  // home is mostly buttons: Tab moves through them and its date fields
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
        if (!v.settings.welcome_seen) welcome_card(u);
        reminder_banners(u);
        if (v.copy_reminder) copy_card(u, *v.copy_reminder);
        const HomeCard card = home_card(v, v.now);
        for (const auto& w : card.windows) window_card(u, w);
        if (card.next) next_session_card(u, *card.next);
        carrying_list(u);
        if (v.suggestion) suggestion_card(u, *v.suggestion);

        ui::spacer(0.4f);
        if (ui::quiet_button("New entry")) u.out.push_back(cmd::NewEntry{journal::EntryKind::reflection, std::nullopt});
        u.hooks.widget("home_new_entry");
        ui::same_line_if_fits("Plan a session");
        if (ui::quiet_button("Plan a session")) u.out.push_back(cmd::NewSession{});
        u.hooks.widget("home_new_session");
        ui::same_line_if_fits("Search the journal");
        if (ui::quiet_button("Search the journal")) u.out.push_back(cmd::Go{Screen::journal});
        u.hooks.widget("home_search");
        ui::same_line_if_fits("Your goals");
        if (ui::quiet_button("Your goals")) u.out.push_back(cmd::Go{Screen::goals});
        u.hooks.widget("home_goals");
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
