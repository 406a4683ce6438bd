#pragma once
// The whole pipeline of a project file: join -> indicators -> index -> uncertainty
// -> audit -> one GeoPackage (units with geometry + audit table) and one JSON
// report. As the spatial statistics and clustering land they become further steps
// here, each reading and adding to the same units table.
#include <cmath>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/feature_table.hpp"
#include "areas/area_job.hpp"
#include "validate/validate_job.hpp"
#include "cluster/cluster_job.hpp"
#include "core/progress.hpp"
#include "core/timings.hpp"
#include "index/audit.hpp"
#include "index/composite.hpp"
#include "index/explain.hpp"
#include "index/uncertainty.hpp"
#include "join/join_job.hpp"
#include "monitor/monitor_job.hpp"
#include "project/project.hpp"

namespace leefbaar::project {

struct RunOptions {
    std::string output_gpkg;    // overrides [output] gpkg (as given, relative to the working directory)
    std::string output_report;  // overrides [output] report
    std::string output_html;    // overrides [report] html (and enables the report)
    std::string software = "leefbaar";  // name and version, for the provenance record
    bool overwrite = false;     // replace existing outputs as a whole
    bool update = false;        // add the layers to an existing GeoPackage, keeping its other layers
    std::optional<std::uint64_t> seed;
    std::optional<std::size_t> runs;
    unsigned threads = 0;
    // `leefbaar score`: take the units from this vector source (e.g. the output of
    // `leefbaar join`) instead of joining [input].
    std::string units_source;
    std::string units_layer;
    std::string units_key;      // default: [input] key
    bool write = true;          // false: compute only (tests)
    // `leefbaar areas`: the index and [areas] only ([spatial], [cluster], [monitor] are left out).
    bool areas_only = false;
};

// `leefbaar score`: where the units came from.
struct UnitsSource {
    std::string path, layer;
    std::size_t features = 0;
    std::vector<std::string> replaced_result_fields;  // of an earlier run, dropped
};

// The typed results of the steps; the JSON report is made from them once, at the
// end (report_json), and the console summary reads them (summary.cpp).
struct PipelineResult {
    FeatureTable units;
    index::AuditResult audit;   // its table is the audit layer
    nlohmann::json report;      // report_json(), as written
    std::optional<JoinJobResult> join;          // its table moved into `units`
    std::optional<UnitsSource> units_source;
    std::optional<SpatialWeights> neighbours;   // for neighbour imputation
    std::optional<index::IndexModel> model;  // the indicators as read, for the report
    index::IndexResult index;
    std::optional<index::UncertaintyResult> uncertainty;
    std::optional<index::Explanation> explanation;     // [explain]
    std::optional<SpatialAnalysisResult> spatial;
    std::optional<cluster::ClusterJobResult> cluster;  // its regions moved into `regions`
    std::optional<monitor::MonitorJobResult> monitor;  // [monitor]: the years, the change
    std::vector<areas::AreaLevel> area_levels;           // [areas]: the levels as defined
    std::optional<areas::AreaJobResult> areas;           // their scores and profiles
    std::vector<FeatureTable> area_tables;               // one layer per level
    std::optional<validate::ValidateResult> validation;  // [validate]: the index against a reference
    // weighting = "calibrated" | "optimised": the domain weights as estimated, and how.
    std::vector<std::pair<std::string, double>> fitted_domain_weights;
    std::string weight_fit_method;
    double weight_fit_rho_in_sample = NAN, weight_fit_rho_cross_validated = NAN;
    validate::ValidateOptions validation_options;
    // With [monitor] too: [level][year][area] index, and a layer per level of them.
    std::vector<std::vector<std::vector<double>>> area_trajectories;
    std::vector<FeatureTable> area_year_tables;
    FeatureTable regions;       // dissolved regions of the clustering (when has_regions)
    bool has_regions = false;
    std::vector<double> index_breaks;  // inner class bounds of the index, for the styles
    std::vector<std::string> index_class_labels;  // label of every index class, for the styles and the report
    std::vector<std::pair<std::string, std::string>> methods;  // for the provenance record
    std::string gpkg_path, report_path, html_path;
    std::string run_id;         // the same in the GeoPackage, the JSON report and the HTML
    std::size_t scored = 0;
    std::size_t uncertainty_runs = 0;
    std::uint64_t uncertainty_seed = 0;
    std::vector<std::string> warnings;
    // Wall-clock seconds of every step that ran, in order, with the parts a step times
    // (the JSON report's "timings"; core/timings.hpp).
    std::vector<PhaseTime> timings;
};

// Output paths after overrides, checked before any heavy work.
std::string output_gpkg_path(const Project& project, const RunOptions& options);
std::string output_report_path(const Project& project, const RunOptions& options);
// The HTML report, or empty when none is asked for ([report] or --html).
std::string output_html_path(const Project& project, const RunOptions& options);

// Runs the steps the project asks for (pipeline.cpp, kSteps), with the options'
// overrides (seed, runs, threads) applied in one place.
PipelineResult run_project(const Project& project, const RunOptions& options, const Progress& progress = {});
nlohmann::json report_json(const Project& project, const PipelineResult& result);

}  // namespace leefbaar::project
