// Phone numbers of the crisis screen and the care team as links: a `tel:` (call) or `sms:`
// (text) URI the phone opens in its dialler or messages app (RFC 3966 global or local
// numbers: the digits, a leading "+" kept; spaces, dashes, dots and brackets dropped). A
// number that is not one (empty, letters as in "62-FIRESIDE", no digits) has no link: the
// crisis line's `dial` field gives the digits then.
#pragma once

#include <string>
#include <string_view>

namespace afterglow::app {

// "+1 (623) 473-7433" -> "+16234737433"; "" when it is not a dialable number.
std::string dialable(std::string_view number);
std::string tel_uri(std::string_view number);  // "tel:988", or "" (see dialable)
std::string sms_uri(std::string_view number);  // "sms:988", or ""

}  // namespace afterglow::app
