// Take a questionnaire: the list (with a draft to continue), then one question at a time
// with large answer buttons ("3 of 9", Back), then the total and band, calmly, with the
// instrument's notice. Every answer is saved at once (stop any time, continue later).
// Keyboard: a digit picks the answer with that score, arrows move between answers, Enter
// picks the focused one, Backspace goes back.
#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

#include "app/core/measure_flow.hpp"
#include "app/screens.hpp"

namespace afterglow::app {
namespace content = journal::content;
namespace {

// Touch-sized answers: 44 CSS px at least in the narrow layout (a phone, or large text in a
// small window), where four answers must fit under the question; roomier on a wide window.
float target_height(const Ui& u) {
    return u.narrow ? std::max(std::ceil(44.0f * u.px), ui::em() * 1.8f) : std::max(44.0f, ui::em() * 2.6f);
}

// A full-width answer button, left-aligned text; `chosen` draws it as picked.
bool answer_button(const Ui& u, const char* label, bool chosen) {
    const float height = target_height(u);
    if (chosen) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_NavWindowingHighlight));
    }
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    // The height is set: a small vertical padding lets the label sit in the middle.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, ui::em() * 0.2f));
    const bool r = ImGui::Button(label, ImVec2(-1, height));
    ImGui::PopStyleVar(2);
    if (chosen) ImGui::PopStyleColor(2);
    return r;
}

void choose(Ui& u) {
    ui::frame(u, [&] {
        ui::heading(u, "Questionnaires");
        ui::subtle("Standard questionnaires your care team may ask about. Each takes a few minutes; "
                   "you can stop at any question and continue later.");
        ui::spacer(0.6f);
        for (const auto& row : u.view.measures.instruments) {
            if (!u.view.content().instrument(row.id)) continue;  // history only (see the trend)
            ImGui::PushID(row.id.c_str());
            ImGui::PushFont(u.fonts.heading);
            ImGui::TextWrapped("%s", row.title.c_str());
            ImGui::PopFont();
            std::string about = row.description.empty() ? "" : row.description + " · ";
            about += std::to_string(row.questions) + " questions";
            ui::subtle(about.c_str());
            const std::string hook = "measure_start_" + row.id;
            if (row.draft) {
                char label[96];
                std::snprintf(label, sizeof label, "Continue (%zu of %zu answered)###resume", row.draft_answered, row.questions);
                if (ui::primary_button(label)) u.out.push_back(cmd::StartMeasure{row.id, true});
                u.hooks.widget(("measure_resume_" + row.id).c_str());
                ui::same_line_if_fits("Start again");
                if (ui::quiet_button("Start again")) u.out.push_back(cmd::StartMeasure{row.id, false});
                u.hooks.widget(("measure_restart_" + row.id).c_str());
            } else {
                if (ui::primary_button(("Start " + row.title).c_str())) u.out.push_back(cmd::StartMeasure{row.id, false});
                u.hooks.widget(hook.c_str());
            }
            ui::spacer(0.6f);
            ImGui::PopID();
        }
        ui::spacer(0.4f);
        if (ui::quiet_button("Your results over time")) u.out.push_back(cmd::Go{Screen::measures});
        u.hooks.widget("measure_trends");
        ui::same_line_if_fits("Back");
        if (ui::quiet_button("Back")) u.out.push_back(cmd::Back{});
        u.hooks.widget("measure_list_back");
    });
}

