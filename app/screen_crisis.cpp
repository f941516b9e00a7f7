// Crisis resources: one click from every screen (top bar). The numbers come first, within the
// first screenful on a phone: the patient's own care team and the clinic's number, then the
// phone lines of each region (988, Fireside Project, Samaritans, …); then the pack's words and
// steps, and the offer to list a care team when there is none; all from the content pack.
// Every number can be used at once: on a phone (the web build) "Call" and "Text" open the
// dialler or messages app (tel:/sms: links through the page); on the desktop "Copy" puts the
// number on the clipboard, to paste into a phone.
#include <string>

#include "app/core/phone_links.hpp"
#include "app/screens.hpp"

namespace afterglow::app {
namespace {

// The buttons under a number: Call (and Text) on a phone, Copy on the desktop. `call`: the
// number to dial (a line's `dial` when its phone has letters, `shown` then); `text`: one that
// takes texts.
void number_actions(Ui& u, const std::string& id, const std::string& call, const std::string& text = {},
                    const std::string& shown = {}) {
    const std::string tel = tel_uri(call), sms = sms_uri(text);
    if (tel.empty() && sms.empty()) return;
    ImGui::PushID(id.c_str());
    ImGui::Indent(ImGui::GetTreeNodeToLabelSpacing());
    if (u.view.can_open_links) {
        if (!tel.empty()) {
            if (ui::small_button(u, ("Call " + (shown.empty() ? call : shown)).c_str())) u.out.push_back(cmd::OpenLink{tel});
            u.hooks.widget(("crisis_call_" + id).c_str());
        }
        if (!sms.empty()) {
            const std::string label = "Text " + text;
            if (!tel.empty()) ui::same_line_if_fits(label.c_str());
            if (ui::small_button(u, label.c_str())) u.out.push_back(cmd::OpenLink{sms});
            u.hooks.widget(("crisis_text_" + id).c_str());
        }
    } else if (!tel.empty()) {
        if (ui::small_button(u, ("Copy " + call).c_str())) {
            ImGui::SetClipboardText(dialable(call).c_str());
            u.out.push_back(cmd::Copied{call});
            u.hooks.event("number_copied");
        }
        u.hooks.widget(("crisis_copy_" + id).c_str());
    }
    ImGui::Unindent(ImGui::GetTreeNodeToLabelSpacing());
    ImGui::PopID();
}

void contact_line(Ui& u, const char* id, const char* who, const std::string& name, const std::string& phone) {
    if (name.empty() && phone.empty()) return;
    ImGui::Bullet();
    ImGui::TextWrapped("%s%s%s%s%s", who, name.empty() ? "" : ": ", name.c_str(), phone.empty() ? "" : " — ",
                       phone.c_str());
    number_actions(u, id, phone);
}

// The patient's care team and the clinic of the pack in use; false when there is neither.
bool care_team(Ui& u) {
    const auto& team = u.view.measures.care_team;
    const auto& clinic = u.view.content().clinic;
    const bool any = (team && !team->empty()) || (clinic && !(clinic->name.empty() && clinic->phone.empty()));
    if (!any) return false;
    ImGui::PushFont(u.fonts.heading);
    ImGui::TextUnformatted("Your care team");
    ImGui::PopFont();
    ImGui::PushFont(u.fonts.large);
    ImGui::BeginGroup();
    if (team) {
        contact_line(u, "therapist", "Therapist", team->therapist.name, team->therapist.phone);
        contact_line(u, "clinic", "Clinic", team->clinic.name, team->clinic.phone);
        contact_line(u, "trusted", "Someone you trust", team->trusted.name, team->trusted.phone);
    }
    if (clinic && !(team && team->clinic.phone == clinic->phone && !clinic->phone.empty()))
        contact_line(u, "pack_clinic", "Your clinic", clinic->name, clinic->phone);
    ImGui::EndGroup();
    u.hooks.widget("crisis_care_team");
    ImGui::PopFont();
    if (clinic && !clinic->note.empty()) ui::subtle(clinic->note.c_str());
    ui::spacer();
    return true;
}

void region_lines(Ui& u, const journal::content::CrisisRegion& r) {
    if (r.lines.empty() && r.emergency.empty()) return;
    ImGui::TextColored(ui::soft_text(), "%s", r.name.empty() ? r.id.c_str() : r.name.c_str());
    if (!r.emergency.empty()) {
        ImGui::Bullet();
        ImGui::TextWrapped("Emergency: %s", r.emergency.c_str());
        number_actions(u, r.id + "_emergency", r.emergency);
    }
    for (const auto& l : r.lines) {
        ImGui::Bullet();
        std::string how = l.phone;
        if (!l.dial.empty() && l.dial != l.phone) how += " (" + l.dial + ")";
        if (!l.text.empty()) how += l.text == l.phone ? ", call or text" : ", text " + l.text;
        if (!l.hours.empty()) how += ", " + l.hours;
        ImGui::TextWrapped("%s: %s", l.name.c_str(), how.c_str());
        number_actions(u, l.id, l.dial.empty() ? l.phone : l.dial, l.text, l.phone);
        if (!l.note.empty()) {
            ImGui::Indent(ImGui::GetTreeNodeToLabelSpacing());
            ui::subtle(l.note.c_str());
            ImGui::Unindent(ImGui::GetTreeNodeToLabelSpacing());
        }
    }
    u.hooks.widget(("crisis_region_" + r.id).c_str());
    ui::spacer(0.4f);
}

}  // namespace

void draw_crisis(Ui& u) {
    ui::frame(u, [&] {
        const auto& pack = u.view.content();
        const auto& c = pack.crisis;
        ui::heading(u, c.heading.c_str());
        // The numbers first, so that on a phone Call and Text are on the first screenful
        // (issue 22 item 7): the patient's own team, then the lines; the words come after.
        const bool team = care_team(u);
        ImGui::PushFont(u.fonts.heading);
        ImGui::TextUnformatted("Phone lines");
        ImGui::PopFont();
        for (const auto& r : c.regions) region_lines(u, r);
        ui::spacer();
        ImGui::TextWrapped("%s", c.intro.c_str());
        ui::spacer(0.6f);
        ImGui::PushFont(u.fonts.large);
        for (const auto& s : c.steps) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", s.text.c_str());
        }
        ImGui::PopFont();
        ui::spacer();
        if (!team && u.view.unlocked) {
            // Nobody of their own listed yet: the moment to add them is now, calmly.
            ui::subtle("Your therapist, your clinic and someone you trust can be listed here, one tap away.");
            if (ui::quiet_button("Add your care team")) u.out.push_back(cmd::OpenCareTeam{});
            u.hooks.widget("crisis_add_care_team");
            ui::spacer();
        }
        ui::subtle((pack.notices.not_medical_advice + " " + pack.notices.not_emergency_service).c_str());
    }, [&] {  // Go back stays in view, however long the list of lines is
        if (ui::quiet_button("Go back")) u.out.push_back(cmd::Back{});
        u.hooks.widget("crisis_back");
    });
}

}  // namespace afterglow::app
