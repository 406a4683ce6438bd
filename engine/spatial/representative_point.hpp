#pragma once
// A point guaranteed inside a polygon (for KNN/distance weights on concave units
// whose centroid may fall outside). Own file: Boost's implementation trips a
// false -Wmaybe-uninitialized in GCC 12 that is silenced only here.
#include "core/geometry.hpp"

namespace leefbaar {

// Throws boost::geometry::exception on degenerate input.
Point point_on_surface(const MultiPolygon& mp);

}  // namespace leefbaar
