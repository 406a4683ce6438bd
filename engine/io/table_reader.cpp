#include "io/table_reader.hpp"

#include "io/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

#include "core/error.hpp"
#include "io/csv_reader.hpp"
#include "io/gdal_env.hpp"
#include "io/gdal_handles.hpp"
#include "io/output_columns.hpp"
#include "io/value_typing.hpp"

namespace leefbaar::io {

using namespace detail;

std::vector<std::string> default_missing_markers() {
    // Empty, and the symbols CBS StatLine and common tools write for "no value":
    // '.' unknown/secret, '-' nil or not applicable, 'x' secret, '?' unreliable, NA.
    return {"", ".", "-", "x", "?", "NA", "N/A", "n/a", "NaN"};
}

std::vector<double> default_numeric_sentinels() {
    // CBS wijk- en buurtkaart: -99999999 (2016-2020 editions), -99999998, and
    // -99997 / -99995 (2021+ editions) mean "secret" or "not available".
    return {-99999999.0, -99999998.0, -99997.0, -99995.0};
}

namespace {

std::string lower_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

OGRLayer* choose_table_layer(GDALDataset& ds, const std::string& path, const std::string& wanted) {
    std::vector<std::string> names;
    for (auto* l : ds.GetLayers()) names.emplace_back(l->GetName());
    if (names.empty()) throw DataError("the source holds no tables", ErrorContext{path, {}, {}, {}, {}});
    if (wanted.empty()) {
        if (names.size() == 1) return ds.GetLayer(0);
        throw UsageError("the source has " + std::to_string(names.size()) + " layers or sheets; say which one to read",
                         ErrorContext{path, {}, {}, {}, {}}, "name it with {{table_layer NAME}} (layer = \"NAME\" in a project's [[input.table]]); one of: " + join_names(names));
    }
    if (OGRLayer* l = ds.GetLayerByName(wanted.c_str())) return l;
    const std::string near = nearest_name(wanted, names);
    throw DataError("no layer or sheet named '" + wanted + "'", ErrorContext{path, wanted, {}, {}, {}},
                    (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "available: " + join_names(names));
}

TableReadResult read_ogr_table(const std::string& path, const TableReadOptions& options, const Progress& progress) {
    DatasetPtr ds = open_vector(path);
    OGRLayer* layer = choose_table_layer(*ds, path, options.layer);
    TableReadResult result;
    result.format = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "OGR";
    const bool spreadsheet = result.format == "XLSX" || result.format == "ODS";
    const std::string layer_name = layer->GetName();
    const ErrorContext where{path, layer_name, {}, {}, {}};
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int nfields = defn->GetFieldCount();
    if (nfields == 0) throw DataError("the table has no columns", where, "check that this is the right layer or sheet");
    check_source_width(static_cast<std::size_t>(nfields), where);

    // Read everything first: string fields are typed like CSV cells, numeric ones keep their type.
    std::vector<std::vector<std::string>> text(static_cast<std::size_t>(nfields));
    std::vector<std::vector<double>> reals(static_cast<std::size_t>(nfields));
    std::vector<std::vector<std::int64_t>> ints(static_cast<std::size_t>(nfields));
    std::vector<std::vector<std::uint8_t>> set(static_cast<std::size_t>(nfields));
    std::vector<std::int64_t> rows;
    layer->ResetReading();
    const GIntBig total = layer->GetFeatureCount(TRUE);
    std::int64_t row = 0;
    for (;;) {
        FeaturePtr f(layer->GetNextFeature());
        if (!f) break;
        ++row;
        rows.push_back(row);
        for (int i = 0; i < nfields; ++i) {
            const auto k = static_cast<std::size_t>(i);
            const bool has = f->IsFieldSetAndNotNull(i);
            set[k].push_back(has);
            const OGRFieldType t = defn->GetFieldDefn(i)->GetType();
            if (t == OFTInteger || t == OFTInteger64) ints[k].push_back(has ? f->GetFieldAsInteger64(i) : 0);
            else if (t == OFTReal) reals[k].push_back(has ? f->GetFieldAsDouble(i) : 0.0);
            else {
                text[k].emplace_back(has ? f->GetFieldAsString(i) : "");
                if (const std::size_t bad = first_invalid_utf8(text[k].back()); bad != std::string::npos) {
                    ErrorContext ctx = where;
                    ctx.row = row;
                    ctx.field = defn->GetFieldDefn(i)->GetNameRef();
                    throw DataError("the text is not valid UTF-8 (byte " + std::to_string(bad + 1) + ")", ctx,
                                    "save the table as UTF-8 (in Excel: 'CSV UTF-8'), or correct the value");
                }
            }
        }
        if (total > 0 && row % 10000 == 0) progress.report(0.8 * static_cast<double>(row) / static_cast<double>(total), "reading");
    }
    if (row == 0) throw DataError("the table has no rows", where, "check that this is the right layer or sheet");

    FeatureTable& table = result.table;
    table.source_file = path;
    table.source_layer = layer_name;
    table.resize(static_cast<std::size_t>(row));
    for (int i = 0; i < nfields; ++i) {
        const auto k = static_cast<std::size_t>(i);
        const std::string name = defn->GetFieldDefn(i)->GetNameRef();
        const OGRFieldType t = defn->GetFieldDefn(i)->GetType();
        ColumnStats stats;
        stats.name = name;
        const bool force_text = name == options.key_column ||
                                std::find(options.text_columns.begin(), options.text_columns.end(), name) != options.text_columns.end();
        if ((t == OFTInteger || t == OFTInteger64 || t == OFTReal) && !force_text) {
            Column col = Column::make(name, t == OFTReal ? ColumnType::Float64 : ColumnType::Int64, static_cast<std::size_t>(row));
            for (std::size_t r = 0; r < static_cast<std::size_t>(row); ++r) {
                if (!set[k][r]) continue;
                const double v = t == OFTReal ? reals[k][r] : static_cast<double>(ints[k][r]);
                if (std::find(options.numeric_sentinels.begin(), options.numeric_sentinels.end(), v) != options.numeric_sentinels.end()) {
                    ++stats.sentinels;
                    continue;
                }
                if (t == OFTReal) col.set(r, v);
                else col.set(r, ints[k][r]);
            }
            stats.type = col.type;
            stats.missing = col.null_count();
            table.add_column(std::move(col));
        } else {
            std::vector<std::string> cells;
            if (t == OFTInteger || t == OFTInteger64) {
                for (std::size_t r = 0; r < static_cast<std::size_t>(row); ++r) cells.push_back(set[k][r] ? std::to_string(ints[k][r]) : "");
            } else if (t == OFTReal) {
                for (std::size_t r = 0; r < static_cast<std::size_t>(row); ++r) {
                    char buf[64];
                    auto res = std::to_chars(buf, buf + sizeof buf, reals[k][r]);
                    cells.push_back(set[k][r] ? std::string(buf, res.ptr) : std::string());
                }
            } else {
                cells = std::move(text[k]);
            }
            TypingRules rules{options.missing_markers, options.numeric_sentinels, options.decimal_comma == 1, force_text};
            rules.force_numeric = std::find(options.numeric_columns.begin(), options.numeric_columns.end(), name) != options.numeric_columns.end();
            // Spreadsheets have no declared types (GDAL guesses them): type an empty
            // column like a CSV one. Other drivers keep a declared String as text.
            rules.empty_is_numeric = spreadsheet;
            table.add_column(type_column(name, cells, rows, rules, where, stats, false));
            if (!stats.note.empty()) result.warnings.push_back(stats.note);
        }
        result.columns.push_back(stats);
    }
    if (!options.key_column.empty()) table.set_key_column(options.key_column);
    progress.report(1.0, "read " + std::to_string(row) + " rows");
    return result;
}

}  // namespace

TableReadResult read_table(const std::string& path, const TableReadOptions& options, const Progress& progress) {
    ensure_gdal();
    const std::string ext = lower_extension(path);
    const bool is_connection = path.rfind("PG:", 0) == 0;
    if (!is_connection && !std::filesystem::exists(path))
        throw DataError("the file does not exist", ErrorContext{path, {}, {}, {}, {}},
                        "check the path (relative paths are taken from " + std::filesystem::current_path().string() + ")");
    if (ext == ".csv" || ext == ".tsv" || ext == ".txt") return read_csv(path, options, progress);
    return read_ogr_table(path, options, progress);
}

}  // namespace leefbaar::io
