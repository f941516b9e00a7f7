// Time sources for the controller: a monotonic clock for timers (autosave, auto-lock) and the
// wall clock for the journey (countdowns). Tests use FakeClock.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>

namespace afterglow::app {

class Clock {
public:
    virtual ~Clock() = default;
    virtual double monotonic() const = 0;  // seconds, arbitrary origin
    virtual std::int64_t wall() const = 0;  // seconds since the Unix epoch
};

class SystemClock final : public Clock {
public:
    double monotonic() const override {
        using namespace std::chrono;
        return duration<double>(steady_clock::now().time_since_epoch()).count();
    }
    std::int64_t wall() const override { return static_cast<std::int64_t>(std::time(nullptr)); }
};

class FakeClock final : public Clock {
public:
    double mono = 1000.0;
    std::int64_t unix_time = 1'790'000'000;
    double monotonic() const override { return mono; }
    std::int64_t wall() const override { return unix_time; }
    void advance(double seconds) {
        mono += seconds;
        unix_time += static_cast<std::int64_t>(seconds);
    }
};

}  // namespace afterglow::app
