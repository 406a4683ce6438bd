#pragma once
// The `join` operation end to end, as an engine call: read polygons and tables,
// repair geometry, join, add area_km2, optionally reproject, and (optionally)
// write the GeoPackage. `leefbaar join` and `leefbaar run` both use it.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "io/table_reader.hpp"
#include "io/vector_reader.hpp"
#include "join/join.hpp"

namespace leefbaar {

struct TableSource {
    std::string path;
    std::string layer;                 // sheet/layer for XLSX, ODS, GPKG
    std::string key;                   // key column (empty: the polygon key's name)
    std::string prefix;
    std::vector<std::string> columns;  // empty: all
    std::vector<std::string> text_columns;
    std::vector<std::string> numeric_columns;
    char separator = 0;                // CSV: 0 = detect
    int decimal_comma = -1;            // CSV: -1 detect, 0 off, 1 on
};

struct JoinJobOptions {
    std::string polygons;
    std::string layer;
    std::string where;
    std::string key;
    std::string assign_srs;            // for sources without CRS
    std::string target_srs;            // reproject the output (empty: keep)
    std::vector<TableSource> tables;
    JoinOptions join;
    std::vector<std::string> extra_missing_markers;
    std::vector<double> extra_sentinels;
    bool repair = true;
    std::string area_column = "area_km2";
    unsigned threads = 0;
};

struct JoinJobResult {
    FeatureTable table;
    JoinReport join;
    io::GeometryReport geometry;
    std::vector<io::ColumnStats> polygon_columns;
    std::string polygon_driver, polygon_layer;
    std::vector<std::string> warnings;
    nlohmann::json report_json() const;
};

// Validates cheap things first (files exist, key given) before reading anything big.
void validate_join_job(const JoinJobOptions& options);
// How a table of `options` is read (key, typing, missing markers): the join's and
// the monitor's reading of a year's table alone (project/monitor_editions.cpp).
io::TableReadOptions table_read_options(const JoinJobOptions& options, const TableSource& table);

JoinJobResult run_join_job(const JoinJobOptions& options, const Progress& progress = {});

}  // namespace leefbaar
