// libFuzzer target: content packs and FHIR Questionnaires from untrusted files. Parsing must
// never crash, hang or leak; every refusal explains itself; an accepted Questionnaire scores
// any answers to its first options without crashing, and its responses serialise.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "journal/content/fhir_response.hpp"
#include "journal/content/instrument.hpp"
#include "journal/content/pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace c = afterglow::journal::content;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto pack = c::apply_pack(c::default_pack(), text, "fuzz.json");
    if (!pack && pack.error().message.empty()) std::abort();
    auto ins = c::parse_questionnaire(text, "fuzz.json");
    if (!ins) {
        if (ins.error().message.empty()) std::abort();
        return 0;
    }
    std::vector<c::Answer> answers;
    for (const auto* q : c::enabled_questions(*ins, answers)) {
        if (!q->options.empty()) answers.push_back({q->link_id, std::size_t{0}, std::nullopt});
        else answers.push_back({q->link_id, std::nullopt, 1.0});
    }
    auto scored = c::score(*ins, answers);
    if (scored) {
        auto r = c::make_response(*ins, *scored, afterglow::journal::Timestamp{0, "UTC"});
        if (c::questionnaire_response_json(r, &*ins).empty()) std::abort();
    }
    return 0;
}
