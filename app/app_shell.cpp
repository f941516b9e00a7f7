#include "app/app_shell.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/fonts.hpp"
#include "app/platform.hpp"
#include "app/screens.hpp"
#include "app/secure_heap.hpp"
#include "app/theme.hpp"

namespace afterglow::app {
namespace {

// Clears Dear ImGui's own copy of the active text field (its InputText state holds the
// text and the undo buffer) so no passphrase or entry text outlives a lock.
void wipe_imgui_text_state() {
    ImGuiContext& g = *GImGui;
    ImGui::ClearActiveID();
    ImGuiInputTextState& s = g.InputTextState;
    if (s.TextW.Data) std::memset(s.TextW.Data, 0, static_cast<std::size_t>(s.TextW.Capacity) * sizeof(ImWchar));
    if (s.TextA.Data) std::memset(s.TextA.Data, 0, static_cast<std::size_t>(s.TextA.Capacity));
    if (s.InitialTextA.Data) std::memset(s.InitialTextA.Data, 0, static_cast<std::size_t>(s.InitialTextA.Capacity));
    s.TextW.clear();
    s.TextA.clear();
    s.InitialTextA.clear();
    std::memset(&s.Stb, 0, sizeof(s.Stb));  // stb_textedit's undo records and characters
    s.CurLenA = s.CurLenW = 0;
    s.ID = 0;
}

using DrawFn = void (*)(Ui&);
constexpr DrawFn kScreens[] = {
    draw_first_run, draw_unlock, draw_home, draw_session, draw_intention,
    draw_editor,    draw_journal, draw_settings, draw_crisis,
#ifdef AFTERGLOW_HAVE_EXPORT
    draw_export,
#else
    draw_home,
#endif
    draw_checkin, draw_welcome, draw_goals, draw_questionnaire, draw_measures, draw_clinic_pack, draw_care_team,
    draw_import, draw_sync,
};
static_assert(std::size(kScreens) == static_cast<std::size_t>(Screen::count));

ControllerOptions controller_options(const AppOptions& o, std::function<void()> wake) {
    ControllerOptions c;
    c.vault_path = o.vault_path;
    c.insecure_test_kdf = o.insecure_test_kdf;
    c.test_autolock_seconds = o.test_autolock_seconds;
    c.services = o.services;
    c.wake = std::move(wake);
    return c;
}

// A scroll asked for during a frame (SetScrollHereY, SetScrollY) moves the page in the next
// one: that frame is drawn even when no event comes (a click's press and release can arrive
// in one poll and use up the frames drawn after input).
bool scroll_pending() {
    for (const ImGuiWindow* w : GImGui->Windows)
        if (w->Active && (w->ScrollTarget.x != FLT_MAX || w->ScrollTarget.y != FLT_MAX)) return true;
    return false;
}

}  // namespace

App::App(AppOptions options, std::function<void()> wake)
    : opt_(std::move(options)), controller_(controller_options(opt_, wake)), wake_(std::move(wake)) {
    hooks_.enabled = opt_.hooks;
    hooks_.set_key(opt_.hook_key);
    commands_.reserve(16);
}

void App::update_fonts(float content_scale, const std::function<void()>& upload) {
    if (controller_.view().settings.font_size != font_px_ || content_scale != font_scale_) {
        font_px_ = controller_.view().settings.font_size;
        font_scale_ = content_scale;
        fonts_started_ = std::chrono::steady_clock::now();
        fonts_ = font_builder_.start(opt_.assets_dir, std::round(font_px_ * content_scale), wake_);
        report_fonts("fonts_first_ms");
        theme_ = controller_.view().settings.theme;
        apply_theme(theme_, std::round(font_px_ * content_scale));
    } else if (auto full = font_builder_.take()) {
        fonts_ = *full;
        report_fonts("fonts_full_ms");
    } else {
        return;
    }
    if (!upload) return;
    upload();
    // The GPU has the atlas: its CPU copy goes (71 MB for the full one at DPR 3). Dear ImGui
    // 1.86 reads it again only when the backend makes its device objects, which it does in the
    // first frame's NewFrame, so the copy stays until a frame has run.
    if (ImGui::GetFrameCount() > 0) ImGui::GetIO().Fonts->ClearTexData();
}

// Test hooks and benchmarks: how long an atlas took since the build started, and its size.
void App::report_fonts(const char* what) const {
    if (!hooks_.enabled && opt_.bench.empty()) return;
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - fonts_started_);
    const ImFontAtlas& a = *ImGui::GetIO().Fonts;
    std::printf("%s %.1f (%dx%d)\n", what, ms.count(), a.TexWidth, a.TexHeight);
    std::fflush(stdout);
}

