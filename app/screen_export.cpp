// Export for the therapist (filled in once journal/export is wired up).
#include "app/screens.hpp"

namespace afterglow::app {

void draw_export(Ui& u) {
    ui::frame(u, "export", [&] {
        ui::heading(u, "Share with your therapist");
        if (ui::quiet_button("Go back")) u.out.push_back(cmd::Back{});
    });
}

}  // namespace afterglow::app
