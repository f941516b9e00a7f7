// The journey around the records: the first-run welcome, the actions carried into daily life
// and the reminders shown while the app runs (a banner on home; a desktop notification once).
#include "app/core/controller.hpp"
#include "app/core/journey_texts.hpp"
#include "crypto/secret.hpp"

namespace afterglow::app {

void Controller::update_reminders() {
    std::vector<Reminder> due = due_reminders(view_, view_.now);
    std::erase_if(due, [&](const Reminder& r) { return reminder_log_.has(reminder_log_.dismissed, r.key); });
    for (const auto& r : due) {
        if (reminder_log_.has(reminder_log_.notified, r.key)) continue;
        reminder_log_.notified.push_back(r.key);
        const auto& text = journey_text(view_.content(), r.text_id);
        reminder_log_.outbox.push_back({text.heading, text.body});
        event(Event::reminder);
    }
    auto keys = [](const std::vector<Reminder>& rs) {
        std::vector<std::string> k;
        for (const auto& r : rs) k.push_back(r.key);
        return k;
    };
    if (keys(due) == keys(view_.reminders)) return;
    view_.reminders = std::move(due);
    ++view_.revision;
    changed();  // a session ended or a window closed: the suggestion may change too
}

std::optional<double> Controller::seconds_until_reminder_change() const {
    auto t = next_reminder_change(view_, view_.now);
    if (!t) return std::nullopt;
    return static_cast<double>(*t - clock_->wall());
}

void Controller::on(cmd::FinishWelcome& f) {
    view_.settings.welcome_seen = true;
    if (!save_settings(settings_file_, view_.settings)) fail("Could not write the settings file.");
    if (f.add_session && unlocked()) {
        cmd::NewSession n;
        on(n);
        return;
    }
    navigate(Screen::home);
}

void Controller::on(cmd::RemoveAction& r) {
    if (!unlocked()) return;
    journal::Entry e = stored_entry(r.entry);
    if (e.meta.id.empty() || r.index >= e.actions.size()) return;
    crypto::wipe(e.actions[r.index].text);
    e.actions.erase(e.actions.begin() + static_cast<std::ptrdiff_t>(r.index));
    if (store(std::move(e))) notice("Removed from your list. The entry itself is unchanged.");
}

void Controller::on(cmd::DismissReminder& d) {
    if (!reminder_log_.has(reminder_log_.dismissed, d.key)) reminder_log_.dismissed.push_back(d.key);
    std::erase_if(view_.reminders, [&](const Reminder& r) { return r.key == d.key; });
    ++view_.revision;
}

}  // namespace afterglow::app
