#include "io/output_columns.hpp"

#include <unordered_map>

#include "core/error.hpp"

namespace leefbaar::io {

std::string fold_column_name(std::string_view name) {
    std::string out(name);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool same_column_name(std::string_view a, std::string_view b) { return fold_column_name(a) == fold_column_name(b); }

bool is_reserved_column(std::string_view name) {
    const std::string f = fold_column_name(name);
    return f == kFidColumn || f == kGeometryColumn;
}

void check_source_width(std::size_t fields, const ErrorContext& where) {
    const std::size_t limit = kMaxTableColumns - kReservedColumns;
    if (fields > limit)
        throw DataError("the source has " + std::to_string(fields) + " fields; a GeoPackage layer holds at most " + std::to_string(limit) +
                            " besides its feature id and geometry (SQLite's limit of " + std::to_string(kMaxTableColumns) + " columns)",
                        where, "split the table into parts with fewer columns (each joined with its own {{table}}), or remove the columns you do not need");
}

void check_layer_columns(const FeatureTable& table, bool with_geometry, const ErrorContext& where) {
    auto at = [&](const std::string& field) {
        ErrorContext c = where;
        c.field = field;
        return c;
    };
    const auto& cols = table.columns();
    const std::size_t reserved = with_geometry ? kReservedColumns : 1;
    if (cols.size() + reserved > kMaxTableColumns)
        throw DataError("the layer would have " + std::to_string(cols.size() + reserved) + " columns (" + std::to_string(cols.size()) +
                            " fields, plus fid" + (with_geometry ? " and geom" : "") + "); a GeoPackage table holds at most " +
                            std::to_string(kMaxTableColumns),
                        where,
                        "select the columns you need ({{columns}}, or columns = [...] in a project's [[input.table]]), or split the "
                        "table into several GeoPackages");
    std::unordered_map<std::string, std::size_t> seen;
    seen.reserve(cols.size() * 2);
    for (std::size_t i = 0; i < cols.size(); ++i) {
        const std::string& name = cols[i].name;
        if (is_reserved_column(name))
            throw DataError("a column is named '" + name + "', a name the GeoPackage reserves for the " +
                                (same_column_name(name, kFidColumn) ? "feature id" : "geometry"),
                            at(name), "rename the column in its source, or give its table a {{prefix}}");
        const auto [it, fresh] = seen.emplace(fold_column_name(name), i);
        if (!fresh)
            throw DataError("the columns '" + cols[it->second].name + "' and '" + name +
                                "' differ only in case; GeoPackage column names ignore case",
                            at(name), "rename one of them in its source, or give its table a {{prefix}}");
    }
}

}  // namespace leefbaar::io
