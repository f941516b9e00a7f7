// Scratch state of the measure screens: the questionnaire being taken (item by item, saved as
// a draft after every answer), the score-only entry, the trend's table toggle, the clinic
// pack path and the care team being edited. Part of Forms (wiped on lock).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "journal/content/care_team.hpp"
#include "journal/content/instrument.hpp"
#include "journal/types.hpp"

namespace afterglow::app {

struct MeasureForm {
    std::string instrument;                     // "" = the list of questionnaires
    std::optional<journal::RecordId> session;   // taken before/after this session
    std::vector<journal::content::Answer> answers;
    std::size_t index = 0;                      // position among the questions asked now
    journal::RecordId record;                   // the stored response (draft, then completed)
    bool finished = false;                      // the result shows
    void wipe();
};

struct ScoreForm {  // a total measured at the clinic
    std::string instrument, total, date;  // date "YYYY-MM-DD" (empty: today)
    bool table = false;                   // the trend screen shows tables instead of charts
    void wipe();
};

struct PackForm {
    std::string path;  // a pack file to import
};

struct CareTeamForm {
    journal::content::CareTeam team;
    void wipe();
};

}  // namespace afterglow::app
