#pragma once
// The categories of Emerging Hot Spot Analysis, per ArcGIS Pro's published rules
// ("How Emerging Hot Spot Analysis works", Space Time Pattern Mining toolbox,
// https://pro.arcgis.com/en/pro-app/latest/tool-reference/space-time-pattern-mining/learnmoreemerging.htm),
// which sfdep's classify_hotspot (R/emerging-hostpot-classifications.R,
// github.com/JosiahParry/sfdep) also implements. A unit's input is its Gi*
// significance and sign per time step and the Mann-Kendall trend of its Gi* z
// series. The rules, where ArcGIS's text lets two categories overlap, and how we
// resolve that, are in docs/methods/emerging-hot-spots.md; each is tested in
// tests/unit/time/emerging_categories_test.cpp.
#include <cstdint>
#include <string>
#include <vector>

#include "time/mann_kendall.hpp"

namespace leefbaar {

// Hot positive, cold negative, in the order of ArcGIS's table.
enum class EmergingCategory : int {
    NoPattern = 0,
    NewHot = 1,
    ConsecutiveHot = 2,
    IntensifyingHot = 3,
    PersistentHot = 4,
    DiminishingHot = 5,
    SporadicHot = 6,
    OscillatingHot = 7,
    HistoricalHot = 8,
    NewCold = -1,
    ConsecutiveCold = -2,
    IntensifyingCold = -3,
    PersistentCold = -4,
    DiminishingCold = -5,
    SporadicCold = -6,
    OscillatingCold = -7,
    HistoricalCold = -8,
};

// "New hot spot", ..., "No pattern detected" (sentence case, like the project's
// other categories; ArcGIS writes "New Hot Spot").
const std::string& to_string(EmergingCategory c);
// All 17, hot then cold then no pattern (for styles and reports).
const std::vector<EmergingCategory>& all_emerging_categories();

// Per time step: +1 significant hot spot, -1 significant cold spot, 0 neither (or
// no value that step).
using StepSign = std::int8_t;
// The sign of z where p <= cutoff, else 0; NaN z or p is 0.
std::vector<StepSign> step_signs(const std::vector<double>& z, const std::vector<double>& p, double cutoff);

// `trend` is the Mann-Kendall test of the unit's Gi* z series, significant when
// trend.p <= alpha (a trend undefined for lack of values is never significant).
EmergingCategory classify_emerging(const std::vector<StepSign>& signs, const MannKendall& trend, double alpha);

}  // namespace leefbaar
