// Integration editor: the word-wrapping editor, prompts panel (insert as a heading),
// emotions, tags, actions, encrypted draft autosave, word count, and a badge telling whether
// it is written inside the session's integration window.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/core/journey.hpp"
#include "app/screens.hpp"
#include "crypto/secret.hpp"
#include "journal/text.hpp"

namespace afterglow::app {
namespace {

constexpr const char* kDeleteQuestion = "Delete this entry? You can undo it for a few seconds.";

// A feeling as a chip that toggles; a picked one carries a check mark (not only a tint). Every
// chip is as wide as it is with the mark, so picking one moves no other under the finger.
// `first` starts the row of chips; the others follow it, wrapping at the panel edge.
void chip_toggle(const Ui& u, const std::string& word, std::vector<std::string>& set, bool& changed, bool first) {
    const auto it = std::find(set.begin(), set.end(), word);
    const bool on = it != set.end();
    const float width = ImGui::CalcTextSize(("\u2713 " + word).c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    if (!first) ui::same_line_if_room(width);
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_TextSelectedBg));
    if (ui::small_button(u, ((on ? "\u2713 " : "") + word + "###" + word).c_str(), width)) {
        if (on) set.erase(it);
        else set.push_back(word);
        changed = true;
    }
    if (on) ImGui::PopStyleColor();
}

void side_panel(Ui& u, bool& changed) {
    auto& f = u.forms.editor;
    if (f.session) intention_summary(u, *f.session, true);
    if (ImGui::CollapsingHeader("Prompts", ImGuiTreeNodeFlags_DefaultOpen)) {
        ui::subtle("Insert one as a heading and write beneath it.");
        for (const auto& p : u.view.content().integration_prompts) {
            if (ImGui::Selectable(p.heading.c_str())) {
                std::string text = f.doc.empty() ? "" : "\n";
                text += p.heading;
                text += "\n";
                editor_insert(f, u.state.editor, text);
                changed = true;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.helper.c_str());
        }
    }
    if (ImGui::CollapsingHeader("How I feel", ImGuiTreeNodeFlags_DefaultOpen)) {
        bool first = true;
        for (const auto& word : u.view.content().emotions) {
            chip_toggle(u, word, f.emotions, changed, first);
            if (first) u.hooks.widget("editor_emotion");
            first = false;
        }
    }
    if (ImGui::CollapsingHeader("Tags", ImGuiTreeNodeFlags_DefaultOpen)) {
        for (std::size_t i = 0; i < f.tags.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            const std::string label = f.tags[i] + "  ×";
            if (i) ui::same_line_if_fits(label.c_str());
            if (ui::small_button(u, label.c_str())) {
                f.tags.erase(f.tags.begin() + static_cast<std::ptrdiff_t>(i));
                changed = true;
                ImGui::PopID();
                break;
            }
            ImGui::PopID();
        }
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputTextWithHint("###tag", "add a tag, then Enter", &f.tag_input, ImGuiInputTextFlags_EnterReturnsTrue) &&
            !f.tag_input.empty()) {
            if (std::find(f.tags.begin(), f.tags.end(), f.tag_input) == f.tags.end()) f.tags.push_back(f.tag_input);
            f.tag_input.clear();
            changed = true;
            ImGui::SetKeyboardFocusHere(-1);
        }
        u.hooks.widget("editor_tag");
    }
    if (ImGui::CollapsingHeader("To carry into daily life", ImGuiTreeNodeFlags_DefaultOpen)) {
        for (std::size_t i = 0; i < f.actions.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Checkbox("###done", &f.actions[i].done)) changed = true;
            ImGui::SameLine();
            ImGui::TextWrapped("%s", f.actions[i].text.c_str());
            ImGui::PopID();
        }
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputTextWithHint("###action", "a small step, then Enter", &f.action_input,
                                     ImGuiInputTextFlags_EnterReturnsTrue) &&
            !f.action_input.empty()) {
            f.actions.push_back({f.action_input, false});
            f.action_input.clear();
            changed = true;
            ImGui::SetKeyboardFocusHere(-1);
        }
        u.hooks.widget("editor_action");
    }
}

