// libFuzzer target: parse_backup() must never crash, hang or leak on any input, and what it
// accepts must serialise and parse back to the same records.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "journal/export/backup_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace ex = afterglow::journal::exports;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = ex::parse_backup(text);
    if (!parsed) {
        if (parsed.error().message.empty()) std::abort();  // every error explains itself
        return 0;
    }
    auto again = ex::to_backup_json(parsed.value());
    if (!again) std::abort();  // accepted text is valid UTF-8, so it must serialise
    auto reparsed = ex::parse_backup(again.value());
    if (!reparsed || reparsed->size() != parsed->size()) std::abort();
    return 0;
}
