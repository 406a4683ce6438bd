#pragma once
// What `leefbaar info` shows about a source: a focused ogrinfo that also names
// the columns that could serve as a join key.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/crs.hpp"
#include "core/feature_table.hpp"

namespace leefbaar::io {

struct FieldInfo {
    std::string name;
    std::string type;         // as the source declares it (OGR type name) or as detected (CSV)
    std::size_t nulls = 0;
    std::size_t distinct = 0;
    bool candidate_key = false;  // unique and never null
    std::string example;
};

struct LayerInfo {
    std::string name;
    std::string geometry_type;  // "MultiPolygon", "None" for tables
    std::size_t features = 0;
    Crs crs;
    std::optional<std::array<double, 4>> extent;  // minx, miny, maxx, maxy
    std::vector<FieldInfo> fields;
    std::vector<std::string> candidate_keys;
    std::vector<std::string> notes;  // what will stop a join (undefined CRS, coordinates that are not degrees)
};

struct SourceInfo {
    std::string source;
    std::string driver;
    std::string run_id;  // the leefbaar run that wrote the file (GeoPackage metadata LEEFBAAR_RUN_ID); empty: none
    std::vector<LayerInfo> layers;
};

struct InfoOptions {
    std::string layer;  // only this layer (empty: all)
    bool scan_values = true;  // count nulls/distinct values (reads every feature)
};

SourceInfo inspect_source(const std::string& source, const InfoOptions& options);
void to_json(nlohmann::json& j, const SourceInfo& info);

}  // namespace leefbaar::io
