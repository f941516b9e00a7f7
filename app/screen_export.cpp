// Share with your therapist: choose sessions, entries, a date range and check-ins; pick a
// format (FHIR for a clinic's records too); encrypt for the therapist's age key (age1…), or
// confirm a readable, unencrypted file after a plain warning; preview the counts; progress
// while it is written. Where the build has no PDF writer (the web app) PDF is not offered; where
// exports are downloads (the web app) there is no path to type, and the share sheet is
// offered when the browser has one. A link leads to importing a backup.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "app/screens.hpp"

namespace afterglow::app {
namespace {

bool toggle_id(std::vector<journal::RecordId>& set, const journal::RecordId& id, bool on) {
    auto it = std::find(set.begin(), set.end(), id);
    if (on && it == set.end()) set.push_back(id);
    if (!on && it != set.end()) set.erase(it);
    return true;
}

// A checkbox whose words wrap within the column: a session's "date · phase · title" is wider
// than a phone, and Checkbox's own label was cut at the edge. The words tick it too. Returns
// whether it changed; `cut` counts a row that still reaches past the column (a test hook).
bool wrapped_checkbox(const char* id, const std::string& label, bool* on, int* cut) {
    const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
    const float right_abs = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    ImGui::BeginGroup();
    bool changed = ImGui::Checkbox(id, on);
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::PushTextWrapPos(right);
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::IsItemClicked()) {
        *on = !*on;
        changed = true;
    }
    ImGui::EndGroup();
    if (ImGui::GetItemRectMax().x > right_abs + 1) ++*cut;
    return changed;
}

}  // namespace

