#pragma once
// The units with a value: local statistics run on complete data (local_stats.hpp),
// so a time step or a change with missing values is analysed on the units that
// have one, with the weights among them, and the results are put back in place,
// as the spatial step does for one variable (spatial_analysis.cpp).
#include <cstddef>
#include <vector>

#include "spatial/local_stats.hpp"
#include "spatial/weights.hpp"

namespace leefbaar {

struct UnitSubset {
    std::vector<std::size_t> keep;  // units with a finite value, ascending
    std::vector<double> values;     // their values
};
UnitSubset finite_units(const std::vector<double>& x);

// The weights among the kept units (weights_ops subset_weights), `transform` re-applied.
SpatialWeights subset_weights(const SpatialWeights& raw, const UnitSubset& s, WeightsTransform transform);

// r (over the kept units) spread back over all n units: NaN and the category
// "Undefined" where a unit was not kept.
LocalResult expand_to_units(const LocalResult& r, const UnitSubset& s, std::size_t n);

}  // namespace leefbaar
