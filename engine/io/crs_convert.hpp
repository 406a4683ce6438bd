#pragma once
// Conversion between OGRSpatialReference and the engine's Crs. Private to engine/io.
#include <ogr_spatialref.h>

#include "core/crs.hpp"

namespace leefbaar::io::detail {

Crs from_ogr(const OGRSpatialReference& srs);
// Throws DataError when the WKT cannot be parsed.
OGRSpatialReference to_ogr(const Crs& crs);

// GeoPackage srs_id 0 and -1 ("Undefined geographic SRS", "Undefined Cartesian
// SRS") are placeholders that GDAL reports as real CRSs: they mean "none".
bool is_undefined_srs(const OGRSpatialReference& srs);

}  // namespace leefbaar::io::detail
