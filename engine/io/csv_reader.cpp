#include "io/csv_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "core/error.hpp"
#include "io/output_columns.hpp"
#include "io/utf8.hpp"
#include "io/value_typing.hpp"

namespace leefbaar::io::detail {

namespace {

// Files that are not text at all but were named .csv (or saved with the wrong
// extension): say what they are, instead of blaming the text encoding.
void reject_binary_formats(const std::string& head, const std::string& path) {
    auto starts = [&](const char* magic, std::size_t n) { return head.size() >= n && head.compare(0, n, magic, n) == 0; };
    const ErrorContext where{path, {}, {}, {}, {}};
    if (starts("\x1F\x8B", 2))
        throw DataError("the file is gzip-compressed, not CSV text", where,
                        "unpack it first: gunzip -c '" + path + "' > unpacked.csv, and give the unpacked file");
    if (starts("PK\x03\x04", 4))
        throw DataError("the file is a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook is one), not CSV text", where,
                        "if it is a workbook, give it with its real extension (.xlsx or .ods: leefbaar reads those directly, "
                        "{{table_layer}} names the sheet); otherwise unzip it and give the CSV inside");
    if (starts("SQLite format 3\0", 16))
        throw DataError("the file is an SQLite database (a GeoPackage is one), not CSV text", where,
                        "if it is a GeoPackage, give it with the extension .gpkg and name its table with {{table_layer}}");
    if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2))
        throw DataError("the file is UTF-16 text (Excel's 'Unicode text'), not UTF-8", where,
                        "save it as 'CSV UTF-8' in Excel, or convert it: iconv -f utf-16 -t utf-8 '" + path + "' > converted.csv");
}

// A NUL byte is never part of CSV text: C-string APIs (GDAL, SQLite) would cut
// the name or value there. Rejected rather than silently truncated.
[[noreturn]] void reject_nul(const std::string& path, std::int64_t line, const std::string& field, bool header) {
    throw DataError(std::string(header ? "a column name" : "a value") + " holds a NUL byte (\\0)",
                    ErrorContext{path, {}, {}, field, static_cast<int>(line)},
                    "CSV text has no NUL bytes: the file is probably UTF-16 or binary; re-export it as 'CSV UTF-8', or remove "
                    "them: tr -d '\\000' < '" + path + "' > cleaned.csv");
}

// A header wider than any GeoPackage table can be is refused before the rows are
// split: a line of millions of separators would otherwise cost minutes and gigabytes.
std::size_t check_header_width(const std::string& header_line, char sep, const std::string& path) {
    std::size_t fields = 1;
    bool in_quotes = false;
    for (char c : header_line) {
        if (c == '"') in_quotes = !in_quotes;
        else if (c == sep && !in_quotes) ++fields;
    }
    const std::size_t limit = kMaxTableColumns - kReservedColumns;
    if (fields > limit)
        throw DataError("the header has " + std::to_string(fields) + " columns; a GeoPackage layer holds at most " + std::to_string(limit) +
                            " besides its feature id and geometry (SQLite's limit of " + std::to_string(kMaxTableColumns) + " columns)",
                        ErrorContext{path, {}, {}, {}, 1},
                        "split the table into files of fewer columns (each joined with its own {{table}}), or remove the columns you "
                        "do not need; check also that the separator is right");
    return fields;
}

struct Record {
    std::vector<std::string> fields;
    std::int64_t line = 0;  // first line of the record in the file
};

