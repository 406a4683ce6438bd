#pragma once
// Differential Local Moran (GeoDa's "Differential Moran's I", Anselin's LISA on
// the change): Local Moran of d_i = y_i(t) - y_i(t-1), standardised, with the
// spatial lag of the standardised change, conditional permutation inference. It is
// local_moran on the change vector, among the units with both values.
#include <vector>

#include "core/progress.hpp"
#include "spatial/local_stats.hpp"
#include "spatial/weights.hpp"

namespace leefbaar {

struct DifferentialMoranResult {
    std::vector<double> change;  // after - before; NaN where either is missing
    LocalResult lisa;            // over all units; "Undefined" where the change is missing
};

// `raw` as from build_weights; `transform` is applied among the units with a change.
DifferentialMoranResult differential_local_moran(const std::vector<double>& before, const std::vector<double>& after, const SpatialWeights& raw,
                                                 WeightsTransform transform, const LocalInferenceOptions& inference, const Progress& progress = {});

}  // namespace leefbaar
