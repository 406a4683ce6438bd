#pragma once
// Dissolving polygons by group (GEOS unary union): the region polygons of a
// clustering, what a planner opens first.
#include <cstdint>
#include <vector>

#include "core/geometry.hpp"
#include "core/progress.hpp"

namespace leefbaar::io {

// group[i] in 1..groups selects the output polygon of geometry i (0 or negative: left out).
// Returns `groups` multipolygons; groups run in parallel (one GEOS context per thread).
std::vector<MultiPolygon> dissolve_groups(const std::vector<MultiPolygon>& geometries, const std::vector<std::int64_t>& group, std::size_t groups,
                                          unsigned threads = 0, const Progress& progress = {});

}  // namespace leefbaar::io
