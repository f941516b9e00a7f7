// One list of fields per record type, in stored order. The binary codec (journal/codec.cpp)
// and the JSON backup (journal/export/backup_json.cpp) both walk these lists, so adding a
// field is one line here (and one value in tests/export/test_record_fields.cpp, which fails
// while a member of a record is missing from its list).
//
// Schema<T>::visit(value, f) calls f(name, member, Field) for each field in order; `name` is
// the field's JSON key. A field's member is one of: std::string, bool, double, std::uint64_t,
// Timestamp, RecordId, an enum with a `count` value (codec: one byte; JSON: to_string's
// name), std::optional of these (codec: a presence byte, then the value; JSON: null), a
// std::vector<std::string>, or a std::vector of a type that has its own Schema (a list of
// JSON objects). Records start with their RecordMeta's fields (visit_record).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "journal/types.hpp"

namespace afterglow::journal::fields {

// What a format needs to know about a field beyond its type.
struct Field {
    // The codec version that added the field: a record of an older version lacks it (it
    // keeps its default), and a backup may leave it out.
    std::uint8_t since = 1;
    // An optional<bool> stored only when set: in the codec as the record's last byte
    // (1 = false, 2 = true), so it must be the last field; in JSON its key is left out.
    bool only_when_set = false;
    // A JSON number that must be at least 1 (a record's version).
    bool at_least_one = false;
};
inline constexpr Field kAddedInV2{.since = 2};
inline constexpr Field kOnlyWhenSet{.only_when_set = true};

// A record type's Schema also has `name` (its JSON "type"), `code` (the codec's type byte)
// and `since` (the codec version that added the type).
template <class T>
struct Schema;

template <>
struct Schema<RecordMeta> {
    template <class M, class F>
    static void visit(M& m, F&& f) {
        f("id", m.id, Field{});
        f("version", m.version, Field{.at_least_one = true});
        f("created", m.created, Field{});
        f("updated", m.updated, Field{});
    }
};

template <>
struct Schema<Session> {
    static constexpr const char* name = "session";
    static constexpr std::uint8_t code = 1, since = 1;
    template <class S, class F>
    static void visit(S& s, F&& f) {
        f("kind", s.kind, Field{});
        f("protocol", s.protocol, Field{});
        f("route", s.route, Field{});
        f("scheduled", s.scheduled, Field{});
        f("started", s.started, Field{});
        f("ended", s.ended, Field{});
        f("provider", s.provider, Field{});
        f("notes", s.notes, Field{});
    }
};

template <>
struct Schema<PromptAnswer> {
    template <class P, class F>
    static void visit(P& p, F&& f) {
        f("prompt", p.prompt, Field{});
        f("answer", p.answer, Field{});
        f("id", p.id, kAddedInV2);
    }
};

template <>
struct Schema<Action> {
    template <class A, class F>
    static void visit(A& a, F&& f) {
        f("text", a.text, Field{});
        f("done", a.done, Field{});
    }
};

template <>
struct Schema<ChecklistItem> {
    template <class C, class F>
    static void visit(C& c, F&& f) {
        f("label", c.label, Field{});
        f("done", c.done, Field{});
        f("id", c.id, kAddedInV2);
    }
};

template <>
struct Schema<Entry> {
    static constexpr const char* name = "entry";
    static constexpr std::uint8_t code = 2, since = 1;
    template <class E, class F>
    static void visit(E& e, F&& f) {
        f("kind", e.kind, Field{});
        f("title", e.title, Field{});
        f("body", e.body, Field{});
        f("prompts", e.prompts, Field{});
        f("emotions", e.emotions, Field{});
        f("tags", e.tags, Field{});
        f("actions", e.actions, Field{});
        f("checklist", e.checklist, Field{});
        f("session", e.session, Field{});
        f("captured", e.captured, Field{});
    }
};

template <>
struct Schema<Score> {
    template <class S, class F>
    static void visit(S& s, F&& f) {
        f("measure", s.measure, Field{});
        f("value", s.value, Field{});
        f("min", s.min, Field{});
        f("max", s.max, Field{});
    }
};

template <>
struct Schema<CheckIn> {
    static constexpr const char* name = "checkin";
    static constexpr std::uint8_t code = 3, since = 1;
    template <class C, class F>
    static void visit(C& c, F&& f) {
        f("at", c.at, Field{});
        f("scores", c.scores, Field{});
        f("note", c.note, Field{});
        f("session", c.session, Field{});
        f("harm_thoughts", c.harm_thoughts, kOnlyWhenSet);  // the safety question
    }
};

template <>
struct Schema<Goal> {
    static constexpr const char* name = "goal";
    static constexpr std::uint8_t code = 4, since = 1;
    template <class G, class F>
    static void visit(G& g, F&& f) {
        f("title", g.title, Field{});
        f("description", g.description, Field{});
        f("status", g.status, Field{});
        f("target", g.target, Field{});
        f("reviews", g.reviews, Field{});
    }
};

template <>
struct Schema<ItemAnswer> {
    template <class A, class F>
    static void visit(A& a, F&& f) {
        f("link_id", a.link_id, Field{});
        f("system", a.system, Field{});
        f("code", a.code, Field{});
        f("display", a.display, Field{});
        f("value", a.value, Field{});
        f("scored", a.scored, Field{});
    }
};

template <>
struct Schema<MeasureResponse> {
    static constexpr const char* name = "measure-response";
    static constexpr std::uint8_t code = 7, since = 2;
    template <class M, class F>
    static void visit(M& m, F&& f) {
        f("instrument", m.instrument, Field{});
        f("title", m.title, Field{});
        f("questionnaire", m.questionnaire, Field{});
        f("status", m.status, Field{});
        f("authored", m.authored, Field{});
        f("answers", m.answers, Field{});
        f("total", m.total, Field{});
        f("total_max", m.total_max, Field{});
        f("total_link_id", m.total_link_id, Field{});
        f("band", m.band, Field{});
        f("flags", m.flags, Field{});
        f("session", m.session, Field{});
        f("note", m.note, Field{});
    }
};

template <>
struct Schema<Document> {
    static constexpr const char* name = "document";
    static constexpr std::uint8_t code = 8, since = 2;
    template <class D, class F>
    static void visit(D& d, F&& f) {
        f("kind", d.kind, Field{});
        f("name", d.name, Field{});
        f("body", d.body, Field{});
    }
};

// A record's fields: its RecordMeta's, then its own.
template <class R, class F>
void visit_record(R& r, F&& f) {
    Schema<RecordMeta>::visit(r.meta, f);
    Schema<std::remove_const_t<R>>::visit(r, f);
}

// Calls f(text) for every std::string among a record's own fields (not its meta), the times'
// zones and the fields of its list items.
template <class R, class F>
void for_each_text(R& r, F&& f) {
    auto one = [&](auto& self, auto& v) -> void {
        using V = std::remove_const_t<std::remove_reference_t<decltype(v)>>;
        if constexpr (std::is_same_v<V, std::string>) {
            f(v);
        } else if constexpr (std::is_same_v<V, Timestamp>) {
            f(v.zone);
        } else if constexpr (requires { v.has_value(); }) {
            if (v) self(self, *v);
        } else if constexpr (requires { v.begin(); }) {  // a list of texts or of items
            using Item = typename V::value_type;
            for (auto& item : v) {
                if constexpr (std::is_same_v<Item, std::string>) f(item);
                else Schema<Item>::visit(item, [&](const char*, auto& m, Field) { self(self, m); });
            }
        }
    };
    Schema<std::remove_const_t<R>>::visit(r, [&](const char*, auto& m, Field) { one(one, m); });
}

// Calls f(std::type_identity<R>{}) for the Record alternative R whose Schema<R>::code (an
// integer key) or Schema<R>::name (a string key) matches; returns whether one did.
template <class F, std::size_t I = 0>
bool with_record_type(auto key, F&& f) {
    if constexpr (I == std::variant_size_v<Record>) {
        return false;
    } else {
        using R = std::variant_alternative_t<I, Record>;
        bool match;
        if constexpr (std::is_integral_v<decltype(key)>) match = key == Schema<R>::code;
        else match = key == std::string_view(Schema<R>::name);
        if (match) {
            f(std::type_identity<R>{});
            return true;
        }
        return with_record_type<F, I + 1>(key, std::forward<F>(f));
    }
}

}  // namespace afterglow::journal::fields
