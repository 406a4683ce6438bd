#pragma once
// Reading indicator tables (no geometry) into a FeatureTable: CSV/TSV (own
// parser, see csv_reader.cpp for why), XLSX and ODS through GDAL, and any OGR
// attribute layer (GeoPackage table, DBF, a vector layer's attributes).
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "io/column_stats.hpp"

namespace leefbaar::io {

// Values read as missing: empty, ".", "NA", "-" and the CBS sentinels.
std::vector<std::string> default_missing_markers();
std::vector<double> default_numeric_sentinels();  // -99999999, -99999998, -99997, -99995

struct TableReadOptions {
    std::string layer;       // sheet or layer; empty: the only/first data layer
    std::string key_column;  // required for joining; validated to exist
    std::vector<std::string> missing_markers = default_missing_markers();
    std::vector<double> numeric_sentinels = default_numeric_sentinels();
    // CSV only: 0 = detect among ',', ';', '\t'.
    char separator = 0;
    // CSV only: decimal comma: -1 detect (on when separator is ';'), 0 off, 1 on.
    int decimal_comma = -1;
    // Columns forced to text whatever their content (codes like "0917").
    std::vector<std::string> text_columns;
    // Columns forced to numbers: zero-padded values ("007") are read as numbers and
    // anything that is not a number is an error.
    std::vector<std::string> numeric_columns;
};

struct TableReadResult {
    FeatureTable table;
    std::vector<ColumnStats> columns;
    std::string format;  // "CSV (';', decimal comma)", "XLSX", "GPKG", ...
    char separator = 0;
    bool had_bom = false;
    std::vector<std::string> skipped_footer;  // trailing non-data lines ("Bron: CBS")
    std::vector<std::string> warnings;        // typing decisions the user should know of (ColumnStats::note)
};

TableReadResult read_table(const std::string& path, const TableReadOptions& options, const Progress& progress = {});

}  // namespace leefbaar::io
