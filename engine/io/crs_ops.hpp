#pragma once
// Coordinate reference system operations through PROJ (via OGR's wrappers).
#include <string>
#include <vector>

#include "core/crs.hpp"
#include "core/feature_table.hpp"
#include "core/progress.hpp"

namespace leefbaar::io {

// Parses "EPSG:28992", a WKT string or a PROJ string. Throws UsageError.
Crs parse_crs(const std::string& text);

// Reprojects every geometry of the table into `target`; throws DataError when the
// source has no CRS.
void reproject(FeatureTable& table, const Crs& target, const Progress& progress = {}, unsigned threads = 0);

// Area of each geometry in km²: planar in metres for projected CRS, geodesic on the
// CRS's ellipsoid (PROJ's geod_polygonarea, Karney 2013) for geographic CRS.
std::vector<double> areas_km2(const FeatureTable& table, unsigned threads = 0);

}  // namespace leefbaar::io
