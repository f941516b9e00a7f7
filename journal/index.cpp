#include "journal/index.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <type_traits>
#include <unordered_set>

#include "crypto/secret.hpp"
#include "journal/record_fields.hpp"
#include "journal/search.hpp"
#include "journal/text.hpp"

namespace afterglow::journal {
namespace {

std::int64_t session_time(const Session& s) {
    if (s.scheduled) return s.scheduled->utc;
    if (s.started) return s.started->utc;
    return s.meta.created.utc;
}

// Each list is sorted by (key, id): entries newest first (key descending), the others oldest
// first. The same order for the full sort at load and for the lookups of one record.
enum Kind : std::uint8_t { kEntry, kSession, kCheckIn, kGoal, kResponse, kDocument };
template <class T> constexpr Kind kind_of = kGoal;
template <> constexpr Kind kind_of<Entry> = kEntry;
template <> constexpr Kind kind_of<Session> = kSession;
template <> constexpr Kind kind_of<CheckIn> = kCheckIn;
template <> constexpr Kind kind_of<MeasureResponse> = kResponse;
template <> constexpr Kind kind_of<Document> = kDocument;

std::int64_t key_of(const Entry& e) { return e.meta.created.utc; }
std::int64_t key_of(const Session& s) { return session_time(s); }
std::int64_t key_of(const CheckIn& c) { return c.at.utc; }
std::int64_t key_of(const Goal& g) { return g.meta.created.utc; }
std::int64_t key_of(const MeasureResponse& m) { return m.authored.utc; }
std::int64_t key_of(const Document& d) { return d.meta.created.utc; }

template <class T>
bool before(std::int64_t ka, const RecordId& ia, std::int64_t kb, const RecordId& ib) {
    if (ka != kb) return kind_of<T> == kEntry ? ka > kb : ka < kb;
    return ia < ib;
}

template <class T>
struct Order {
    bool operator()(const T& a, const T& b) const { return before<T>(key_of(a), a.meta.id, key_of(b), b.meta.id); }
};

template <class T>
auto locate(const std::vector<T>& v, std::int64_t key, const RecordId& id) {
    return std::lower_bound(v.begin(), v.end(), std::pair<std::int64_t, RecordId>(key, id),
                            [](const T& x, const std::pair<std::int64_t, RecordId>& p) {
                                return before<T>(key_of(x), x.meta.id, p.first, p.second);
                            });
}

// Drops (and wipes) every element whose id is in `ids`.
template <class T>
void erase_ids(std::vector<T>& v, const std::unordered_set<RecordId, RecordIdHash>& ids) {
    std::erase_if(v, [&](T& x) {
        if (!ids.count(x.meta.id)) return false;
        Record old{std::move(x)};
        wipe_record(old);
        return true;
    });
}

}  // namespace

namespace {

// Wipes a record's own fields as journal/record_fields.hpp lists them (not its meta): text
// overwritten, numbers zeroed, lists and optional values emptied.
struct Wipe {
    template <class T>
    void operator()(const char*, T& v, fields::Field) {
        wipe(v);
    }
    static void wipe(std::string& s) { crypto::wipe(s); }
    static void wipe(double& d) { d = 0; }
    static void wipe(Timestamp& t) {
        crypto::wipe(t.zone);
        t.utc = 0;
    }
    template <class T>
    static void wipe(std::optional<T>& v) {
        if (v) wipe(*v);
        v.reset();
    }
    template <class T>
    static void wipe(std::vector<T>& items) {
        for (auto& item : items) {
            if constexpr (std::is_same_v<T, std::string>) wipe(item);
            else fields::Schema<T>::visit(item, Wipe{});
        }
        items.clear();
    }
    template <class T>
    static void wipe(T&) {}  // kinds, yes/no marks and ids: not the patient's text
};

}  // namespace

void wipe_entry(Entry& e) { fields::Schema<Entry>::visit(e, Wipe{}); }

void wipe_record(Record& r) {
    std::visit([](auto& x) { fields::Schema<std::decay_t<decltype(x)>>::visit(x, Wipe{}); }, r);
}

void Index::clear_and_wipe() {
    for (auto& e : entries_) wipe_entry(e);
    for (auto& s : sessions_) { Record r{std::move(s)}; wipe_record(r); }
    for (auto& c : checkins_) { Record r{std::move(c)}; wipe_record(r); }
    for (auto& g : goals_) { Record r{std::move(g)}; wipe_record(r); }
    for (auto& m : responses_) { Record r{std::move(m)}; wipe_record(r); }
    for (auto& d : documents_) { Record r{std::move(d)}; wipe_record(r); }
    slots_.clear();
    entries_.clear();
    sessions_.clear();
    checkins_.clear();
    goals_.clear();
    responses_.clear();
    documents_.clear();
}

std::string search_text(const Entry& e) {
    std::string out;
    out.reserve(e.title.size() + e.body.size() + 64);
    auto add = [&](const std::string& s) {
        fold_append(s, out);
        out.push_back('\n');
    };
    add(e.title);
    add(e.body);
    for (const auto& p : e.prompts) {
        add(p.prompt);
        add(p.answer);
    }
    for (const auto& s : e.emotions) add(s);
    for (const auto& s : e.tags) add(s);
    for (const auto& a : e.actions) add(a.text);
    return out;
}

namespace {

// Sorts moving only the elements out of place, each once (std::sort moves a ~300-byte Entry
// many times over): the order is found on (key, id, position) values read in one pass, then
// followed cycle by cycle in place. A journal read in the order it was written is sorted but
// for the entries edited or back-dated since: those, and the ones between, move.
template <class T>
void sort_list(std::vector<T>& v) {
    struct At {
        std::int64_t key;
        RecordId id;
        std::uint32_t i;
    };
    std::vector<At> at(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) at[i] = {key_of(v[i]), v[i].meta.id, static_cast<std::uint32_t>(i)};
    auto less = [](const At& a, const At& b) { return before<T>(a.key, a.id, b.key, b.id); };
    // Where the sorted runs start: one run in a journal read in the order it was written, a
    // few more where entries were edited or back-dated; those are merged (each level of
    // merging reads the list once), many runs are sorted outright.
    std::vector<std::size_t> runs{0};
    for (std::size_t i = 1; i < at.size(); ++i)
        if (less(at[i], at[i - 1])) runs.push_back(i);
    if (runs.size() == 1) return;
    if (runs.size() > 32) {
        std::sort(at.begin(), at.end(), less);
    } else {
        runs.push_back(at.size());
        std::vector<At> merged(at.size());
        while (runs.size() > 2) {  // runs: where each starts, then the end
            std::vector<std::size_t> next{0};
            for (std::size_t r = 0; r + 1 < runs.size(); r += 2) {
                const std::size_t lo = runs[r], mid = runs[r + 1], hi = r + 2 < runs.size() ? runs[r + 2] : mid;
                std::merge(at.begin() + lo, at.begin() + mid, at.begin() + mid, at.begin() + hi, merged.begin() + lo, less);
                next.push_back(hi);
            }
            at.swap(merged);
            runs = std::move(next);
        }
    }
    // at[j].i is the element that belongs at j: each cycle j ← at[j].i ← … is rotated once.
    for (std::size_t start = 0; start < at.size(); ++start) {
        if (at[start].i == start) continue;
        T held = std::move(v[start]);
        std::size_t j = start;
        for (;;) {
            const std::size_t from = at[j].i;
            at[j].i = static_cast<std::uint32_t>(j);  // placed
            if (from == start) break;
            v[j] = std::move(v[from]);
            j = from;
        }
        v[j] = std::move(held);  // what is left behind was moved from: no text in it
    }
}

template <class T, std::size_t I = 0>
constexpr std::size_t index_in_record() {
    if constexpr (std::is_same_v<std::variant_alternative_t<I, Record>, T>) return I;
    else return index_in_record<T, I + 1>();
}

}  // namespace

void Index::sort_all() {
    sort_list(entries_);
    sort_list(sessions_);
    sort_list(checkins_);
    sort_list(goals_);
    sort_list(responses_);
    sort_list(documents_);
}

template <class T>
std::vector<T>& Index::list() {
    if constexpr (std::is_same_v<T, Entry>) return entries_;
    else if constexpr (std::is_same_v<T, Session>) return sessions_;
    else if constexpr (std::is_same_v<T, CheckIn>) return checkins_;
    else if constexpr (std::is_same_v<T, MeasureResponse>) return responses_;
    else if constexpr (std::is_same_v<T, Document>) return documents_;
    else return goals_;
}

void Index::rebuild_slots() {
    slots_.clear();
    slots_.reserve(size());
    auto add = [&](const auto& v) {
        for (const auto& x : v) slots_.put(x.meta.id, {key_of(x), kind_of<std::decay_t<decltype(x)>>});
    };
    add(entries_);
    add(sessions_);
    add(checkins_);
    add(goals_);
    add(responses_);
    add(documents_);
}

template <class T>
const T* Index::find(const RecordId& id) const {
    const IdSlots::Slot* s = slots_.find(id);
    if (!s || s->kind != kind_of<T>) return nullptr;
    const auto& v = const_cast<Index*>(this)->list<T>();
    auto it = locate(v, s->key, id);
    return it != v.end() && it->meta.id == id ? &*it : nullptr;
}

void Index::put_one(Record r) {
    const RecordId id = meta_of(r).id;
    std::visit(
        [&](auto& x) {
            using T = std::decay_t<decltype(x)>;
            auto& v = list<T>();
            const std::int64_t key = key_of(x);
            if (const IdSlots::Slot* s = slots_.find(id)) {
                if (s->kind == kind_of<T> && s->key == key) {  // same place: replace
                    auto it = locate(v, key, id);
                    if (it != v.end() && it->meta.id == id) {
                        auto pos = v.begin() + (it - v.begin());
                        Record old{std::move(*pos)};
                        wipe_record(old);
                        *pos = std::move(x);
                        return;
                    }
                }
                erase(id);
            }
            auto pos = v.begin() + (locate(v, key, id) - v.begin());
            v.insert(pos, std::move(x));
            slots_.put(id, {key, kind_of<T>});
        },
        r);
}

void Index::load(std::vector<Record> records) { load({}, std::move(records)); }

void Index::load(std::vector<Entry> entries, std::vector<Record> records) {
    clear_and_wipe();
    entries_ = std::move(entries);
    // Each list's order is found on (key, position) pairs first, then every record is moved
    // once, straight to its place (unlock loads every record).
    struct At {
        std::int64_t key;
        std::uint32_t i;
    };
    std::array<std::vector<At>, std::variant_size_v<Record>> at;
    std::array<std::size_t, std::variant_size_v<Record>> count{};
    for (const auto& r : records) ++count[r.index()];
    for (std::size_t k = 0; k < at.size(); ++k) at[k].reserve(count[k]);
    for (std::size_t i = 0; i < records.size(); ++i)
        std::visit([&](const auto& x) { at[records[i].index()].push_back({key_of(x), static_cast<std::uint32_t>(i)}); },
                   records[i]);
    auto fill = [&]<class T>(std::type_identity<T>) {
        auto& order = at[index_in_record<T>()];
        auto less = [&](const At& a, const At& b) {
            if (a.key != b.key) return before<T>(a.key, RecordId{}, b.key, RecordId{});
            return std::get<T>(records[a.i]).meta.id < std::get<T>(records[b.i]).meta.id;
        };
        if (!std::is_sorted(order.begin(), order.end(), less)) std::sort(order.begin(), order.end(), less);
        auto& v = list<T>();
        v.reserve(v.size() + order.size());
        for (const At& a : order) v.push_back(std::move(std::get<T>(records[a.i])));
    };
    fill(std::type_identity<Entry>{});
    fill(std::type_identity<Session>{});
    fill(std::type_identity<CheckIn>{});
    fill(std::type_identity<Goal>{});
    fill(std::type_identity<MeasureResponse>{});
    fill(std::type_identity<Document>{});
    sort_list(entries_);  // those given apart and any among the records, together
    rebuild_slots();
}

void Index::put_all(std::vector<Record> records) {
    if (records.size() <= 16) {  // a save: one at a time, without touching the rest
        for (auto& r : records) put_one(std::move(r));
        return;
    }
    if (size() == 0) {  // a join's whole journal: as an unlock loads it (each moved once)
        load(std::move(records));
        return;
    }
    std::unordered_set<RecordId, RecordIdHash> ids;
    for (const auto& r : records) ids.insert(meta_of(r).id);
    erase_ids(entries_, ids);
    erase_ids(sessions_, ids);
    erase_ids(checkins_, ids);
    erase_ids(goals_, ids);
    erase_ids(responses_, ids);
    erase_ids(documents_, ids);
    for (auto& r : records) {
        std::visit(
            [&](auto& x) {
                using T = std::decay_t<decltype(x)>;
                list<T>().push_back(std::move(x));
            },
            r);
    }
    sort_all();
    rebuild_slots();
}

void Index::erase(const RecordId& id) {
    const IdSlots::Slot* s = slots_.find(id);
    if (!s) return;
    const IdSlots::Slot slot = *s;
    slots_.erase(id);
    auto drop = [&](auto& v) {
        auto it = locate(v, slot.key, id);
        if (it == v.end() || it->meta.id != id) return;
        auto pos = v.begin() + (it - v.begin());
        Record old{std::move(*pos)};
        wipe_record(old);
        v.erase(pos);
    };
    switch (slot.kind) {
        case kEntry: drop(entries_); break;
        case kSession: drop(sessions_); break;
        case kCheckIn: drop(checkins_); break;
        case kGoal: drop(goals_); break;
        case kResponse: drop(responses_); break;
        case kDocument: drop(documents_); break;
    }
}

const Entry* Index::entry(const RecordId& id) const { return find<Entry>(id); }
const Session* Index::session(const RecordId& id) const { return find<Session>(id); }
const CheckIn* Index::checkin(const RecordId& id) const { return find<CheckIn>(id); }
const Goal* Index::goal(const RecordId& id) const { return find<Goal>(id); }
const MeasureResponse* Index::response(const RecordId& id) const { return find<MeasureResponse>(id); }
const Document* Index::document(const RecordId& id) const { return find<Document>(id); }

const RecordMeta* Index::meta(const RecordId& id) const {
    const IdSlots::Slot* s = slots_.find(id);
    if (!s) return nullptr;
    auto meta = [](const auto* x) -> const RecordMeta* { return x ? &x->meta : nullptr; };
    switch (s->kind) {
        case kEntry: return meta(entry(id));
        case kSession: return meta(session(id));
        case kCheckIn: return meta(checkin(id));
        case kGoal: return meta(goal(id));
        case kResponse: return meta(response(id));
        case kDocument: return meta(document(id));
    }
    return nullptr;
}

std::size_t Index::size() const {
    return entries_.size() + sessions_.size() + checkins_.size() + goals_.size() +
           responses_.size() + documents_.size();
}

std::vector<RecordId> Index::all_ids() const {
    std::vector<RecordId> ids;
    ids.reserve(size());
    for (const auto& x : entries_) ids.push_back(x.meta.id);
    for (const auto& x : sessions_) ids.push_back(x.meta.id);
    for (const auto& x : checkins_) ids.push_back(x.meta.id);
    for (const auto& x : goals_) ids.push_back(x.meta.id);
    for (const auto& x : responses_) ids.push_back(x.meta.id);
    for (const auto& x : documents_) ids.push_back(x.meta.id);
    return ids;
}

std::vector<RecordId> Index::search(std::string_view query) const { return search_entries(entries_, query); }

}  // namespace afterglow::journal
