// Schedule suggestions: the form follows the current suggestion (schedule_suggest.hpp); on
// Accept every date is checked first, and the sessions are planned in one transaction, or
// none is (a date that is not a date names itself and nothing is saved).
#include "app/core/calendar.hpp"
#include "app/core/controller.hpp"
#include "app/core/form_mapping.hpp"
#include "journal/time.hpp"

namespace afterglow::app {

void Controller::sync_schedule_form() {
    auto& f = forms_.schedule;
    if (!view_.suggestion) {
        f = ScheduleForm{};
        return;
    }
    const auto& s = *view_.suggestion;
    if (f.after == s.after && f.kind_maintenance == (s.kind == SuggestionKind::maintenance)) return;
    f = ScheduleForm{};
    f.after = s.after;
    f.kind_maintenance = s.kind == SuggestionKind::maintenance;
    for (auto t : s.dates) f.dates.push_back(journal::to_local_date(t));
    if (!s.dates.empty()) f.time = journal::format_local(s.dates.front(), "%H:%M");
}

void Controller::on(cmd::AcceptSchedule&) {
    if (!unlocked()) return;
    auto& f = forms_.schedule;
    const auto* last = vault_->find_session(f.after);
    if (!last) return;
    if (f.dates.empty()) {
        fail("There are no dates to plan. Add one, or choose \"Not now\".");
        return;
    }
    std::vector<journal::Record> planned;
    for (std::size_t i = 0; i < f.dates.size(); ++i) {
        if (std::string why = date_problem(f.dates[i]); !why.empty() || f.dates[i].empty()) {
            fail("Date " + std::to_string(i + 1) + ": " + (why.empty() ? "please write a date." : why) + " Nothing was planned.");
            return;
        }
        SessionForm sf = session_form(*last);
        sf.id = {};
        sf.meta = {};
        sf.notes.clear();
        sf.date = f.dates[i];
        sf.time = f.time;
        auto s = session_from_form(sf, journal::Session{});
        if (!s) {
            fail("Date " + std::to_string(i + 1) + ": " + s.error().message + " Nothing was planned.");
            return;
        }
        s.value().started.reset();
        planned.emplace_back(std::move(s.value()));
    }
    const std::size_t n = planned.size();
    if (auto st = vault_->save_all(std::move(planned)); !st) {
        fail(st.error().message);
        return;
    }
    changed();
    notice("Planned " + std::to_string(n) + (n == 1 ? " session" : " sessions") +
           ". Change or remove any of them whenever your provider's plan changes.");
    event(Event::saved_session);
}

}  // namespace afterglow::app
