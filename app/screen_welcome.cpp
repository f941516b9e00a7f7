// The first-run welcome (and Settings → "Show the welcome again"): a few calm pages from the
// content pack (assets/pack/journey.json) — the phases, that everything stays on this device
// encrypted, and "Add your first session" as the next step. Skippable on every page.
#include <algorithm>
#include <string>
#include <string_view>

#include "app/core/journey_texts.hpp"
#include "app/screens.hpp"

namespace afterglow::app {

void draw_welcome(Ui& u) {
    const auto pages = welcome_pages(u.view.content());
    int& page = u.state.welcome_page;
    if (u.state.screen_appeared) page = 0;
    if (pages.empty()) {  // a pack without a welcome: nothing to show
        u.out.push_back(cmd::FinishWelcome{});
        return;
    }
    page = std::clamp(page, 0, static_cast<int>(pages.size()) - 1);
    const auto& p = pages[static_cast<std::size_t>(page)];
    const bool last = page + 1 == static_cast<int>(pages.size());
    ui::frame(
        u,
        [&] {
            ImGui::PushStyleColor(ImGuiCol_Text, ui::soft_text());
            ImGui::Text("%d of %zu", page + 1, pages.size());
            ImGui::PopStyleColor();
            ui::heading(u, p.heading.c_str());
            u.hooks.value("welcome_page", page);
            std::string_view body = p.body;
            while (!body.empty()) {  // one paragraph per line
                const auto nl = body.find('\n');
                const std::string line(body.substr(0, nl));
                ImGui::TextWrapped("%s", line.c_str());
                ui::spacer(0.3f);
                body = nl == std::string_view::npos ? std::string_view{} : body.substr(nl + 1);
            }
        },
        [&] {
            if (last) {
                if (ui::primary_button("Add your first session")) u.out.push_back(cmd::FinishWelcome{true});
                u.hooks.widget("welcome_add_session");
                ui::same_line_if_fits("Go to home");
                if (ui::quiet_button("Go to home")) u.out.push_back(cmd::FinishWelcome{false});
                u.hooks.widget("welcome_home");
            } else {
                if (ui::primary_button("Next")) ++page;
                u.hooks.widget("welcome_next");
                ui::same_line_if_fits("Skip the welcome");
                if (ui::quiet_button("Skip the welcome")) u.out.push_back(cmd::FinishWelcome{false});
                u.hooks.widget("welcome_skip");
            }
            if (page > 0) {
                ui::same_line_if_fits("Back");
                if (ui::quiet_button("Back")) --page;
                u.hooks.widget("welcome_back");
            }
        });
}

}  // namespace afterglow::app
