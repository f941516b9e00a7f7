#include "app/bench_mode.hpp"

#include <imgui.h>

#include <cstdio>
#include <cstdlib>

#include "app/app_shell.hpp"

namespace afterglow::app {
namespace {
constexpr int kWarmup = 30;
constexpr int kMeasured = 300;
}  // namespace

BenchMode::BenchMode(std::string mode, App& app) : mode_(std::move(mode)), app_(app) {}

void BenchMode::draw_bare() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("###bare", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::Text("A bare Dear ImGui window");
    ImGui::Button("A button");
    ImGui::End();
}

void BenchMode::before_new_frame() {
    if (!active() || bare()) {
        if (bare() && ready_at_ < 0) ready_at_ = frame_;
        return;
    }
    auto& c = app_.controller();
    const auto& v = c.view();
    if (!v.unlocked) {
        if (!requested_ && !c.busy()) {
            const char* pass = std::getenv("AFTERGLOW_PASSPHRASE");
            c.forms().unlock.pass.text = pass ? pass : "";
            c.push(cmd::Unlock{});
            requested_ = true;
        }
        return;
    }
    ImGuiIO& io = ImGui::GetIO();
    if (mode_ == "idle") {  // unlocked on the home screen; the normal loop from here on
        if (ready_at_ < 0) {
            ready_at_ = frame_;
            std::printf("bench idle unlocked\n");
            std::fflush(stdout);
        }
        return;
    }
    if (mode_ == "journal") {
        if (v.screen != Screen::journal) {
            c.push(cmd::Go{Screen::journal});
            return;
        }
        if (ready_at_ < 0) ready_at_ = frame_;
        io.MousePos = ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.6f);
        if (frame_ % 120 == 0) wheel_dir_ = -wheel_dir_;
        io.MouseWheel = wheel_dir_ * 3;
    } else if (mode_ == "editor") {
        if (v.screen != Screen::editor) {
            for (const auto& e : v.entries)
                if (e.title == "bench-20k") {
                    c.push(cmd::OpenEntry{e.id});
                    break;
                }
            return;
        }
        if (ready_at_ < 0) ready_at_ = frame_;
        const int k = frame_ % 7;
        io.AddInputCharacter(k == 6 ? ' ' : static_cast<unsigned>('a' + (frame_ % 26)));
    }
}

void BenchMode::after_frame(double cpu_seconds) {
    if (!active()) return;
    ++frame_;
    if (mode_ == "idle" || ready_at_ < 0 || frame_ <= ready_at_ + kWarmup) return;
    cpu_ += cpu_seconds;
    if (++measured_ == kMeasured) {
        auto& c = app_.controller();
        std::printf("bench %s frames=%d rows=%zu words=%zu cpu_ms_per_frame=%.3f\n", mode_.c_str(), measured_,
                    c.view().journal_rows.size(), c.forms().editor.doc.word_count(), cpu_ * 1000.0 / measured_);
        std::fflush(stdout);
        done_ = true;
    }
}

}  // namespace afterglow::app
