// ASCII armor: strict PEM (RFC 7468 §3) with the label "AGE ENCRYPTED FILE", padded base64
// in 64-column lines. Only whitespace may surround the block; LF or CRLF line endings.
#include <algorithm>

#include "crypto/age_detail.hpp"

namespace afterglow::crypto::age::detail {
namespace {

bool is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

Error bad_armor(const std::string& why) {
    return damaged("The armored age file is damaged: " + why);
}

}  // namespace

Status ArmorSink::flush_line() {
    std::string line = to_base64(std::span(pending_, npending_), /*padded=*/true);
    line += '\n';
    npending_ = 0;
    return out_.write(as_bytes(line));
}

Status ArmorSink::write(std::span<const std::uint8_t> bytes) {
    if (!begun_) {
        begun_ = true;
        const std::string begin = std::string(kArmorBegin) + "\n";
        if (auto st = out_.write(as_bytes(begin)); !st) return st;
    }
    std::string lines;
    for (auto b : bytes) {
        pending_[npending_++] = b;
        if (npending_ == sizeof pending_) {
            lines += to_base64(std::span(pending_, npending_), true);
            lines += '\n';
            npending_ = 0;
        }
    }
    return lines.empty() ? Status{} : out_.write(as_bytes(lines));
}

Status ArmorSink::finish() {
    if (!begun_)
        if (auto st = write({}); !st) return st;
    if (npending_)
        if (auto st = flush_line(); !st) return st;
    const std::string end = std::string(kArmorEnd) + "\n";
    if (auto st = out_.write(as_bytes(end)); !st) return st;
    return out_.finish();
}

Result<bool> starts_armored(Reader& in) {
    // Look past leading whitespace (bounded) for the BEGIN line.
    constexpr std::size_t kMaxLeading = 1024;
    auto head = in.peek_n(kMaxLeading + kArmorBegin.size());
    if (!head) return head.error();
    std::size_t i = 0;
    while (i < head->size() && i < kMaxLeading && is_space((*head)[i])) ++i;
    return as_text(head->subspan(i)).starts_with(kArmorBegin);
}

Status ArmorSource::next_line() {
    if (!begun_) {
        for (;;) {  // leading whitespace
            auto c = in_.peek();
            if (!c) return c.error();
            if (*c < 0 || !is_space(*c)) break;
            in_.skip(1);
        }
        auto l = in_.line(kArmorBegin.size() + 1, "armor line");
        if (!l) return l.error();
        if (!l->empty() && l->back() == '\r') l->pop_back();
        if (*l != kArmorBegin) return bad_armor("the BEGIN line is missing or wrong.");
        begun_ = true;
    }
    auto l = in_.line(kColumns + 1, "armor line (at most 64 columns)");
    if (!l) {
        if (l.error().message.find("truncated") != std::string::npos)
            return bad_armor("it ends without its END line (truncated).");
        return l.error();
    }
    if (!l->empty() && l->back() == '\r') l->pop_back();
    if (*l == kArmorEnd) {
        ended_ = true;
        // Only whitespace may follow.
        std::uint8_t rest[4096];
        for (;;) {
            auto got = in_.read(rest, sizeof rest);
            if (!got) return got.error();
            for (std::size_t i = 0; i < *got; ++i)
                if (!is_space(rest[i])) return bad_armor("there is data after the END line.");
            if (*got < sizeof rest) break;
        }
        return {};
    }
    if (last_data_) return bad_armor("a short base64 line is not followed by the END line.");
    if (l->size() > kColumns) return bad_armor("a line is longer than 64 columns.");
    if (l->empty() || l->size() % 4 != 0)
        return bad_armor("a line is not whole base64 (its length is not a multiple of 4).");
    auto bytes = from_base64(*l, /*padded=*/true);
    if (!bytes) return bad_armor("a line is not canonical base64.");
    if (l->size() < kColumns || l->back() == '=') last_data_ = true;
    line_ = std::move(*bytes);
    line_pos_ = 0;
    return {};
}

Result<std::size_t> ArmorSource::read(std::uint8_t* buf, std::size_t n) {
    std::size_t got = 0;
    while (got < n) {
        if (line_pos_ == line_.size()) {
            if (ended_) break;
            if (auto st = next_line(); !st) return st.error();
            continue;
        }
        const std::size_t k = std::min(n - got, line_.size() - line_pos_);
        std::copy_n(line_.data() + line_pos_, k, buf + got);
        line_pos_ += k;
        got += k;
    }
    return got;
}

}  // namespace afterglow::crypto::age::detail
