#pragma once
// Joining indicator tables to neighbourhood polygons on a key, with diagnostics
// that say exactly what matched and what did not. Nothing is dropped silently:
// unmatched polygons keep null values, unmatched table rows are listed.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "io/column_stats.hpp"
#include "join/key.hpp"

namespace leefbaar {

enum class DuplicatePolicy { Error, First, Last, Mean, Sum };
DuplicatePolicy parse_duplicate_policy(const std::string& name);  // throws UsageError
const char* to_string(DuplicatePolicy p);

struct JoinTable {
    FeatureTable table;
    std::string key;                   // key column in this table
    std::string prefix;                // prepended to joined column names ("" = none)
    std::vector<std::string> columns;  // columns to join (empty = all but the key)
    std::string label;                 // file (and layer) for messages and the report
    std::vector<io::ColumnStats> read_stats;  // from the reader, for the report
    std::string format;
    std::vector<std::string> skipped_footer;
};

struct JoinOptions {
    KeyOptions keys;
    DuplicatePolicy duplicates = DuplicatePolicy::Error;
    // Columns the caller adds after the join (the area column): joined columns may
    // not take their names, in any case.
    std::vector<std::string> added_columns;
};

struct JoinTableReport {
    std::string label, key, format;
    std::size_t rows = 0;
    std::size_t rows_matched = 0;
    std::vector<std::string> rows_without_polygon;  // keys
    std::size_t null_keys = 0;
    std::vector<std::pair<std::string, std::size_t>> duplicate_keys;  // key, count
    std::vector<std::string> skipped_footer;
    // Unmatched table keys that equal a polygon key ignoring case (when case_fold is off).
    std::size_t would_match_case_folded = 0;
    struct ColumnInfo {
        std::string source_name, output_name;
        ColumnType type;
        std::size_t missing_in_table = 0, sentinels = 0;
        std::size_t missing_after_join = 0;  // over the polygons
    };
    std::vector<ColumnInfo> columns;
};

struct JoinReport {
    std::string polygon_key;
    std::size_t polygons = 0;
    std::size_t polygons_matched_all = 0;       // matched in every table
    std::vector<std::string> polygons_unmatched;  // without a row in at least one table
    std::vector<JoinTableReport> tables;
    std::vector<std::string> warnings;  // for the user: what the numbers alone do not say
};

// Joins each table's columns onto `polygons` (in place). Throws DataError on
// duplicate keys in the polygons, or in a table under DuplicatePolicy::Error, and
// on column names a GeoPackage layer cannot hold: equal ignoring case to a polygon
// field, an earlier column or an added column, or reserved (fid, geom).
JoinReport join_tables(FeatureTable& polygons, const std::string& polygon_key, std::vector<JoinTable>& tables,
                       const JoinOptions& options, const Progress& progress = {});

void to_json(nlohmann::json& j, const JoinReport& r);

}  // namespace leefbaar
