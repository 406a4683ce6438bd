#pragma once
// The clustering step as a whole, shared by `leefbaar cluster` and step 7 of the
// project pipeline (project/pipeline.cpp): for a spatial method the weights built by
// build_weights (the same builder as `leefbaar weights` / `lisa`, so the same links
// on any input), then run_clustering, then the clusters dissolved into a regions
// table (io::dissolve_groups + build_regions_table). Progress: weights 0-0.2,
// clustering 0.2-0.8, dissolve 0.8-1.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cluster/clustering.hpp"
#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "core/timings.hpp"
#include "spatial/spatial_analysis.hpp"
#include "spatial/weights_ops.hpp"

namespace leefbaar::cluster {

struct ClusterJobOptions {
    ClusterOptions cluster;
    // Spatial methods only: queen | rook | file (ids = the table's key column);
    // snap_tolerance < 0 is WeightsSpec's default (0.01 m for projected data).
    WeightsSpec weights;
    bool regions = true;   // dissolve the clusters into a regions table
    unsigned threads = 0;  // used for the weights, the clustering and the dissolve
};

struct ClusterJobResult {
    ClusterResult cluster;
    std::optional<SpatialWeights> weights;  // as used, when the method is spatial
    WeightsSummary weights_summary;         // of `weights`
    bool has_regions = false;               // regions asked for and k > 0
    FeatureTable regions;                   // one row per cluster; geometry when the units have it
    std::vector<std::string> warnings;
    // Seconds of the weights (spatial methods), the clustering and the dissolve, in
    // order (the run report's "timings").
    std::vector<PhaseTime> timings;

    // The cluster summary (ClusterResult::to_json) plus, for a spatial method,
    // "weights": {"kind", "links"}: the report of `leefbaar cluster`.
    nlohmann::json to_json() const;
};

// Writes the cluster fields to `table` (see run_clustering). Throws UsageError /
// DataError as build_weights and run_clustering do.
ClusterJobResult run_cluster_job(FeatureTable& table, const ClusterJobOptions& options, const Progress& progress = {});

}  // namespace leefbaar::cluster
