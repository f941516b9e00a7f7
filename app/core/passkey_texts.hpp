// Every text of the passkey feature, in one place with stable names (the unlock screen,
// Settings → Passkeys and the controller's messages use these, never literals).
#pragma once

#include <string>

namespace afterglow::app::passkey_text {

// Unlock screen
inline constexpr char kUnlockButton[] = "Unlock";
inline constexpr char kUnlockHint[] = "With Face ID, your fingerprint, your screen lock or a security key.";
inline constexpr char kUsePassphrase[] = "Use my passphrase instead";
inline constexpr char kUsePasskey[] = "Unlock with my passkey instead";
inline constexpr char kDueNotice[] =
    "It has been a while: please type your passphrase this time, so you keep it in mind. "
    "It is the only way in on a new phone or computer.";
inline constexpr char kUnlocking[] = "Unlocking\xE2\x80\xA6";
inline constexpr char kAsking[] = "Waiting for your passkey\xE2\x80\xA6";

// Settings → Passkeys
inline constexpr char kSection[] = "Unlock with Face ID, fingerprint or a security key";
inline constexpr char kExplain[] =
    "A passkey opens your journal in one tap. Your passphrase keeps working, and the desktop "
    "app always uses it.";
inline constexpr char kNameLabel[] = "A name for this passkey";
inline constexpr char kNameHint[] = "e.g. My phone";
inline constexpr char kAdd[] = "Add a passkey";
inline constexpr char kNone[] = "No passkey yet.";
inline constexpr char kAddedOn[] = "added";
inline constexpr char kDamaged[] = "damaged: it cannot unlock. Remove it and add it again.";
inline constexpr char kRemove[] = "Remove";
inline constexpr char kConfirmRemove[] = "Remove it";
inline constexpr char kKeep[] = "Keep it";
inline constexpr char kReminderLabel[] = "Ask for my passphrase every";
inline constexpr char kReminderWhy[] =
    "So you do not forget it: the passphrase is the only way in on a new phone or computer, "
    "and if this phone is lost.";
inline constexpr char kNotOnDesktop[] =
    "Passkeys work in the app on your phone or in a browser. Here, your passphrase opens your journal.";

// Messages
inline constexpr char kNoPrf[] =
    "This device\xE2\x80\x99s passkeys cannot unlock a journal: they lack the feature this needs (called "
    "\xE2\x80\x9CPRF\xE2\x80\x9D). Nothing was changed; your passphrase still works.";
inline constexpr char kUnsupported[] =
    "This browser cannot unlock with a passkey. Your passphrase still works.";
inline constexpr char kCancelled[] = "The passkey was not used. Try again, or use your passphrase.";
inline constexpr char kFailed[] = "The passkey did not answer. Try again, or use your passphrase.";
inline constexpr char kNoneSetUp[] = "No passkey is set up for this journal. Use your passphrase.";
inline constexpr char kNameFirst[] = "Give this passkey a name first, so you can tell it apart later.";
inline constexpr char kNameTooLong[] = "That name is too long; a few words are enough.";
inline std::string added(const std::string& name) {
    return "Added \xE2\x80\x9C" + name + "\xE2\x80\x9D. Next time, tap Unlock and use it.";
}
inline std::string removed(const std::string& name) {
    return "Removed \xE2\x80\x9C" + name + "\xE2\x80\x9D. It no longer opens your journal.";
}

}  // namespace afterglow::app::passkey_text
