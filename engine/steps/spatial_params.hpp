#pragma once
// The spatial statistics options: `leefbaar lisa`, `leefbaar hotspots` and [spatial].
#include "core/param_list.hpp"
#include "spatial/spatial_analysis.hpp"

namespace leefbaar::steps {

enum class SpatialFront { Lisa, Hotspots, Project };

// Declares the statistics options and the weights group (weights_params.hpp).
void declare_spatial(params::ParamList& list, SpatialAnalysisOptions& o, SpatialFront front);

}  // namespace leefbaar::steps
