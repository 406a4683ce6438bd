#include "spatial/representative_point.hpp"

// GCC 12 reports maybe-uninitialized inside boost/geometry/algorithms/detail/extreme_points.hpp
// (values assigned on every path that reads them); the warning is a false positive.
// Clang has no such warning (and warns about the unknown name): GCC only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/geometry.hpp>
#include <boost/geometry/algorithms/point_on_surface.hpp>

namespace leefbaar {

Point point_on_surface(const MultiPolygon& mp) { return bg::return_point_on_surface(mp); }

}  // namespace leefbaar
