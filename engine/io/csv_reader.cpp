#include "io/csv_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "io/value_typing.hpp"

namespace leefbaar::io::detail {

namespace {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(const std::string& s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return i;
        if (len == 2 && c < 0xC2) return i;  // overlong
        i += len;
    }
    return std::string::npos;
}

struct Record {
    std::vector<std::string> fields;
    std::int64_t line = 0;  // first line of the record in the file
};

// RFC 4180 records: quoted fields may hold separators, doubled quotes and newlines.
std::vector<Record> split_records(const std::string& text, std::size_t start, char sep, const std::string& path) {
    std::vector<Record> out;
    Record cur;
    std::string field;
    std::int64_t line = 1;
    cur.line = 1;
    bool in_quotes = false, field_started = false, quoted_field = false;
    auto end_field = [&] {
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
    const bool decimal_comma = options.decimal_comma == 1 || (options.decimal_comma == -1 && sep == ';');

    std::vector<Record> records = split_records(text, start, sep, path);
    // A header of one empty quoted name ("") is an empty line to split_records: no records at all.
    if (records.empty())
        throw DataError("the file has no column names", ErrorContext{path, {}, {}, {}, 1}, "the first line must hold the column names");
    progress.report(0.4, "parsed");
    const Record& header = records.front();
    std::vector<std::string> names;
    for (const auto& f : header.fields) names.emplace_back(trim(f));
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty()) names[i] = "field_" + std::to_string(i + 1);
        for (std::size_t j = 0; j < i; ++j)
            if (names[j] == names[i])
                throw DataError("two columns are named '" + names[i] + "'", ErrorContext{path, {}, {}, names[i], 1},
                                "give every column a unique name in the header line");
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
        for (std::size_t c = 0; c < names.size(); ++c) cells[c][r - 1] = std::move(rec.fields[c]);
    }

    FeatureTable& table = result.table;
    table.source_file = path;
    table.resize(nrows);
    const ErrorContext where{path, {}, {}, {}, {}};
    for (std::size_t c = 0; c < names.size(); ++c) {
        TypingRules rules{options.missing_markers, options.numeric_sentinels, decimal_comma, false};
        rules.force_text = names[c] == options.key_column ||
                           std::find(options.text_columns.begin(), options.text_columns.end(), names[c]) != options.text_columns.end();
        ColumnStats stats;
        table.add_column(type_column(names[c], cells[c], lines, rules, where, stats, true));
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