void question(Ui& u, const content::Instrument& ins) {
    auto& f = u.forms.measure;
    const QuestionView q = question_at(ins, f);
    if (!q.item) return;
    const long long shown = static_cast<long long>(q.number);
    const bool appeared = u.state.measure_item_seen != shown || u.state.screen_appeared;
    u.state.measure_item_seen = shown;
    if (appeared) u.hooks.screen(("questionnaire_item_" + std::to_string(q.number)).c_str());
    bool answered = false;  // one answer per frame, whatever the input
    auto answer = [&](std::size_t option) {
        if (answered) return;
        answered = true;
        u.out.push_back(cmd::AnswerMeasure{option});
    };
    auto back_and_stop = [&] {
        if (ui::quiet_button("Back")) u.out.push_back(cmd::MeasureBack{});
        u.hooks.widget("measure_back");
        ui::same_line_if_fits(u.narrow ? "Stop" : "Stop for now");
        if (ui::quiet_button(u.narrow ? "Stop###stop" : "Stop for now###stop")) u.out.push_back(cmd::Back{});
        u.hooks.widget("measure_stop");
    };
    // Wide: Back and Stop in the footer. Narrow (a phone, large text): every pixel goes to the
    // question and its answers, so Back and Stop sit in one row above them and the spacing is tight.
    const std::function<void()> footer = u.narrow ? std::function<void()>() : std::function<void()>(back_and_stop);
    ui::frame(u, [&] {
        const float gap = ui::em() * 0.35f;
        if (u.narrow) {
            ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, gap));
            back_and_stop();
        }
        ImGui::TextColored(ui::soft_text(), "%s · question %zu of %zu", ins.display_name().c_str(), q.number, q.count);
        if (!u.narrow) {
            ImGui::ProgressBar(static_cast<float>(q.number - 1) / static_cast<float>(q.count), ImVec2(-1, u.em * 0.4f), "");
            ui::spacer(0.4f);
        }
        if (!q.stem.empty()) ui::subtle(q.stem.c_str());
        if (!u.narrow) ui::spacer(0.2f);
        if (!u.narrow) ImGui::PushFont(u.fonts.large);
        ImGui::TextWrapped("%s", q.item->text.c_str());
        if (!u.narrow) ImGui::PopFont();
        if (!u.narrow) ui::spacer(0.5f);
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, gap));
        const std::size_t focus = q.chosen.value_or(0);
        long long hovered = -1;  // test hook: no answer is shaded before the patient picks one
        for (std::size_t i = 0; i < q.item->options.size(); ++i) {
            const auto& o = q.item->options[i];
            const double key = o.score ? *o.score : static_cast<double>(i);
            char label[320];
            std::snprintf(label, sizeof label, "%g    %s###option%zu", key, o.display.empty() ? o.code.c_str() : o.display.c_str(), i);
            if (answer_button(u, label, q.chosen == i)) answer(i);
            if (appeared && i == focus) ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
            if (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) answer(i);
            if (ImGui::IsItemHovered()) hovered = static_cast<long long>(i);
            u.hooks.widget(("measure_option" + std::to_string(i)).c_str());
        }
        ImGui::PopStyleVar(u.narrow ? 2 : 1);
        u.hooks.value("measure_hovered", hovered);
        ui::spacer(0.6f);
        ui::subtle(u.narrow ? "Your answers are saved as you go, encrypted."
                            : "Your answers are saved as you go, encrypted. Keys: the number picks an answer; "
                              "arrows and Enter work too; Backspace goes back.");
    }, footer);
    // Digits typed anywhere on this screen (it has no text field) pick an answer.
    ImGuiIO& io = ImGui::GetIO();
    if (!io.WantTextInput) {
        for (ImWchar c : io.InputQueueCharacters)
            if (c >= '0' && c <= '9')
                if (auto o = option_for_digit(*q.item, static_cast<int>(c - '0'))) answer(*o);
        if (!answered && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace), false))
            u.out.push_back(cmd::MeasureBack{});
    }
    u.hooks.value("measure_item", shown);
}

void result(Ui& u, const content::Instrument& ins) {
    const auto& f = u.forms.measure;
    const MeasurePoint* p = u.view.measures.find_point(f.record);
    if (u.state.screen_appeared || u.state.measure_item_seen != 0) u.hooks.screen("questionnaire_result");
    u.state.measure_item_seen = 0;
    ui::frame(u, [&] {
        ui::heading(u, (ins.display_name() + ": done").c_str());
        if (p) {
            char total[96];
            std::snprintf(total, sizeof total, "Total %g of %g", p->total, p->max);
            ImGui::PushFont(u.fonts.large);
            ImGui::TextUnformatted(total);
            ImGui::PopFont();
            u.hooks.value("measure_total", static_cast<long long>(p->total));
            if (!p->band.empty()) ImGui::TextWrapped("In the range your clinic calls \"%s\".", p->band.c_str());
            if (!p->flags.empty()) {
                ui::spacer(0.4f);
                ImGui::PushTextWrapPos(0);
                ImGui::TextColored(ui::accent(), "One answer was about \"%s\". That matters, and you do not have to "
                                                 "carry it alone: tell your care team, and if you need someone now, "
                                                 "support is one click away.", p->flags.front().c_str());
                ImGui::PopTextWrapPos();
                if (ui::primary_button("Crisis support")) u.out.push_back(cmd::Go{Screen::crisis});
                u.hooks.widget("measure_result_crisis");
            }
        }
        ui::spacer(0.4f);
        ui::subtle(("A questionnaire is not a diagnosis. " + u.view.content().notices.ask_care_team).c_str());
        ui::spacer(0.6f);
        if (ui::primary_button("Your results over time")) u.out.push_back(cmd::Go{Screen::measures});
        u.hooks.widget("measure_result_trends");
        ui::same_line_if_fits("Done");
        if (ui::quiet_button("Done")) u.out.push_back(cmd::Back{});
        u.hooks.widget("measure_done");
        ui::spacer();
        if (!ins.copyright.empty()) ui::subtle(ins.copyright.c_str());
    });
}

}  // namespace

void draw_questionnaire(Ui& u) {
    const auto& f = u.forms.measure;
    const content::Instrument* ins = f.instrument.empty() ? nullptr : u.view.content().instrument(f.instrument);
    if (!ins) {
        u.state.measure_item_seen = -1;
        choose(u);
    } else if (f.finished) {
        result(u, *ins);
    } else {
        question(u, *ins);
    }
}

}  // namespace afterglow::app
