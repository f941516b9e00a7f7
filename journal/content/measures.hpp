// Taking a questionnaire over time: an unfinished response is saved as a MeasureResponse
// with status in_progress (the draft; resume it later), finishing it turns the same record
// into a completed one. Score-only entries (a measure taken at the clinic) are records too.
#pragma once

#include <optional>
#include <vector>

#include "crypto/result.hpp"
#include "journal/content/instrument.hpp"
#include "journal/vault.hpp"

namespace afterglow::journal::content {

// The newest in-progress response to `instrument_id`, or nullptr.
const MeasureResponse* find_draft(const Vault& vault, std::string_view instrument_id);

// The answers a stored response holds, as input for score() (choices found by code).
std::vector<Answer> answers_of(const MeasureResponse& r, const Instrument& ins);

// Scores `answers` and saves: completed when complete, else in_progress (a draft). `draft`
// (when given) is the record to update, so resuming keeps one record. Returns the record.
Result<MeasureResponse> save_answers(Vault& vault, const Instrument& ins, const std::vector<Answer>& answers,
                                     const MeasureResponse* draft = nullptr,
                                     std::optional<RecordId> session = std::nullopt);

// Completed and score-only responses to `instrument_id`, oldest first (the trend).
std::vector<const MeasureResponse*> history(const Vault& vault, std::string_view instrument_id);

// "12 of 27 — moderate", "incomplete", with "; flagged: …" when a risk item was answered.
// Never says anything reassuring about a risk item answered 0: it just says nothing.
std::string summary(const MeasureResponse& r);

// Completed and score-only responses grouped by instrument (first appearance order), each
// oldest first: what the exports' tables and trends show.
std::vector<std::vector<const MeasureResponse*>> by_instrument(const std::vector<MeasureResponse>& responses);
// "18 → 14 → 9" (totals, oldest first; incomplete ones left out).
std::string trend_text(const std::vector<const MeasureResponse*>& series);
// Check-in-shaped points (one Score per response total) so the PDF's trend chart draws them.
std::vector<CheckIn> as_chart_points(const std::vector<MeasureResponse>& responses);

}  // namespace afterglow::journal::content
