#pragma once
// Writing feature tables to GeoPackage. Output goes to a temporary file next to
// the target and is renamed into place only when complete, so a failed run never
// leaves a half-written file. Existing outputs are replaced only when asked.
#include <functional>
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"

namespace leefbaar::io {

struct LayerToWrite {
    const FeatureTable* table = nullptr;
    std::string name;           // layer name
    bool with_geometry = true;  // false: attribute-only table (gpkg "attributes")
    std::string description;    // gpkg_contents.description
    // Text columns holding ISO dates (YYYY-MM-DD): written as GeoPackage DATE fields, so
    // that QGIS's temporal controller can use them.
    std::vector<std::string> date_columns = {};
};

enum class ExistingOutput { Refuse, Replace, UpdateLayers };

struct GpkgWriteOptions {
    ExistingOutput existing = ExistingOutput::Refuse;
    bool spatial_index = true;
    // Called with the path of the finished, closed temporary GeoPackage before it is
    // renamed into place, so extra tables (styles, project, metadata) become part of
    // the same atomic write; an exception here leaves the original untouched.
    std::function<void(const std::string& temp_path)> finalise;
    // Recorded as the dataset metadata item LEEFBAAR_RUN_ID (OutputSet::run_id), so a
    // GeoPackage can be matched with the JSON and HTML of the same run.
    std::string run_id;
    // Threads that encode the geometries (0: all cores).
    unsigned threads = 0;
    // Every feature through GDAL's CreateFeature, as before the bulk insert
    // (io/gpkg_bulk.hpp): the reference the tests compare the bulk rows with.
    bool gdal_features = false;
};

inline constexpr const char* kRunIdItem = "LEEFBAAR_RUN_ID";

// Writes the layers into `file` itself: a new GeoPackage, or, when `file` exists and is
// not empty (an OutputSet's copy for --update), into it, replacing layers of the same
// name. `shown_as` is the final output path, for messages. No rename: OutputSet does it.
void write_gpkg_file(const std::string& file, const std::string& shown_as, const std::vector<LayerToWrite>& layers,
                     const GpkgWriteOptions& options, const Progress& progress = {});

// Writes all layers as one output of its own (an OutputSet of one: one temporary file,
// one rename). Commands with several outputs use OutputSet and write_gpkg_file.
void write_gpkg(const std::string& path, const std::vector<LayerToWrite>& layers, const GpkgWriteOptions& options,
                const Progress& progress = {});

// The run id a GeoPackage written by leefbaar records; empty when it has none.
std::string read_run_id(const std::string& path);

}  // namespace leefbaar::io
