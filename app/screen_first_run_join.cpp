// First run, the second choice: "Join a journal you already have" (controller_join.cpp). On the
// desktop, a folder on this computer that a sync client keeps in step, or (desktop and phone)
// the WebDAV address, user and app password the other device syncs with; and the journal's
// passphrase, or its recovery key and a new passphrase for this device. The words come from
// the content pack (assets/pack/sync.json).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "app/core/journey_texts.hpp"
#include "app/screens.hpp"

namespace afterglow::app {
namespace {

const journal::content::JourneyText& text(const Ui& u, const char* id) { return journey_text(u.view.content(), id); }

// A labelled field; the label's body (when it has one) is the hint, or a line below it.
void field(Ui& u, const char* id, const char* hook, std::string* value, bool secret, bool hint_inside) {
    const auto& t = text(u, id);
    ImGui::TextWrapped("%s", t.heading.c_str());
    ImGui::SetNextItemWidth(-1);
    const int flags = secret ? ImGuiInputTextFlags_Password : 0;
    ImGui::PushID(hook);
    if (hint_inside && !t.body.empty()) ImGui::InputTextWithHint("###f", t.body.c_str(), value, flags);
    else ImGui::InputText("###f", value, flags);
    ImGui::PopID();
    u.hooks.widget(hook);
    if (!hint_inside && !t.body.empty()) ui::subtle(t.body.c_str());
    ui::spacer(0.3f);
}

void progress(Ui& u) {
    const JoinView& jv = u.view.join;
    ui::busy_indicator(u.view.busy.what.c_str());
    u.hooks.value("join_phase", static_cast<int>(jv.phase));
    if (jv.phase == JoinView::Phase::fetch && jv.files_total > 0) {
        const float f = std::min(1.0f, static_cast<float>(jv.files_read) / static_cast<float>(jv.files_total));
        ImGui::ProgressBar(f, ImVec2(-1, u.em * 1.2f), "");
    }
}

}  // namespace

void draw_join_step(Ui& u) {  // u.error_inline: set by draw_first_run before the frame
    auto& f = u.forms.first_run.join;
    const JoinView& jv = u.view.join;
    const auto& head = text(u, jv.folder_possible ? "join.heading_desktop" : "join.heading");
    ui::heading(u, head.heading.c_str());
    ui::subtle(head.body.c_str());
    ui::spacer();
    const bool folder = jv.folder_possible && f.use_folder;
    // While it joins, the form stays where it was (disabled) and the progress takes the
    // buttons' place: the page does not jump, and the result shows where the finger was.
    const bool busy = u.view.busy.active;
    ImGui::BeginDisabled(busy);
    if (jv.folder_possible) {  // the desktop: a folder (its usual store) or a WebDAV address
        if (ImGui::RadioButton(text(u, "join.kind_folder").heading.c_str(), folder)) f.use_folder = true;
        u.hooks.widget("join_kind_folder");
        const char* dav = text(u, "join.kind_webdav").heading.c_str();
        ui::same_line_if_fits(dav, ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
        if (ImGui::RadioButton(dav, !folder)) f.use_folder = false;
        u.hooks.widget("join_kind_webdav");
        ui::spacer(0.3f);
    }
    if (folder) {
        field(u, "join.folder", "join_folder", &f.folder, false, true);
    } else {
        field(u, "join.address", "join_url", &f.url, false, true);
        field(u, "join.user", "join_user", &f.user, false, false);
        field(u, "join.app_password", "join_app_password", &f.app_password.text, true, false);
    }
    if (f.use_recovery) {
        field(u, "join.recovery_key", "join_secret", &f.secret.text, true, false);
        field(u, "join.new_passphrase", "join_next", &f.next.text, true, false);
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("###join_confirm", &f.confirm.text, ImGuiInputTextFlags_Password);
        u.hooks.widget("join_confirm");
        ui::strength_meter(f.next.text);
    } else {
        field(u, "join.passphrase", "join_secret", &f.secret.text, true, false);
    }
    if (ui::small_button(u, text(u, f.use_recovery ? "join.use_passphrase" : "join.use_recovery").heading.c_str())) {
        f.use_recovery = !f.use_recovery;
        f.secret.wipe();
    }
    u.hooks.widget("join_toggle_recovery");
    ImGui::EndDisabled();
    ui::spacer();
    if (busy) {
        progress(u);
        return;
    }
    u.hooks.value("join_phase", -1);  // no progress shown: the next join's first phase prints again
    ui::error_text(u);
    u.hooks.text("join_error", jv.error);
    if (jv.blocked) {  // the browser refused: how to let the app in
        const auto& help = text(u, "sync.cors_help");
        ImGui::TextColored(ui::soft_text(), "%s", help.heading.c_str());
        ui::subtle(with_origin(help.body, jv.page_origin).c_str());
        u.hooks.widget("join_cors_help");
    }
    const bool ready = !(folder ? f.folder : f.url).empty() && !f.secret.text.empty() &&
                       (!f.use_recovery || (!f.next.text.empty() && f.next.text == f.confirm.text));
    ImGui::BeginDisabled(!ready);
    if (ui::primary_button(text(u, "join.button").heading.c_str(), u.narrow ? 0 : 12)) u.out.push_back(cmd::JoinJournal{});
    ImGui::EndDisabled();
    u.hooks.widget("join_button");
    const char* instead = text(u, "join.create_instead").heading.c_str();
    ui::same_line_if_fits(instead);
    // Nothing to join at that address: creating a journal here is the likely next step.
    if (jv.empty_store ? ui::primary_button(instead) : ui::quiet_button(instead)) {
        f.open = false;
        u.out.push_back(cmd::ClearMessage{});
    }
    u.hooks.widget("join_create_instead");
    u.hooks.value("join_empty", jv.empty_store ? 1 : 0);
}

}  // namespace afterglow::app
