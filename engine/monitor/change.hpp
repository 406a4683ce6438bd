#pragma once
// Change between two years of the same units: score change, rank change (ranks
// within each year), class change (classes with the same, pooled breaks in every
// year) and a development class in the Leefbaarometer's seven steps.
//
// The development class compares the score change with three thresholds t1 < t2 < t3:
//   1 grote achteruitgang   change <= -t3        5 geringe vooruitgang  t1 <= change < t2
//   2 achteruitgang         -t3 < change <= -t2  6 vooruitgang          t2 <= change < t3
//   3 geringe achteruitgang -t2 < change <= -t1  7 grote vooruitgang    change >= t3
//   4 geen verandering      -t1 < change < t1
// The Leefbaarometer 2.0 uses t = 0.0666, 0.1332, 0.1998 on its own score scale: with
// them its published development classes of all 2,962 wijken (2012-2014, 2012-2016,
// 2014-2016; 8,434 classes) are reproduced exactly (tests/data/leefbaarometer). On
// that scale the wijk scores have a standard deviation of 0.162 (2016), so the
// default step on another index is 0.41 of its standard deviation over all units and
// years: t = 0.41 sd x (1, 2, 3).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace leefbaar::monitor {

using Thresholds = std::array<double, 3>;

// 1..7; 0 for a missing change.
int development_class(double change, const Thresholds& t);
// "grote achteruitgang" ... "grote vooruitgang", index 0 = class 1.
const std::vector<std::string>& development_labels();
// The Leefbaarometer 2.0's step as a share of its score's standard deviation (0.0666 / 0.162).
constexpr double kStepPerSd = 0.41;
// t = kStepPerSd x sd(values) x (1, 2, 3), over the present values.
Thresholds default_thresholds(const std::vector<double>& pooled_scores);
// Throws UsageError unless 0 < t1 < t2 < t3.
void check_thresholds(const Thresholds& t);

// One pair of years; per unit, NaN / 0 where either year has no score.
struct YearChange {
    int from = 0, to = 0;
    std::vector<double> score_from, score_to, change;
    std::vector<std::int32_t> rank_from, rank_to;  // within the year, 1 = most liveable; 0 = none
    std::vector<std::int32_t> rank_change;         // rank_from - rank_to: > 0 moved up
    std::vector<int> class_from, class_to, class_change;  // classes 1..k (0 none); class_to - class_from
    std::vector<int> development;                  // 1..7, 0 none
};

// `score` and `cls` are per row of a long table (row = year_index * units + unit).
YearChange compare_years(const std::vector<double>& score, const std::vector<int>& cls, std::size_t units, const std::vector<int>& years, int from, int to,
                         const Thresholds& t);

// Ranks within each year of a long table (row = year_index * units + unit).
std::vector<std::int32_t> ranks_per_year(const std::vector<double>& score, std::size_t units, std::size_t years);

}  // namespace leefbaar::monitor
