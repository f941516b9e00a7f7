// A store that misbehaves deterministically, as a sync client's folder does at its worst: each
// device has its own view of the files (as Syncthing keeps one folder per machine); a put
// reaches the other views later (delayed), in any order, twice, cut short first, or beside a
// "conflict copy"; a put is dropped (acknowledged, never stored), a file or a removal may
// never reach one view; files get lost from every view; the whole store can be
// swapped for an empty one or restored from an old copy; a put can fail. Everything is driven
// by one seeded generator, and everything that happens is written to `log` (the
// repeatability test compares two runs' logs).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "journal/sync/store.hpp"

namespace afterglow::test {

using Files = std::map<std::string, crypto::Bytes>;

struct SimWorld {
    explicit SimWorld(std::uint64_t seed, int devices) : rng(seed), views(devices) {}
    std::mt19937_64 rng;
    std::vector<Files> views;  // what each device sees
    struct Delivery {
        int to;
        std::string name;
        std::optional<crypto::Bytes> data;  // nullopt: a removal
    };
    std::vector<Delivery> pending;
    int put_failures = 0, truncations = 0, conflict_copies = 0, losses = 0, duplicates = 0;
    int drops = 0, reorders = 0, swaps = 0, restores = 0;
    std::vector<std::string> log;
    double fail_put = 0.03;  // chance a put fails (a full disk, a dropped connection)
    double drop_put = 0.01;  // chance a put is acknowledged but the file never lands anywhere
    // Chance a file never reaches one device while its writer's view keeps it (its sync
    // client gave up on it); AFTERGLOW_SIM_LASTING_DROPS changes it.
    double lasting_drops = 0.01;
    bool faults = true;

    std::uint64_t roll(std::uint64_t n) { return n ? rng() % n : 0; }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
    void note(int to, const std::string& what, const std::string& name, std::size_t size = 0) {
        log.push_back("  store " + std::to_string(to) + ": " + what + " " + name + " " + std::to_string(size));
    }

    void publish(int from, const std::string& name, const std::optional<crypto::Bytes>& data) {
        for (int d = 0; d < static_cast<int>(views.size()); ++d)
            if (d != from) pending.push_back({d, name, data});
    }

    // Delivers some pending changes in random order; with faults, some arrive cut short first
    // (the rest later), twice, or beside a conflict copy.
    void deliver(std::size_t how_many) {
        for (std::size_t i = 0; i < how_many && !pending.empty(); ++i) {
            const std::size_t k = roll(pending.size());
            Delivery d = pending[k];
            pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(k));
            // Another file for the same device was waiting longer: this one overtakes it.
            reorders += std::any_of(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(k),
                                    [&](const Delivery& p) { return p.to == d.to; });
            Files& v = views[d.to];
            if (faults && !d.data && chance(0.02)) {  // a removal that never reaches this view
                note(d.to, "dropped the removal of", d.name);
                ++drops;
                continue;
            }
            if (faults && lasting_drops > 0 && chance(lasting_drops)) {  // see lasting_drops
                note(d.to, "dropped for good", d.name);
                ++drops;
                continue;
            }
            if (!d.data) {
                v.erase(d.name);
                note(d.to, "removed", d.name);
                continue;
            }
            if (faults && d.data->size() > 8 && chance(0.05)) {
                v[d.name] = crypto::Bytes(d.data->begin(), d.data->begin() + static_cast<std::ptrdiff_t>(roll(d.data->size())));
                note(d.to, "cut short", d.name, v[d.name].size());
                pending.push_back(d);  // the whole file comes later
                ++truncations;
                continue;
            }
            v[d.name] = *d.data;
            note(d.to, "arrived", d.name, d.data->size());
            if (faults && chance(0.03)) {
                pending.push_back(d);  // delivered again
                ++duplicates;
            }
            if (faults && chance(0.03)) {
                const auto copy = d.name + ".sync-conflict-20261206-" + std::to_string(roll(999999)) + ".seg";
                v[copy] = *d.data;
                note(d.to, "conflict copy", copy, d.data->size());
                ++conflict_copies;
            }
        }
    }
    void deliver_all() {
        while (!pending.empty()) deliver(pending.size());
    }
    // A file lost from every view (the store lost it).
    void lose_one() {
        Files& v = views[roll(views.size())];
        if (v.empty()) return;
        auto it = std::next(v.begin(), static_cast<std::ptrdiff_t>(roll(v.size())));
        const std::string name = it->first;
        for (auto& view : views) view.erase(name);
        std::erase_if(pending, [&](const Delivery& d) { return d.name == name; });
        note(-1, "lost", name);
        ++losses;
    }
    void swap_for_empty() {
        for (auto& v : views) v.clear();
        pending.clear();
        note(-1, "swapped for an empty store", "");
        ++swaps;
    }
    void restore(const std::vector<Files>& old) {
        views = old;
        pending.clear();
        note(-1, "restored from an old copy", "", old.empty() ? 0 : old[0].size());
        ++restores;
    }
};

class SimStore : public sync::Store {
public:
    SimStore(SimWorld& w, int device) : w_(w), d_(device) {}
    Result<std::vector<sync::StoreEntry>> list() override {
        std::vector<sync::StoreEntry> out;
        for (const auto& [name, data] : w_.views[d_]) out.push_back({name, data.size()});
        return out;
    }
    Result<crypto::Bytes> get(const std::string& name) override {
        auto it = w_.views[d_].find(name);
        if (it == w_.views[d_].end()) return make_error(Errc::not_found, "no such file", name);
        return it->second;
    }
    Status put(const std::string& name, const crypto::Bytes& data) override {
        if (w_.faults && w_.chance(w_.fail_put)) {
            ++w_.put_failures;
            w_.note(d_, "put failed", name);
            return make_error(Errc::disk_full, "no space left", name);
        }
        if (w_.faults && w_.chance(w_.drop_put)) {
            ++w_.drops;
            w_.note(d_, "put acknowledged but dropped", name, data.size());
            return {};
        }
        w_.views[d_][name] = data;
        w_.note(d_, "put", name, data.size());
        w_.publish(d_, name, data);
        return {};
    }
    Status remove(const std::string& name) override {
        if (!w_.views[d_].erase(name)) return make_error(Errc::not_found, "no such file", name);
        w_.note(d_, "remove", name);
        w_.publish(d_, name, std::nullopt);
        return {};
    }
    std::string describe() const override { return "the simulated store"; }

private:
    SimWorld& w_;
    int d_;
};

}  // namespace afterglow::test
