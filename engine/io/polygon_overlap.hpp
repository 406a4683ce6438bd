#pragma once
// The areas where the polygons of two editions overlap (GEOS), for areal
// interpolation across boundary changes (time/areal_interpolation.hpp).
#include <cstddef>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"

namespace leefbaar::io {

struct PolygonOverlap {
    std::size_t source = 0;  // row of the source table
    std::size_t target = 0;  // row of the target table
    double area = 0.0;       // in CRS units squared, > 0
};

struct PolygonOverlaps {
    std::vector<double> source_area;       // per source row
    std::vector<PolygonOverlap> overlaps;  // by source, then target
};

// Both tables must carry polygons in the same CRS (OGR's IsSame, axis order
// ignored; both without a CRS counts as the same): DataError naming both otherwise.
// Candidate pairs come from an R-tree on the targets' bounding boxes; sources are
// intersected in parallel, one GEOS context per thread. A pair GEOS cannot
// intersect is retried on MakeValid'ed polygons, then a DataError naming both rows.
PolygonOverlaps polygon_overlaps(const FeatureTable& source, const FeatureTable& target, unsigned threads = 0, const Progress& progress = {});

}  // namespace leefbaar::io
