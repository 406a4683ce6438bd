#pragma once
// Writing the result layers as one QGIS-ready GeoPackage: features (io::write_gpkg),
// then, in the same temporary file before it is renamed into place, the default
// styles, the embedded QGIS project, provenance and field descriptions.
#include <optional>
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "output/document.hpp"
#include "output/style_spec.hpp"

namespace leefbaar::output {

struct ResultLayer {
    const FeatureTable* table = nullptr;
    std::string name;
    std::string description;
    std::vector<std::string> date_columns = {};  // io::LayerToWrite::date_columns
    std::optional<StyleOptions> style = {};      // this layer's own classes (else ResultsOptions::style)
};

struct ResultsOptions {
    // The file exists: our layers are added to it and the user's other layers are kept.
    // A layer of the same name is replaced only when overwrite is set.
    bool overwrite = false;
    StyleOptions style;
    Provenance provenance;
    std::string project_name = "leefbaar";
    std::string project_title = "Liveability analysis (leefbaar)";
    std::string project_description;  // printed on the project's print layouts
    std::string project_source;       // source statement ("Bron: CBS"), printed on the layouts
    // The project's temporal range (ISO date-times, end exclusive) and a step of one
    // year, for layers with a temporal style; empty: none.
    std::string time_start, time_end;
    bool spatial_index = true;
};

// Refuses (UsageError) output layer names that collide with each other (SQLite table
// names are case-insensitive), with GeoPackage/QGIS system tables, or with layers in
// an existing file unless overwrite is set. Cheap: call it before the heavy work.
// `shown_as`: the path to name in messages when `path` is a temporary copy.
void check_result_layers(const std::string& path, const std::vector<std::string>& names, bool overwrite, const std::string& shown_as = {});

// The document (styles, field descriptions, provenance) for these layers.
OutputDocument make_document(const std::vector<ResultLayer>& layers, const ResultsOptions& options);

// Writes the layers and their document into `file` itself (an OutputSet's temporary; a
// copy of the existing GeoPackage for --update). `shown_as` is the final path, for
// messages and the project's relative sources. Our layers of the same name are replaced.
void write_results_file(const std::string& file, const std::string& shown_as, const std::vector<ResultLayer>& layers,
                        const ResultsOptions& options, const Progress& progress = {});

// The same as an output of its own: refuses colliding layers of an existing file unless
// options.overwrite, keeps the file's other layers, one temporary, one rename.
void write_results(const std::string& path, const std::vector<ResultLayer>& layers, const ResultsOptions& options,
                   const Progress& progress = {});

struct StyleGpkgOptions {
    std::vector<std::string> layers;  // empty: every feature layer with recognised fields
    StyleOptions style;
    Provenance provenance;
    std::string project_name = "leefbaar";
    std::string project_title = "Liveability analysis (leefbaar)";
};

// Adds styles, project, metadata and field descriptions to an existing GeoPackage
// (atomically: a styled copy replaces the original). Returns the layers styled.
std::vector<std::string> style_gpkg(const std::string& path, const StyleGpkgOptions& options, const Progress& progress = {});

}  // namespace leefbaar::output
