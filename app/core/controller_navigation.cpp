// Navigation between screens (Back, the crisis screen's return), settings, messages.
#include "app/core/controller.hpp"

namespace afterglow::app {

void Controller::navigate(Screen s) {
    if (s != view_.screen) show(s);
}

void Controller::show(Screen s, std::optional<Screen> back) {
    const bool needs_unlock = s != Screen::crisis && s != Screen::unlock && s != Screen::first_run;
    if (needs_unlock && !unlocked()) return;
    if (view_.screen == Screen::editor && s != Screen::editor && forms_.editor.dirty) autosave_now();
    // The crisis screen returns to where it was opened; leaving it keeps that place.
    if (s == Screen::crisis || view_.screen != Screen::crisis) view_.back = view_.screen;
    if (back) view_.back = *back;
    view_.screen = s;
    view_.error.clear();
    // The follow-up of a safety "yes" stays while its help is being used, then goes.
    if (s != Screen::checkin && s != Screen::crisis && s != Screen::care_team) view_.safety_followup = false;
    if (s == Screen::settings) forms_.settings.vault_path = view_.settings.vault_path;
    if (s == Screen::settings) read_storage_status();
    if (s == Screen::journal) forms_.journal.focus_search = true;
    // Where PDF cannot be written, the export screen opens on Markdown (PDF explains itself).
    if (s == Screen::export_data && !view_.pdf_unavailable.empty() && forms_.export_form.format == ExportFormat::pdf)
        forms_.export_form.format = ExportFormat::markdown;
}

void Controller::on(cmd::Back&) { navigate(view_.back == view_.screen ? Screen::home : view_.back); }

void Controller::on(cmd::ClearMessage&) {
    view_.error.clear();
    view_.notice.clear();
}

void Controller::on(cmd::OpenLink& l) {
    if (opt_.services.open_link && !l.uri.empty()) opt_.services.open_link(l.uri);
}

void Controller::on(cmd::Copied& c) { notice("Copied " + c.number + ". Paste it into your phone to call."); }

void Controller::on(cmd::ApplySettings& a) {
    const bool path_changed = a.settings.vault_path != view_.settings.vault_path;
    view_.settings = a.settings;
    idle_.set_timeout(autolock_seconds());
    if (!save_settings(settings_file_, view_.settings)) fail("Could not write the settings file.");
    if (path_changed) notice("The new vault location is used the next time Afterglow starts.");
}

void Controller::read_storage_status() {
    const auto& sv = opt_.services;
    view_.storage_status = sv.storage ? sv.storage() : std::string();
    view_.can_keep_storage = sv.keep_storage && !(sv.storage_kept && sv.storage_kept());
}

void Controller::on(cmd::KeepStorage&) {
    if (opt_.services.keep_storage) opt_.services.keep_storage();
    read_storage_status();  // the browser answers later: Settings reads it again when opened
}

}  // namespace afterglow::app
