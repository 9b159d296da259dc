// Needs-attention score: each signal's points and reason, the ranking order, and seeded properties
// (worse deals never rank below better ones; the order is a deterministic strict weak order).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "core/attention.h"

using namespace roadbook;

namespace {

CalendarDate Date(const char* text) { return ParseCalendarDate(text).value(); }

const CalendarDate kToday = Date("2027-03-15");

StageRules Stage() {
    StageRules stage;
    stage.id = "proposal";
    stage.name = "Proposal";
    stage.default_probability = 50;
    stage.rot_days = 14;
    stage.next_step_window_days = 14;
    return stage;
}

// A healthy deal: touched today, next step tomorrow, closing next month, fresh in its stage.
AttentionFacts Healthy(std::string id = "deal") {
    AttentionFacts facts;
    facts.deal_id = std::move(id);
    facts.last_touch_on = kToday;
    facts.open_activity_due_dates = {AddDays(kToday, 1)};
    facts.expected_close_date = AddDays(kToday, 30);
    facts.entered_stage_on = AddDays(kToday, -3);
    facts.usual_days_in_stage = 14;
    return facts;
}

DealAttention Assess(const AttentionFacts& facts) { return AssessAttention(facts, Stage(), kToday); }

bool Dominates(const AttentionSignals& worse, const AttentionSignals& better) {
    const bool at_least = worse.days_rotting >= better.days_rotting && worse.no_next_step >= better.no_next_step &&
                          worse.days_next_step_overdue >= better.days_next_step_overdue &&
                          worse.days_past_close_date >= better.days_past_close_date &&
                          worse.close_date_pushes >= better.close_date_pushes &&
                          worse.days_over_usual_in_stage >= better.days_over_usual_in_stage &&
                          worse.next_step_beyond_window >= better.next_step_beyond_window;
    return at_least && !(worse == better);
}

AttentionFacts RandomFacts(std::mt19937_64& random) {
    AttentionFacts facts;
    facts.deal_id = "deal-" + std::to_string(random() % 500);  // duplicates on purpose
    const DealStatus statuses[] = {DealStatus::Open, DealStatus::Open, DealStatus::Open, DealStatus::Won,
                                   DealStatus::Postponed};
    facts.status = statuses[random() % 5];
    facts.last_touch_on = AddDays(kToday, -int64_t(random() % 60));
    const auto activity_count = random() % 3;
    for (uint64_t activity = 0; activity < activity_count; ++activity) {
        facts.open_activity_due_dates.push_back(AddDays(kToday, int64_t(random() % 60) - 20));
    }
    if (random() % 4 == 0) facts.no_next_step_reason = "waiting on legal";
    if (random() % 5 != 0) facts.expected_close_date = AddDays(kToday, int64_t(random() % 90) - 30);
    facts.close_date_pushes = int32_t(random() % 5);
    facts.entered_stage_on = AddDays(kToday, -int64_t(random() % 80));
    if (random() % 3 != 0) facts.usual_days_in_stage = int64_t(random() % 30);
    return facts;
}

}  // namespace

TEST_CASE("a healthy open deal needs no attention") {
    const DealAttention attention = Assess(Healthy());
    REQUIRE(attention.score == 0);
    REQUIRE(attention.reasons.empty());
    REQUIRE(attention.deal_id == "deal");
    REQUIRE(attention.expected_close_date == AddDays(kToday, 30));
}

TEST_CASE("each signal adds its documented points and reason") {
    auto facts = Healthy();
    facts.open_activity_due_dates.clear();
    facts.last_touch_on = AddDays(kToday, -26);  // 12 days past the stage's 14
    auto attention = Assess(facts);
    REQUIRE(attention.signals.days_rotting == 12);
    REQUIRE(attention.signals.no_next_step);
    REQUIRE(attention.score == (20 + 12) + 30);
    REQUIRE(attention.reasons == std::vector<std::string>{"rotting 12 days", "no next step"});

    facts = Healthy();
    facts.open_activity_due_dates = {AddDays(kToday, -3), AddDays(kToday, 5)};
    attention = Assess(facts);
    REQUIRE(attention.score == 15 + 3);
    REQUIRE(attention.reasons == std::vector<std::string>{"next step overdue 3 days"});

    facts = Healthy();
    facts.expected_close_date = AddDays(kToday, -5);
    attention = Assess(facts);
    REQUIRE(attention.score == 20 + 5);
    REQUIRE(attention.reasons == std::vector<std::string>{"close date passed 5 days ago"});

    facts = Healthy();
    facts.close_date_pushes = 3;
    attention = Assess(facts);
    REQUIRE(attention.score == 30);
    REQUIRE(attention.reasons == std::vector<std::string>{"close date pushed 3 times"});

    facts = Healthy();
    facts.entered_stage_on = AddDays(kToday, -40);
    attention = Assess(facts);
    REQUIRE(attention.signals.days_over_usual_in_stage == 26);
    REQUIRE(attention.score == 15 + 26);
    REQUIRE(attention.reasons == std::vector<std::string>{"in stage 40 days (usual 14)"});

    facts = Healthy();
    facts.open_activity_due_dates = {AddDays(kToday, 30)};
    attention = Assess(facts);
    REQUIRE(attention.score == 10);
    REQUIRE(attention.reasons == std::vector<std::string>{"next step in 30 days (stage allows 14)"});
}

