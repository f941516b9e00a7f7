// Benchmark driver inside the real app (AFTERGLOW_BENCH=bare|journal|editor|idle; used by
// bench/gui.sh only). It unlocks with $AFTERGLOW_PASSPHRASE, opens the screen, feeds
// synthetic input every frame (wheel scrolling, typed characters) and prints the mean
// process CPU time per frame. "bare" draws a plain Dear ImGui window as the baseline.
#pragma once

#include <string>

namespace afterglow::app {

class App;

class BenchMode {
public:
    BenchMode(std::string mode, App& app);
    bool active() const { return !mode_.empty(); }
    bool bare() const { return mode_ == "bare"; }
    void draw_bare();
    void before_new_frame();  // between the backend's NewFrame and ImGui::NewFrame
    void before_draw() {}
    void after_frame(double cpu_seconds);
    bool done() const { return done_; }

private:
    std::string mode_;
    App& app_;
    int frame_ = 0;
    int measured_ = 0;
    int ready_at_ = -1;
    double cpu_ = 0;
    float wheel_dir_ = -1;
    bool requested_ = false;
    bool done_ = false;
};

}  // namespace afterglow::app
