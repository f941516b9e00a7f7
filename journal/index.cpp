#include "journal/index.hpp"

#include <algorithm>
#include <unordered_set>

#include "crypto/secret.hpp"
#include "journal/parallel.hpp"
#include "journal/record_fields.hpp"
#include "journal/text.hpp"

namespace afterglow::journal {
namespace {

std::int64_t session_time(const Session& s) {
    if (s.scheduled) return s.scheduled->utc;
    if (s.started) return s.started->utc;
    return s.meta.created.utc;
}

template <class T>
const T* find_in(const std::vector<T>& v, const RecordId& id) {
    for (const auto& x : v)
        if (x.meta.id == id) return &x;
    return nullptr;
}

template <class T>
bool erase_from(std::vector<T>& v, const RecordId& id) {
    auto it = std::find_if(v.begin(), v.end(), [&](const T& x) { return x.meta.id == id; });
    if (it == v.end()) return false;
    Record r{std::move(*it)};
    wipe_record(r);
    v.erase(it);
    return true;
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
    for (auto& [id, text] : folded_) crypto::wipe(text);
    entries_.clear();
    sessions_.clear();
    checkins_.clear();
    goals_.clear();
    responses_.clear();
    documents_.clear();
    folded_.clear();
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

void Index::fold_entry(const Entry& e) {
    std::string& slot = folded_[e.meta.id];
    crypto::wipe(slot);
    slot = search_text(e);
}

void Index::sort_all() {
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
        if (a.meta.created.utc != b.meta.created.utc) return a.meta.created.utc > b.meta.created.utc;
        return a.meta.id < b.meta.id;
    });
    std::sort(sessions_.begin(), sessions_.end(), [](const Session& a, const Session& b) {
        auto ta = session_time(a), tb = session_time(b);
        if (ta != tb) return ta < tb;
        return a.meta.id < b.meta.id;
    });
    std::sort(checkins_.begin(), checkins_.end(), [](const CheckIn& a, const CheckIn& b) {
        if (a.at.utc != b.at.utc) return a.at.utc < b.at.utc;
        return a.meta.id < b.meta.id;
    });
    std::sort(goals_.begin(), goals_.end(), [](const Goal& a, const Goal& b) {
        if (a.meta.created.utc != b.meta.created.utc) return a.meta.created.utc < b.meta.created.utc;
        return a.meta.id < b.meta.id;
    });
    std::sort(responses_.begin(), responses_.end(), [](const MeasureResponse& a, const MeasureResponse& b) {
        if (a.authored.utc != b.authored.utc) return a.authored.utc < b.authored.utc;
        return a.meta.id < b.meta.id;
    });
    std::sort(documents_.begin(), documents_.end(), [](const Document& a, const Document& b) {
        if (a.meta.created.utc != b.meta.created.utc) return a.meta.created.utc < b.meta.created.utc;
        return a.meta.id < b.meta.id;
    });
}

void Index::load(std::vector<Record> records, std::vector<std::string> folds) {
    clear_and_wipe();
    if (folds.size() != records.size()) {
        folds.assign(records.size(), {});
        parallel_for(records.size(), [&](std::size_t i) {
            if (const auto* e = std::get_if<Entry>(&records[i])) folds[i] = search_text(*e);
        });
    }
    folded_.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        std::visit(
            [&](auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, Entry>) {
                    folded_.emplace(x.meta.id, std::move(folds[i]));
                    entries_.push_back(std::move(x));
                } else if constexpr (std::is_same_v<T, Session>) {
                    sessions_.push_back(std::move(x));
                } else if constexpr (std::is_same_v<T, CheckIn>) {
                    checkins_.push_back(std::move(x));
                } else if constexpr (std::is_same_v<T, MeasureResponse>) {
                    responses_.push_back(std::move(x));
                } else if constexpr (std::is_same_v<T, Document>) {
                    documents_.push_back(std::move(x));
                } else {
                    goals_.push_back(std::move(x));
                }
            },
            records[i]);
    }
    sort_all();
}

void Index::put_all(std::vector<Record> records) {
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
                if constexpr (std::is_same_v<T, Entry>) {
                    entries_.push_back(std::move(x));
                    fold_entry(entries_.back());
                } else if constexpr (std::is_same_v<T, Session>) {
                    sessions_.push_back(std::move(x));
                } else if constexpr (std::is_same_v<T, CheckIn>) {
                    checkins_.push_back(std::move(x));
                } else if constexpr (std::is_same_v<T, MeasureResponse>) {
                    responses_.push_back(std::move(x));
                } else if constexpr (std::is_same_v<T, Document>) {
                    documents_.push_back(std::move(x));
                } else {
                    goals_.push_back(std::move(x));
                }
            },
            r);
    }
    sort_all();
}

void Index::erase(const RecordId& id) {
    if (erase_from(entries_, id)) {
        auto it = folded_.find(id);
        if (it != folded_.end()) {
            crypto::wipe(it->second);
            folded_.erase(it);
        }
        return;
    }
    if (erase_from(sessions_, id)) return;
    if (erase_from(checkins_, id)) return;
    if (erase_from(responses_, id)) return;
    if (erase_from(documents_, id)) return;
    erase_from(goals_, id);
}

const Entry* Index::entry(const RecordId& id) const { return find_in(entries_, id); }
const Session* Index::session(const RecordId& id) const { return find_in(sessions_, id); }
const CheckIn* Index::checkin(const RecordId& id) const { return find_in(checkins_, id); }
const Goal* Index::goal(const RecordId& id) const { return find_in(goals_, id); }
const MeasureResponse* Index::response(const RecordId& id) const { return find_in(responses_, id); }
const Document* Index::document(const RecordId& id) const { return find_in(documents_, id); }

const RecordMeta* Index::meta(const RecordId& id) const {
    if (auto* e = entry(id)) return &e->meta;
    if (auto* s = session(id)) return &s->meta;
    if (auto* c = checkin(id)) return &c->meta;
    if (auto* g = goal(id)) return &g->meta;
    if (auto* m = response(id)) return &m->meta;
    if (auto* d = document(id)) return &d->meta;
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

std::vector<RecordId> Index::search(std::string_view query) const {
    std::vector<RecordId> hits;
    auto words = query_words(query);
    for (const auto& e : entries_) {
        auto it = folded_.find(e.meta.id);
        if (it == folded_.end()) continue;
        bool all = true;
        for (const auto& w : words) {
            if (it->second.find(w) == std::string::npos) {
                all = false;
                break;
            }
        }
        if (all) hits.push_back(e.meta.id);
    }
    return hits;
}

}  // namespace afterglow::journal