TEST_CASE("reasons use singular words for one and list the biggest concern first") {
    auto facts = Healthy();
    facts.open_activity_due_dates = {AddDays(kToday, -1)};
    facts.expected_close_date = AddDays(kToday, -1);
    facts.last_touch_on = AddDays(kToday, -15);
    facts.close_date_pushes = 2;
    const auto attention = Assess(facts);
    // rotting 21, overdue 16, close date 21, pushes 20: ties keep the table's order.
    REQUIRE(attention.reasons == std::vector<std::string>{"rotting 1 day", "close date passed 1 day ago",
                                                          "close date pushed 2 times", "next step overdue 1 day"});
    REQUIRE(attention.score == 21 + 16 + 21 + 20);
}

TEST_CASE("thresholds: one push, 1.5x the usual, the stage window and a recorded reason are not signals") {
    auto facts = Healthy();
    facts.close_date_pushes = 1;
    REQUIRE(Assess(facts).score == 0);

    facts = Healthy();
    facts.entered_stage_on = AddDays(kToday, -21);  // exactly 1.5 x 14
    REQUIRE(Assess(facts).score == 0);
    facts.entered_stage_on = AddDays(kToday, -22);
    REQUIRE(Assess(facts).reasons == std::vector<std::string>{"in stage 22 days (usual 14)"});
    facts.usual_days_in_stage = std::nullopt;
    REQUIRE(Assess(facts).score == 0);
    facts.usual_days_in_stage = 0;
    REQUIRE(Assess(facts).score == 0);
    facts.usual_days_in_stage = 3;  // odd usual: 1.5 x 3 = 4.5, so 5 days is stalled, 4 is not
    facts.entered_stage_on = AddDays(kToday, -4);
    REQUIRE(Assess(facts).score == 0);
    facts.entered_stage_on = AddDays(kToday, -5);
    REQUIRE(Assess(facts).score == 15 + 2);

    facts = Healthy();
    facts.open_activity_due_dates = {AddDays(kToday, 14)};
    REQUIRE(Assess(facts).score == 0);
    StageRules unlimited = Stage();
    unlimited.next_step_window_days = 0;
    facts.open_activity_due_dates = {AddDays(kToday, 300)};
    REQUIRE(AssessAttention(facts, unlimited, kToday).score == 0);

    facts = Healthy();
    facts.open_activity_due_dates.clear();
    facts.no_next_step_reason = "Budget frozen until autumn";
    REQUIRE(Assess(facts).score == 0);
    facts.no_next_step_reason = "  ";
    REQUIRE(Assess(facts).reasons == std::vector<std::string>{"no next step"});

    facts = Healthy();
    facts.expected_close_date = kToday;  // closing today has not passed
    REQUIRE(Assess(facts).score == 0);
    facts.expected_close_date = std::nullopt;
    REQUIRE(Assess(facts).score == 0);
}

TEST_CASE("deals that are not open score zero whatever their signals") {
    auto facts = Healthy();
    facts.open_activity_due_dates.clear();
    facts.last_touch_on = AddDays(kToday, -200);
    facts.expected_close_date = AddDays(kToday, -100);
    facts.close_date_pushes = 6;
    for (const auto status : {DealStatus::Won, DealStatus::Lost, DealStatus::Postponed, DealStatus::Archived}) {
        facts.status = status;
        const auto attention = Assess(facts);
        REQUIRE(attention.score == 0);
        REQUIRE(attention.reasons.empty());
        REQUIRE(attention.signals == AttentionSignals{});
    }
}

TEST_CASE("ranking: score descending, then close date ascending with undated last, then id") {
    const auto make = [](const char* id, int64_t score, std::optional<CalendarDate> close) {
        DealAttention attention;
        attention.deal_id = id;
        attention.score = score;
        attention.expected_close_date = close;
        return attention;
    };
    std::vector<DealAttention> deals = {
        make("e", 10, std::nullopt),        make("d", 10, Date("2027-05-01")), make("c", 10, Date("2027-04-01")),
        make("b", 40, Date("2027-09-01")),  make("a", 10, Date("2027-04-01")), make("f", 0, Date("2027-01-01")),
    };
    SortByAttention(deals);
    std::string order;
    for (const auto& deal : deals) order += deal.deal_id;
    REQUIRE(order == "bacdef");
    REQUIRE_FALSE(RanksBefore(deals[0], deals[0]));
}

