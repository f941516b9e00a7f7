// The editor's text model and wrap layout (no renderer: every glyph is 10 units wide).
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "app/core/text_document.hpp"
#include "app/core/wrap_layout.hpp"

using namespace afterglow::app;

namespace {
const AdvanceFn kMono = [](std::uint32_t) { return 10.0f; };
}

TEST_CASE("document: paragraphs - insert across lines - erase - text round trip") {
    TextDocument d;
    d.set_text("first line\nsecond");
    CHECK(d.paragraph_count() == 2);
    CHECK(d.text() == "first line\nsecond");
    TextPos end = d.insert({0, 5}, " big\nnew");
    CHECK(d.text() == "first big\nnew line\nsecond");
    CHECK(end == TextPos{1, 3});
    d.erase({0, 5}, {1, 3});
    CHECK(d.text() == "first line\nsecond");
    CHECK(d.word_count() == 3);
}

TEST_CASE("document: UTF-8 aware caret movement") {
    TextDocument d;
    d.set_text("añ你");
    TextPos p{0, 0};
    p = d.next_char(p);
    CHECK(p.off == 1);
    p = d.next_char(p);
    CHECK(p.off == 3);
    p = d.next_char(p);
    CHECK(p.off == 6);
    CHECK(d.prev_char(p).off == 3);
    CHECK(d.clamp({0, 4}).off == 3);  // inside a code point: back to its start
}

TEST_CASE("undo: typing coalesces per word - undo/redo restore text and caret") {
    TextDocument d;
    TextPos c{};
    for (char ch : std::string("hello world")) c = d.insert(c, std::string(1, ch));
    CHECK(d.text() == "hello world");
    REQUIRE(d.undo(c));
    CHECK(d.text() == "hello ");
    REQUIRE(d.undo(c));
    CHECK(d.text() == "");
    REQUIRE(d.redo(c));
    CHECK(d.text() == "hello ");
    d.erase({0, 0}, {0, 1});
    CHECK(d.text() == "ello ");
    REQUIRE(d.undo(c));
    CHECK(d.text() == "hello ");
    CHECK(c == TextPos{0, 1});
}

TEST_CASE("wrap: breaks at spaces - hard-breaks long words - CJK anywhere") {
    auto starts = WrapLayout::wrap("aaa bbb ccc", 75, kMono);  // 7 glyphs per line
    REQUIRE(starts.size() == 2);
    CHECK(starts[1] == 8);  // "aaa bbb " | "ccc"
    starts = WrapLayout::wrap("abcdefghijkl", 50, kMono);
    CHECK(starts == std::vector<std::uint32_t>{0, 5, 10});
    starts = WrapLayout::wrap("你好你好你好", 35, kMono);  // 3 per line, 3 bytes each
    CHECK(starts == std::vector<std::uint32_t>{0, 9});
    CHECK(WrapLayout::wrap("", 50, kMono).size() == 1);
}

TEST_CASE("layout: visual lines - caret mapping - positions from x") {
    TextDocument d;
    d.set_text("aaa bbb ccc\nddd");
    WrapLayout l;
    l.update(d, 75, kMono);
    CHECK(l.line_count() == 3);
    auto v = l.line(d, 1);
    CHECK(v.para == 0);
    CHECK(v.begin == 8);
    CHECK(l.line(d, 2).para == 1);
    CHECK(l.line_of(d, {0, 9}) == 1);
    CHECK(l.x_of(d, {0, 9}, kMono) == doctest::Approx(10));
    CHECK(l.pos_at(d, 1, 14, kMono) == TextPos{0, 9});
    CHECK(l.pos_at(d, 2, 1000, kMono) == TextPos{1, 3});
}

TEST_CASE("layout is incremental: an edit re-lays out only its paragraph") {
    TextDocument d;
    std::string text;
    for (int p = 0; p < 1000; ++p) {
        for (int w = 0; w < 20; ++w) text += "word ";
        text += "\n";
    }
    d.set_text(text);  // 20,000 words
    CHECK(d.word_count() == 20000);
    WrapLayout l;
    CHECK(l.update(d, 300, kMono) == 1001);
    const std::size_t lines = l.line_count();
    CHECK(l.update(d, 300, kMono) == 0);  // nothing changed: nothing laid out
    TextPos c = d.insert({500, 3}, "x");
    CHECK(c == TextPos{500, 4});
    CHECK(l.update(d, 300, kMono) == 1);
    d.insert({10, 0}, "new paragraph\n");
    CHECK(l.update(d, 300, kMono) == 2);
    CHECK(l.line_count() == lines + 1);
    CHECK(l.update(d, 200, kMono) == d.paragraph_count());  // new width: everything

    // Typing 200 characters into the middle of the 20,000-word document stays fast.
    const auto t0 = std::chrono::steady_clock::now();
    TextPos caret{600, 10};
    for (int i = 0; i < 200; ++i) {
        caret = d.insert(caret, "a");
        l.update(d, 200, kMono);
        (void)l.line_of(d, caret);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("200 keystrokes with layout: " << ms << " ms");
    CHECK(ms < 200);
}

TEST_CASE("wipe empties text and history") {
    TextDocument d;
    d.set_text("secret words");
    TextPos c{};
    d.insert({0, 0}, "more ");
    d.wipe();
    CHECK(d.empty());
    CHECK_FALSE(d.can_undo());
    CHECK_FALSE(d.undo(c));
}
