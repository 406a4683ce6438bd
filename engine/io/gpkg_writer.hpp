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
};

enum class ExistingOutput { Refuse, Replace, UpdateLayers };

struct GpkgWriteOptions {
    ExistingOutput existing = ExistingOutput::Refuse;
    bool spatial_index = true;
    // Called with the path of the finished, closed temporary GeoPackage before it is
    // renamed into place, so extra tables (styles, project, metadata) become part of
    // the same atomic write; an exception here leaves the original untouched.
    std::function<void(const std::string& temp_path)> finalise;
};

// Writes all layers in one go (one temporary file, one rename).
void write_gpkg(const std::string& path, const std::vector<LayerToWrite>& layers, const GpkgWriteOptions& options,
                const Progress& progress = {});

// Checks before heavy work that the output can be written: the directory exists,
// the file does not exist (or may be replaced). Throws UsageError with a hint.
void check_output_path(const std::string& path, bool overwrite);

}  // namespace leefbaar::io
