#pragma once
// Deriving an indicator from source columns before it enters the index: counts
// become rates so that large and small neighbourhoods compare fairly.
//   per_1000  1000 x / denominator       (e.g. benefit recipients per 1,000 inhabitants)
//   per_km2   x / area_km2               (area from the join, column area_km2)
//   share     100 x / total              (percentage of a total column)
//   log       ln(x + 1)                  (counts with zeros; damps a long right tail)
// A zero or missing denominator gives a missing value (never infinity).
// Rates of small populations can be smoothed (smoothing.hpp) and left out below a
// minimum population; the crude rate is kept next to the smoothed one.
#include <cstdint>
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "index/smoothing.hpp"

namespace leefbaar::index {

enum class Transform { None, Per1000, PerKm2, Share, Log };
Transform parse_transform(const std::string& s);  // throws UsageError
const char* to_string(Transform t);
std::vector<std::string> names_transform();

struct TransformSpec {
    std::string column;
    Transform transform = Transform::None;
    std::string denominator;  // per_1000, share; per_km2 uses area_column
    std::string area_column = "area_km2";
    // Empirical Bayes smoothing of a per_1000 or share rate; the denominator is the
    // population at risk. spatial_eb needs the units' neighbours.
    Smoothing smoothing = Smoothing::None;
    // A value whose population is below this is not used (0 = no minimum). The
    // population is the denominator, or `population` for transforms without one.
    double min_population = 0;
    std::string population;
};

struct Derived {
    std::vector<double> value;          // as it enters the index (smoothed when smoothing is set)
    std::vector<double> crude;          // the unsmoothed rate; empty without smoothing
    std::vector<double> population;     // per unit when min_population is set; else empty
    std::vector<std::uint8_t> too_small;  // 1 = population below min_population (value set to NaN)
    std::size_t zero_population = 0;    // smoothing: units with a population of 0 (no rate)
};

// Throws DataError naming a missing or text column, or a negative count or
// population for smoothing; UsageError when spatial_eb has no neighbours.
Derived derive_all(const FeatureTable& table, const TransformSpec& spec, const SpatialWeights* neighbours = nullptr);
// The values only (NaN = missing).
std::vector<double> derive(const FeatureTable& table, const TransformSpec& spec, const SpatialWeights* neighbours = nullptr);

}  // namespace leefbaar::index
