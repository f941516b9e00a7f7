#include "journal/content/json_read.hpp"

#include <algorithm>
#include <cmath>

#include "journal/text.hpp"

namespace afterglow::journal::content::detail {

Error content_error(std::string_view file, const std::string& field, const std::string& problem) {
    std::string msg(file);
    msg += ": ";
    if (!field.empty()) msg += field + " ";
    msg += problem;
    if (!msg.empty() && msg.back() != '.') msg += '.';
    msg += " Nothing was changed.";
    return make_error(Errc::invalid_argument, std::move(msg), std::string(file));
}

json parse_text(std::string_view text) {
    if (text.size() > kMaxContentFileBytes) throw Bad("", "is too large (more than 4 MiB)");
    if (!valid_utf8(text)) throw Bad("", "is not valid UTF-8 text");
    if (!json_nesting_within(text, kMaxContentNesting))
        throw Bad("", "nests deeper than " + std::to_string(kMaxContentNesting) + " levels");
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        auto pos = what.find("parse error");
        throw Bad("", "is not valid JSON (" + (pos == std::string::npos ? what : what.substr(pos)) + ")");
    }
}

Obj::Obj(const json& v, std::string path) : v_(v), path_(std::move(path)) {
    if (!v_.is_object()) throw Bad(path_.empty() ? "the file" : path_, "must be an object");
}

std::string Obj::at(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

bool Obj::has(const char* key) const { return v_.contains(key); }

const json* Obj::find(const char* key) {
    used_.emplace_back(key);
    auto it = v_.find(key);
    return it == v_.end() ? nullptr : &*it;
}

const json& Obj::get(const char* key) {
    const json* v = find(key);
    if (!v) throw Bad(at(key), "is missing");
    return *v;
}

std::string Obj::str(const char* key) { return as_str(get(key), at(key)); }

std::string Obj::opt_str(const char* key, std::string fallback) {
    const json* v = find(key);
    if (!v) return fallback;
    return as_str(*v, at(key), true);
}

double Obj::number(const char* key) { return as_number(get(key), at(key)); }

std::optional<double> Obj::opt_number(const char* key) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    return as_number(*v, at(key));
}

bool Obj::opt_bool(const char* key, bool fallback) {
    const json* v = find(key);
    if (!v) return fallback;
    if (!v->is_boolean()) throw Bad(at(key), "must be true or false");
    return v->get<bool>();
}

const json& Obj::list(const char* key, std::size_t max_items) {
    const json& v = get(key);
    if (!v.is_array()) throw Bad(at(key), "must be a list");
    if (v.size() > max_items)
        throw Bad(at(key), "has " + std::to_string(v.size()) + " items (at most " +
                               std::to_string(max_items) + ")");
    return v;
}

std::string Obj::id(const char* key) { return as_id(get(key), at(key)); }

std::vector<std::string> Obj::strings(const char* key, std::size_t max_items) {
    std::vector<std::string> out;
    if (!has(key)) {
        ignore(key);
        return out;
    }
    const json& v = list(key, max_items);
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(as_str(v[i], index_path(at(key), i)));
    return out;
}

void Obj::done() const {
    for (auto it = v_.begin(); it != v_.end(); ++it)
        if (std::find(used_.begin(), used_.end(), it.key()) == used_.end())
            throw Bad(at(it.key()), "is not a known field");
}

std::string as_str(const json& v, const std::string& path, bool allow_empty) {
    if (!v.is_string()) throw Bad(path, "must be a string");
    const auto& s = v.get_ref<const std::string&>();
    if (!allow_empty && s.empty()) throw Bad(path, "must not be empty");
    if (s.size() > kMaxContentString) throw Bad(path, "is too long");
    return s;
}

double as_number(const json& v, const std::string& path) {
    if (!v.is_number()) throw Bad(path, "must be a number");
    double d = v.get<double>();
    if (!std::isfinite(d)) throw Bad(path, "must be a finite number");
    return d;
}

std::string index_path(const std::string& list_path, std::size_t i) {
    return list_path + "[" + std::to_string(i) + "]";
}

std::string as_id(const json& v, const std::string& path) {
    std::string s = as_str(v, path);
    bool ok = s.size() <= 64;
    for (char c : s)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '/');
    if (!ok) throw Bad(path, "must be an id of 1–64 letters, digits, '.', '_', '-' or '/' (got \"" + s.substr(0, 64) + "\")");
    return s;
}

}  // namespace afterglow::journal::content::detail
