#pragma once
// Everything written into a result GeoPackage besides the features themselves:
// default styles per layer, the embedded QGIS project, provenance and field
// descriptions. finalise_gpkg() writes it into a (temporary) GeoPackage file.
#include <string>
#include <vector>

#include "output/provenance.hpp"
#include "output/style_spec.hpp"

namespace leefbaar::output {

struct FieldDoc {
    std::string table;
    std::string column;
    std::string title;        // short, e.g. "Low-income households (%)"
    std::string description;  // a sentence: what it is, unit, direction
};

struct LayerDoc {
    std::string table;        // GeoPackage table name
    std::string description;
    std::vector<LayerStyle> styles;  // first with is_default is the default style
};

struct OutputDocument {
    std::string project_name = "leefbaar";  // qgis_projects.name
    std::string project_title = "Liveability analysis (leefbaar)";
    std::string project_description;  // printed on the project's layouts
    std::string project_source;       // source statement ("Bron: CBS"), printed on the layouts
    std::string time_start, time_end;  // ResultsOptions::time_start / time_end
    std::vector<LayerDoc> layers;
    std::vector<FieldDoc> fields;
    Provenance provenance;
    bool with_project = true;
    bool with_metadata = true;
};

// Writes layer_styles, qgis_projects, gpkg_metadata(+_reference) and gpkg_data_columns
// into the GeoPackage at `gpkg_path` (normally write_gpkg's temporary file), replacing
// earlier rows for the same tables and leaving every other table's rows alone.
// `final_file_name` is the name the file will have, for the project's relative sources.
void finalise_gpkg(const std::string& gpkg_path, const std::string& final_file_name, const OutputDocument& doc);

// Title and description for a field from its name (core/field_names.hpp), used when
// the stage that wrote it left Column::title/description empty. Empty if unknown.
FieldDoc describe_field(const std::string& table, const std::string& column);

// The md_standard_uri of leefbaar's records in gpkg_metadata.
inline const std::string kProvenanceUri = "urn:leefbaar:provenance:1";

}  // namespace leefbaar::output
