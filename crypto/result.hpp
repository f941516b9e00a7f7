// Typed errors and an expected-like result. Exceptions never cross the
// afterglow_crypto / afterglow_journal boundary: every fallible call returns one of these.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace afterglow {

enum class Errc {
    invalid_argument,  // the caller passed something unusable (usage error)
    wrong_passphrase,  // the key could not be unwrapped: wrong passphrase or recovery key
    damaged,           // a record, key or file failed authentication or is malformed
    not_afterglow,     // the file is not an Afterglow vault
    newer_schema,      // written by a newer Afterglow than this build
    kdf_limits,        // key-derivation parameters outside the accepted range
    read_only,         // the file or its folder cannot be written
    disk_full,         // no space left
    locked,            // the vault is locked or busy (another process holds it)
    not_found,         // no record with that id
    io,                // any other input/output failure
    unsupported,       // a valid but unsupported format or feature
};

struct Error {
    Errc code;
    std::string message;  // a sentence for the user; never contains secrets or entry text
    std::string subject;  // what it is about: a record id, a file name; may be empty
};

// E: the error type. Error everywhere below the app; the app's form mapping uses FormError
// (the field that is wrong), as Result<T, FormError> (app/core/form_mapping.hpp).
template <class T, class E = Error>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(E error) : v_(std::move(error)) {}

    bool ok() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &std::get<0>(v_); }
    const T* operator->() const { return &std::get<0>(v_); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const E& error() const { return std::get<1>(v_); }

private:
    std::variant<T, E> v_;
};

template <class E>
class [[nodiscard]] Result<void, E> {
public:
    Result() = default;
    Result(E error) : err_(std::move(error)), ok_(false) {}

    bool ok() const noexcept { return ok_; }
    explicit operator bool() const noexcept { return ok_; }
    const E& error() const { return err_; }

private:
    E err_{};
    bool ok_ = true;
};

using Status = Result<void>;

inline Error make_error(Errc code, std::string message, std::string subject = {}) {
    return Error{code, std::move(message), std::move(subject)};
}

}  // namespace afterglow
