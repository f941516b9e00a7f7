// One function per screen, each in its own screen_*.cpp. A screen reads u.view, edits its
// own form in u.forms and appends commands to u.out; it never touches the vault.
#pragma once

#include "app/ui.hpp"

namespace afterglow::app {

void draw_first_run(Ui& u);
void draw_join_step(Ui& u);  // first run: "Join a journal you already have"
void draw_unlock(Ui& u);
void draw_home(Ui& u);
void draw_session(Ui& u);
void draw_intention(Ui& u);
void draw_editor(Ui& u);
void draw_journal(Ui& u);
void draw_settings(Ui& u);
void draw_crisis(Ui& u);
void draw_export(Ui& u);  // only with the export library
void draw_import(Ui& u);  // a backup from another device
void draw_checkin(Ui& u);
void draw_welcome(Ui& u);
void draw_goals(Ui& u);
void draw_questionnaire(Ui& u);
void draw_measures(Ui& u);
void draw_clinic_pack(Ui& u);
void draw_care_team(Ui& u);
void draw_sync(Ui& u);  // Settings → Sync

// Shared by the session page and the integration editor: the intention, read-only.
void intention_summary(Ui& u, const journal::RecordId& session, bool compact);

}  // namespace afterglow::app