// RFC 4180 records: quoted fields may hold separators, doubled quotes and newlines.
// `max_fields` bounds a record: a data line of millions of separators fails when
// it passes the bound, not after millions of empty fields were stored.
std::vector<Record> split_records(const std::string& text, std::size_t start, char sep, const std::string& path, std::size_t max_fields) {
    std::vector<Record> out;
    Record cur;
    std::string field;
    std::int64_t line = 1;
    cur.line = 1;
    bool in_quotes = false, field_started = false, quoted_field = false;
    auto end_field = [&] {
        if (cur.fields.size() >= max_fields)
            throw DataError("the line has more than " + std::to_string(max_fields) + " fields, far more than the header",
                            ErrorContext{path, {}, {}, {}, static_cast<int>(cur.line)},
                            std::string("check the separator (detected '") + (sep == '\t' ? std::string("tab") : std::string(1, sep)) +
                                "') and the quotes on that line");
        cur.fields.push_back(std::move(field));
        field.clear();
        field_started = false;
        quoted_field = false;
    };
    auto end_record = [&] {
        end_field();
        // A line that is entirely empty is not a record.
        if (!(cur.fields.size() == 1 && cur.fields[0].empty())) out.push_back(std::move(cur));
        cur = Record();
        cur.line = line;
    };
    for (std::size_t i = start; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    in_quotes = false;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && !quoted_field && std::all_of(field.begin(), field.end(), [](char ch) { return ch == ' '; })) {
            in_quotes = true;
            quoted_field = true;
            field_started = true;
            field.clear();
        } else if (c == sep) {
            end_field();
        } else if (c == '\n') {
            ++line;
            end_record();
        } else if (c == '\r') {
            // CRLF: the '\n' ends the record.
        } else {
            field += c;
            field_started = true;
        }
    }
    if (in_quotes)
        throw DataError("a quoted field is not closed before the end of the file", ErrorContext{path, {}, {}, {}, static_cast<int>(cur.line)},
                        "check the quotes on that line (a quote inside a field is written as two quotes \"\")");
    if (field_started || !cur.fields.empty() || !field.empty()) end_record();
    return out;
}

}  // namespace

char detect_separator(const std::string& header_line) {
    std::size_t counts[3] = {0, 0, 0};
    const char seps[3] = {';', ',', '\t'};
    bool in_quotes = false;
    for (char c : header_line) {
        if (c == '"') in_quotes = !in_quotes;
        if (in_quotes) continue;
        for (int k = 0; k < 3; ++k)
            if (c == seps[k]) ++counts[k];
    }
    int best = 0;
    for (int k = 1; k < 3; ++k)
        if (counts[k] > counts[best]) best = k;
    return counts[best] == 0 ? ',' : seps[best];
}

