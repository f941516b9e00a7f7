// One background job at a time (key derivation, re-keying, export). The job runs on its own
// thread and returns a continuation; poll() hands that continuation to the UI thread, which
// runs it after the frame. `wake` (glfwPostEmptyEvent in the app) is called when it is ready.
// While a job runs the UI thread leaves what the job uses alone (the vault above all: on the
// web the job's file calls are answered by the UI thread, so a UI thread waiting on the vault's
// lock would never answer them). `gate` (tests) runs on the job's thread before the job.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace afterglow::app {

class Worker {
public:
    using Done = std::function<void()>;
    using Job = std::function<Done()>;

    explicit Worker(std::function<void()> wake = {}, bool inline_for_tests = false, std::function<void()> gate = {})
        : wake_(std::move(wake)), gate_(std::move(gate)), inline_(inline_for_tests) {}
    ~Worker() { join(); }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    bool busy() const { return busy_; }

    bool start(Job job) {
        if (busy_) return false;
        join();
        busy_ = true;
        if (inline_) {
            std::lock_guard lock(m_);
            result_ = job();
            return true;
        }
        thread_ = std::thread([this, job = std::move(job)] {
            if (gate_) gate_();
            Done done = job();
            {
                std::lock_guard lock(m_);
                result_ = std::move(done);
            }
            if (wake_) wake_();
        });
        return true;
    }

    // Runs the finished job's continuation on the calling (UI) thread. True if one ran.
    bool poll() {
        std::optional<Done> done;
        {
            std::lock_guard lock(m_);
            done.swap(result_);
        }
        if (!done) return false;
        join();
        busy_ = false;
        if (*done) (*done)();
        return true;
    }

    void join() {
        if (thread_.joinable()) thread_.join();
    }

    // The job has returned (its continuation waits for poll() or discard()).
    bool finished() {
        std::lock_guard lock(m_);
        return result_.has_value();
    }
    // Forgets a finished job's continuation without running it. False while it still runs.
    bool discard() {
        {
            std::lock_guard lock(m_);
            if (!result_) return !busy_;
            result_.reset();
        }
        join();
        busy_ = false;
        return true;
    }

private:
    std::function<void()> wake_;
    std::function<void()> gate_;
    bool inline_ = false;
    std::atomic<bool> busy_{false};
    std::mutex m_;
    std::optional<Done> result_;
    std::thread thread_;
};

}  // namespace afterglow::app
