// Small timers the controller polls once per frame: a debounce (draft autosave) and an idle
// timer (auto-lock). Each exposes its next deadline so the loop can sleep until then.
#pragma once

#include <optional>

namespace afterglow::app {

// Fires `delay` seconds after the last touch().
class Debounce {
public:
    explicit Debounce(double delay) : delay_(delay) {}
    void touch(double now) { last_ = now; }
    bool due(double now) const { return last_ && now - *last_ >= delay_; }
    void clear() { last_.reset(); }
    bool pending() const { return last_.has_value(); }
    std::optional<double> deadline() const {
        if (!last_) return std::nullopt;
        return *last_ + delay_;
    }
    double delay() const { return delay_; }

private:
    double delay_;
    std::optional<double> last_;
};

// Expires `timeout` seconds after the last activity; timeout <= 0 disables it.
class IdleTimer {
public:
    void set_timeout(double seconds) { timeout_ = seconds; }
    double timeout() const { return timeout_; }
    void activity(double now) { last_ = now; }
    bool expired(double now) const { return timeout_ > 0 && now - last_ >= timeout_; }
    std::optional<double> deadline() const {
        if (timeout_ <= 0) return std::nullopt;
        return last_ + timeout_;
    }

private:
    double timeout_ = 300;
    double last_ = 0;
};

}  // namespace afterglow::app
