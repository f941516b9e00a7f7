// bench_measures: the content pack and the instrument engine against a UI frame (16.7 ms):
// building the default pack from the embedded JSON, scoring a PHQ-9 (what a screen does on
// every answer), and writing the FHIR Bundle of 2,000 responses (the export's, with its
// Observations). Prints each time and
// its ratio to one frame (targets: pack < 1 frame, one scoring < 0.01 frame).
// Usage: bench_measures [responses] (default 2000).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "journal/content/measures.hpp"
#include "journal/content/pack.hpp"
#include "journal/export/fhir_bundle.hpp"

namespace {

using namespace afterglow::journal;
using namespace afterglow::journal::content;
using Clock = std::chrono::steady_clock;

constexpr double kFrameMs = 1000.0 / 60.0;

template <class F>
double best_ms(int repeats, F f) {
    double best = 1e30;
    for (int i = 0; i < repeats; ++i) {
        auto t0 = Clock::now();
        f();
        best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    return best;
}

void row(const char* what, double ms) { std::printf("%-44s %10.3f ms  %8.4f frames\n", what, ms, ms / kFrameMs); }

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
    std::size_t sink = 0;
    row("default pack from embedded JSON", best_ms(5, [&] {
            auto p = load_pack_files(embedded_assets());
            sink += p ? p->instruments.size() : 0;
        }));
    const Instrument& phq = *default_pack().instrument("phq-9");
    std::vector<Answer> answers;
    for (const auto* q : phq.scored_items()) answers.push_back({q->link_id, std::size_t{1}, std::nullopt});
    const int scorings = 1000;
    double all = best_ms(3, [&] {
        for (int i = 0; i < scorings; ++i) sink += score(phq, answers)->answers.size();
    });
    row("score one PHQ-9 (mean of 1,000)", all / scorings);
    std::vector<MeasureResponse> responses;
    auto s = score(phq, answers);
    for (int i = 0; i < n; ++i) {
        auto r = make_response(phq, *s, Timestamp{1796000000 + i * 86400LL, "UTC"});
        r.meta.id = RecordId::random();
        responses.push_back(std::move(r));
    }
    char label[64];
    std::snprintf(label, sizeof label, "FHIR Bundle of %d responses", n);
    row(label, best_ms(3, [&] { sink += exports::fhir_bundle(responses, default_pack().instruments, now()).json.size(); }));
    return sink == 0 ? 1 : 0;
}
