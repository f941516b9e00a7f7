// The app's sync in three phases (sync_runner.hpp): fetch and push on the sync worker, merge
// on the UI thread against a StagedStore.
#include "app/core/sync_runner.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "journal/sync/webdav_store.hpp"

namespace afterglow::app {

struct SyncRunner::Staged {
    std::unique_ptr<sync::Store> remote;
    std::map<std::string, crypto::Bytes> files;  // downloaded (ciphertext, as stored)
    std::vector<sync::StoreEntry> listing;
    struct Op {
        bool put = true;
        std::string name;
        crypto::Bytes data;
    };
    std::vector<Op> outbox;
    std::set<std::string> misses;  // asked for during the merge, not downloaded
    std::string own_prefix;
    std::optional<Error> error;    // the last phase on the worker failed
};

namespace {

bool ends_with(const std::string& s, const char* tail) {
    const std::string t(tail);
    return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

// The store the engine sees during the merge: the fetched listing and files, writes kept.
class StagedStore final : public sync::Store {
public:
    explicit StagedStore(SyncRunner::Staged& s) : s_(s) {}
    Result<std::vector<sync::StoreEntry>> list() override { return s_.listing; }
    Result<crypto::Bytes> get(const std::string& name) override {
        if (auto it = s_.files.find(name); it != s_.files.end()) return it->second;
        for (const auto& e : s_.listing)
            if (e.name == name) {
                s_.misses.insert(name);
                return make_error(Errc::io, "not downloaded yet", name);
            }
        return make_error(Errc::not_found, "\"" + name + "\" is not there", name);
    }
    Status put(const std::string& name, const crypto::Bytes& data) override {
        s_.outbox.push_back({true, name, data});
        s_.files[name] = data;
        auto it = std::find_if(s_.listing.begin(), s_.listing.end(), [&](const auto& e) { return e.name == name; });
        if (it == s_.listing.end()) s_.listing.push_back({name, data.size()});
        else it->size = data.size();
        return {};
    }
    Status remove(const std::string& name) override {
        s_.outbox.push_back({false, name, {}});
        s_.files.erase(name);
        std::erase_if(s_.listing, [&](const auto& e) { return e.name == name; });
        return {};
    }
    std::string describe() const override { return s_.remote->describe(); }

private:
    SyncRunner::Staged& s_;
};

// Uploads the outbox in order; what fails stays, from the failed one on.
std::optional<Error> push_outbox(SyncRunner::Staged& s) {
    std::size_t done = 0;
    std::optional<Error> err;
    for (; done < s.outbox.size(); ++done) {
        auto& op = s.outbox[done];
        Status st = op.put ? s.remote->put(op.name, op.data) : s.remote->remove(op.name);
        if (!st.ok() && !(!op.put && st.error().code == Errc::not_found)) {
            err = st.error();
            break;
        }
    }
    s.outbox.erase(s.outbox.begin(), s.outbox.begin() + static_cast<std::ptrdiff_t>(done));
    return err;
}

std::string sentence(const sync::Store& store, const Error& e, const char* doing) {
    return "Could not " + std::string(doing) + " " + store.describe() + " (" + e.message +
           "). Your journal is safe on this device; sync will try again.";
}

}  // namespace

SyncRunner::SyncRunner(std::function<void()> wake, bool inline_for_tests)
    : wake_(std::move(wake)), inline_(inline_for_tests), worker_(std::make_unique<Worker>(wake_, inline_)) {}

SyncRunner::~SyncRunner() {
    stop(5.0);
    abandoned_.clear();  // each joins its thread: the cancelled transfer has ended or ends now
}

bool SyncRunner::start(std::unique_ptr<sync::Store> store, std::string own_prefix, Merge merge,
                       std::shared_ptr<std::atomic<bool>> cancel) {
    if (busy()) return false;
    // The files already downloaded stay useful while the store is the same one.
    if (!staged_ || !staged_->remote || staged_->remote->describe() != store->describe())
        staged_ = std::make_shared<Staged>();
    staged_->remote = std::move(store);
    staged_->own_prefix = std::move(own_prefix);
    merge_ = std::move(merge);
    cancel_ = std::move(cancel);
    running_ = true;
    rounds_ = 0;
    done_.reset();
    fetch();
    return true;
}

void SyncRunner::fetch() {
    auto s = staged_;
    worker_->start([this, s]() -> Worker::Done {
        s->error.reset();
        if (auto e = push_outbox(*s)) {
            s->error = make_error(e->code, sentence(*s->remote, *e, "write to"));
        } else if (auto listed = s->remote->list(); !listed.ok()) {
            s->error = make_error(listed.error().code, sentence(*s->remote, listed.error(), "read"));
        } else {
            s->listing = std::move(*listed);
            std::map<std::string, crypto::Bytes> keep;
            for (const auto& e : s->listing) {
                const bool mine = e.name.rfind(s->own_prefix, 0) == 0 && !s->own_prefix.empty();
                if (mine && !s->misses.count(e.name)) continue;
                // A snapshot (the whole journal) only when the engine asks for it (a miss).
                if (ends_with(e.name, ".snap") && !s->misses.count(e.name)) continue;
                auto held = s->files.find(e.name);
                const bool written_once = ends_with(e.name, ".seg") || ends_with(e.name, ".snap") || ends_with(e.name, ".ack");
                if (held != s->files.end() && written_once && held->second.size() == e.size) {
                    keep.emplace(e.name, std::move(held->second));
                    continue;
                }
                auto got = s->remote->get(e.name);
                if (got.ok()) keep.emplace(e.name, std::move(*got));
                else if (got.error().code != Errc::not_found) {
                    s->error = make_error(got.error().code, sentence(*s->remote, got.error(), "read"));
                    break;
                }
            }
            s->files = std::move(keep);
            s->misses.clear();
        }
        return [this, s] {
            if (s != staged_ || !running_) return;
            if (s->error) {
                done_ = SyncOutcome{false, false, s->error->message, std::nullopt};
                running_ = false;
                return;
            }
            StagedStore staged(*s);
            auto report = merge_(staged);
            if (!report.ok() && !s->misses.empty() && ++rounds_ < 3) {
                fetch();  // the engine wanted a file we had not downloaded: fetch it, merge again
                return;
            }
            if (!report.ok()) {
                done_ = SyncOutcome{false, false, report.error().message, std::nullopt};
                running_ = false;
                return;
            }
            done_ = SyncOutcome{false, true, report->message, std::move(*report)};
            if (s->outbox.empty()) {
                running_ = false;
                return;
            }
            push();
        };
    });
}

void SyncRunner::push() {
    auto s = staged_;
    worker_->start([this, s]() -> Worker::Done {
        auto err = push_outbox(*s);
        return [this, s, err] {
            if (s != staged_) return;
            if (err && done_) {
                done_->ok = false;
                done_->message = sentence(*s->remote, *err, "write to");
            }
            running_ = false;
        };
    });
}

bool SyncRunner::start_test(std::unique_ptr<sync::Store> store, std::shared_ptr<std::atomic<bool>> cancel) {
    if (busy()) return false;
    auto held = std::make_shared<std::unique_ptr<sync::Store>>(std::move(store));
    cancel_ = std::move(cancel);
    running_ = true;
    done_.reset();
    worker_->start([this, held]() -> Worker::Done {
        sync::Store& st = **held;
        Status result;
        if (auto* dav = dynamic_cast<sync::WebDavStore*>(&st)) result = dav->check();
        else if (auto l = st.list(); !l.ok()) result = l.error();
        auto out = std::make_shared<SyncOutcome>();
        out->test = true;
        out->ok = result.ok();
        out->message = result.ok() ? "Connected: " + st.describe() + " answers and can be written."
                                   : "Could not use " + st.describe() + ": " + result.error().message + ".";
        return [this, out] {
            done_ = std::move(*out);
            running_ = false;
        };
    });
    return true;
}

std::optional<SyncOutcome> SyncRunner::poll() {
    worker_->poll();
    if (!abandoned_.empty()) reap();
    if (running_ || !done_) return std::nullopt;
    auto out = std::move(done_);
    done_.reset();
    return out;
}

void SyncRunner::stop(double seconds) {
    using clock = std::chrono::steady_clock;
    running_ = false;  // continuations that finish now merge nothing
    auto wait = [&](double s) {
        const auto until = clock::now() + std::chrono::duration<double>(s);
        while (worker_->busy() && clock::now() < until) {
            if (worker_->poll()) continue;  // a phase finished (its continuation may start the next)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    };
    wait(seconds);
    if (cancel_) cancel_->store(true);  // the next request is not made; libcurl's stops now
    wait(kCancelGrace);
    if (worker_->busy() && !worker_->finished()) {
        // A request that cannot be interrupted: it ends on its own thread, its result unused.
        abandoned_.push_back(std::move(worker_));
        worker_ = std::make_unique<Worker>(wake_, inline_);
    } else {
        worker_->join();
        worker_->poll();
    }
    reap();
    staged_.reset();  // the next run after unlock downloads afresh
    done_.reset();
}

void SyncRunner::reap() {
    std::erase_if(abandoned_, [](const std::unique_ptr<Worker>& w) { return w->discard(); });
}

}  // namespace afterglow::app
