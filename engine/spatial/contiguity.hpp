#pragma once
// Queen and rook contiguity from polygons.
// Two polygons are queen neighbours when a boundary point of one lies within
// `tolerance` of a boundary point of the other; rook neighbours when they share at
// least two distinct boundary points (spdep's poly2nb definition, which for
// shared edges equals "share an edge"). Boundary points are the vertices, plus
// (with `vertex_on_edge`) vertices lying within the tolerance of the other
// polygon's edges, so a T-junction (a vertex of one polygon in the middle of the
// neighbour's edge) counts as well: digitised neighbourhood maps have those.
#include <vector>

#include "core/feature_table.hpp"
#include "core/geometry.hpp"
#include "core/progress.hpp"
#include "spatial/weights.hpp"

namespace leefbaar {

enum class ContiguityRule { Queen, Rook };

struct ContiguityOptions {
    ContiguityRule rule = ContiguityRule::Queen;
    // In CRS units; negative = default: 0.01 m for projected data (spdep's 10 mm
    // snap) converted with the CRS linear unit, or 1e-7 degrees for geographic.
    double tolerance = -1.0;
    bool vertex_on_edge = true;
    unsigned threads = 0;
};

// ids become the result's (may be empty: then "0".."n-1"). A negative tolerance here
// (no CRS known) becomes 1e-7 of the data's bounding-box diagonal.
SpatialWeights contiguity_weights(const std::vector<MultiPolygon>& polygons, std::vector<std::string> ids, const ContiguityOptions& options,
                                  const Progress& progress = {});

// On a feature table: ids from the key column; a negative tolerance becomes 0.01 m
// for projected CRS (in CRS units) and 1e-7 degrees (about 1 cm) for geographic.
SpatialWeights contiguity_weights(const FeatureTable& table, const ContiguityOptions& options, const Progress& progress = {});
double default_snap_tolerance(const Crs& crs);

// Higher order: neighbours at exactly order k on the graph (k = 1 is w itself);
// with `inclusive`, all of orders 1..k. Binary weights.
SpatialWeights higher_order(const SpatialWeights& w, int k, bool inclusive = false);

}  // namespace leefbaar
