// Crisis numbers as tel:/sms: links (issue 22 item 7): what a phone's dialler gets.
#include <doctest/doctest.h>

#include "app/core/phone_links.hpp"
#include "journal/content/pack.hpp"

using namespace afterglow::app;

TEST_CASE("phone links: digits and a leading plus are kept, separators dropped") {
    CHECK(tel_uri("988") == "tel:988");
    CHECK(tel_uri("116 123") == "tel:116123");
    CHECK(tel_uri("+1 (623) 473-7433") == "tel:+16234737433");
    CHECK(sms_uri("741.741") == "sms:741741");
}

TEST_CASE("phone links: what is not a number has no link") {
    CHECK(tel_uri("").empty());
    CHECK(tel_uri("62-FIRESIDE").empty());  // letters: the line's `dial` gives the digits
    CHECK(tel_uri("+").empty());
    CHECK(tel_uri("1+2").empty());
    CHECK(sms_uri("call me").empty());
    CHECK(tel_uri("123456789012345678901").empty());  // longer than any phone number
}

TEST_CASE("phone links: every emergency number and line of the built-in pack can be called") {
    const auto& pack = afterglow::journal::content::default_pack();
    REQUIRE_FALSE(pack.crisis.regions.empty());
    for (const auto& r : pack.crisis.regions) {
        CAPTURE(r.id);
        CHECK_FALSE(tel_uri(r.emergency).empty());
        for (const auto& l : r.lines) {
            CAPTURE(l.id);
            CHECK_FALSE(tel_uri(l.dial.empty() ? l.phone : l.dial).empty());
            if (!l.text.empty()) CHECK_FALSE(sms_uri(l.text).empty());
        }
    }
}
