// A store that misbehaves deterministically, as a sync client's folder does at its worst: each
// device has its own view of the files (as Syncthing keeps one folder per machine); a put
// reaches the other views later, in any order, sometimes cut short first, sometimes beside a
// "conflict copy"; files get lost; the whole store can be swapped for an empty one or
// restored from an old copy; a put can fail. Everything is driven by one seeded generator.
#pragma once

#include <cstdint>
#include <map>
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
    double fail_put = 0.03;  // chance a put fails (a full disk, a dropped connection)
    bool faults = true;

    std::uint64_t roll(std::uint64_t n) { return n ? rng() % n : 0; }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

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
            Files& v = views[d.to];
            if (!d.data) {
                v.erase(d.name);
                continue;
            }
            if (faults && d.data->size() > 8 && chance(0.05)) {
                v[d.name] = crypto::Bytes(d.data->begin(), d.data->begin() + static_cast<std::ptrdiff_t>(roll(d.data->size())));
                pending.push_back(d);  // the whole file comes later
                ++truncations;
                continue;
            }
            v[d.name] = *d.data;
            if (faults && chance(0.03)) {
                pending.push_back(d);  // delivered again
                ++duplicates;
            }
            if (faults && chance(0.03)) {
                v[d.name + ".sync-conflict-20261206-" + std::to_string(roll(999999)) + ".seg"] = *d.data;
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
        ++losses;
    }
    void swap_for_empty() {
        for (auto& v : views) v.clear();
        pending.clear();
    }
    void restore(const std::vector<Files>& old) {
        views = old;
        pending.clear();
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
            return make_error(Errc::disk_full, "no space left", name);
        }
        w_.views[d_][name] = data;
        w_.publish(d_, name, data);
        return {};
    }
    Status remove(const std::string& name) override {
        if (!w_.views[d_].erase(name)) return make_error(Errc::not_found, "no such file", name);
        w_.publish(d_, name, std::nullopt);
        return {};
    }
    std::string describe() const override { return "the simulated store"; }

private:
    SimWorld& w_;
    int d_;
};

}  // namespace afterglow::test
