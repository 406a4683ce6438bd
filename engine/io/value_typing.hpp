#pragma once
// Turning text cells into typed columns: missing markers, CBS sentinels, integer
// vs real vs text detection, decimal comma. Shared by the CSV reader and the OGR
// attribute reader (for string fields). Private to engine/io.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/feature_table.hpp"
#include "io/column_stats.hpp"

namespace leefbaar::io::detail {

struct TypingRules {
    std::vector<std::string> missing_markers;
    std::vector<double> numeric_sentinels;
    bool decimal_comma = false;  // also accept ',' as the decimal mark
    bool force_text = false;     // keys and codes
    bool force_numeric = false;  // numbers even with leading zeros; anything else is an error
    // A column without a single value is numeric (all missing), not text: in CSV
    // and spreadsheets an empty column is almost always a suppressed indicator.
    // Off for typed sources (a GeoPackage String field keeps its declared type).
    bool empty_is_numeric = true;
};

std::string_view trim(std::string_view s);

// Parses a number the way a CBS/StatLine export writes it (surrounding spaces,
// '.' decimal mark, and ',' too when decimal_comma). Returns nullopt if not a number.
std::optional<double> parse_number(std::string_view s, bool decimal_comma, bool* is_integer = nullptr,
                                   std::int64_t* as_integer = nullptr);

// Types one column from its raw cells. `lines[i]` is the line (or row) number the
// user sees for cell i, used in messages. A column whose cells are numbers except
// for a few unparsable ones is a numeric column with bad values: that is an error
// naming the first bad cells, never a silent 0 or null.
Column type_column(const std::string& name, const std::vector<std::string>& cells, const std::vector<std::int64_t>& lines,
                   const TypingRules& rules, const ErrorContext& where, ColumnStats& stats, bool lines_are_file_lines);

}  // namespace leefbaar::io::detail