TEST_CASE("close-date pushes count moves later, not earlier") {
    const std::vector<CalendarDate> history = {Date("2027-03-31"), Date("2027-04-30"), Date("2027-04-15"),
                                               Date("2027-04-15"), Date("2027-06-30"), Date("2027-07-31")};
    REQUIRE(CountCloseDatePushes(history) == 3);
    REQUIRE(CountCloseDatePushes({}) == 0);
    const std::vector<CalendarDate> single = {Date("2027-03-31")};
    REQUIRE(CountCloseDatePushes(single) == 0);
}

TEST_CASE("the usual days in a stage is the median, with at least three samples") {
    const std::vector<int64_t> two = {3, 90};
    REQUIRE_FALSE(UsualDaysInStage(two));
    const std::vector<int64_t> odd = {30, 2, 14, 400, 9};
    REQUIRE(UsualDaysInStage(odd) == 14);
    const std::vector<int64_t> even = {10, 4, 13, 200};
    REQUIRE(UsualDaysInStage(even) == 11);  // (10 + 13) / 2 rounded down
    const std::vector<int64_t> three = {5, 5, 5};
    REQUIRE(UsualDaysInStage(three) == 5);
}

TEST_CASE("more of any signal never lowers the score (seeded)") {
    std::mt19937_64 random(99);
    for (int round = 0; round < 3000; ++round) {
        auto facts = RandomFacts(random);
        facts.status = DealStatus::Open;
        const int64_t before = Assess(facts).score;
        auto worse = facts;
        switch (random() % 5) {
            case 0: worse.last_touch_on = AddDays(worse.last_touch_on, -int64_t(random() % 10)); break;
            case 1: worse.expected_close_date = AddDays(kToday, -int64_t(random() % 40)); break;
            case 2: worse.close_date_pushes += int32_t(random() % 3); break;
            case 3: worse.entered_stage_on = AddDays(worse.entered_stage_on, -int64_t(random() % 10)); break;
            default:
                for (auto& due : worse.open_activity_due_dates) due = std::min(due, AddDays(kToday, -1));
                break;
        }
        const bool close_date_later = worse.expected_close_date && facts.expected_close_date &&
                                      *worse.expected_close_date > *facts.expected_close_date;
        if (close_date_later) continue;  // moving the close date later is not worse
        REQUIRE(Assess(worse).score >= before);
    }
}

TEST_CASE("a deal with strictly worse signals never ranks below one with better signals (seeded)") {
    std::mt19937_64 random(20240601);
    std::vector<DealAttention> deals;
    for (int index = 0; index < 2000; ++index) deals.push_back(Assess(RandomFacts(random)));
    int64_t dominated_pairs = 0;
    int64_t violations = 0;  // counted, not asserted per pair: millions of assertions would be slow
    for (const auto& worse : deals) {
        for (const auto& better : deals) {
            if (!Dominates(worse.signals, better.signals)) continue;
            ++dominated_pairs;
            if (worse.score <= better.score || !RanksBefore(worse, better)) ++violations;
        }
    }
    REQUIRE(violations == 0);
    REQUIRE(dominated_pairs > 10000);  // the generator really exercises the property
}

TEST_CASE("the attention order is a strict weak order and sorting is deterministic (seeded)") {
    std::mt19937_64 random(5);
    std::vector<DealAttention> deals;
    for (int index = 0; index < 200; ++index) deals.push_back(Assess(RandomFacts(random)));
    const auto equivalent = [](const DealAttention& a, const DealAttention& b) {
        return !RanksBefore(a, b) && !RanksBefore(b, a);
    };
    int64_t irreflexive = 0, asymmetric = 0, transitive = 0, equivalence = 0;  // violations of each law
    for (const auto& a : deals) {
        if (RanksBefore(a, a)) ++irreflexive;
        for (const auto& b : deals) {
            if (RanksBefore(a, b) && RanksBefore(b, a)) ++asymmetric;
            for (const auto& c : deals) {
                if (RanksBefore(a, b) && RanksBefore(b, c) && !RanksBefore(a, c)) ++transitive;
                if (equivalent(a, b) && equivalent(b, c) && !equivalent(a, c)) ++equivalence;
            }
        }
    }
    REQUIRE(irreflexive == 0);
    REQUIRE(asymmetric == 0);
    REQUIRE(transitive == 0);
    REQUIRE(equivalence == 0);
    // Any input order sorts to the same sequence.
    auto sorted = deals;
    SortByAttention(sorted);
    for (int shuffle = 0; shuffle < 20; ++shuffle) {
        auto shuffled = deals;
        std::shuffle(shuffled.begin(), shuffled.end(), random);
        SortByAttention(shuffled);
        for (size_t index = 0; index < sorted.size(); ++index) {
            REQUIRE(shuffled[index].deal_id == sorted[index].deal_id);
            REQUIRE(shuffled[index].score == sorted[index].score);
            REQUIRE(shuffled[index].expected_close_date == sorted[index].expected_close_date);
        }
        REQUIRE(std::is_sorted(shuffled.begin(), shuffled.end(), RanksBefore));
    }
}