TableReadResult read_csv(const std::string& path, const TableReadOptions& options, const Progress& progress) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError("cannot open the file", ErrorContext{path, {}, {}, {}, {}}, "check the path and permissions");
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    reject_binary_formats(text.substr(0, 16), path);

    TableReadResult result;
    std::size_t start = 0;
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        result.had_bom = true;
        start = 3;
    }
    if (const std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
        throw DataError("the file is not valid UTF-8 text", ErrorContext{path, {}, {}, {}, static_cast<int>(line)},
                        "save it as UTF-8 (in Excel: 'CSV UTF-8'), or convert it: iconv -f latin1 -t utf-8 '" + path +
                            "' > converted.csv");
    }
    const std::size_t eol = text.find('\n', start);
    const std::string header_line = text.substr(start, eol == std::string::npos ? std::string::npos : eol - start);
    if (std::all_of(header_line.begin(), header_line.end(), [](char c) { return c == ' ' || c == '\r'; }))
        throw DataError("the file is empty or starts with an empty line", ErrorContext{path, {}, {}, {}, 1},
                        "the first line must hold the column names");
    const char sep = options.separator ? options.separator : detect_separator(header_line);
    result.separator = sep;
    const std::size_t header_fields = check_header_width(header_line, sep, path);
    const bool decimal_comma = options.decimal_comma == 1 || (options.decimal_comma == -1 && sep == ';');

    // Generous: trailing separators are tolerated, and a quoted header name may
    // hold a line break (then the first line shows fewer fields than there are).
    std::vector<Record> records = split_records(text, start, sep, path, 2 * header_fields + 1000);
    // A header of one empty quoted name ("") is an empty line to split_records: no records at all.
    if (records.empty())
        throw DataError("the file has no column names", ErrorContext{path, {}, {}, {}, 1}, "the first line must hold the column names");
    progress.report(0.4, "parsed");
    const Record& header = records.front();
    std::vector<std::string> names;
    for (const auto& f : header.fields) names.emplace_back(trim(f));
    std::unordered_map<std::string, std::size_t> seen;  // linear: headers can be very wide
    seen.reserve(names.size() * 2);
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].find('\0') != std::string::npos) reject_nul(path, header.line, "column " + std::to_string(i + 1), true);
        if (names[i].empty()) names[i] = "field_" + std::to_string(i + 1);
        const auto [it, fresh] = seen.emplace(names[i], i);
        if (!fresh)
            throw DataError("two columns are named '" + names[i] + "' (columns " + std::to_string(it->second + 1) + " and " +
                                std::to_string(i + 1) + ")",
                            ErrorContext{path, {}, {}, names[i], 1}, "give every column a unique name in the header line");
    }

    // Data rows must have as many fields as the header. Trailing short rows are a
    // footer (StatLine ends with "Bron: CBS"): they are skipped and reported.
    std::size_t last = records.size();
    while (last > 1 && records[last - 1].fields.size() < names.size() && records[last - 1].fields.size() <= 2) --last;
    for (std::size_t r = last; r < records.size(); ++r) {
        std::string joined;
        for (const auto& f : records[r].fields) joined += (joined.empty() ? "" : " ") + std::string(trim(f));
        result.skipped_footer.push_back("line " + std::to_string(records[r].line) + ": " + joined);
    }
    const std::size_t nrows = last - 1;
    if (nrows == 0)
        throw DataError("the table has a header but no data rows", ErrorContext{path, {}, {}, {}, {}},
                        "check that this is the right file");
    std::vector<std::vector<std::string>> cells(names.size(), std::vector<std::string>(nrows));
    std::vector<std::int64_t> lines(nrows);
    for (std::size_t r = 1; r < last; ++r) {
        Record& rec = records[r];
        // Trailing empty fields (a separator at the end of every line) are tolerated.
        while (rec.fields.size() > names.size() && trim(rec.fields.back()).empty()) rec.fields.pop_back();
        if (rec.fields.size() != names.size())
            throw DataError("the line has " + std::to_string(rec.fields.size()) + " fields where the header has " +
                                std::to_string(names.size()),
                            ErrorContext{path, {}, static_cast<std::int64_t>(r), {}, static_cast<int>(rec.line)},
                            std::string("check the separator (detected '") + (sep == '\t' ? std::string("tab") : std::string(1, sep)) +
                                "') and the quotes on that line");
        lines[r - 1] = rec.line;
        for (std::size_t c = 0; c < names.size(); ++c) {
            if (rec.fields[c].find('\0') != std::string::npos) reject_nul(path, rec.line, names[c], false);
            cells[c][r - 1] = std::move(rec.fields[c]);
        }
    }

    FeatureTable& table = result.table;
    table.source_file = path;
    table.resize(nrows);
    const ErrorContext where{path, {}, {}, {}, {}};
    for (std::size_t c = 0; c < names.size(); ++c) {
        TypingRules rules{options.missing_markers, options.numeric_sentinels, decimal_comma, false};
        rules.force_text = names[c] == options.key_column ||
                           std::find(options.text_columns.begin(), options.text_columns.end(), names[c]) != options.text_columns.end();
        rules.force_numeric = std::find(options.numeric_columns.begin(), options.numeric_columns.end(), names[c]) != options.numeric_columns.end();
        ColumnStats stats;
        table.add_column(type_column(names[c], cells[c], lines, rules, where, stats, true));
        if (!stats.note.empty()) result.warnings.push_back(stats.note);
        result.columns.push_back(stats);
        progress.report(0.4 + 0.6 * static_cast<double>(c + 1) / static_cast<double>(names.size()), "typed " + names[c]);
    }
    std::string dialect = std::string("CSV (separator '") + (sep == '\t' ? std::string("tab") : std::string(1, sep)) + "'";
    if (decimal_comma) dialect += ", decimal comma accepted";
    if (result.had_bom) dialect += ", UTF-8 BOM";
    result.format = dialect + ")";
    if (!options.key_column.empty()) table.set_key_column(options.key_column);
    return result;
}

}  // namespace leefbaar::io::detail
