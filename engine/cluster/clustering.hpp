#pragma once
// The clustering stage of the pipeline: reads the variables from the feature
// table, runs the chosen method, writes the fields `cluster` (1..k, null when
// excluded) and `cluster_status` (core/field_names.hpp), and returns a summary
// with the quality of the solution. The dissolved regions table is built from the
// result by build_regions_table, with geometries from io/dissolve.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cluster/options.hpp"
#include "cluster/quality.hpp"
#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "spatial/weights.hpp"

namespace leefbaar::cluster {

struct KTableRow {
    int k = 0;
    double within_ss = 0, ratio = 0, pseudo_f = 0;
    bool feasible = true;  // false when the method could not form k regions (constraints)
};

struct ClusterResult {
    ClusterOptions options;
    std::size_t units = 0;      // rows of the table
    std::size_t clustered = 0;  // rows with a cluster id
    std::size_t excluded = 0;   // missing values (see cluster_status)
    std::size_t unassigned = 0; // max-p: in a connected part below the floor
    std::size_t imputed_values = 0;
    std::size_t k = 0;          // clusters formed
    std::size_t components = 0; // of the contiguity graph on the clustered units (spatial methods)
    std::vector<std::string> islands;  // keys (or row numbers) of units without neighbours
    std::vector<std::int64_t> cluster_of_row;  // 1..k per table row, 0 = none
    PartitionQuality quality;   // on the scaled variables
    std::vector<std::vector<double>> means;  // per cluster, per variable, in the variables' own units
    std::vector<double> objective;  // SKATER/REDCAP: heterogeneity after 0, 1, … cuts
    std::vector<KTableRow> k_table;
    std::vector<std::string> warnings;

    nlohmann::json to_json() const;
};

// Checks option combinations before any data is read (UsageError with a hint).
void validate_options(const ClusterOptions& options, bool have_weights);

// `weights` is required by the spatial methods (indexed like the table rows).
// Throws UsageError for impossible option combinations, DataError for data problems.
ClusterResult run_clustering(FeatureTable& table, const SpatialWeights* weights, const ClusterOptions& options, const Progress& progress = {});

// One row per cluster: cluster, n_units, <floor field>_sum (when a floor field is
// set), mean_<var> per variable, within_ss, contiguous (1/0 or null without
// weights). `geometries[c]` is the dissolved polygon of cluster c+1 (may be empty
// to build an attribute-only table). CRS copied from the units.
FeatureTable build_regions_table(const FeatureTable& units, const ClusterResult& result, std::vector<MultiPolygon> geometries);

}  // namespace leefbaar::cluster
