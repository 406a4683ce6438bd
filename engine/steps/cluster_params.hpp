#pragma once
// The clustering options: `leefbaar cluster` and [cluster].
#include <string>

#include "cluster/options.hpp"
#include "core/param_list.hpp"
#include "spatial/spatial_analysis.hpp"

namespace leefbaar::steps {

struct ClusterStepOptions {
    cluster::ClusterOptions cluster;
    WeightsSpec weights;           // contiguity of the spatial methods
    bool regions = true;           // the dissolved regions layer
    std::string regions_layer = "regions";
};

enum class ClusterFront { Command, Project };

void declare_cluster(params::ParamList& list, ClusterStepOptions& o, ClusterFront front);
// Checks across parameters (maxp needs a floor, floor needs floor_field, the k
// range, cluster::validate_options). Throws UsageError naming the parameter.
void check_cluster(const ClusterStepOptions& o, ClusterFront front);

}  // namespace leefbaar::steps
