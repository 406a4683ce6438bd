#pragma once
// Conversion between OGRSpatialReference and the engine's Crs. Private to engine/io.
#include <ogr_spatialref.h>

#include "core/crs.hpp"

namespace leefbaar::io::detail {

Crs from_ogr(const OGRSpatialReference& srs);
// Throws DataError when the WKT cannot be parsed.
OGRSpatialReference to_ogr(const Crs& crs);

}  // namespace leefbaar::io::detail
