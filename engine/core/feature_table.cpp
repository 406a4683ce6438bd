#include "core/feature_table.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace leefbaar {

const char* to_string(ColumnType t) {
    switch (t) {
        case ColumnType::Int64: return "int64";
        case ColumnType::Float64: return "float64";
        case ColumnType::Text: return "text";
    }
    return "?";
}

Column Column::make(std::string name, ColumnType type, std::size_t rows) {
    Column c;
    c.name = std::move(name);
    c.type = type;
    switch (type) {
        case ColumnType::Int64: c.ints.assign(rows, 0); break;
        case ColumnType::Float64: c.reals.assign(rows, std::numeric_limits<double>::quiet_NaN()); break;
        case ColumnType::Text: c.texts.assign(rows, {}); break;
    }
    c.valid.assign(rows, 0);
    return c;
}

std::size_t Column::null_count() const {
    std::size_t n = 0;
    for (auto v : valid) n += v == 0;
    return n;
}

double Column::as_double(std::size_t row) const {
    if (!valid[row]) return std::numeric_limits<double>::quiet_NaN();
    switch (type) {
        case ColumnType::Int64: return static_cast<double>(ints[row]);
        case ColumnType::Float64: return reals[row];
        case ColumnType::Text: return std::numeric_limits<double>::quiet_NaN();
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::string Column::as_text(std::size_t row) const {
    if (!valid[row]) return {};
    switch (type) {
        case ColumnType::Int64: return std::to_string(ints[row]);
        case ColumnType::Float64: {
            char buf[64];
            auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, reals[row]);
            return ec == std::errc() ? std::string(buf, ptr) : std::string("nan");
        }
        case ColumnType::Text: return texts[row];
    }
    return {};
}

void Column::set(std::size_t row, double v) {
    if (type == ColumnType::Int64) ints[row] = static_cast<std::int64_t>(v);
    else if (type == ColumnType::Float64) reals[row] = v;
    else texts[row] = std::to_string(v);
    valid[row] = std::isnan(v) ? 0 : 1;
}

void Column::set(std::size_t row, std::int64_t v) {
    if (type == ColumnType::Int64) ints[row] = v;
    else if (type == ColumnType::Float64) reals[row] = static_cast<double>(v);
    else texts[row] = std::to_string(v);
    valid[row] = 1;
}

void Column::set(std::size_t row, std::string v) {
    if (type != ColumnType::Text) throw std::logic_error("Column::set(text) on numeric column " + name);
    texts[row] = std::move(v);
    valid[row] = 1;
}

void Column::push_null() {
    switch (type) {
        case ColumnType::Int64: ints.push_back(0); break;
        case ColumnType::Float64: reals.push_back(std::numeric_limits<double>::quiet_NaN()); break;
        case ColumnType::Text: texts.emplace_back(); break;
    }
    valid.push_back(0);
}

void FeatureTable::resize(std::size_t rows) {
    rows_ = rows;
    if (geometry_column_) geometries_.resize(rows);
    fids_.resize(rows, -1);
    for (auto& c : columns_) {
        switch (c.type) {
            case ColumnType::Int64: c.ints.resize(rows, 0); break;
            case ColumnType::Float64: c.reals.resize(rows, std::numeric_limits<double>::quiet_NaN()); break;
            case ColumnType::Text: c.texts.resize(rows); break;
        }
        c.valid.resize(rows, 0);
    }
}

void FeatureTable::enable_geometry(bool on) {
    geometry_column_ = on;
    if (on) geometries_.resize(rows_);
    else geometries_.clear();
}

void FeatureTable::set_key_column(std::string name) {
    if (!name.empty()) (void)column(name);  // validates existence
    key_ = std::move(name);
}

std::vector<std::string> FeatureTable::column_names() const {
    std::vector<std::string> out;
    out.reserve(columns_.size());
    for (const auto& c : columns_) out.push_back(c.name);
    return out;
}

bool FeatureTable::has_column(const std::string& name) const { return find(name).has_value(); }

std::optional<std::size_t> FeatureTable::find(const std::string& name) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i].name == name) return i;
    return std::nullopt;
}

Column& FeatureTable::column(const std::string& name) {
    return const_cast<Column&>(static_cast<const FeatureTable*>(this)->column(name));
}

const Column& FeatureTable::column(const std::string& name) const {
    if (auto i = find(name)) return columns_[*i];
    const auto names = column_names();
    const std::string near = nearest_name(name, names);
    std::string hint = near.empty() ? "available columns: " + join_names(names)
                                    : "did you mean '" + near + "'? available columns: " + join_names(names);
    throw DataError("no column named '" + name + "'", ErrorContext{source_file, source_layer, {}, name, {}}, hint);
}

Column& FeatureTable::add_column(const std::string& name, ColumnType type, bool replace) {
    return add_column(Column::make(name, type, rows_), replace);
}

Column& FeatureTable::add_column(Column col, bool replace) {
    if (col.size() != rows_)
        throw std::logic_error("column '" + col.name + "' has " + std::to_string(col.size()) + " rows, table has " +
                               std::to_string(rows_));
    if (auto i = find(col.name)) {
        if (!replace)
            throw DataError("a column named '" + col.name + "' exists already",
                            ErrorContext{source_file, source_layer, {}, col.name, {}},
                            "rename one of the inputs' columns or choose another output name");
        columns_[*i] = std::move(col);
        return columns_[*i];
    }
    columns_.push_back(std::move(col));
    return columns_.back();
}

void FeatureTable::remove_column(const std::string& name) {
    if (auto i = find(name)) columns_.erase(columns_.begin() + static_cast<std::ptrdiff_t>(*i));
}

}  // namespace leefbaar
