#pragma once
// Distance-based weights on representative points of the polygons: k nearest
// neighbours, distance band, inverse distance and kernels (PySAL's definitions).
// Distances are in CRS units (metres for the usual projected CRS). Geographic
// coordinates are refused unless great-circle distances are asked for, so degrees
// and metres are never mixed.
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/geometry.hpp"
#include "core/progress.hpp"
#include "spatial/weights.hpp"

namespace leefbaar {

enum class DistanceWeightsKind { Knn, Band, InverseDistance, Kernel };
enum class PointMethod { Centroid, PointOnSurface };
enum class KernelFunction { Triangular, Uniform, Epanechnikov, Quartic, Gaussian };

struct DistanceWeightsOptions {
    DistanceWeightsKind kind = DistanceWeightsKind::Knn;
    int k = 6;                // knn: neighbours; kernel: the k-th neighbour sets the bandwidth (PySAL default 2)
    double threshold = -1.0;  // band / inverse distance: < 0 = the smallest distance leaving no island
    double power = 1.0;       // inverse distance: w = 1 / d^power
    KernelFunction kernel = KernelFunction::Triangular;
    bool adaptive = false;    // kernel: per-unit bandwidth (distance to its k-th neighbour)
    double bandwidth = -1.0;  // fixed kernel: < 0 = largest k-th neighbour distance
    PointMethod points = PointMethod::Centroid;
    bool great_circle = false;  // coordinates are lon/lat degrees; distances in metres on a sphere
    unsigned threads = 0;
};

// Representative point per polygon (empty geometries get NaN coordinates).
std::vector<Point> representative_points(const std::vector<MultiPolygon>& polygons, PointMethod method, unsigned threads = 0);

// Core builder on points. Binary weights for knn/band (transform later), raw
// distance weights for inverse distance and kernels. Throws DataError for
// coincident points under inverse distance and for missing points.
SpatialWeights distance_weights(const std::vector<Point>& points, const std::vector<std::string>& ids,
                                const DistanceWeightsOptions& options, const Progress& progress = {});

// On a feature table: points from its geometries, ids from its key column (or row
// numbers), refusing geographic CRS unless options.great_circle.
SpatialWeights distance_weights(const FeatureTable& table, const DistanceWeightsOptions& options, const Progress& progress = {});

// The smallest distance band that gives every unit at least one neighbour.
double min_threshold_distance(const std::vector<Point>& points, bool great_circle = false, unsigned threads = 0);

// Links every island to its nearest unit (both directions, weight 1 before any
// transform). Returns the number of islands connected.
std::size_t connect_islands_to_nearest(SpatialWeights& w, const std::vector<Point>& points, bool great_circle = false);

// Throws UsageError when the table's CRS is geographic and great-circle was not asked for.
void require_projected(const FeatureTable& table, const std::string& what);

const char* to_string(KernelFunction k);

}  // namespace leefbaar
