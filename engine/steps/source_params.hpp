#pragma once
// The options that name an input layer (source, --layer, --where, --key) and a
// command's outputs (--output, --output-layer, --report, --overwrite, --update):
// shared groups of the commands, declared once here.
#include <string>

#include "core/param_list.hpp"

namespace leefbaar::steps {

struct SourceOptions {
    std::string source, layer, where, key;
};

// The same four, as fields of another options struct (JoinJobOptions).
struct SourceFields {
    std::string& source;
    std::string& layer;
    std::string& where;
    std::string& key;
};

struct SourceHelp {
    std::string name = "polygons";  // the positional's name
    std::string source = "Polygon source (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, PG:...)";
    std::string key = "Key column of the units";
    bool required = true;
    bool where = true;
    bool key_required = false;
    // Also project keys (source = the positional's name, layer, where, key): the join's
    // [input]. Otherwise command-line only.
    bool project_keys = false;
};

void declare_source(params::ParamList& list, SourceOptions& o, const SourceHelp& help);
void declare_source(params::ParamList& list, SourceFields o, const SourceHelp& help);

struct OutputOptions {
    std::string output, output_layer, report;
    bool overwrite = false, update = false;
};

struct OutputHelp {
    std::string output = "Output GeoPackage";
    bool output_required = true;
    bool geopackage = true;   // offers --update and (with layer) --output-layer
    bool layer = true;
    std::string report = "JSON report (default: next to --output, .json)";
};

// Param::check of a GeoPackage output ("must be a GeoPackage ending in .gpkg", or empty).
std::string refuse_gpkg(const params::Value& v);

// Command-line only: a project names its outputs in [output]. An empty
// help.output or help.report leaves that option out (run declares its own
// through [output], steps/project_params.hpp).
void declare_outputs(params::ParamList& list, OutputOptions& o, const OutputHelp& help);
// --overwrite and --update together: UsageError.
void check_outputs(const OutputOptions& o);

}  // namespace leefbaar::steps
