#pragma once
// Aggregation of unit values to areas, done as the quantity demands:
//   sum     counts (inhabitants, households, recipients): sum of share x value
//   ratio   rates and shares with both parts in the data (per_1000, share,
//           per_km2): recomputed from the summed parts, scale x sum(num) / sum(den),
//           never the mean of the units' rates (which would give a buurt of 50
//           people the say of one of 5,000)
//   mean    intensive values without parts (mean WOZ value, a percentage CBS
//           publishes without its count): the weighted mean, with the weight (e.g.
//           inhabitants or dwellings) stated per indicator
// Missing values: a unit without a value (or, for a ratio, without either part)
// leaves the sums of that indicator; `coverage` says which share of the area's
// units (by their share in it) had one.
#include <string>
#include <vector>

#include "areas/levels.hpp"
#include "core/feature_table.hpp"

namespace leefbaar::areas {

enum class Rule { Sum, Ratio, Mean };
const char* to_string(Rule r);

struct AreaIndicator {
    std::string name;
    Rule rule = Rule::Mean;
    std::string column;       // sum, mean: the value; ratio: the numerator
    std::string denominator;  // ratio
    double scale = 1.0;       // ratio: 1000 for per_1000, 100 for share
    std::string weight;       // mean: the weight column ("" = every unit weighs the same)
    bool log_after = false;   // the indicator is ln(x + 1) of a count: ln(sum + 1)
};

struct AreaValues {
    std::vector<double> value;     // per area; NaN when no unit contributes
    std::vector<double> coverage;  // per area, 0..1
};

// Throws DataError naming the column when it is absent or holds text.
AreaValues aggregate_indicator(const FeatureTable& units, const AreaLevel& level, const AreaIndicator& ind);

// Weighted mean per area of a per-unit vector (NaN values and NaN or negative weights
// leave the mean); w empty: equal weights.
std::vector<double> area_mean(const AreaLevel& level, const std::vector<double>& x, const std::vector<double>& w);

// Sum per area of share x value (NaN values skipped).
std::vector<double> area_sum(const AreaLevel& level, const std::vector<double>& x);

// A numeric column as doubles (NaN for null); DataError naming it otherwise.
std::vector<double> numeric_column(const FeatureTable& units, const std::string& column, const std::string& what);

}  // namespace leefbaar::areas
