// Questionnaires (taken item by item; every answer is saved at once as an encrypted draft,
// finishing turns that record into a completed response), totals measured at the clinic,
// the imported clinic pack and the care team. A risk answer (PHQ-9 item 9 above "not at
// all") opens the crisis screen the moment it is picked; the response keeps its flag.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "app/core/controller.hpp"
#include "app/core/form_mapping.hpp"
#include "app/core/journey.hpp"
#include "app/core/measure_flow.hpp"
#include "crypto/secret.hpp"
#include "journal/content/care_team.hpp"
#include "journal/content/clinic_pack.hpp"
#include "journal/content/measures.hpp"
#include "journal/content/migrate.hpp"
#include "journal/time.hpp"

namespace afterglow::app {
namespace content = journal::content;

namespace {

const journal::MeasureResponse* response_by_id(const journal::Vault& v, const journal::RecordId& id) {
    if (id.empty()) return nullptr;
    for (const auto& r : v.responses())
        if (r.meta.id == id) return &r;
    return nullptr;
}

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace

void Controller::load_content() {
    content::ActivePack active = content::active_pack(*vault_);
    imported_pack_ = active.imported_name;
    pack_problems_ = active.problems;
    view_.pack = std::make_shared<const content::Pack>(std::move(active.pack));
    // Answers saved before prompt ids existed get their ids (a migrated vault changes nothing).
    if (!vault_->read_only() && !vault_->needs_repair())
        if (auto migrated = content::migrate_prompt_ids(*vault_, *view_.pack); !migrated)
            fail("Could not update older intentions to this version: " + migrated.error().message);
}

void Controller::refresh_measures() {
    view_.measures = build_measures_view(*vault_, view_.content());
    view_.measures.imported_pack = imported_pack_;
    view_.measures.pack_problems = pack_problems_;
}

// ---- taking a questionnaire ------------------------------------------------------------------

void Controller::on(cmd::ChooseMeasure& c) {
    if (!unlocked()) return;
    forms_.measure = MeasureForm{};
    forms_.measure.session = c.session;
    show(Screen::questionnaire, view_.screen == Screen::questionnaire ? view_.back : view_.screen);
}

void Controller::on(cmd::StartMeasure& s) {
    if (!unlocked()) return;
    const content::Instrument* ins = view_.content().instrument(s.instrument);
    if (!ins) {
        fail("There is no questionnaire called \"" + s.instrument + "\" in the pack in use.");
        return;
    }
    auto& f = forms_.measure;
    const auto session = f.session;
    f = MeasureForm{};
    f.session = session;
    f.instrument = ins->id;
    if (const auto* draft = content::find_draft(*vault_, ins->id)) {
        if (s.resume) {
            f.answers = content::answers_of(*draft, *ins);
            f.record = draft->meta.id;
            if (!f.session) f.session = draft->session;
        } else if (!remove_record(draft->meta.id)) {
            return;
        }
    }
    f.index = first_unanswered(*ins, f.answers);
    navigate(Screen::questionnaire);
}

void Controller::on(cmd::AnswerMeasure& a) {
    if (!unlocked()) return;
    auto& f = forms_.measure;
    const content::Instrument* ins = view_.content().instrument(f.instrument);
    if (!ins || f.finished) return;
    const AnswerOutcome outcome = answer_current(*ins, f, a.option);
    auto saved = content::save_answers(*vault_, *ins, f.answers, response_by_id(*vault_, f.record), f.session);
    if (!saved) {
        fail("Could not save your answer: " + saved.error().message);
    } else {
        f.record = saved->meta.id;
        changed();
        if (outcome.finished && saved->status == journal::ResponseStatus::completed) {
            f.finished = true;
            event(Event::saved_measure);
        } else {
            event(Event::measure_draft_saved);
        }
    }
    // The crisis screen opens now, saved or not; Back returns to the questionnaire.
    if (outcome.risk) show(Screen::crisis, Screen::questionnaire);
}

void Controller::on(cmd::MeasureBack&) {
    auto& f = forms_.measure;
    if (f.finished || f.instrument.empty()) {
        cmd::Back back;
        on(back);
        return;
    }
    if (f.index > 0) --f.index;
    else f.instrument.clear();  // the list of questionnaires (the draft stays to resume)
}

// ---- a total measured at the clinic -----------------------------------------------------------

void Controller::on(cmd::SaveScoreOnly&) {
    if (!unlocked()) return;
    auto& f = forms_.score;
    const content::Instrument* ins = view_.content().instrument(f.instrument);
    if (!ins) {
        fail("Please choose the questionnaire the clinic used.");
        return;
    }
    const std::string range = ins->display_name() + " totals are whole numbers from 0 to " + number_text(ins->max_total());
    char* end = nullptr;
    const double total = std::strtod(f.total.c_str(), &end);
    if (f.total.empty() || end == f.total.c_str() || *end != '\0' || !std::isfinite(total)) {
        fail("Please write the total as a number. " + range + ".");
        return;
    }
    if (total < 0 || total > ins->max_total() || total != std::floor(total)) {
        fail(number_text(total) + " is not a possible total: " + range + ".");
        return;
    }
    std::int64_t when = clock_->wall();
    if (!f.date.empty()) {
        auto day = from_day(f.date, FormField::session_date);
        if (!day) {
            fail(day.error().message);
            return;
        }
        when = std::min(*day.value() + 12 * 3600, when);  // midday of that day (not in the future)
        if (*day.value() > clock_->wall()) {
            fail("That date is in the future. Please give the day the clinic measured it.");
            return;
        }
    }
    auto r = content::make_score_only(*ins, total, journal::from_utc(when));
    if (!r) {
        fail(r.error().message);
        return;
    }
    if (!store(journal::Record{std::move(*r)})) return;
    notice(ins->display_name() + " " + number_text(total) + " from " + format_date(when) + " is saved.");
    f.total.clear();
    f.date.clear();
    event(Event::saved_score);
}

// ---- the clinic pack ------------------------------------------------------------------------

void Controller::on(cmd::ImportPack&) {
    if (!unlocked()) return;
    const std::filesystem::path path = forms_.pack.path;
    const std::string name = path.filename().string();
    if (forms_.pack.path.empty()) {
        fail("Please give the path of the pack file your clinic sent you.");
        return;
    }
    std::ifstream in(path, std::ios::binary);
    std::string text;
    if (in) text.assign(std::istreambuf_iterator<char>(in), {});
    if (!in && !in.eof()) {
        fail("Could not read " + path.string() + ". Check the path. Nothing was changed.");
        return;
    }
    auto imported = content::import_pack(*vault_, text, name.empty() ? path.string() : name);
    crypto::wipe(text);
    if (!imported) {
        fail(imported.error().message);
        return;
    }
    load_content();
    changed();
    forms_.pack.path.clear();
    notice("The pack \"" + imported->name + "\" is in use now, kept inside your encrypted journal.");
    event(Event::pack_imported);
}

void Controller::on(cmd::RemovePack&) {
    if (!unlocked()) return;
    if (auto st = content::remove_imported_pack(*vault_); !st) {
        fail(st.error().message);
        return;
    }
    load_content();
    changed();
    notice("The clinic pack is removed: Afterglow's own pack is in use.");
}

// ---- my care team ---------------------------------------------------------------------------

void Controller::on(cmd::OpenCareTeam&) {
    if (!unlocked()) return;
    forms_.care_team.wipe();
    if (auto team = content::load_care_team(*vault_)) forms_.care_team.team = *team;
    show(Screen::care_team, Screen::settings);
}

void Controller::on(cmd::SaveCareTeam&) {
    if (!unlocked()) return;
    const auto& team = forms_.care_team.team;
    if (auto st = content::validate(team); !st) {
        fail(st.error().message);
        return;
    }
    if (auto st = content::save_care_team(*vault_, team); !st) {
        fail(st.error().message);
        return;
    }
    changed();
    notice(team.empty() ? "Your care team is cleared." : "Saved, encrypted. Your care team shows first on the crisis screen.");
    event(Event::saved_care_team);
}

}  // namespace afterglow::app
