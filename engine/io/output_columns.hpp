#pragma once
// What a GeoPackage layer can hold, checked on the data before anything is
// written: SQLite compares column names without regard to case, the feature id
// and geometry columns are reserved, and a table has at most 2000 columns.
// Failing here gives the user the column to rename; failing in GDAL gives a
// CREATE TABLE statement and a misleading "disk full" guess.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/feature_table.hpp"

namespace leefbaar::io {

// SQLite's default SQLITE_MAX_COLUMN (Debian's libsqlite3 keeps the default).
constexpr std::size_t kMaxTableColumns = 2000;
// Columns leefbaar adds to every layer it writes: the feature id and the geometry.
constexpr std::string_view kFidColumn = "fid";
constexpr std::string_view kGeometryColumn = "geom";
constexpr std::size_t kReservedColumns = 2;

// Column names as SQLite compares them (ASCII case folded).
std::string fold_column_name(std::string_view name);
bool same_column_name(std::string_view a, std::string_view b);
// "fid" or "geom" in any case.
bool is_reserved_column(std::string_view name);

// Throws DataError naming the first column that cannot be written to one layer
// of `output` (a reserved name, a name equal to another ignoring case, or more
// columns than SQLite allows with fid and geometry).
// Throws DataError when a source has more fields than any layer leefbaar writes can
// hold: checked on the layer definition, before the rows are read.
void check_source_width(std::size_t fields, const ErrorContext& where);

// `where` names the output (or the source the table was read from).
void check_layer_columns(const FeatureTable& table, bool with_geometry, const ErrorContext& where);

}  // namespace leefbaar::io
