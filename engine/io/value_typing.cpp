#include "io/value_typing.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/error.hpp"

namespace leefbaar::io::detail {

std::string_view trim(std::string_view s) {
    // Spaces, tabs, CR and the no-break space (U+00A0, C2 A0 in UTF-8) that spreadsheets leave behind.
    auto is_space = [](std::string_view v, std::size_t i) -> std::size_t {
        const unsigned char c = static_cast<unsigned char>(v[i]);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
        if (c == 0xC2 && i + 1 < v.size() && static_cast<unsigned char>(v[i + 1]) == 0xA0) return 2;
        return 0;
    };
    while (!s.empty()) {
        const std::size_t k = is_space(s, 0);
        if (!k) break;
        s.remove_prefix(k);
    }
    while (!s.empty()) {
        if (s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2 &&
            static_cast<unsigned char>(s.back()) == 0xA0) {
            s.remove_suffix(2);
            continue;
        }
        const unsigned char c = static_cast<unsigned char>(s.back());
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') s.remove_suffix(1);
        else break;
    }
    return s;
}

std::optional<double> parse_number(std::string_view s, bool decimal_comma, bool* is_integer, std::int64_t* as_integer) {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    if (s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    std::string buf(s);
    if (decimal_comma) {
        const auto commas = std::count(buf.begin(), buf.end(), ',');
        if (commas > 1 || (commas == 1 && buf.find('.') != std::string::npos)) return std::nullopt;
        std::replace(buf.begin(), buf.end(), ',', '.');
    }
    // Only plain decimal notation: "inf", "nan", hex and the like are text to us.
    for (char c : buf)
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+'))
            return std::nullopt;
    std::int64_t iv = 0;
    auto [iptr, iec] = std::from_chars(buf.data(), buf.data() + buf.size(), iv);
    if (iec == std::errc() && iptr == buf.data() + buf.size()) {
        if (is_integer) *is_integer = true;
        if (as_integer) *as_integer = iv;
        return static_cast<double>(iv);
    }
    double dv = 0.0;
    auto [dptr, dec] = std::from_chars(buf.data(), buf.data() + buf.size(), dv);
    if (dec != std::errc() || dptr != buf.data() + buf.size() || !std::isfinite(dv)) return std::nullopt;
    if (is_integer) *is_integer = false;
    return dv;
}

namespace {
bool has_leading_zero(std::string_view s) {
    s = trim(s);
    if (!s.empty() && s.front() == '-') s.remove_prefix(1);
    return s.size() > 1 && s[0] == '0' && std::isdigit(static_cast<unsigned char>(s[1]));
}
}  // namespace

Column type_column(const std::string& name, const std::vector<std::string>& cells, const std::vector<std::int64_t>& lines,
                   const TypingRules& rules, const ErrorContext& where, ColumnStats& stats, bool lines_are_file_lines) {
    const std::size_t n = cells.size();
    std::vector<std::uint8_t> missing(n, 0);
    std::size_t numeric = 0, integer = 0, present = 0, leading_zero = 0;
    std::vector<std::size_t> bad;  // present, not a number
    std::vector<double> values(n, 0.0);
    std::vector<std::int64_t> ints(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string_view v = trim(cells[i]);
        if (v.empty() || std::find(rules.missing_markers.begin(), rules.missing_markers.end(), v) != rules.missing_markers.end()) {
            missing[i] = 1;
            continue;
        }
        ++present;
        if (rules.force_text) continue;
        bool is_int = false;
        if (auto d = parse_number(v, rules.decimal_comma, &is_int, &ints[i])) {
            values[i] = *d;
            ++numeric;
            integer += is_int;
            leading_zero += has_leading_zero(v);
        } else {
            bad.push_back(i);
        }
    }
    stats.name = name;
    auto where_is = [&](std::size_t i) { return (lines_are_file_lines ? "line " : "row ") + std::to_string(lines[i]); };

    // No warning: CBS tables suppress whole indicators routinely (the Heerlen
    // kerncijfers have a dozen such income columns); the report counts them.
    if (present == 0 && rules.empty_is_numeric && !rules.force_text) {
        stats.type = ColumnType::Float64;
        stats.missing = n;
        return Column::make(name, ColumnType::Float64, n);
    }

    // Text when forced, when nothing is numeric, when numbers are a minority (a
    // names column with the odd number in it), or when values carry leading zeros
    // (codes such as "0917" whose zeros matter).
    const bool mostly_numbers = numeric > 0 && (bad.empty() || bad.size() * 10 <= present);
    const bool numeric_column =
        !rules.force_text && (rules.force_numeric || (mostly_numbers && leading_zero == 0));
    if (!numeric_column && !rules.force_text && mostly_numbers && leading_zero * 2 < numeric) {
        // A few zero-padded values in a column of numbers: the rule keeps the
        // column as codes (text), but a typo like "007" must not do that unseen.
        std::size_t first = 0;
        while (first < n && (missing[first] || !has_leading_zero(cells[first]))) ++first;
        stats.note = "column '" + name + "' is read as text: " + std::to_string(leading_zero) + " of its " + std::to_string(numeric) +
                     " numbers have a leading zero (first: " + where_is(first) + " '" + std::string(trim(cells[first])) +
                     "'), which marks codes; " +
                     render_param_refs("to read it as numbers use {{numeric_column " + name + "}} (numeric_column in a project's [[input.table]]), "
                                       "to keep it as text without this warning use {{text_column " + name + "}}");
    }
    if (!numeric_column) {
        Column col = Column::make(name, ColumnType::Text, n);
        for (std::size_t i = 0; i < n; ++i)
            if (!missing[i]) col.set(i, std::string(trim(cells[i])));
        stats.type = ColumnType::Text;
        stats.missing = col.null_count();
        return col;
    }
    if (!bad.empty()) {
        std::vector<std::string> shown;
        for (std::size_t k = 0; k < bad.size() && k < 5; ++k) shown.push_back(where_is(bad[k]) + " '" + std::string(trim(cells[bad[k]])) + "'");
        ErrorContext ctx = where;
        ctx.field = name;
        if (lines_are_file_lines) ctx.line = static_cast<int>(lines[bad[0]]);
        else ctx.row = lines[bad[0]];
        throw DataError(std::to_string(bad.size()) + " value(s) in a numeric column are not numbers: " + join_names(shown),
                        ctx,
                        "correct the values, or declare them missing (e.g. {{missing_markers 'n.b.'}}), or read the column as "
                        "text with {{text_column " + name + "}}");
    }
    const bool all_int = integer == numeric;
    Column col = Column::make(name, all_int ? ColumnType::Int64 : ColumnType::Float64, n);
    for (std::size_t i = 0; i < n; ++i) {
        if (missing[i]) continue;
        if (std::find(rules.numeric_sentinels.begin(), rules.numeric_sentinels.end(), values[i]) != rules.numeric_sentinels.end()) {
            ++stats.sentinels;
            continue;
        }
        if (all_int) col.set(i, ints[i]);
        else col.set(i, values[i]);
    }
    stats.type = col.type;
    stats.missing = col.null_count();
    return col;
}

}  // namespace leefbaar::io::detail
