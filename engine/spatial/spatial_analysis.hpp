#pragma once
// The spatial statistics step of the pipeline (and of `leefbaar lisa` /
// `leefbaar hotspots`): build weights as the options say, then for each named
// variable compute global Moran's I, Geary's C and Getis-Ord G, and the local
// statistics (LISA, Gi*, optionally Local Geary), adding their fields
// (core/field_names.hpp) to the feature table. Options are plain values so a TOML
// section maps onto them one to one.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "core/timings.hpp"
#include "spatial/global_stats.hpp"
#include "spatial/local_stats.hpp"
#include "spatial/weights.hpp"
#include "spatial/weights_ops.hpp"

namespace leefbaar {

struct WeightsSpec {
    // queen | rook | knn | distance | inverse-distance | kernel | file
    std::string type = "queen";
    std::string file;                 // GAL/GWT when type = file (ids = the table's key)
    double snap_tolerance = -1.0;     // contiguity, CRS units; < 0: 0.01 m (projected)
    int order = 1;                    // contiguity order (2 = neighbours of neighbours)
    bool cumulative_order = false;    // orders 1..order
    int k = 6;                        // knn; kernel bandwidth neighbour (PySAL: 2)
    double threshold = -1.0;          // metres; < 0: smallest with no island
    double power = 1.0;               // inverse distance
    std::string kernel = "triangular";  // triangular | uniform | epanechnikov | quartic | gaussian
    bool adaptive = false;
    double bandwidth = -1.0;          // metres, fixed kernels; < 0: largest k-th neighbour distance
    std::string points = "centroid";  // centroid | point-on-surface
    bool great_circle = false;
    std::string transform = "row";    // row | binary
    std::string islands = "keep";     // keep | drop | connect-nearest
    unsigned threads = 0;
};

// Raw weights (binary or distance/kernel values, islands policy "connect-nearest"
// applied, transform NOT applied) for the table; ids = the key column.
SpatialWeights build_weights(const FeatureTable& table, const WeightsSpec& spec, const Progress& progress = {});
WeightsTransform parse_transform(const std::string& s);

struct SpatialAnalysisOptions {
    std::vector<std::string> variables;
    WeightsSpec weights;
    bool global = true;
    bool lisa = true;
    bool gistar = true;
    bool local_geary = false;
    int permutations = 999;
    std::uint64_t seed = 12345;
    std::string alternative = "two-sided";  // two-sided | doubled | folded | greater | less
    bool adjust_n = false;                  // Moran's I: islands out of n (spdep adjust.n = TRUE)
    double alpha = 0.05;
    std::string multiple_testing = "none";  // none | fdr | bonferroni
    std::string draws = "shared";           // shared | independent: where the local permutations come from
    unsigned threads = 0;
};

struct VariableResult {
    std::string name;
    std::size_t units_used = 0;
    std::size_t units_missing = 0;
    std::size_t units_without_neighbours = 0;
    std::optional<GlobalTest> moran, geary, getis_ord;
    std::string getis_ord_note;  // why G was not computed
    std::optional<LocalResult> lisa, gistar, local_geary;
};

// What the reports say about the weights used (the weights themselves are the caller's).
struct WeightsUsed {
    std::string kind;  // "queen", "knn k=6", ...
    WeightsTransform transform = WeightsTransform::Row;
};

struct SpatialAnalysisResult {
    WeightsUsed weights;
    WeightsSummary summary;
    std::vector<VariableResult> variables;
    std::vector<std::string> warnings;
    std::vector<std::string> fields_added;
    SpatialAnalysisOptions options;
    // Seconds of building the weights (when built here) and of each variable's global
    // and local statistics, in order (the run report's "timings").
    std::vector<PhaseTime> timings;
    nlohmann::json to_json() const;
};

// Validates the options (UsageError) and the variables (DataError: missing or
// non-numeric field) before any heavy work.
void validate_spatial_options(const FeatureTable& table, const SpatialAnalysisOptions& options);

SpatialAnalysisResult run_spatial_analysis(FeatureTable& table, const SpatialAnalysisOptions& options, const Progress& progress = {});

// Same, on weights the caller already has (raw, as from build_weights or a file).
SpatialAnalysisResult run_spatial_analysis(FeatureTable& table, const SpatialWeights& raw_weights, const SpatialAnalysisOptions& options,
                                           const Progress& progress = {});

nlohmann::json to_json(const WeightsSummary& s);

}  // namespace leefbaar
