#pragma once
// Deriving an indicator from source columns before it enters the index: counts
// become rates so that large and small neighbourhoods compare fairly.
//   per_1000  1000 x / denominator       (e.g. benefit recipients per 1,000 inhabitants)
//   per_km2   x / area_km2               (area from the join, column area_km2)
//   share     100 x / total              (percentage of a total column)
//   log       ln(x + 1)                  (counts with zeros; damps a long right tail)
// A zero or missing denominator gives a missing value (never infinity).
#include <string>
#include <vector>

#include "core/feature_table.hpp"

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
};

// The derived values (NaN = missing). Throws DataError naming a missing or text column.
std::vector<double> derive(const FeatureTable& table, const TransformSpec& spec);

}  // namespace leefbaar::index
