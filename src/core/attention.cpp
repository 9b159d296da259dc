// The needs-attention score: signals from the deal's dates, points per attention.h, reasons in plain words.
#include "core/attention.h"

#include <algorithm>
#include <utility>

#include "core/next_step.h"
#include "core/rotting.h"
#include "core/text.h"

namespace roadbook {
namespace {

std::string Days(int64_t count) { return std::to_string(count) + (count == 1 ? " day" : " days"); }

std::string Times(int64_t count) { return std::to_string(count) + (count == 1 ? " time" : " times"); }

}  // namespace

int64_t AttentionScore(const AttentionSignals& signals) {
    int64_t score = 0;
    if (signals.days_rotting > 0) score += kRottingBasePoints + signals.days_rotting;
    if (signals.no_next_step) score += kNoNextStepPoints;
    if (signals.days_next_step_overdue > 0) score += kOverdueBasePoints + signals.days_next_step_overdue;
    if (signals.days_past_close_date > 0) score += kCloseDatePassedBasePoints + signals.days_past_close_date;
    if (signals.close_date_pushes >= kCloseDatePushesToFlag) {
        score += kPointsPerCloseDatePush * signals.close_date_pushes;
    }
    if (signals.days_over_usual_in_stage > 0) score += kStalledBasePoints + signals.days_over_usual_in_stage;
    if (signals.next_step_beyond_window) score += kNextStepBeyondWindowPoints;
    return score;
}

DealAttention AssessAttention(const AttentionFacts& facts, const StageRules& stage, CalendarDate today) {
    DealAttention attention;
    attention.deal_id = facts.deal_id;
    attention.expected_close_date = facts.expected_close_date;
    if (!IsOpen(facts.status)) return attention;

    AttentionSignals& signals = attention.signals;
    // Each reason with its points, so the biggest concern can be listed first.
    std::vector<std::pair<int64_t, std::string>> reasons;

    const RotState rot = EvaluateRot(facts.status, stage.rot_days, facts.last_touch_on,
                                     facts.open_activity_due_dates, today);
    if (rot.is_rotting) {
        signals.days_rotting = rot.days_rotting;
        reasons.emplace_back(kRottingBasePoints + rot.days_rotting, "rotting " + Days(rot.days_rotting));
    }

    const NextActivity next = FindNextActivity(facts.open_activity_due_dates, today);
    if (next.state == NextActivityState::None && Trim(facts.no_next_step_reason).empty()) {
        signals.no_next_step = true;
        reasons.emplace_back(kNoNextStepPoints, "no next step");
    } else if (next.state == NextActivityState::Overdue) {
        signals.days_next_step_overdue = -next.days_until_due;
        reasons.emplace_back(kOverdueBasePoints + signals.days_next_step_overdue,
                             "next step overdue " + Days(signals.days_next_step_overdue));
    } else if (next.state != NextActivityState::None && stage.next_step_window_days > 0 &&
               next.days_until_due > stage.next_step_window_days) {
        signals.next_step_beyond_window = true;
        reasons.emplace_back(kNextStepBeyondWindowPoints, "next step in " + Days(next.days_until_due) +
                                                              " (stage allows " +
                                                              std::to_string(stage.next_step_window_days) + ")");
    }

    if (facts.expected_close_date && *facts.expected_close_date < today) {
        signals.days_past_close_date = DaysBetween(*facts.expected_close_date, today);
        reasons.emplace_back(kCloseDatePassedBasePoints + signals.days_past_close_date,
                             "close date passed " + Days(signals.days_past_close_date) + " ago");
    }

    if (facts.close_date_pushes >= kCloseDatePushesToFlag) {
        signals.close_date_pushes = facts.close_date_pushes;
        reasons.emplace_back(kPointsPerCloseDatePush * facts.close_date_pushes,
                             "close date pushed " + Times(facts.close_date_pushes));
    }

    // Stalled when more than 1.5x the usual: days > usual + usual / 2 is exactly 2 * days > 3 * usual for
    // whole days, without the multiplication.
    const int64_t days_in_stage = std::max<int64_t>(0, DaysBetween(facts.entered_stage_on, today));
    if (facts.usual_days_in_stage && *facts.usual_days_in_stage > 0) {
        const int64_t usual = *facts.usual_days_in_stage;
        if (days_in_stage > usual + usual / 2) {
            signals.days_over_usual_in_stage = days_in_stage - usual;
            reasons.emplace_back(kStalledBasePoints + signals.days_over_usual_in_stage,
                                 "in stage " + Days(days_in_stage) + " (usual " + std::to_string(usual) + ")");
        }
    }

    attention.score = AttentionScore(signals);
    std::stable_sort(reasons.begin(), reasons.end(),
                     [](const auto& left, const auto& right) { return left.first > right.first; });
    for (auto& reason : reasons) attention.reasons.push_back(std::move(reason.second));
    return attention;
}

bool RanksBefore(const DealAttention& left, const DealAttention& right) {
    if (left.score != right.score) return left.score > right.score;
    if (left.expected_close_date != right.expected_close_date) {
        if (!left.expected_close_date) return false;  // undated deals go last
        if (!right.expected_close_date) return true;
        return *left.expected_close_date < *right.expected_close_date;
    }
    return left.deal_id < right.deal_id;
}

void SortByAttention(std::vector<DealAttention>& deals) { std::stable_sort(deals.begin(), deals.end(), RanksBefore); }

int32_t CountCloseDatePushes(std::span<const CalendarDate> close_date_history) {
    int32_t pushes = 0;
    for (size_t index = 1; index < close_date_history.size(); ++index) {
        if (close_date_history[index] > close_date_history[index - 1]) ++pushes;
    }
    return pushes;
}

std::optional<int64_t> UsualDaysInStage(std::span<const int64_t> days_in_stage_samples) {
    if (days_in_stage_samples.size() < kMinimumStageSamples) return std::nullopt;
    std::vector<int64_t> sorted(days_in_stage_samples.begin(), days_in_stage_samples.end());
    std::sort(sorted.begin(), sorted.end());
    const size_t middle = sorted.size() / 2;
    if (sorted.size() % 2 == 1) return sorted[middle];
    const int64_t lower = sorted[middle - 1];
    const int64_t upper = sorted[middle];
    // Halve each before adding so two huge values cannot overflow; floor division of the sum.
    return lower / 2 + upper / 2 + (lower % 2 + upper % 2) / 2;
}

}  // namespace roadbook
