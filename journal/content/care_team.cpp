#include "journal/content/care_team.hpp"

#include <nlohmann/json.hpp>

#include "journal/content/documents.hpp"
#include "journal/text.hpp"

namespace afterglow::journal::content {
namespace {

using json = nlohmann::json;

Status check_contact(const Contact& c, const std::string& who) {
    if (!valid_utf8(c.name) || c.name.size() > 200)
        return make_error(Errc::invalid_argument, "The " + who + "'s name must be UTF-8 text of at most 200 characters.", who + ".name");
    if (c.phone.size() > 32)
        return make_error(Errc::invalid_argument, "The " + who + "'s phone number is longer than 32 characters.", who + ".phone");
    for (char ch : c.phone) {
        bool ok = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  ch == ' ' || ch == '+' || ch == '(' || ch == ')' || ch == '-' || ch == '.' ||
                  ch == '/' || ch == '#' || ch == '*';
        if (!ok)
            return make_error(Errc::invalid_argument,
                              "The " + who + "'s phone number may hold digits, letters, spaces and + ( ) - . / # * only.",
                              who + ".phone");
    }
    return {};
}

json contact_json(const Contact& c) { return json{{"name", c.name}, {"phone", c.phone}}; }

Contact contact_from(const json& j, const char* key) {
    Contact c;
    if (!j.contains(key) || !j[key].is_object()) return c;
    const json& o = j[key];
    if (o.contains("name") && o["name"].is_string()) c.name = o["name"];
    if (o.contains("phone") && o["phone"].is_string()) c.phone = o["phone"];
    return c;
}

}  // namespace

Status validate(const CareTeam& t) {
    if (auto st = check_contact(t.therapist, "therapist"); !st) return st;
    if (auto st = check_contact(t.clinic, "clinic"); !st) return st;
    return check_contact(t.trusted, "trusted person");
}

std::optional<CareTeam> load_care_team(const Vault& vault) {
    const Document* d = detail::find_document(vault, DocumentKind::care_team);
    if (!d) return std::nullopt;
    json j = json::parse(d->body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    CareTeam t;
    t.therapist = contact_from(j, "therapist");
    t.clinic = contact_from(j, "clinic");
    t.trusted = contact_from(j, "trusted");
    return t;
}

Status save_care_team(Vault& vault, const CareTeam& team) {
    if (auto st = validate(team); !st) return st;
    if (team.empty()) return detail::remove_document(vault, DocumentKind::care_team);
    json j{{"format_version", 1},
           {"therapist", contact_json(team.therapist)},
           {"clinic", contact_json(team.clinic)},
           {"trusted", contact_json(team.trusted)}};
    return detail::put_document(vault, DocumentKind::care_team, "care team", j.dump());
}

}  // namespace afterglow::journal::content
