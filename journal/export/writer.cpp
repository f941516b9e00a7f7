#include "journal/export/writer.hpp"

#include "crypto/age.hpp"
#include "crypto/secret.hpp"
#include "journal/export/atomic_file.hpp"
#include "journal/export/backup_json.hpp"
#include "journal/export/fhir_bundle.hpp"
#include "journal/export/ics.hpp"
#include "journal/export/markdown.hpp"
#include "journal/export/pdf.hpp"

namespace afterglow::journal::exports {
namespace {

constexpr std::size_t kRecipientLength = 62;  // "age1" and 58 bech32 characters (X25519)

crypto::Bytes bytes_of(std::string&& text) {
    crypto::Bytes out(text.begin(), text.end());
    crypto::wipe(text);
    return out;
}

// Wipes the plaintext however the export ends.
struct Wiped {
    crypto::Bytes& bytes;
    ~Wiped() { crypto::wipe(bytes); }
};

// What to check in a therapist's key that is not one, in words for people (the reader's own
// message speaks of bech32 and checksums).
std::string recipient_problem(std::string_view key, const Error& why) {
    if (why.code == Errc::unsupported || key.starts_with("AGE-SECRET-KEY-") || key.starts_with("age-secret-key-"))
        return why.message;  // already says what to give instead
    if (!key.starts_with("age1") && !key.starts_with("AGE1"))
        return "That is not an age key: your therapist's key starts with \"age1\". Check that you pasted "
               "their public key, not something else.";
    return "That age key is not complete or has a typo: check that you copied your therapist's whole key "
           "(it starts with \"age1\" and is " + std::to_string(kRecipientLength) + " characters long, with no spaces) "
           "and that no character was changed. It has " + std::to_string(key.size()) + " characters.";
}

}  // namespace

const char* to_string(Format f) {
    switch (f) {
        case Format::markdown: return "markdown";
        case Format::pdf: return "pdf";
        case Format::json: return "json";
        case Format::ics: return "ics";
        case Format::fhir: return "fhir";
        case Format::count: break;
    }
    return "?";
}

std::optional<Format> parse_format(std::string_view s) {
    if (s == "markdown" || s == "md") return Format::markdown;
    if (s == "pdf") return Format::pdf;
    if (s == "json" || s == "backup") return Format::json;
    if (s == "ics" || s == "ical" || s == "calendar") return Format::ics;
    if (s == "fhir") return Format::fhir;
    return std::nullopt;
}

const char* extension(Format f) {
    switch (f) {
        case Format::markdown: return ".md";
        case Format::pdf: return ".pdf";
        case Format::json: return ".json";
        case Format::ics: return ".ics";
        case Format::fhir: return ".fhir.json";
        case Format::count: break;
    }
    return "";
}

Status check_protection(Format format, const Protection& p) {
    const bool encrypted = !p.recipients.empty() || p.passphrase.has_value();
    if (!p.recipients.empty() && p.passphrase)
        return make_error(Errc::invalid_argument,
                          "Choose either recipients or a passphrase for an export, not both.");
    for (const auto& r : p.recipients)
        if (Status st = crypto::age::check_recipient(r); !st) return make_error(Errc::invalid_argument, recipient_problem(r, st.error()), r);
    if (p.passphrase && p.passphrase->empty())
        return make_error(Errc::invalid_argument, "The export passphrase is empty.");
    if (encrypted) return {};
    if (format == Format::json)
        return make_error(Errc::invalid_argument,
                          "A backup holds your whole journal and is always encrypted: give a "
                          "recipient (age1…) or a passphrase.");
    if (format == Format::fhir)
        return make_error(Errc::invalid_argument,
                          "Questionnaire responses for a clinic's records are always encrypted: give "
                          "a recipient (age1…) or a passphrase.");
    if (!p.plaintext_confirmed)
        return make_error(Errc::invalid_argument,
                          std::string("This ") + to_string(format) +
                              " export is not encrypted: the file would be readable by anyone "
                              "who gets it. Add a recipient or a passphrase, or confirm that a "
                              "readable file is what you want.");
    return {};
}

Result<crypto::Bytes> render(const ExportData& data, Format format,
                             const std::function<void(double)>& progress) {
    switch (format) {
        case Format::markdown: return bytes_of(to_markdown(data));
        case Format::ics: return bytes_of(to_ics(data));
        case Format::pdf: return to_pdf(data, progress);
        case Format::json: {
            auto json = to_backup_json(data.records());
            if (!json) return json.error();
            return bytes_of(std::move(json.value()));
        }
        case Format::fhir: return bytes_of(fhir_bundle(data.responses, data.instruments, data.generated).json);
        case Format::count: break;
    }
    return make_error(Errc::invalid_argument, "Unknown export format.");
}

Status export_to_file(const ExportData& data, Format format, const Protection& protection,
                      const std::filesystem::path& destination,
                      const std::function<void(double)>& progress) {
    if (Status st = check_protection(format, protection); !st) return st;
    const bool encrypted = !protection.recipients.empty() || protection.passphrase.has_value();

    auto plain = render(data, format, [&](double f) {
        if (progress) progress(0.8 * f);
    });
    if (!plain) return plain.error();
    Wiped wipe_plain{plain.value()};
    if (progress) progress(0.8);

    crypto::Bytes out;
    if (encrypted) {
        crypto::age::EncryptOptions opts;
        opts.recipients = protection.recipients;
        opts.passphrase = protection.passphrase;
        opts.scrypt_log2n = protection.scrypt_log2n;
        opts.armor = protection.armor;
        auto sealed = crypto::age::encrypt(plain.value(), opts);
        if (!sealed) return sealed.error();
        out = std::move(sealed.value());
    } else {
        out = std::move(plain.value());
        plain.value() = crypto::Bytes{};
    }
    Wiped wipe_out{out};
    if (progress) progress(0.9);
    return write_file_atomic(destination, out, [&](double f) {
        if (progress) progress(0.9 + 0.1 * f);
    });
}

}  // namespace afterglow::journal::exports
