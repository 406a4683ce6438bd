#pragma once
// The keys that describe spatial weights, shared by [spatial] (all of them) and
// [cluster] (the contiguity ones: a region is a connected set of neighbours).
#include <string>
#include <vector>

#include "project/parse_context.hpp"
#include "spatial/spatial_analysis.hpp"

namespace leefbaar::project {

std::vector<std::string> weights_keys(bool full);
void parse_weights_keys(const toml::table& t, ParseContext& ctx, const std::string& where, WeightsSpec& spec, bool full);

}  // namespace leefbaar::project
