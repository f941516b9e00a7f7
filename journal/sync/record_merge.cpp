#include "journal/sync/record_merge.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "crypto/hash.hpp"
#include "journal/record_fields.hpp"
#include "journal/sync/engine.hpp"
#include "journal/sync/wire.hpp"

namespace afterglow::sync {
namespace {

using journal::Record;
namespace fields = journal::fields;

constexpr char kCopyContext[] = "afterglow/v1/sync-kept-both";

bool synced_field(std::string_view name) { return name != "id" && name != "version"; }

// A stable encoding of one field's value (for its hash only).
template <class V>
void put(wire::Writer& w, const V& v) {
    if constexpr (std::is_same_v<V, std::string>) {
        w.str(v);
    } else if constexpr (std::is_same_v<V, bool>) {
        w.u8(v ? 1 : 0);
    } else if constexpr (std::is_same_v<V, double>) {
        std::uint64_t bits = 0;  // (std::bit_cast: not in the web build's libc++ 14)
        std::memcpy(&bits, &v, sizeof bits);
        w.varint(bits);
    } else if constexpr (std::is_same_v<V, std::uint64_t>) {
        w.varint(v);
    } else if constexpr (std::is_same_v<V, journal::Timestamp>) {
        w.varint(static_cast<std::uint64_t>(v.utc));
        w.str(v.zone);
    } else if constexpr (std::is_same_v<V, journal::RecordId>) {
        w.raw(v.bytes);
    } else if constexpr (std::is_enum_v<V>) {
        w.u8(static_cast<std::uint8_t>(v));
    } else if constexpr (requires { v.has_value(); }) {
        w.u8(v ? 1 : 0);
        if (v) put(w, *v);
    } else {
        static_assert(requires { v.begin(); });
        using Item = typename V::value_type;
        w.varint(v.size());
        for (const auto& item : v) {
            if constexpr (std::is_same_v<Item, std::string>) w.str(item);
            else fields::Schema<Item>::visit(item, [&](const char*, const auto& m, fields::Field) { put(w, m); });
        }
    }
}

// Calls f(index, name, member) for each synced field of the record.
template <class R, class F>
void each_field(R& r, F&& f) {
    std::size_t i = 0;
    fields::visit_record(r, [&](const char* name, auto& m, fields::Field) {
        if (!synced_field(name)) return;
        f(i++, std::string_view(name), m);
    });
}

std::uint64_t hash64(const crypto::Bytes& b) {
    auto h = crypto::hash(b, 8);
    std::uint64_t v = 0;
    std::memcpy(&v, h.data(), 8);
    return v;
}

bool text_name(std::string_view n) {
    return n == "body" || n == "notes" || n == "note" || n == "prompts" || n == "description";
}

Record conflict_copy_of(const Record& loser, const Stamp& s, const Devices& devices) {
    Record copy = loser;
    auto& m = journal::meta_of(copy);
    wire::Writer w;
    w.raw(crypto::as_bytes(kCopyContext));
    w.raw(m.id.bytes);
    w.str(devices.at(s.dev));
    w.varint(s.seq);
    const auto digest = crypto::hash(w.out, 16);
    std::copy(digest.begin(), digest.end(), m.id.bytes.begin());
    m.version = 0;
    if (auto* e = std::get_if<journal::Entry>(&copy)) {
        if (std::find(e->tags.begin(), e->tags.end(), kConflictTag) == e->tags.end())
            e->tags.push_back(kConflictTag);
    }
    return copy;
}

}  // namespace

int compare(const Stamp& a, const Stamp& b, const Devices& devices) {
    if (a.wall != b.wall) return a.wall < b.wall ? -1 : 1;
    if (a.logical != b.logical) return a.logical < b.logical ? -1 : 1;
    if (a.dev != b.dev) {
        const int c = devices.at(a.dev).compare(devices.at(b.dev));
        if (c) return c < 0 ? -1 : 1;
    }
    if (a.seq != b.seq) return a.seq < b.seq ? -1 : 1;
    return 0;
}

std::uint64_t get(const VersionVector& vv, std::uint32_t dev) {
    auto it = std::lower_bound(vv.begin(), vv.end(), dev, [](const auto& p, std::uint32_t d) { return p.first < d; });
    return it != vv.end() && it->first == dev ? it->second : 0;
}

void set(VersionVector& vv, std::uint32_t dev, std::uint64_t seq) {
    auto it = std::lower_bound(vv.begin(), vv.end(), dev, [](const auto& p, std::uint32_t d) { return p.first < d; });
    if (it != vv.end() && it->first == dev) it->second = seq;
    else vv.insert(it, {dev, seq});
}

bool dominated_by(const VersionVector& a, const VersionVector& b) {
    for (const auto& [dev, seq] : a)
        if (get(b, dev) < seq) return false;
    return true;
}

VersionVector join(const VersionVector& a, const VersionVector& b) {
    VersionVector out = a;
    for (const auto& [dev, seq] : b)
        if (get(out, dev) < seq) set(out, dev, seq);
    return out;
}

std::uint8_t kind_code(const Record& r) {
    return std::visit([](const auto& x) { return fields::Schema<std::decay_t<decltype(x)>>::code; }, r);
}

std::vector<std::uint64_t> field_hashes(const Record& r) {
    std::vector<std::uint64_t> out;
    std::visit([&](const auto& x) {
        each_field(x, [&](std::size_t, std::string_view, const auto& m) {
            wire::Writer w;
            put(w, m);
            out.push_back(hash64(w.out));
        });
    }, r);
    return out;
}

bool is_text_field(const Record& r, std::size_t i) {
    bool text = false;
    std::visit([&](const auto& x) {
        each_field(x, [&](std::size_t j, std::string_view name, const auto&) {
            if (j == i) text = text_name(name);
        });
    }, r);
    return text;
}

void copy_field(Record& dst, const Record& src, std::size_t i) {
    std::visit([&](auto& d) {
        using R = std::decay_t<decltype(d)>;
        const auto* s = std::get_if<R>(&src);
        if (!s) return;
        each_field(d, [&](std::size_t j, std::string_view, auto& dm) {
            if (j != i) return;
            each_field(*s, [&](std::size_t k, std::string_view, const auto& sm) {
                if constexpr (std::is_same_v<std::decay_t<decltype(dm)>, std::decay_t<decltype(sm)>>)
                    if (k == i) dm = sm;
            });
        });
    }, dst);
}

namespace {

// A live record against a delete: true when every field change of `live` that the delete had
// not seen would have lost to the value the delete had seen (a concurrent change with a
// greater stamp), so the record goes as if those changes had been merged before the delete.
// The texts among them that differ go to `lost` (one conflict copy each, as when two texts meet).
bool unseen_all_lose(const RecState& live, const RecState& del, const Devices& devices, std::vector<Stamp>& lost) {
    if (live.fields.size() != del.fields.size()) return false;
    bool any = false;
    for (std::size_t i = 0; i < live.fields.size(); ++i) {
        const FieldState& lf = live.fields[i];
        if (get(del.vv, lf.stamp.dev) >= lf.stamp.seq) continue;  // the delete saw it
        const FieldState& df = del.fields[i];
        const bool df_seen_by_live = get(live.vv, df.stamp.dev) >= df.stamp.seq;
        if (df_seen_by_live || compare(df.stamp, lf.stamp, devices) < 0) return false;  // it wins: kept
        any = true;
        if (lf.hash != df.hash) lost.push_back(lf.stamp);
    }
    return any;
}

}  // namespace

MergeOutcome merge_into(Version& local, const Version& in, const Devices& devices) {
    MergeOutcome out;
    RecState& ls = local.state;
    const RecState& is = in.state;
    if (ls.kind == 0 && !local.record) {  // unknown here
        local.record = in.record;
        const auto version = ls.version;
        ls = is;
        ls.version = version;
        out.record_changed = in.record.has_value();
        out.state_changed = true;
        return out;
    }
    if (ls.kind != is.kind) return out;  // another kind under the same id: never merged
    const bool local_live = local.record.has_value() && !ls.tombstone;
    const bool in_live = in.record.has_value() && !is.tombstone;
    // A delete removes the record only when it had seen every change the record's fields
    // hold; otherwise the edit stays (docs/sync.md §3). Decided on the fields, never on the
    // version vectors alone, so every device decides alike whatever it merged before.
    auto covers = [](const VersionVector& vv, const RecState& r) {
        return std::all_of(r.fields.begin(), r.fields.end(),
                           [&](const FieldState& f) { return get(vv, f.stamp.dev) >= f.stamp.seq; });
    };
    // A record that stays alive keeps its own version vector: a delete's dots are not folded
    // into it (the delete carries no field values, so folding them in would claim changes the
    // record never received, and a later copy of those changes would be ignored as seen).
    if (!local_live || !in_live) {
        if (dominated_by(is.vv, ls.vv) && local_live == in_live) return out;  // both deleted, seen
        // A change the delete had not seen keeps the record, unless it lost to a concurrent
        // change the delete had seen (its text then lives on as a copy, as two texts would).
        auto copies = [&](const Record& loser, const RecState& ls_, const std::vector<Stamp>& lost) {
            std::vector<Stamp> done;
            for (std::size_t i = 0; i < ls_.fields.size(); ++i) {
                const Stamp& s = ls_.fields[i].stamp;
                if (std::find(lost.begin(), lost.end(), s) == lost.end() || !is_text_field(loser, i)) continue;
                if (std::find(done.begin(), done.end(), s) != done.end()) continue;
                done.push_back(s);
                out.conflict_copies.push_back(conflict_copy_of(loser, s, devices));
            }
        };
        if (local_live) {
            std::vector<Stamp> lost;
            if (covers(is.vv, ls) || unseen_all_lose(ls, is, devices, lost)) {  // their delete wins
                copies(*local.record, ls, lost);
                local.record.reset();
                ls.tombstone = true;
                ls.vv = join(ls.vv, is.vv);
                out.record_changed = out.state_changed = true;
            }
            return out;
        }
        std::vector<Stamp> lost;
        if (in_live && !covers(ls.vv, is) && unseen_all_lose(is, ls, devices, lost))
            copies(*in.record, is, lost);  // their edit lost to what our delete had seen
        else if (in_live && !covers(ls.vv, is)) {  // their edit our delete missed: it comes back
            local.record = in.record;
            ls.tombstone = false;
            ls.fields = is.fields;
            ls.vv = is.vv;
            out.record_changed = out.state_changed = true;
            return out;
        }
        const VersionVector joined = join(ls.vv, is.vv);  // stays deleted, having seen more
        out.state_changed = joined != ls.vv;
        ls.vv = joined;
        return out;
    }
    if (dominated_by(is.vv, ls.vv)) return out;  // seen already (or older)
    out.state_changed = true;
    if (dominated_by(ls.vv, is.vv)) {  // strictly newer: take it whole
        local.record = in.record;
        ls.vv = is.vv;
        ls.fields = is.fields;
        out.record_changed = true;
        return out;
    }
    // Concurrent edits.
    const VersionVector joined = join(ls.vv, is.vv);
    if (ls.fields.size() != is.fields.size()) return out;
    out.send_on = true;
    const Record before = *local.record;  // the local side as it was, for a conflict copy
    std::vector<Stamp> losers;  // losing changes of texts edited on both sides (one copy each)
    for (std::size_t i = 0; i < ls.fields.size(); ++i) {
        const FieldState& lf = ls.fields[i];
        const FieldState& inf = is.fields[i];
        if (lf.stamp == inf.stamp) continue;
        const bool local_seen_by_in = get(is.vv, lf.stamp.dev) >= lf.stamp.seq;
        const bool in_seen_by_local = get(ls.vv, inf.stamp.dev) >= inf.stamp.seq;
        const bool greater = compare(inf.stamp, lf.stamp, devices) > 0;
        bool take;
        if (in_seen_by_local && !local_seen_by_in) take = false;
        else if (local_seen_by_in && !in_seen_by_local) take = true;
        else take = greater;
        if (!in_seen_by_local && !local_seen_by_in && lf.hash != inf.hash && is_text_field(before, i)) {
            const Stamp& lost = greater ? lf.stamp : inf.stamp;
            if (std::find(losers.begin(), losers.end(), lost) == losers.end()) {
                losers.push_back(lost);
                out.conflict_copies.push_back(conflict_copy_of(greater ? before : *in.record, lost, devices));
            }
        }
        if (take) {
            copy_field(*local.record, *in.record, i);
            ls.fields[i] = inf;
            out.record_changed = true;
        }
    }
    ls.vv = joined;
    return out;
}

}  // namespace afterglow::sync
