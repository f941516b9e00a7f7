#include "app/core/text_document.hpp"

#include <algorithm>

#include "app/core/journey.hpp"
#include "crypto/secret.hpp"

namespace afterglow::app {
namespace {

bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }
bool is_space(unsigned char c) { return c == ' ' || c == '\t'; }


constexpr std::size_t kMaxUndo = 500;

}  // namespace

TextDocument::TextDocument() { paras_.emplace_back(); }

void TextDocument::set_text(std::string_view text) {
    wipe();
    paras_.clear();
    std::size_t start = 0;
    while (true) {
        const auto nl = text.find('\n', start);
        Paragraph p;
        p.text.assign(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
        if (!p.text.empty() && p.text.back() == '\r') p.text.pop_back();
        paras_.push_back(std::move(p));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    words_ = 0;
    for (std::size_t i = 0; i < paras_.size(); ++i) {
        paras_[i].words = count_words(paras_[i].text);
        words_ += paras_[i].words;
    }
    ++revision_;
    ++structure_rev_;
}

std::string TextDocument::text() const {
    std::size_t n = 0;
    for (const auto& p : paras_) n += p.text.size() + 1;
    std::string out;
    out.reserve(n);
    for (std::size_t i = 0; i < paras_.size(); ++i) {
        if (i) out += '\n';
        out += paras_[i].text;
    }
    return out;
}

TextPos TextDocument::clamp(TextPos p) const {
    if (p.para >= paras_.size()) return end();
    const auto& t = paras_[p.para].text;
    if (p.off > t.size()) p.off = t.size();
    while (p.off > 0 && p.off < t.size() && is_cont(static_cast<unsigned char>(t[p.off]))) --p.off;
    return p;
}

TextPos TextDocument::next_char(TextPos p) const {
    p = clamp(p);
    const auto& t = paras_[p.para].text;
    if (p.off >= t.size()) {
        if (p.para + 1 < paras_.size()) return {p.para + 1, 0};
        return p;
    }
    ++p.off;
    while (p.off < t.size() && is_cont(static_cast<unsigned char>(t[p.off]))) ++p.off;
    return p;
}

TextPos TextDocument::prev_char(TextPos p) const {
    p = clamp(p);
    if (p.off == 0) {
        if (p.para == 0) return p;
        return {p.para - 1, paras_[p.para - 1].text.size()};
    }
    const auto& t = paras_[p.para].text;
    --p.off;
    while (p.off > 0 && is_cont(static_cast<unsigned char>(t[p.off]))) --p.off;
    return p;
}

TextPos TextDocument::next_word(TextPos p) const {
    p = clamp(p);
    const auto& t = paras_[p.para].text;
    if (p.off >= t.size()) return next_char(p);
    while (p.off < t.size() && is_space(static_cast<unsigned char>(t[p.off]))) ++p.off;
    while (p.off < t.size() && !is_space(static_cast<unsigned char>(t[p.off]))) ++p.off;
    return p;
}

TextPos TextDocument::prev_word(TextPos p) const {
    p = clamp(p);
    if (p.off == 0) return prev_char(p);
    const auto& t = paras_[p.para].text;
    while (p.off > 0 && is_space(static_cast<unsigned char>(t[p.off - 1]))) --p.off;
    while (p.off > 0 && !is_space(static_cast<unsigned char>(t[p.off - 1]))) --p.off;
    return p;
}

std::string TextDocument::slice(TextPos a, TextPos b) const {
    a = clamp(a);
    b = clamp(b);
    if (b < a) std::swap(a, b);
    if (a.para == b.para) return paras_[a.para].text.substr(a.off, b.off - a.off);
    std::string out = paras_[a.para].text.substr(a.off);
    for (std::size_t i = a.para + 1; i < b.para; ++i) {
        out += '\n';
        out += paras_[i].text;
    }
    out += '\n';
    out += paras_[b.para].text.substr(0, b.off);
    return out;
}

TextPos TextDocument::advance(TextPos at, std::string_view s) {
    const auto nl = s.rfind('\n');
    if (nl == std::string_view::npos) return {at.para, at.off + s.size()};
    std::size_t lines = static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
    return {at.para + lines, s.size() - nl - 1};
}

void TextDocument::recount(std::size_t para) {
    words_ -= paras_[para].words;
    paras_[para].words = count_words(paras_[para].text);
    words_ += paras_[para].words;
}

void TextDocument::touch(std::size_t para) {
    paras_[para].laid_width = -1;
    recount(para);
}

TextPos TextDocument::raw_insert(TextPos at, std::string_view s) {
    at = clamp(at);
    auto& first = paras_[at.para];
    if (s.find('\n') == std::string_view::npos) {
        first.text.insert(at.off, s);
        touch(at.para);
        ++revision_;
        return {at.para, at.off + s.size()};
    }
    // Split: first line joins the head, middle lines become paragraphs, last joins the tail.
    std::string tail = first.text.substr(at.off);
    first.text.erase(at.off);
    std::vector<Paragraph> fresh;
    std::size_t start = 0;
    bool head = true;
    while (true) {
        const auto nl = s.find('\n', start);
        std::string_view piece = s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        if (head) {
            first.text.append(piece);
            head = false;
        } else {
            Paragraph p;
            p.text.assign(piece);
            fresh.push_back(std::move(p));
        }
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    const TextPos end_pos{at.para + fresh.size(), fresh.back().text.size()};
    fresh.back().text += tail;
    crypto::wipe(tail);
    touch(at.para);
    paras_.insert(paras_.begin() + static_cast<std::ptrdiff_t>(at.para + 1),
                  std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));
    for (std::size_t i = at.para + 1; i <= end_pos.para; ++i) {
        paras_[i].words = 0;
        touch(i);
    }
    ++revision_;
    ++structure_rev_;
    return end_pos;
}

std::string TextDocument::raw_erase(TextPos a, TextPos b) {
    a = clamp(a);
    b = clamp(b);
    if (b < a) std::swap(a, b);
    std::string removed = slice(a, b);
    if (a == b) return removed;
    if (a.para == b.para) {
        paras_[a.para].text.erase(a.off, b.off - a.off);
        touch(a.para);
    } else {
        auto& first = paras_[a.para];
        first.text.erase(a.off);
        first.text.append(paras_[b.para].text, b.off);
        for (std::size_t i = a.para + 1; i <= b.para; ++i) {
            words_ -= paras_[i].words;
            crypto::wipe(paras_[i].text);
        }
        paras_.erase(paras_.begin() + static_cast<std::ptrdiff_t>(a.para + 1),
                     paras_.begin() + static_cast<std::ptrdiff_t>(b.para + 1));
        touch(a.para);
        ++structure_rev_;
    }
    ++revision_;
    return removed;
}

TextPos TextDocument::insert(TextPos at, std::string_view s) {
    at = clamp(at);
    if (s.empty()) return at;
    for (auto& st : redo_) crypto::wipe(st.inserted), crypto::wipe(st.removed);
    redo_.clear();
    const TextPos end_pos = raw_insert(at, s);
    const bool typing = s.size() <= 4 && s.find('\n') == std::string_view::npos;
    if (coalesce_ && typing && !undo_.empty() && undo_.back().removed.empty() &&
        advance(undo_.back().at, undo_.back().inserted) == at) {
        undo_.back().inserted += s;
    } else {
        undo_.push_back(Step{at, {}, std::string(s)});
        if (undo_.size() > kMaxUndo) {
            crypto::wipe(undo_.front().inserted);
            crypto::wipe(undo_.front().removed);
            undo_.erase(undo_.begin());
        }
    }
    // A space or newline ends a word: the next word is its own undo step.
    coalesce_ = typing && s != " ";
    return end_pos;
}

void TextDocument::erase(TextPos a, TextPos b) {
    a = clamp(a);
    b = clamp(b);
    if (b < a) std::swap(a, b);
    if (a == b) return;
    for (auto& st : redo_) crypto::wipe(st.inserted), crypto::wipe(st.removed);
    redo_.clear();
    std::string removed = raw_erase(a, b);
    undo_.push_back(Step{a, std::move(removed), {}});
    coalesce_ = false;
}

bool TextDocument::replay(std::vector<Step>& from, std::vector<Step>& to, bool redo, TextPos& caret) {
    if (from.empty()) return false;
    Step st = std::move(from.back());
    from.pop_back();
    const std::string& gone = redo ? st.removed : st.inserted;  // what the step takes out now
    const std::string& back = redo ? st.inserted : st.removed;  // and what it puts in
    if (!gone.empty()) raw_erase(st.at, advance(st.at, gone));
    caret = st.at;
    if (!back.empty()) caret = raw_insert(st.at, back);
    to.push_back(std::move(st));
    coalesce_ = false;
    return true;
}

bool TextDocument::undo(TextPos& caret) { return replay(undo_, redo_, false, caret); }

bool TextDocument::redo(TextPos& caret) { return replay(redo_, undo_, true, caret); }

void TextDocument::wipe() {
    for (auto& p : paras_) crypto::wipe(p.text);
    for (auto& st : undo_) crypto::wipe(st.inserted), crypto::wipe(st.removed);
    for (auto& st : redo_) crypto::wipe(st.inserted), crypto::wipe(st.removed);
    undo_.clear();
    redo_.clear();
    paras_.clear();
    paras_.emplace_back();
    words_ = 0;
    coalesce_ = false;
    ++revision_;
    ++structure_rev_;
}

}  // namespace afterglow::app
