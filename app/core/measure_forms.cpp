#include "app/core/measure_forms.hpp"

#include "crypto/secret.hpp"

namespace afterglow::app {

void MeasureForm::wipe() { *this = MeasureForm{}; }

void ScoreForm::wipe() {
    crypto::wipe(total);
    *this = ScoreForm{};
}

void CareTeamForm::wipe() {
    for (auto* c : {&team.therapist, &team.clinic, &team.trusted}) crypto::wipe(c->name), crypto::wipe(c->phone);
    team = {};
}

}  // namespace afterglow::app
