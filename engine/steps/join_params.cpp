#include "steps/join_params.hpp"

#include "core/error.hpp"
#include "steps/source_params.hpp"

namespace leefbaar::steps {

using params::Param;
using params::ParamList;
using params::Scope;
using params::Type;
using params::Value;

namespace {

// One option of a single table, declared once for both fronts. A project gives it
// per [[input.table]] as `name`; the command line repeats it, paired with the --table
// values in order, and calls the path --table and the key and layer --table-key and
// --table-layer, because --key and --layer are the polygons'.
Param& per_table(ParamList& l, TableFlags* cli, const std::string& name, Type type, const std::string& help, std::string& one,
                 std::vector<std::string>* many) {
    if (!cli) return l.add(name, type, help).bind(one);
    const bool path = name == "path";
    const std::string flag = path ? "table" : name == "prefix" ? name : "table_" + name;
    const char* how = path ? " (repeatable)" : name == "prefix" ? " (once per --table; '' for none)" : " (once for every table, or once per --table in order)";
    return l.add(flag, Type::StringList, help + how).scope(Scope::CliOnly).bind(*many);
}

// One table's options. `cli`: the command line's TableFlags (path, layer, key and
// prefix repeatable there, the others for every table); otherwise a [[input.table]].
void declare_table_params(ParamList& l, TableSource& ts, TableFlags* cli) {
    l.begin_group("Tables");
    auto& path = per_table(l, cli, "path", Type::InputPath, "Indicator table: CSV/TSV, XLSX, ODS, DBF, a GeoPackage table or any OGR layer", ts.path,
                           cli ? &cli->tables : nullptr)
                     .meta("FILE");
    if (cli) path.short_name('t');
    else path.required();
    per_table(l, cli, "key", Type::String, "Key column of the table (default: the polygons' key name)", ts.key, cli ? &cli->keys : nullptr).meta("COLUMN");
    per_table(l, cli, "layer", Type::String, "Sheet or layer of the table (needed when it has several)", ts.layer, cli ? &cli->layers : nullptr)
        .meta("NAME");
    per_table(l, cli, "prefix", Type::String, "Prefix for the table's joined columns, e.g. y2018_", ts.prefix, cli ? &cli->prefixes : nullptr).meta("TEXT");
    TableSource& t = cli ? cli->common : ts;
    l.add("columns", Type::StringList, "Columns to join (default: all but the key)").comma_separated().meta("COLUMN").bind(t.columns);
    l.add("text_column", Type::StringList, "Read this column as text (codes with leading zeros; repeatable)")
        .old_name("text_columns")
        .meta("COLUMN")
        .bind(t.text_columns);
    l.add("numeric_column", Type::StringList,
          "Read this column as numbers, even with leading zeros (\"007\" is 7; a value that is not a number is an error; repeatable)")
        .old_name("numeric_columns")
        .meta("COLUMN")
        .bind(t.numeric_columns);
    l.add("separator", Type::Choice, "CSV separator")
        .choices({",", ";", "tab"})
        .also_accept([](const std::string& s) { return s == "\\t"; }, "\\t")
        .meta("SEP")
        .default_text("detected from the header line")
        .bind_with([&t](const Value& v) {
            const auto& s = std::get<std::string>(v);
            t.separator = s == "tab" || s == "\\t" ? '\t' : s[0];
        });
    l.add("decimal_comma", Type::Choice, "CSV decimal comma: auto (on with the separator ';'), yes, no")
        .choices({"auto", "yes", "no"})
        .bind_with(
            [&t](const Value& v) {
                const auto& s = std::get<std::string>(v);
                t.decimal_comma = s == "yes" ? 1 : s == "no" ? 0 : -1;
            },
            Value(std::string(t.decimal_comma == 1 ? "yes" : t.decimal_comma == 0 ? "no" : "auto")));
    l.begin_group("");
}

[[noreturn]] void fail(const std::string& param, const std::string& message, const std::string& hint) {
    ErrorContext ctx;
    ctx.param = param;
    throw UsageError(message, ctx, hint);
}

// Given once: for every table; given per table: in order.
std::string pick(const std::vector<std::string>& values, std::size_t i, const std::string& param, std::size_t tables) {
    if (values.empty()) return {};
    if (values.size() == 1) return values[0];
    if (values.size() != tables)
        fail(param, std::to_string(values.size()) + " values for " + std::to_string(tables) + " tables",
             "give {{" + param + "}} once (for every table) or once per {{table}}, in the same order");
    return values[i];
}

}  // namespace

void declare_table(ParamList& l, TableSource& table) { declare_table_params(l, table, nullptr); }

void declare_tables(ParamList& l, TableFlags& tables) { declare_table_params(l, tables.common, &tables); }

std::vector<TableSource> cli_tables(const TableFlags& f) {
    const std::size_t n = f.tables.size();
    std::vector<TableSource> out;
    for (std::size_t i = 0; i < n; ++i) {
        TableSource ts = f.common;
        ts.path = f.tables[i];
        ts.key = pick(f.keys, i, "table_key", n);
        ts.layer = pick(f.layers, i, "table_layer", n);
        // One prefix for several tables would give their columns the same names.
        if (f.prefixes.size() == 1 && n > 1)
            fail("prefix", "one value for " + std::to_string(n) + " tables would make their columns clash",
                 "give one {{prefix}} per {{table}} (use '' for none)");
        ts.prefix = pick(f.prefixes, i, "prefix", n);
        out.push_back(std::move(ts));
    }
    return out;
}

void declare_join(ParamList& l, JoinJobOptions& o, JoinFront front, TableFlags* tables) {
    SourceHelp h;
    h.source = "Polygon source (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, PG:...)";
    h.key = "Key column of the polygons, e.g. buurtcode (unique, never empty)";
    h.key_required = true;
    h.project_keys = true;
    declare_source(l, SourceFields{o.polygons, o.layer, o.where, o.key}, h);
    if (front == JoinFront::Cli) declare_tables(l, *tables);

    l.begin_group("Keys");
    l.add("case_fold", Type::Boolean, "Match keys case-insensitively").bind(o.join.keys.case_fold);
    l.add("zero_pad", Type::Integer, "Pad numeric keys with zeros to this width (e.g. 4: 917 -> 0917; 0: off)")
        .min(0)
        .max(64)
        .bind(o.join.keys.zero_pad);
    l.add("duplicates", Type::Choice, "Duplicate keys in a table: error, or combine them: first, last, mean, sum (text columns take the first)")
        .choices({"error", "first", "last", "mean", "sum"})
        .bind_with([&o](const Value& v) { o.join.duplicates = parse_duplicate_policy(std::get<std::string>(v)); },
                   Value(std::string(to_string(o.join.duplicates))));

    l.begin_group("Missing values");
    l.add("missing_markers", Type::StringList, "Extra text read as missing (repeatable), besides '', '.', '-', 'x', '?', NA")
        .old_name("missing")
        .meta("TEXT")
        .bind(o.extra_missing_markers);
    l.add("sentinels", Type::NumberList, "Extra numeric code read as missing (repeatable), besides -99999999, -99997, -99995")
        .old_name("sentinel")
        .bind(o.extra_sentinels);

    l.begin_group("Geometry");
    l.add("s_srs", Type::String,
          "CRS of the polygons' coordinates, e.g. EPSG:28992 (needed when the source has none; wins over the source's, with a warning)")
        .old_name("srs")
        .meta("CRS")
        .bind(o.assign_srs);
    l.add("t_srs", Type::String, "Reproject the output, e.g. EPSG:4326").old_name("target_srs").meta("CRS").bind(o.target_srs);
    l.add("repair", Type::Boolean, "Repair invalid geometries with GEOS MakeValid (they are reported either way)").bind(o.repair);
    l.add("area_column", Type::String, "Name of the area column (km²) the join adds (empty: none)").meta("NAME").bind(o.area_column);
    l.begin_group("");
}

}  // namespace leefbaar::steps
