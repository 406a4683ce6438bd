#include "join/join_job.hpp"

#include <filesystem>

#include "core/error.hpp"
#include "io/crs_ops.hpp"
#include "io/gdal_env.hpp"
#include "io/output_columns.hpp"
#include "io/table_reader.hpp"

namespace leefbaar {

void validate_join_job(const JoinJobOptions& o) {
    if (o.polygons.empty()) throw UsageError("no polygon source given", {}, "give the neighbourhood polygons as the first argument");
    if (o.key.empty())
        throw UsageError("no key column given for the polygons", ErrorContext{{}, {}, {}, {}, {}, "key"}, "name it with {{key}} (e.g. {{key buurtcode}})");
    auto must_exist = [](const std::string& p) {
        if (p.rfind("PG:", 0) == 0 || p.rfind("/vsi", 0) == 0) return;
        if (!std::filesystem::exists(p))
            throw DataError("the file does not exist", ErrorContext{p, {}, {}, {}, {}},
                            "check the path (relative paths are taken from " + std::filesystem::current_path().string() + ")");
    };
    must_exist(o.polygons);
    for (const auto& t : o.tables) must_exist(t.path);
    if (!o.target_srs.empty()) (void)io::parse_crs(o.target_srs);
    if (!o.assign_srs.empty()) (void)io::parse_crs(o.assign_srs);
}

io::TableReadOptions table_read_options(const JoinJobOptions& o, const TableSource& ts) {
    io::TableReadOptions to;
    to.layer = ts.layer;
    to.key_column = ts.key.empty() ? o.key : ts.key;
    to.text_columns = ts.text_columns;
    to.numeric_columns = ts.numeric_columns;
    to.separator = ts.separator;
    to.decimal_comma = ts.decimal_comma;
    for (const auto& m : o.extra_missing_markers) to.missing_markers.push_back(m);
    for (double s : o.extra_sentinels) to.numeric_sentinels.push_back(s);
    return to;
}

JoinJobResult run_join_job(const JoinJobOptions& o, const Progress& progress) {
    validate_join_job(o);
    JoinJobResult result;

    io::VectorReadOptions vo;
    vo.layer = o.layer;
    vo.where = o.where;
    vo.key_column = o.key;
    vo.repair_invalid = o.repair;
    vo.assign_srs = o.assign_srs;
    vo.threads = o.threads;
    for (double s : o.extra_sentinels) vo.numeric_sentinels.push_back(s);
    io::VectorReadResult polys = io::read_vector(o.polygons, vo, progress.scaled(0.0, 0.6));
    result.geometry = polys.geometry;
    result.polygon_columns = polys.columns;
    result.polygon_driver = polys.driver;
    result.polygon_layer = polys.layer;
    result.warnings = polys.warnings;
    result.table = std::move(polys.table);

    std::vector<JoinTable> tables;
    for (std::size_t i = 0; i < o.tables.size(); ++i) {
        const TableSource& ts = o.tables[i];
        const io::TableReadOptions to = table_read_options(o, ts);
        io::TableReadResult tr = io::read_table(ts.path, to);
        for (const auto& w : tr.warnings) result.warnings.push_back(ts.path + ": " + w);
        JoinTable jt;
        jt.key = to.key_column;
        jt.prefix = ts.prefix;
        jt.columns = ts.columns;
        jt.label = ts.path + (ts.layer.empty() ? "" : " (" + ts.layer + ")");
        jt.read_stats = tr.columns;
        jt.format = tr.format;
        jt.skipped_footer = tr.skipped_footer;
        jt.table = std::move(tr.table);
        tables.push_back(std::move(jt));
        progress.report(0.6 + 0.1 * static_cast<double>(i + 1) / static_cast<double>(o.tables.size()), "read " + ts.path);
    }
    JoinOptions jo = o.join;
    if (!o.area_column.empty()) jo.added_columns.push_back(o.area_column);
    result.join = join_tables(result.table, o.key, tables, jo, progress.scaled(0.7, 0.8));
    for (const auto& w : result.join.warnings) result.warnings.push_back(w);

    if (!o.target_srs.empty()) io::reproject(result.table, io::parse_crs(o.target_srs), progress.scaled(0.8, 0.95), o.threads);
    if (!o.area_column.empty()) {
        if (result.table.crs().empty())
            throw DataError("cannot compute areas: the layer has no coordinate reference system",
                            ErrorContext{o.polygons, result.polygon_layer, {}, {}, {}}, "assign one with {{s_srs}}");
        const std::vector<double> areas = io::areas_km2(result.table, o.threads);
        Column& area = result.table.add_column(o.area_column, ColumnType::Float64, true);
        area.title = "Area (km²)";
        area.description = result.table.crs().geographic ? "Geodesic area on the ellipsoid, km²" : "Planar area in the layer's projected CRS, km²";
        for (std::size_t i = 0; i < areas.size(); ++i)
            if (!result.table.geometries()[i].empty()) area.set(i, areas[i]);
    }
    // Before anything is written: names and the column count a GeoPackage layer can hold.
    io::check_layer_columns(result.table, true, ErrorContext{o.polygons, result.polygon_layer, {}, {}, {}});
    progress.report(1.0, "joined");
    return result;
}

nlohmann::json JoinJobResult::report_json() const {
    nlohmann::json j;
    j["polygons"] = {{"driver", polygon_driver}, {"layer", polygon_layer}, {"features", table.rows()},
                     {"crs", table.crs().label()}};
    auto& cols = j["polygons"]["columns"] = nlohmann::json::array();
    for (const auto& c : polygon_columns)
        cols.push_back({{"name", c.name}, {"type", to_string(c.type)}, {"missing", c.missing}, {"sentinel_values", c.sentinels}});
    j["geometry"] = {{"features", geometry.features}, {"invalid", geometry.invalid}, {"repaired", geometry.repaired},
                     {"empty", geometry.empty}, {"non_polygon_parts_dropped", geometry.dropped_parts},
                     {"invalid_keys", geometry.invalid_keys}, {"invalid_reasons", geometry.invalid_reasons},
                     {"empty_keys", geometry.empty_keys}};
    j["join"] = join;
    j["warnings"] = warnings;
    return j;
}

}  // namespace leefbaar
