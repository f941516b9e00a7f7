// Domain types of the KAP journey. Plain values: no I/O, no crypto. Every record kind has a
// random 128-bit id, a created/updated time and a version the vault maintains.
#pragma once

#include <array>
#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "journal/time.hpp"

namespace afterglow::journal {

struct RecordId {
    std::array<std::uint8_t, 16> bytes{};

    static RecordId random();
    static std::optional<RecordId> parse(std::string_view hex32);  // 32 hex digits
    std::string hex() const;
    std::string short_hex() const { return hex().substr(0, 8); }  // for lists and the CLI
    bool empty() const;

    // The bytes' order (a sorted id list is the same on every device), compared as two
    // big-endian words: every map and sort of ids in a merge or a join compares here, and a
    // call to memcmp per comparison was a tenth of a join's time (docs/sync.md §9).
    friend bool operator==(const RecordId& a, const RecordId& b) noexcept {
        return a.word(0) == b.word(0) && a.word(1) == b.word(1);
    }
    friend std::strong_ordering operator<=>(const RecordId& a, const RecordId& b) noexcept {
        const std::uint64_t x = a.word(0), y = b.word(0);
        return x != y ? x <=> y : a.word(1) <=> b.word(1);
    }
    std::uint64_t word(int i) const noexcept {  // bytes [8i, 8i+8) as a big-endian number
        std::uint64_t w;
        std::memcpy(&w, bytes.data() + 8 * i, 8);
        if constexpr (std::endian::native == std::endian::little) w = __builtin_bswap64(w);
        return w;
    }
};

struct RecordIdHash {
    std::size_t operator()(const RecordId& id) const noexcept;  // SipHash, random key per process
};

// Fields the vault maintains for every record.
struct RecordMeta {
    RecordId id;            // empty on a new record: the vault assigns one
    std::uint64_t version = 0;  // 0 on a new record; +1 on every save
    Timestamp created;
    Timestamp updated;
};

// ---- sessions ---------------------------------------------------------------------------
enum class SessionKind : std::uint8_t { intake, preparation, medicine, integration, maintenance, count };
enum class Protocol : std::uint8_t { none, kap, medical_only, count };  // medicine sessions only
enum class Route : std::uint8_t { none, im, iv, oral, sublingual, nasal, count };

struct Session {
    RecordMeta meta;
    SessionKind kind = SessionKind::medicine;
    Protocol protocol = Protocol::kap;
    Route route = Route::none;
    std::optional<Timestamp> scheduled;  // planned start
    std::optional<Timestamp> started;
    std::optional<Timestamp> ended;  // the integration window opens here
    std::string provider;
    std::string notes;
};

// ---- entries ----------------------------------------------------------------------------
enum class EntryKind : std::uint8_t { intention, session_note, integration, reflection, count };

struct PromptAnswer {
    std::string prompt;  // the heading as shown when it was answered
    std::string answer;
    std::string id{};    // the pack's stable prompt id ("intention.explore"); "" = own prompt
                         // (or an answer saved before ids existed: content::map_prompt_ids)
    friend bool operator==(const PromptAnswer&, const PromptAnswer&) = default;
};

struct Action {  // "what I will carry into daily life"
    std::string text;
    bool done = false;
    friend bool operator==(const Action&, const Action&) = default;
};

struct ChecklistItem {  // preparation checklist of an intention
    std::string label;
    bool done = false;
    std::string id{};  // the pack's stable item id ("prep.driver"); "" = the patient's own item
    friend bool operator==(const ChecklistItem&, const ChecklistItem&) = default;
};

struct Entry {
    RecordMeta meta;
    EntryKind kind = EntryKind::reflection;
    std::string title;
    std::string body;
    std::vector<PromptAnswer> prompts;
    std::vector<std::string> emotions;
    std::vector<std::string> tags;
    std::vector<Action> actions;
    std::vector<ChecklistItem> checklist;
    std::optional<RecordId> session;  // the session it belongs to
    bool captured = false;            // added by quick capture while the vault was locked
};

// ---- check-ins --------------------------------------------------------------------------
struct Score {
    std::string measure;  // "mood", "anxiety", "sleep", "energy", "connection", "PHQ-9", …
    double value = 0;
    double min = 0;   // scale bounds, for charts
    double max = 10;
    friend bool operator==(const Score&, const Score&) = default;
};

struct CheckIn {
    RecordMeta meta;
    Timestamp at;
    std::vector<Score> scores;
    std::string note;
    std::optional<RecordId> session;
    // The safety question ("Are you having thoughts of harming yourself?"): nullopt when it
    // was not answered (records from before it was stored read as unanswered).
    std::optional<bool> harm_thoughts;
};
// "yes", "no", or "" when unanswered (CLI, exports).
std::string safety_answer(const CheckIn& c);

// ---- goals ------------------------------------------------------------------------------
enum class GoalStatus : std::uint8_t { active, achieved, paused, dropped, count };

struct Goal {
    RecordMeta meta;
    std::string title;
    std::string description;
    GoalStatus status = GoalStatus::active;
    std::optional<Timestamp> target;
    std::vector<std::string> reviews;  // dated notes when the goal is revisited
};

// ---- standard measures (FHIR Questionnaires, journal/content/instrument.hpp) -------------
// completed: every required item answered and scored; in_progress: a draft to resume;
// score_only: a total the clinic measured (no item answers).
enum class ResponseStatus : std::uint8_t { in_progress, completed, score_only, count };

struct ItemAnswer {  // one answered item, enough to export it without the Questionnaire
    std::string link_id;
    std::string system;   // valueCoding (empty for integer/decimal answers)
    std::string code;
    std::string display;
    double value = 0;     // the option's score (else its position), or the number entered
    bool scored = false;  // value is a score that counts towards the total
    friend bool operator==(const ItemAnswer&, const ItemAnswer&) = default;
};

struct MeasureResponse {
    RecordMeta meta;
    std::string instrument;     // the pack's instrument id ("phq-9")
    std::string title;          // "PHQ-9", as the instrument named itself then
    std::string questionnaire;  // canonical URL (with "|version" when it has one)
    ResponseStatus status = ResponseStatus::completed;
    Timestamp authored;
    std::vector<ItemAnswer> answers;
    std::optional<double> total;  // nullopt while in progress or when incomplete
    double total_max = 0;         // for charts
    std::string total_link_id;    // the Questionnaire's total item, when it has one
    std::string band;             // severity band label at that total ("moderate")
    std::vector<std::string> flags;  // risk items answered above their threshold (item text)
    std::optional<RecordId> session;
    std::string note;
};

// ---- private settings stored as encrypted records ----------------------------------------
// clinic_pack: an imported content pack (body = its JSON); care_team: the patient's care
// team (body = JSON, journal/content/care_team.hpp); one of each at most. instrument: a
// FHIR Questionnaire imported on its own (body = its JSON), one per instrument id.
enum class DocumentKind : std::uint8_t { clinic_pack, care_team, instrument, count };

struct Document {
    RecordMeta meta;
    DocumentKind kind = DocumentKind::clinic_pack;
    std::string name;  // e.g. the pack's file name
    std::string body;
};

using Record = std::variant<Session, Entry, CheckIn, Goal, MeasureResponse, Document>;

// The most one record may hold (16 MiB of text): the vault refuses to save more, the CLI stops
// reading standard input there, and no text field of a backup may be longer.
inline constexpr std::size_t kMaxRecordBytes = 16u << 20;

const RecordMeta& meta_of(const Record& r);
RecordMeta& meta_of(Record& r);

// Stable lower-case names (CLI, exports, JSON). parse_* return nullopt for unknown names.
const char* to_string(SessionKind k);
const char* to_string(Protocol p);
const char* to_string(Route r);
const char* to_string(EntryKind k);
const char* to_string(GoalStatus s);
const char* to_string(ResponseStatus s);  // "in-progress", "completed", "score-only"
const char* to_string(DocumentKind k);    // "clinic-pack", "care-team"
std::optional<SessionKind> parse_session_kind(std::string_view s);
std::optional<Protocol> parse_protocol(std::string_view s);
std::optional<Route> parse_route(std::string_view s);
std::optional<EntryKind> parse_entry_kind(std::string_view s);
std::optional<GoalStatus> parse_goal_status(std::string_view s);
std::optional<ResponseStatus> parse_response_status(std::string_view s);
std::optional<DocumentKind> parse_document_kind(std::string_view s);

// Labels for people ("Session note", "Medicine", "IM").
const char* label(SessionKind k);
const char* label(EntryKind k);
const char* label(Route r);

struct QuickNote {  // what quick capture stores (sealed to the vault's public key)
    std::string title;
    std::string body;
    Timestamp at;  // now() if left empty (utc == 0)
};

}  // namespace afterglow::journal
