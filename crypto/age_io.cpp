// Byte sources, sinks and the buffered reader used by the age reader and writer.
#include <algorithm>
#include <cstring>

#include "crypto/age_detail.hpp"

namespace afterglow::crypto::age::detail {

Error damaged(std::string message) { return make_error(Errc::damaged, std::move(message)); }

Result<std::size_t> SpanSource::read(std::uint8_t* buf, std::size_t n) {
    const std::size_t k = std::min(n, data_.size() - pos_);
    if (k) std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
}

Result<std::size_t> IstreamSource::read(std::uint8_t* buf, std::size_t n) {
    std::size_t got = 0;
    while (got < n && in_.good()) {
        in_.read(reinterpret_cast<char*>(buf + got), static_cast<std::streamsize>(n - got));
        got += static_cast<std::size_t>(in_.gcount());
    }
    if (in_.bad()) return make_error(Errc::io, "Could not read the input.");
    return got;
}

Status VectorSink::write(std::span<const std::uint8_t> bytes) {
    out_.insert(out_.end(), bytes.begin(), bytes.end());
    return {};
}

Status OstreamSink::write(std::span<const std::uint8_t> bytes) {
    out_.write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    if (!out_) return make_error(Errc::io, "Could not write the output.");
    return {};
}

Status OstreamSink::finish() {
    out_.flush();
    if (!out_) return make_error(Errc::io, "Could not write the output.");
    return {};
}

Status Reader::fill() {
    if (eof_) return {};
    if (pos_ > 0) {
        std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
        end_ -= pos_;
        pos_ = 0;
    }
    if (end_ == buf_.size()) return {};
    auto got = src_.read(buf_.data() + end_, buf_.size() - end_);
    if (!got) return got.error();
    if (*got < buf_.size() - end_) eof_ = true;
    end_ += *got;
    return {};
}

Result<std::string> Reader::line(std::size_t max, const char* what) {
    std::string out;
    for (;;) {
        const auto* begin = buf_.data() + pos_;
        const auto* nl = static_cast<const std::uint8_t*>(std::memchr(begin, '\n', end_ - pos_));
        const std::size_t take = nl ? static_cast<std::size_t>(nl - begin) : end_ - pos_;
        if (out.size() + take > max)
            return damaged(std::string("The age file is damaged: a ") + what +
                           " is longer than " + std::to_string(max) + " characters.");
        out.append(reinterpret_cast<const char*>(begin), take);
        pos_ += take;
        if (nl) {
            ++pos_;
            return out;
        }
        if (eof_) return damaged("The age file is truncated: its header ends in the middle.");
        if (auto st = fill(); !st) return st.error();
    }
}

Result<std::size_t> Reader::read(std::uint8_t* out, std::size_t n) {
    std::size_t got = 0;
    while (got < n) {
        if (pos_ == end_) {
            if (eof_) break;
            if (n - got >= buf_.size()) {  // large read: bypass the buffer
                auto r = src_.read(out + got, n - got);
                if (!r) return r.error();
                got += *r;
                if (got < n) eof_ = true;
                break;
            }
            if (auto st = fill(); !st) return st.error();
            continue;
        }
        const std::size_t k = std::min(n - got, end_ - pos_);
        std::memcpy(out + got, buf_.data() + pos_, k);
        pos_ += k;
        got += k;
    }
    return got;
}

Result<int> Reader::peek() {
    if (pos_ == end_) {
        if (auto st = fill(); !st) return st.error();
        if (pos_ == end_) return -1;
    }
    return static_cast<int>(buf_[pos_]);
}

Result<std::span<const std::uint8_t>> Reader::peek_n(std::size_t n) {
    n = std::min(n, buf_.size());
    while (end_ - pos_ < n && !eof_)
        if (auto st = fill(); !st) return st.error();
    return std::span<const std::uint8_t>(buf_.data() + pos_, std::min(n, end_ - pos_));
}

void Reader::skip(std::size_t n) { pos_ += std::min(n, end_ - pos_); }

}  // namespace afterglow::crypto::age::detail
