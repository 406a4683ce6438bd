#pragma once
// The one in-memory model every stage reads and writes: rows of (geometry, typed
// columns), a key column and the CRS. Stages add columns; nothing removes rows
// silently (filters are explicit and reported).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crs.hpp"
#include "core/geometry.hpp"

namespace leefbaar {

enum class ColumnType { Int64, Float64, Text };
const char* to_string(ColumnType t);

// A typed column with a null mask. Exactly one of the value vectors is used,
// chosen by `type`; `valid[i] == 0` means row i is null (its value is unspecified).
struct Column {
    std::string name;
    ColumnType type = ColumnType::Float64;
    std::vector<std::int64_t> ints;
    std::vector<double> reals;
    std::vector<std::string> texts;
    std::vector<std::uint8_t> valid;
    // Human-readable metadata, written to gpkg_data_columns for QGIS.
    std::string title;
    std::string description;

    static Column make(std::string name, ColumnType type, std::size_t rows);
    std::size_t size() const { return valid.size(); }
    bool is_null(std::size_t row) const { return valid[row] == 0; }
    bool is_numeric() const { return type != ColumnType::Text; }
    std::size_t null_count() const;
    // Numeric value as double; NaN for null or text.
    double as_double(std::size_t row) const;
    // The value as text (empty for null); numbers in shortest round-trip form.
    std::string as_text(std::size_t row) const;
    void set_null(std::size_t row) { valid[row] = 0; }
    void set(std::size_t row, double v);
    void set(std::size_t row, std::int64_t v);
    void set(std::size_t row, std::string v);
    // Appends a row (null) to keep columns aligned when a table grows.
    void push_null();
};

class FeatureTable {
public:
    FeatureTable() = default;

    std::size_t rows() const { return rows_; }
    void resize(std::size_t rows);  // resizes geometries (if any) and all columns; new rows null

    bool has_geometry() const { return geometry_column_; }
    void enable_geometry(bool on = true);
    std::vector<MultiPolygon>& geometries() { return geometries_; }
    const std::vector<MultiPolygon>& geometries() const { return geometries_; }

    // The geometries are points (core/geometry.hpp point_geometry), read from a point
    // layer: contiguity refuses them, distance weights use them, writers write points.
    bool points() const { return points_; }
    void set_points(bool on) { points_ = on; }

    const Crs& crs() const { return crs_; }
    void set_crs(Crs crs) { crs_ = std::move(crs); }

    const std::string& key_column() const { return key_; }
    void set_key_column(std::string name);

    // Optional per-row source identity (feature id in the source), for messages.
    std::vector<std::int64_t>& source_fids() { return fids_; }
    const std::vector<std::int64_t>& source_fids() const { return fids_; }

    std::vector<Column>& columns() { return columns_; }
    const std::vector<Column>& columns() const { return columns_; }
    std::vector<std::string> column_names() const;
    bool has_column(const std::string& name) const;
    std::optional<std::size_t> find(const std::string& name) const;
    // Throws DataError naming the column, the available ones and the nearest match.
    Column& column(const std::string& name);
    const Column& column(const std::string& name) const;
    // Adds a column sized to rows(); throws if the name exists unless replace is set.
    // The returned reference (like any Column reference) is invalidated by the next
    // add_column/remove_column: look columns up again by name after adding.
    Column& add_column(const std::string& name, ColumnType type, bool replace = false);
    Column& add_column(Column col, bool replace = false);
    void remove_column(const std::string& name);

    // Source description for messages ("sample.gpkg" layer "buurten").
    std::string source_file;
    std::string source_layer;

private:
    std::size_t rows_ = 0;
    bool geometry_column_ = false;
    bool points_ = false;
    std::vector<MultiPolygon> geometries_;
    std::vector<std::int64_t> fids_;
    std::vector<Column> columns_;
    std::string key_;
    Crs crs_;
};

}  // namespace leefbaar
