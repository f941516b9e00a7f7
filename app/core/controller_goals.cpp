// Treatment goals: write one, revisit it with a 0–10 progress rating and a note (stored as a
// readable review line, goal_review.hpp), pause or mark it achieved, and link entries to it.
#include <algorithm>

#include "app/core/controller.hpp"
#include "app/core/goal_review.hpp"
#include "app/core/view_model.hpp"
#include "crypto/secret.hpp"
#include "journal/text.hpp"
#include "journal/time.hpp"

namespace afterglow::app {
namespace {

std::string trimmed(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    const auto b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}

}  // namespace

void Controller::on(cmd::SaveGoal&) {
    if (!unlocked()) return;
    auto& f = forms_.goals;
    journal::Goal g;
    g.title = trimmed(f.title);
    g.description = trimmed(f.description);
    if (g.title.empty()) {
        fail("Give the goal a few words first, for example \"Sleep through the night\".");
        return;
    }
    if (!store(std::move(g))) return;
    crypto::wipe(f.title), crypto::wipe(f.description);
    notice("Goal saved. Revisit it whenever you like.");
}

void Controller::on(cmd::ReviewGoal&) {
    if (!unlocked()) return;
    auto& f = forms_.goals;
    const auto* stored = vault_->find_goal(f.open);
    if (!stored) return;
    GoalReview r;
    r.date = journal::to_local_date(clock_->wall());
    r.progress = f.progress;
    r.note = trimmed(f.note);
    if (r.progress < 0 && r.note.empty()) {
        fail("Rate how it is going, or write a note, then save.");
        return;
    }
    if (r.progress > 10) r.progress = 10;
    journal::Goal g = *stored;
    g.reviews.push_back(review_text(r));
    crypto::wipe(r.note);
    if (!store(std::move(g))) return;
    crypto::wipe(f.note);
    f.progress = -1;
    notice("Saved. Your earlier visits are below.");
}

void Controller::on(cmd::SetGoalStatus& s) {
    if (!unlocked()) return;
    const auto* stored = vault_->find_goal(s.goal);
    if (!stored) return;
    journal::Goal g = *stored;
    g.status = s.status;
    if (store(std::move(g))) notice(s.status == journal::GoalStatus::achieved ? "Marked as achieved. Well done."
                                                                              : "Goal updated.");
}

void Controller::on(cmd::LinkGoal& l) {
    if (!unlocked()) return;
    const auto* goal = vault_->find_goal(l.goal);
    journal::Entry e = stored_entry(l.entry);
    if (!goal || e.meta.id.empty()) return;
    const std::string tag = goal_tag(goal->title);
    auto it = std::find(e.tags.begin(), e.tags.end(), tag);
    const bool linking = it == e.tags.end();
    if (linking) e.tags.push_back(tag);
    else e.tags.erase(it);
    if (store(std::move(e))) notice(linking ? "Linked to this goal." : "No longer linked to this goal.");
}

}  // namespace afterglow::app
