// Crisis resources: one click from every screen (top bar), our own words.
#include "app/screens.hpp"

namespace afterglow::app {

void draw_crisis(Ui& u) {
    ui::frame(u, [&] {
        ui::heading(u, "If you need help right now");
        ImGui::TextWrapped("If you are in danger, or thinking about harming yourself, please reach out now. "
                           "You do not have to carry this alone.");
        ui::spacer();
        ImGui::PushFont(u.fonts.large);
        ImGui::Bullet();
        ImGui::TextWrapped("Contact your local emergency services (911 in the US and Canada, 112 in the EU, 999 in the UK).");
        ImGui::Bullet();
        ImGui::TextWrapped("In the US, call or text 988 to reach the Suicide & Crisis Lifeline, any time of day or night.");
        ImGui::Bullet();
        ImGui::TextWrapped("Contact your care team or the clinic that provides your treatment.");
        ImGui::Bullet();
        ImGui::TextWrapped("If you can, ask someone you trust to stay with you.");
        ImGui::PopFont();
        ui::spacer();
        ui::subtle("Afterglow is a private journal. It is not medical advice and not an emergency service.");
        ui::spacer();
        if (ui::quiet_button("Go back")) u.out.push_back(cmd::Back{});
        u.hooks.widget("crisis_back");
    });
}

}  // namespace afterglow::app
