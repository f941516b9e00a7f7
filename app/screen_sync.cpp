// Settings → Sync: a folder (desktop) or a WebDAV address with user and app password, "Test
// connection", the status line, and texts edited on two devices with both versions. The
// words come from the content pack (assets/pack/sync.json); the work from controller_sync.cpp.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/core/journey_texts.hpp"
#include "app/screens.hpp"

namespace afterglow::app {
namespace {

const journal::content::JourneyText& text(const Ui& u, const char* id) { return journey_text(u.view.content(), id); }

void version(Ui& u, const char* label, const journal::RecordId& id, const std::string& title,
             const std::string& date, const std::string& preview, const char* hook) {
    ImGui::PushID(hook);
    ImGui::TextColored(ui::soft_text(), "%s · %s", label, date.c_str());
    ImGui::TextWrapped("%s", title.empty() ? "Untitled" : title.c_str());
    if (!preview.empty()) ui::subtle(preview.c_str());
    if (ui::quiet_button("Open")) u.out.push_back(cmd::OpenEntry{id});
    u.hooks.widget(hook);
    ImGui::PopID();
}

// An error in the danger colour, wrapped (a long address must not run off a phone's screen).
void error_line(const Ui& u, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::danger(u));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

}  // namespace

void draw_sync(Ui& u) {
    u.error_inline = true;
    const SyncView& sv = u.view.sync;
    auto& f = u.forms.sync;
    auto footer = [&] {
        ui::error_text(u);
        if (ui::quiet_button("Back to settings")) u.out.push_back(cmd::Go{Screen::settings});
        u.hooks.widget("sync_back");
    };
    ui::frame(u, [&] {
        const auto& head = text(u, "sync.heading");
        ui::heading(u, head.heading.c_str());
        ui::subtle(head.body.c_str());
        ui::spacer(0.5f);

        u.hooks.value("sync_configured", sv.configured ? 1 : 0);
        if (sv.configured) {
            ImGui::TextWrapped("%s", sv.running ? "Syncing…" : sv.status.c_str());
            u.hooks.text("sync_status", sv.status);
            ui::subtle(sv.target.c_str());
            if (!sv.last_error.empty()) error_line(u, sv.last_error);
            u.hooks.text("sync_error", sv.last_error);
            ImGui::BeginDisabled(sv.running);
            if (ui::primary_button("Sync now")) u.out.push_back(cmd::SyncNow{});
            ImGui::EndDisabled();
            u.hooks.widget("sync_now");
        } else {
            const auto& off = text(u, "sync.off");
            ImGui::TextUnformatted(off.heading.c_str());
            ui::subtle(off.body.c_str());
        }
        ui::spacer();

        if (!sv.available && !sv.folder_possible) {
            const auto& na = text(u, "sync.web_unavailable");
            ImGui::TextUnformatted(na.heading.c_str());
            ui::subtle(na.body.c_str());
        } else {
            if (sv.folder_possible) {
                if (ImGui::RadioButton("WebDAV", f.webdav)) f.webdav = true;
                u.hooks.widget("sync_kind_webdav");
                ImGui::SameLine();
                if (ImGui::RadioButton("A folder", !f.webdav)) f.webdav = false;
                u.hooks.widget("sync_kind_folder");
            }
            const auto& about = text(u, f.webdav ? "sync.webdav" : "sync.folder");
            if (!sv.folder_possible) ImGui::TextColored(ui::soft_text(), "%s", about.heading.c_str());  // no choice above
            ui::subtle(about.body.c_str());
            if (f.webdav) {
                ui::labeled_input("Address", "###sync_url", &f.url, 0, "https://cloud.example/remote.php/dav/files/you/Afterglow/");
                u.hooks.widget("sync_url");
                ui::labeled_input("User", "###sync_user", &f.user);
                u.hooks.widget("sync_user");
                ui::labeled_input("App password", "###sync_pass", &f.password.text, ImGuiInputTextFlags_Password,
                                  sv.target.rfind("http", 0) == 0 ? "unchanged" : nullptr);
                u.hooks.widget("sync_pass");
            } else {
                ui::labeled_input("Folder", "###sync_folder", &f.folder, 0, "~/Sync/Afterglow");
                u.hooks.widget("sync_folder");
            }
            ImGui::BeginDisabled(sv.running);
            if (ui::primary_button("Save")) u.out.push_back(cmd::SyncSave{});
            u.hooks.widget("sync_save");
            ui::same_line_if_fits("Test connection");
            if (ui::quiet_button("Test connection")) u.out.push_back(cmd::SyncTest{});
            u.hooks.widget("sync_test");
            ImGui::EndDisabled();
            if (!sv.test_result.empty()) {
                if (sv.test_ok) ImGui::TextWrapped("%s", sv.test_result.c_str());
                else error_line(u, sv.test_result);
                u.hooks.text("sync_test_result", sv.test_result);
            }
            if (sv.configured) {
                ui::same_line_if_fits("Stop syncing");
                if (ui::quiet_button("Stop syncing")) u.out.push_back(cmd::SyncForget{});
                u.hooks.widget("sync_forget");
            }
            if (sv.blocked) {  // the browser refused: how to let the app in
                ui::spacer(0.5f);
                const auto& help = text(u, "sync.cors_help");
                ImGui::TextColored(ui::soft_text(), "%s", help.heading.c_str());
                ui::subtle(with_origin(help.body, sv.page_origin).c_str());
                u.hooks.widget("sync_cors_help");
            }
            if (!sv.folder_possible) {  // the phone: a folder is the desktop's
                ui::spacer(0.5f);
                ui::subtle(text(u, "sync.folder_desktop").body.c_str());
            }
        }

        if (!sv.conflicts.empty()) {
            ui::spacer();
            const auto& c = text(u, "sync.conflicts");
            ImGui::TextColored(ui::soft_text(), "%s", c.heading.c_str());
            ui::subtle(c.body.c_str());
            for (std::size_t i = 0; i < sv.conflicts.size(); ++i) {
                const auto& row = sv.conflicts[i];
                ImGui::PushID(static_cast<int>(i));
                ImGui::Separator();
                version(u, "This version", row.kept, row.kept_title, row.kept_date, row.kept_preview, "conflict_kept");
                version(u, "The other version", row.other, row.other_title, row.other_date, row.other_preview,
                        "conflict_other");
                ImGui::PopID();
            }
        }
        if (!sv.skipped.empty()) {
            ui::spacer();
            ImGui::TextColored(ui::soft_text(), "Files left alone");
            for (const auto& s : sv.skipped) ui::subtle(s.c_str());
        }
    }, footer);
}

}  // namespace afterglow::app