void App::apply_theme_now() {
    if (controller_.view().settings.theme != theme_) {
        theme_ = controller_.view().settings.theme;
        apply_theme(theme_, std::round(font_px_ * font_scale_));
    }
}

void App::draw(const Shortcuts& sc, float window_width) {
    const ViewState& v = controller_.view();
    Ui u{v, controller_.forms(), commands_, state_, fonts_, hooks_, sc, window_width <= 480.0f * std::max(1.0f, font_scale_),
         ImGui::GetFontSize()};
    u.px = std::max(1.0f, font_scale_);
    u.hold_notices = hold_notices_;
    const bool open = v.unlocked && v.recovery_key.empty() && !controller_.busy();
    if (sc.lock && v.unlocked) commands_.push_back(cmd::Lock{});
    if (sc.quit) commands_.push_back(cmd::Quit{});
    if (sc.find && open) commands_.push_back(cmd::Go{Screen::journal});
    if (sc.checkin && open) commands_.push_back(cmd::Go{Screen::checkin});
    if (sc.intention && open) {
        // The next planned session's intention, else the latest session's (to revisit it).
        const SessionRow* pick = nullptr;
        for (const auto& s : v.sessions)
            if (s.upcoming && (!pick || s.time < pick->time)) pick = &s;
        if (!pick)
            for (const auto& s : v.sessions)
                if (!pick || s.time > pick->time) pick = &s;
        if (pick) commands_.push_back(cmd::StartIntention{pick->id});
    }
    if (sc.new_entry && open) {
        // A new entry belongs to the session whose integration window is open, if any.
        cmd::NewEntry n{journal::EntryKind::reflection, std::nullopt};
        for (const auto& s : v.sessions)
            if (s.window && s.window->contains(v.now)) n = {journal::EntryKind::integration, s.id};
        commands_.push_back(n);
    }
    hooks_.value("narrow", u.narrow ? 1 : 0);
    hooks_.value("notice_shown", !v.notice.empty() && !hold_notices_ ? 1 : 0);  // a toast is up
    state_.screen_appeared = state_.last_screen != v.screen;
    state_.last_screen = v.screen;
    if (state_.screen_appeared) {
        appeared_ = true;
        hooks_.screen(screen_name(v.screen));
    }
    kScreens[static_cast<std::size_t>(v.screen)](u);
}

bool App::after_frame() {
    // The frame's own commands, or ones pushed from outside (a passkey prompt's answer): what
    // they change is drawn in another frame (before, the answer's message never appeared
    // when no other frame followed).
    const bool had_commands = !commands_.empty() || controller_.has_pending();
    const Screen before = controller_.view().screen;
    const std::uint64_t gen = controller_.view().generation;
    const std::uint64_t revision = controller_.view().revision;
    const bool was_busy = controller_.busy();
    controller_.push(commands_);
    controller_.update();
    const bool locked = controller_.take_locked_flag();
    bool wipe = locked, evented = false;
    for (const Event e : controller_.take_events()) {
        evented = true;
        hooks_.event(event_name(e));
        wipe = wipe || ends_secret_input(e);
    }
    if (wipe) wipe_imgui_text_state();
    for (const auto& n : controller_.take_notifications()) platform::notify(n.title, n.body);
    if (locked) scrub_stack();
    apply_theme_now();
    const bool appeared = appeared_;
    appeared_ = false;
    return appeared || had_commands || evented || scroll_pending() || before != controller_.view().screen || gen != controller_.view().generation ||
           revision != controller_.view().revision ||
           was_busy != controller_.busy();
}

}  // namespace afterglow::app
