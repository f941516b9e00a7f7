// Strict, bounded reading of our content JSON (packs, Questionnaires): every failure names
// the file, the field (a JSON path such as "checklist[2].label") and the problem.
// Internal to afterglow_content; nlohmann::json does not leave this library.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/result.hpp"

namespace afterglow::journal::content::detail {

using json = nlohmann::json;

inline constexpr std::size_t kMaxContentFileBytes = 4u << 20;
inline constexpr std::size_t kMaxContentString = 64u << 10;
inline constexpr int kMaxContentNesting = 32;  // JSON depth (a Questionnaire nests items)

struct Bad : std::runtime_error {
    Bad(std::string field, std::string problem) : std::runtime_error(problem), field(std::move(field)) {}
    std::string field;
};

// The error every content reader returns: "<file>: <field> <problem>".
Error content_error(std::string_view file, const std::string& field, const std::string& problem);

// Parses text (size, UTF-8 and nesting checked first). Throws Bad with field "" on failure.
json parse_text(std::string_view text);

// One JSON object; remembers the keys read so done() can refuse unknown ones.
class Obj {
public:
    Obj(const json& v, std::string path);
    const std::string& path() const { return path_; }
    std::string at(std::string_view key) const;  // path of a member
    bool has(const char* key) const;
    const json* find(const char* key);           // marks the key as known
    const json& get(const char* key);            // missing: Bad "is missing"
    std::string str(const char* key);            // non-empty string
    std::string opt_str(const char* key, std::string fallback = {});
    double number(const char* key);
    std::optional<double> opt_number(const char* key);
    bool opt_bool(const char* key, bool fallback);
    const json& list(const char* key, std::size_t max_items = 1000);
    std::string id(const char* key = "id");  // a stable id (as_id)
    // A list of strings; empty when the key is absent.
    std::vector<std::string> strings(const char* key, std::size_t max_items = 100);
    void ignore(const char* key) { (void)find(key); }
    void done() const;  // refuses keys that were not read
private:
    const json& v_;
    std::string path_;
    std::vector<std::string> used_;
};

std::string as_str(const json& v, const std::string& path, bool allow_empty = false);
double as_number(const json& v, const std::string& path);
std::string index_path(const std::string& list_path, std::size_t i);
// A stable id: 1–64 characters of a–z, A–Z, 0–9, '.', '_', '-', '/'.
std::string as_id(const json& v, const std::string& path);

}  // namespace afterglow::journal::content::detail

#include "journal/content/instrument.hpp"

namespace afterglow::journal::content::detail {

// parse_questionnaire() for a Questionnaire inside another file: fields are named from `at`
// ("instruments[0].item[3].linkId").
Result<Instrument> parse_questionnaire_at(std::string_view text, std::string_view file, const std::string& at);

}  // namespace afterglow::journal::content::detail