// Delete with an inline confirmation (no modal); the toast then offers "Undo" for a few seconds.
// The delete row's height: the button, or its confirmation (text, then Delete / Keep it).
float delete_row_height(const Ui& u, float width) {
    if (u.forms.editor.meta.id.empty()) return 0;
    const float row = ImGui::GetFrameHeightWithSpacing();
    if (!u.state.confirm_delete) return row;
    return ImGui::CalcTextSize(kDeleteQuestion, nullptr, false, width).y + ImGui::GetStyle().ItemSpacing.y + row;
}

void delete_row(Ui& u) {
    const auto& f = u.forms.editor;
    if (f.meta.id.empty()) return;
    if (u.state.screen_appeared) u.state.confirm_delete = false;
    if (!u.state.confirm_delete) {
        if (ui::quiet_button("Delete entry…")) u.state.confirm_delete = u.state.reveal_delete = true;
        u.hooks.widget("editor_delete");
        return;
    }
    // The confirmation takes the button's place, below the footer; in a window too small to
    // show it under the body, the page scrolls to it as it appears.
    u.confirm_open = true;
    ImGui::TextWrapped("%s", kDeleteQuestion);
    if (ui::quiet_button("Delete")) {
        u.out.push_back(cmd::DeleteEntry{f.meta.id});
        u.state.confirm_delete = false;
    }
    u.hooks.widget("editor_delete_confirm");
    ui::same_line_if_fits("Keep it");
    if (ui::quiet_button("Keep it")) u.state.confirm_delete = false;
    u.hooks.widget("editor_delete_keep");
    if (u.state.reveal_delete) ImGui::SetScrollHereY(1.0f);
    u.state.reveal_delete = false;
}

}  // namespace

