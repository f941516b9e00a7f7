// "My care team": the therapist, the clinic and a trusted person, shown first on the crisis
// screen. Stored as an encrypted Document record (kind care_team) in the vault.
#pragma once

#include <optional>
#include <string>

#include "crypto/result.hpp"
#include "journal/vault.hpp"

namespace afterglow::journal::content {

struct Contact {
    std::string name, phone;
    bool empty() const { return name.empty() && phone.empty(); }
    friend bool operator==(const Contact&, const Contact&) = default;
};

struct CareTeam {
    Contact therapist, clinic, trusted;
    bool empty() const { return therapist.empty() && clinic.empty() && trusted.empty(); }
    friend bool operator==(const CareTeam&, const CareTeam&) = default;
};

// Names up to 200 characters; phones up to 32 of digits, letters (62-FIRESIDE), spaces and
// + ( ) - . / # *. Errc::invalid_argument naming the field otherwise.
Status validate(const CareTeam& team);

std::optional<CareTeam> load_care_team(const Vault& vault);  // nullopt: none saved
// Saves (replacing the one saved before). An empty team removes it.
Status save_care_team(Vault& vault, const CareTeam& team);

}  // namespace afterglow::journal::content
