#pragma once
// A leefbaar project file (TOML): everything `leefbaar run` needs to go from
// polygons and indicator tables to one GeoPackage and one JSON report. The format
// is documented in docs/project-file.md; sample: sample-data/heerlen/liveability.toml.
#include <filesystem>
#include <map>
#include <string>

#include "core/param_list.hpp"
#include "index/composite.hpp"
#include "steps/areas_params.hpp"
#include "steps/validate_params.hpp"
#include "steps/cluster_params.hpp"
#include "steps/explain_params.hpp"
#include "steps/monitor_params.hpp"
#include "index/uncertainty.hpp"
#include "join/join_job.hpp"
#include "spatial/spatial_analysis.hpp"

namespace leefbaar::project {

struct Project {
    std::string file;                  // the project file as given
    std::filesystem::path base_dir;    // relative paths in the file are relative to this
    std::string name, description;
    std::string source;                // source statement for maps, e.g. "Bron: CBS"

    // [input]: the join (paths already made absolute/relative to base_dir).
    JoinJobOptions input;
    int input_line = 0;

    // [output]
    std::string output_gpkg;           // resolved; empty: <project name>.gpkg next to the project file
    std::string output_report;
    std::string units_layer = "units";
    std::string audit_layer = "index_audit";
    // Which source columns the units layer keeps: all joined columns, or only the key,
    // area, the columns the indicators use and those listed in `keep`.
    bool keep_all_source_columns = true;
    std::vector<std::string> keep_columns;

    // [index], [domain.*], [indicator.*], [uncertainty]
    index::IndexOptions index;
    index::UncertaintyOptions uncertainty;

    // [spatial]: global and local spatial autocorrelation of the named fields
    // (default: the index) on the weights it describes (default: queen, row-standardised).
    bool spatial_enabled = false;
    SpatialAnalysisOptions spatial;

    // [cluster]: clustering / regionalisation of the units (default: Ward on the
    // domain scores); spatial methods use its weights (raw contiguity etc.), and the
    // dissolved regions go to their own layer.
    bool cluster_enabled = false;
    steps::ClusterStepOptions cluster_step;

    // [monitor]: the same units over several years (its per-indicator keys are in
    // [indicator.<name>], by indicator name).
    bool monitor_enabled = false;
    steps::MonitorStep monitor;
    std::map<std::string, steps::IndicatorMonitoring> monitoring;

    // [areas] and [[areas.level]]: units rolled up to named areas (its per-indicator
    // keys are in [indicator.<name>], by indicator name).
    bool validate_enabled = false;   // [validate]: compare the index with a reference score
    steps::ValidateStep validate;
    bool areas_enabled = false;
    steps::AreasStep areas;
    std::map<std::string, steps::IndicatorAreas> area_rules;

    // [explain]: per-unit explanations of the index (on unless enabled = false).
    steps::ExplainStep explain;

    // [report]: the HTML report and the QGIS styling of the GeoPackage.
    bool report_enabled = false;
    std::string report_html;           // resolved; empty: <gpkg stem>.html next to the GeoPackage
    std::string report_title;
    bool style_output = true;          // layer styles, QGIS project, metadata in the GeoPackage

    // Deprecated keys that were used ("[spatial] neighbours is now k ..."), with lines.
    std::vector<std::string> warnings;

    // Lines in the project file, for errors found after the data are read
    // (a column that is not in the joined table): key "indicator.<name>.column" etc.
    std::map<std::string, int> lines;
    int line_of(const std::string& key) const {
        const auto it = lines.find(key);
        return it == lines.end() ? 0 : it->second;
    }
};

// The sections of a project file, in parse order, with their parameters.
using SectionDeclare = void (*)(params::ParamList& list, Project& p);
struct SectionInfo {
    std::string name;
    bool required = false;
    bool repeated = false;    // [name.X]
    std::string step;         // the command running the same step
    SectionDeclare declare = nullptr;
};
std::vector<SectionInfo> project_sections();

// From now on, engine messages name options as project keys (`order = 2 in
// [spatial]`), not as flags: for `leefbaar run` (engine/project/param_render.cpp).
void use_project_param_names();
// That rendering of {{name}} / {{name value}} (core/error.hpp). A name declared in
// several sections (the weights keys: [spatial] and [cluster]) is rendered in the
// section of the step that runs (prefer_param_section), else in the first.
std::string param_as_key(const std::string& name, const std::string* value);
// The pipeline names the section of each step as it starts it; the last one named is
// the one whose message ends the run.
void prefer_param_section(const std::string& section);

// Reads and validates a project file. Errors are UsageError with the file and line.
Project load_project(const std::string& path);
// Same, from text (for tests); `file` is used in messages and to resolve paths.
Project parse_project(const std::string& text, const std::string& file);

}  // namespace leefbaar::project
