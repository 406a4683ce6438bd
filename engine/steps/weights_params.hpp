#pragma once
// The spatial weights options, one group shared by `weights`, `lisa`, `hotspots`,
// `cluster`, [spatial] and [cluster] (osmium-tool style option group).
#include "core/param_list.hpp"
#include "spatial/spatial_analysis.hpp"

namespace leefbaar::steps {

enum class WeightsGroup {
    All,         // every weights type (weights, lisa, hotspots, [spatial])
    Contiguity,  // queen, rook or a file (cluster, [cluster])
};

void declare_weights(params::ParamList& list, WeightsSpec& spec, WeightsGroup group);

// True for a .gal/.gwt path given as the weights type.
bool is_weights_file(const std::string& s);
// After the parameters are set: a path given as `weights` becomes type "file";
// `weights_file` implies type "file"; type "file" needs a file. Throws UsageError
// naming the parameter.
void finish_weights(WeightsSpec& spec);

}  // namespace leefbaar::steps