void draw_export(Ui& u) {
    u.error_inline = true;  // an export's error is shown beside its button, not at the top
    u.notice_inline = true;  // and where it went, below it (a toast would cover the button on a phone)
    ui::frame(u, [&] {
        auto& f = u.forms.export_form;
        bool changed = u.state.screen_appeared;
        ui::heading(u, "Share with your therapist");
        ui::subtle("Tick what to share. With nothing ticked, everything in the date range is included.");
        ui::spacer(0.5f);

        ImGui::TextColored(ui::soft_text(), "Sessions");
        int cut = 0;
        for (std::size_t i = 0; i < u.view.sessions.size(); ++i) {
            const auto& s = u.view.sessions[i];
            bool on = std::find(f.sessions.begin(), f.sessions.end(), s.id) != f.sessions.end();
            ImGui::PushID(static_cast<int>(i));
            if (wrapped_checkbox("###session", s.when + " · " + s.phase + " · " + s.title, &on, &cut))
                changed = toggle_id(f.sessions, s.id, on);
            u.hooks.widget(("export_session_" + std::to_string(i)).c_str());
            ImGui::PopID();
        }
        u.hooks.value("export_session_labels_cut", cut);
        if (u.view.sessions.empty()) ui::subtle("No sessions yet.");
        ui::spacer(0.4f);
        if (ImGui::CollapsingHeader("Single entries")) {
            ImGui::BeginChild("###export_entries", ImVec2(0, u.em * 10));
            ImGuiListClipper clip;
            clip.Begin(static_cast<int>(u.view.entries.size()));
            while (clip.Step()) {
                for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                    const auto& e = u.view.entries[static_cast<std::size_t>(i)];
                    bool on = std::find(f.entries.begin(), f.entries.end(), e.id) != f.entries.end();
                    ImGui::PushID(i);
                    if (ImGui::Checkbox((e.date + " · " + e.title).c_str(), &on)) changed = toggle_id(f.entries, e.id, on);
                    ImGui::PopID();
                }
            }
            ImGui::EndChild();
        }
        // The date range: each field as wide as its hint, side by side when both fit.
        const char* from_hint = "from YYYY-MM-DD";
        const float date_w = ImGui::CalcTextSize(from_hint).x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SetNextItemWidth(date_w);
        changed |= ImGui::InputTextWithHint("###from", from_hint, &f.from_text);
        u.hooks.widget("export_from");
        ui::same_line_if_room(date_w);
        ImGui::SetNextItemWidth(date_w);
        changed |= ImGui::InputTextWithHint("###to", "to YYYY-MM-DD", &f.to_text);
        u.hooks.widget("export_to");
        changed |= ImGui::Checkbox("Check-ins", &f.include_checkins);
        ui::same_line_if_fits("Goals", ImGui::GetFrameHeight());
        changed |= ImGui::Checkbox("Goals", &f.include_goals);
        ui::spacer();

        ImGui::TextColored(ui::soft_text(), "Format");
        static const char* kFormats[] = {"Markdown", "PDF", "Backup (JSON, always encrypted)", "Calendar (.ics)",
                                         "FHIR for a clinic's records"};
        static const char* kHooks[] = {"export_markdown", "export_pdf", "export_json", "export_ics", "export_fhir"};
        static_assert(std::size(kFormats) == static_cast<std::size_t>(ExportFormat::count));
        // Where this build cannot make a PDF (the web app), PDF is not offered at all.
        const bool pdf_offered = u.view.pdf_unavailable.empty();
        bool first = true;
        for (std::size_t i = 0; i < std::size(kFormats); ++i) {
            const auto format = static_cast<ExportFormat>(i);
            if (format == ExportFormat::pdf && !pdf_offered) continue;
            if (!first) ui::same_line_if_fits(kFormats[i], ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
            first = false;
            if (ImGui::RadioButton(kFormats[i], f.format == format) && f.format != format) {
                f.format = format;
                changed = true;  // the preview says what this format holds
            }
            u.hooks.widget(kHooks[i]);
        }
        const bool always_encrypted = f.format == ExportFormat::json || f.format == ExportFormat::fhir;
        if (changed) u.out.push_back(cmd::ExportPreview{});
        ImGui::PushStyleColor(ImGuiCol_Text, ui::accent());
        ImGui::TextWrapped("%s", u.view.export_preview.c_str());
        ImGui::PopStyleColor();
        u.hooks.value("export_preview_fhir", u.view.export_preview.find("questionnaire response") != std::string::npos ? 1 : 0);
        ui::spacer(0.4f);
        ImGui::TextColored(ui::soft_text(), "Encrypt with");
        if (ImGui::RadioButton("Their age key", !f.use_passphrase)) f.use_passphrase = false;
        u.hooks.widget("export_with_key");
        ui::same_line_if_fits("A passphrase", ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
        if (ImGui::RadioButton("A passphrase", f.use_passphrase)) f.use_passphrase = true;
        u.hooks.widget("export_with_passphrase");
        // Test hooks: what the taps chose (a widget line repeats only when it moves).
        u.hooks.value("export_format", static_cast<long long>(f.format));
        u.hooks.value("export_passphrase_mode", f.use_passphrase ? 1 : 0);
        u.hooks.value("export_plaintext_confirmed", f.plaintext_confirmed ? 1 : 0);
        u.hooks.value("export_pdf_offered", pdf_offered ? 1 : 0);
        bool encrypted = false;
        if (f.use_passphrase) {
            // No hints: an empty field then still draws as a passphrase field (the phone's
            // keyboard for it has no suggestions).
            ImGui::TextWrapped("A passphrase for this file (to open it on your other device)");
            ImGui::SetNextItemWidth(-1);
            ImGui::InputText("###export_pass", &f.pass.text, ImGuiInputTextFlags_Password);
            u.hooks.widget("export_pass");
            ui::strength_meter(f.pass.text);
            ImGui::TextUnformatted("Type it once more");
            ImGui::SetNextItemWidth(-1);
            ImGui::InputText("###export_pass2", &f.pass_confirm.text, ImGuiInputTextFlags_Password);
            u.hooks.widget("export_pass_confirm");
            encrypted = !f.pass.text.empty() && f.pass.text == f.pass_confirm.text;
            u.hooks.value("export_pass_filled", f.pass.text.empty() && f.pass_confirm.text.empty() ? 0 : 1);
            if (!f.pass_confirm.text.empty() && !encrypted) ui::subtle("The two passphrases are not the same yet.");
        } else {
            ImGui::TextWrapped("Your therapist's age key (the file is then encrypted for them alone)");
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("###recipient", "age1…", &f.recipient, ImGuiInputTextFlags_CharsNoBlank);
            u.hooks.widget("export_recipient");
            encrypted = !f.recipient.empty();
            if (!encrypted && !always_encrypted) {
                ImGui::PushStyleColor(ImGuiCol_Text, ui::danger(u));
                ImGui::TextWrapped("Without a key the file is NOT encrypted: anyone who gets the file can read "
                                   "everything in it. Keep it somewhere safe and delete it after sharing.");
                ImGui::PopStyleColor();
                ImGui::Checkbox("I understand this file will not be encrypted", &f.plaintext_confirmed);
                u.hooks.widget("export_plaintext");
            } else if (!encrypted) {
                ui::subtle(f.format == ExportFormat::json
                               ? "A backup is always encrypted: add an age key, or choose a passphrase."
                               : "Records for a clinic are always encrypted: add their age key, or choose a passphrase.");
            }
        }
        if (!u.view.export_downloads) {
            ImGui::TextUnformatted("Save to");
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("###dest", "a file path (empty: your home folder)", &f.destination);
        }
        ui::spacer(0.5f);
        if (u.view.busy.active) {
            ImGui::ProgressBar(std::max(0.0f, u.view.busy.progress), ImVec2(-1, u.em * 1.2f));
            ui::subtle(u.view.busy.what.c_str());
        } else {
            const bool ready = encrypted || (!f.use_passphrase && !always_encrypted && f.plaintext_confirmed);
            // The button names what the chosen protection makes, filled in or not yet (after an
            // encrypted export the passphrase fields are emptied: still an encrypted export).
            const bool readable = !f.use_passphrase && f.recipient.empty() && !always_encrypted;
            ImGui::BeginDisabled(!ready);
            if (ui::primary_button(readable ? "Export readable file" : "Export encrypted")) u.out.push_back(cmd::ExportRun{});
            ImGui::EndDisabled();
            u.hooks.widget("export_run");
            ui::error_text(u);
            if (!u.view.error.empty()) u.hooks.widget("export_error");
            if (!u.view.export_done.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, ui::soft_text());
                ImGui::TextWrapped(u.view.export_downloads ? "Saved to your downloads: %s" : "Written to %s",
                                   u.view.export_done.c_str());
                ImGui::PopStyleColor();
                if (u.view.export_downloads && u.view.can_share) {
                    if (ui::quiet_button("Share…")) u.out.push_back(cmd::ExportShare{});
                    u.hooks.widget("export_share");
                }
            }
        }
        ui::spacer();
        if (ui::quiet_button("Import a backup from another device…")) u.out.push_back(cmd::Go{Screen::import_data});
        u.hooks.widget("export_import");
    });
}

}  // namespace afterglow::app