void draw_editor(Ui& u) {
    ui::frame(u, [&] {
        auto& f = u.forms.editor;
        auto& st = u.state.editor;
        bool changed = false;
        if (u.state.screen_appeared) {
            st.focused = true;
            st.scroll_to_caret = true;
        }
        // Header: kind, session, window badge.
        const SessionRow* s = f.session ? u.view.find_session(*f.session) : nullptr;
        ImGui::TextColored(ui::soft_text(), "%s%s%s", journal::label(f.kind), s ? " · " : "", s ? s->phase.c_str() : "");
        if (s && s->window) {
            const std::int64_t written = f.meta.id.empty() ? u.view.now : f.meta.created.utc;
            ImGui::SameLine();
            if (s->window->contains(written)) ui::badge("written inside the 48 h integration window", ui::accent());
            else ui::badge("written outside the integration window", ui::soft_text());
        } else {
            ImGui::NewLine();
        }
        if (s && s->window && s->window->contains(u.view.now))
            ImGui::TextColored(ui::accent(), "%s", countdown_text(*s->window, u.view.now).c_str());  // live, like home
        ImGui::PushFont(u.fonts.heading);
        ImGui::SetNextItemWidth(-1);
        ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0, 0, 0, 0));
        if (ImGui::InputTextWithHint("###title", "A title, if you like", &f.title)) changed = true;
        ImGui::PopStyleColor();
        ImGui::PopFont();
        u.hooks.widget("editor_title");
        u.hooks.text("editor_title", f.title);

        // Below the body: the footer's row, then the delete row (or its confirmation), all in view.
        const float footer = ImGui::GetFrameHeightWithSpacing() + u.em * 0.6f +
                             delete_row_height(u, ImGui::GetContentRegionAvail().x);
        const float body_h = std::max(u.em * 8, ImGui::GetContentRegionAvail().y - footer);
        const bool two_cols = !u.narrow && ImGui::GetContentRegionAvail().x > u.em * 34;
        const float panel_w = two_cols ? std::min(u.em * 16, ImGui::GetContentRegionAvail().x * 0.34f) : 0;
        const float editor_w = two_cols ? ImGui::GetContentRegionAvail().x - panel_w - u.em : 0;
        if (wrap_editor("###body", f, st, ImVec2(editor_w, u.narrow ? u.em * 14 : body_h),
                        "Start anywhere. There is no wrong way to begin."))
            changed = true;
        u.hooks.widget("editor_body");
        if (u.hooks.enabled) {  // test hook: code points in the body (GUI tests retype dropped keys)
            long long cps = static_cast<long long>(f.doc.paragraph_count()) - 1;
            for (std::size_t i = 0; i < f.doc.paragraph_count(); ++i)
                cps += static_cast<long long>(journal::code_point_count(f.doc.paragraph(i).text));
            u.hooks.value("editor_chars", cps);
            u.hooks.value("editor_missing_glyphs", st.missing_glyphs);  // drawn as a box (no glyph)
            std::string body = f.doc.text();
            u.hooks.text("editor_body", body);
            crypto::wipe(body.data(), body.size());
        }
        if (two_cols) {
            ImGui::SameLine(0, u.em);
            ImGui::BeginChild("###panel", ImVec2(panel_w, body_h));
            if (u.state.screen_appeared) ImGui::SetScrollY(0);  // the resurfaced intention first, in view
            side_panel(u, changed);
            ImGui::EndChild();
        }
        // Footer: words, draft status, save. Save keeps the right edge and never moves as the
        // status changes: beside the status where the longest one fits, else above it (a phone).
        const char* unsaved = "Unsaved changes are kept as an encrypted draft.";
        // "Draft saved" waits until the browser's storage has it (hold_notices, web).
        const bool draft_saved = !u.view.draft_status.empty();
        const char* status = draft_saved && !u.hold_notices ? u.view.draft_status.c_str()
                             : f.dirty || draft_saved  ? unsaved
                                                       : "";
        char words[32];
        std::snprintf(words, sizeof words, "%zu words", f.doc.word_count());
        const char* label = "Save to journal";
        const ImGuiStyle& style = ImGui::GetStyle();
        const float button_w = ImGui::CalcTextSize(label).x + style.FramePadding.x * 2;
        const float right = ImGui::GetWindowContentRegionMax().x;
        const float longest = std::max(ImGui::CalcTextSize(status).x, ImGui::CalcTextSize(unsaved).x);
        const bool one_line = ImGui::GetContentRegionAvail().x >=
                              ImGui::CalcTextSize("00000 words").x + longest + button_w + style.ItemSpacing.x * 2;
        const auto save_button = [&] {
            if (ui::primary_button(label) || u.shortcuts.save) u.out.push_back(cmd::SaveEntry{});
            u.hooks.widget("editor_save");
        };
        if (!one_line) {
            ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - button_w));
            save_button();
        }
        ImGui::TextUnformatted(words);
        ImGui::SameLine();
        const float status_y = ImGui::GetCursorPosY();
        const float wrap_w = right - ImGui::GetCursorPosX();
        ImGui::PushTextWrapPos(one_line ? 0.0f : right);
        ImGui::TextColored(ui::soft_text(), "%s", status);
        ImGui::PopTextWrapPos();
        if (*status) u.hooks.widget("editor_status");
        if (!one_line) {
            // Room for the longer status, wrapped (the status comes and goes as you type): the
            // feelings and tags below stay put under the finger.
            const char* longer = ImGui::CalcTextSize(status).x > ImGui::CalcTextSize(unsaved).x ? status : unsaved;
            const float h = ImGui::CalcTextSize(longer, nullptr, false, wrap_w).y;
            ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), status_y + h + style.ItemSpacing.y));
        }
        if (one_line) {
            ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - button_w));
            save_button();
        }
        delete_row(u);
        if (!two_cols) {
            ui::spacer(0.5f);
            side_panel(u, changed);
        }
        if (changed) u.out.push_back(cmd::EditorChanged{});
    });
}

}  // namespace afterglow::app
