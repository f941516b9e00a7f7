// Passkeys on screen (app/screen_passkeys.cpp): the unlock screen's one large "Unlock" button
// and the Settings section that adds, lists and removes passkeys.
#pragma once

#include "app/ui.hpp"

namespace afterglow::app {

// On the unlock screen, when a passkey can open the journal: the large "Unlock" button (it asks
// for the passkey at once) and "Use my passphrase instead". False: draw the passphrase field.
bool draw_passkey_unlock(Ui& u);
// Settings → "Unlock with Face ID, fingerprint or a security key".
void draw_passkey_settings(Ui& u);

}  // namespace afterglow::app
