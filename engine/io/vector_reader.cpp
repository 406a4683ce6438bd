#include "io/vector_reader.hpp"

#include "io/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <optional>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/crs_convert.hpp"
#include "io/crs_ops.hpp"
#include "io/gdal_env.hpp"
#include "io/gdal_handles.hpp"
#include "io/ogr_geometry.hpp"
#include "io/output_columns.hpp"

namespace leefbaar::io {

using namespace detail;

namespace {

std::vector<std::string> layer_names(GDALDataset& ds) {
    std::vector<std::string> names;
    for (auto* layer : ds.GetLayers()) names.emplace_back(layer->GetName());
    return names;
}

OGRLayer* choose_layer(GDALDataset& ds, const std::string& source, const std::string& wanted) {
    const auto names = layer_names(ds);
    if (names.empty())
        throw DataError("the source holds no layers", ErrorContext{source, {}, {}, {}, {}},
                        "check that it is a vector data set (run 'leefbaar info " + source + "')");
    if (wanted.empty()) {
        if (names.size() == 1) return ds.GetLayer(0);
        throw UsageError("the source has " + std::to_string(names.size()) + " layers; say which one to read",
                         ErrorContext{source, {}, {}, {}, {}}, "use {{layer NAME}} with one of: " + join_names(names));
    }
    if (OGRLayer* layer = ds.GetLayerByName(wanted.c_str())) return layer;
    const std::string near = nearest_name(wanted, names);
    throw DataError("no layer named '" + wanted + "'", ErrorContext{source, wanted, {}, {}, {}},
                    (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "layers: " + join_names(names));
}

ColumnType column_type_for(const OGRFieldDefn& f) {
    switch (f.GetType()) {
        case OFTInteger:
        case OFTInteger64: return ColumnType::Int64;
        case OFTReal: return ColumnType::Float64;
        default: return ColumnType::Text;
    }
}

bool same_crs(const OGRSpatialReference& declared, const Crs& assigned) {
    const OGRSpatialReference other = to_ogr(assigned);
    const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", nullptr};
    return declared.IsSame(&other, options) != 0;
}

// Longitude/latitude outside ±180/±90: the coordinates are projected ones (RD New
// in a GeoJSON, which RFC 7946 defines as WGS84) under a geographic CRS. Returns
// the first such row, if any.
std::optional<std::size_t> first_outside_lonlat(const std::vector<MultiPolygon>& geoms) {
    constexpr double eps = 1e-7;
    for (std::size_t r = 0; r < geoms.size(); ++r)
        for (const auto& poly : geoms[r])
            for (const auto& p : poly.outer())
                if (!(std::abs(p.x()) <= 180 + eps && std::abs(p.y()) <= 90 + eps)) return r;
    return std::nullopt;
}

bool is_sentinel(double v, const std::vector<double>& sentinels) {
    return std::any_of(sentinels.begin(), sentinels.end(), [v](double s) { return v == s; });
}

struct PendingGeometry {
    std::unique_ptr<OGRGeometry> geom;
    std::size_t row;
};

// A geographic CRS with coordinates that cannot be degrees is an error where a
// CRS is required (areas and distances would be nonsense); where it is not
// (contiguity weights) the CRS is dropped with a warning.
void check_lonlat_range(VectorReadResult& result, const VectorReadOptions& options, const ErrorContext& where) {
    FeatureTable& table = result.table;
    if (table.crs().empty() || !table.crs().geographic) return;
    const auto bad = first_outside_lonlat(table.geometries());
    if (!bad) return;
    std::string who = "fid " + std::to_string(table.source_fids()[*bad]);
    if (!options.key_column.empty())
        if (auto ci = table.find(options.key_column); ci && !table.columns()[*ci].is_null(*bad))
            who += " (" + options.key_column + " '" + table.columns()[*ci].as_text(*bad) + "')";
    const std::string message = "the coordinates are not longitude/latitude (feature " + who + " lies outside ±180°/±90°), but the CRS " +
                                table.crs().label() + " is geographic";
    if (!options.require_crs && options.assign_srs.empty()) {
        result.warnings.push_back(message + "; the CRS is ignored (treated as unknown)");
        table.set_crs(Crs{});
        return;
    }
    ErrorContext ctx = where;
    ctx.row = static_cast<std::int64_t>(*bad + 1);
    throw DataError(message, ctx,
                    options.assign_srs.empty()
                        ? "a GeoJSON file without a \"crs\" member is WGS84 longitude/latitude (RFC 7946); if these are RD New "
                          "coordinates, say so with {{s_srs EPSG:28992}} (s_srs = \"EPSG:28992\" in a project's [input])"
                        : "the CRS assigned with {{s_srs}} does not fit the coordinates: assign the CRS they are in (RD New is "
                          "EPSG:28992)");
}

}  // namespace

VectorReadResult read_vector(const std::string& source, const VectorReadOptions& options, const Progress& progress) {
    ensure_gdal();
    // GDAL warnings still held on this thread belong to earlier calls (a read that
    // failed, a writer), not to this read: drop them, so that result.warnings holds
    // only this read's, and a failed read's warnings do not pile up (up to 1000) in a
    // long-running process. Found by the read_vector fuzz targets (docs/fuzzing.md).
    take_gdal_warnings();
    VectorReadResult result;
    DatasetPtr ds = open_vector(source);
    result.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    OGRLayer* layer = choose_layer(*ds, source, options.layer);
    result.layer = layer->GetName();
    const ErrorContext where{source, result.layer, {}, {}, {}};

    if (!options.where.empty()) {
        take_last_gdal_error();
        if (layer->SetAttributeFilter(options.where.c_str()) != OGRERR_NONE)
            throw UsageError("the attribute filter is not valid: " + gdal_reason("OGR SQL error"), where,
                             "write it as an OGR SQL WHERE clause, e.g. \"gemeentecode = 'GM0917'\"");
    }

    OGRFeatureDefn* defn = layer->GetLayerDefn();
    if (defn->GetGeomFieldCount() == 0)
        throw DataError("the layer has no geometry: it is an attribute table", where,
                        "give it as a table ({{table}}) and the polygons as the main input");

    FeatureTable& table = result.table;
    table.source_file = source;
    table.source_layer = result.layer;
    table.enable_geometry(true);

    // CRS: never guess. A missing or undefined CRS is an error unless the user
    // assigns one; an assigned CRS always wins (the source's may be wrong).
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    const bool undefined = srs && is_undefined_srs(*srs);
    if (!options.assign_srs.empty()) {
        const Crs assigned = parse_crs(options.assign_srs);
        if (srs && !undefined) {
            const Crs declared = from_ogr(*srs);
            if (!same_crs(*srs, assigned))
                result.warnings.push_back("the layer declares " + declared.label() + "; " + render_param_refs("the CRS assigned with {{s_srs}}, ") + assigned.label() +
                                          ", is used instead");
        }
        table.set_crs(assigned);
    } else if (srs && !undefined) {
        table.set_crs(from_ogr(*srs));
    } else if (options.require_crs) {
        throw DataError(undefined ? "the layer's coordinate reference system is undefined ('" + std::string(srs->GetName()) +
                                        "', GeoPackage srs_id 0 or -1)"
                                  : "the layer has no coordinate reference system",
                        where,
                        "assign one with {{s_srs}} (e.g. {{s_srs EPSG:28992}} for RD New; s_srs = \"EPSG:28992\" in a project's [input]), "
                        "or set it in the source (e.g. a .prj file)");
    }

    const int nfields = defn->GetFieldCount();
    check_source_width(static_cast<std::size_t>(nfields), where);
    std::vector<std::size_t> col_index(static_cast<std::size_t>(nfields));
    for (int i = 0; i < nfields; ++i) {
        const OGRFieldDefn* f = defn->GetFieldDefn(i);
        std::string name = f->GetNameRef();
        if (table.has_column(name))
            throw DataError("two fields share the name '" + name + "'", ErrorContext{source, result.layer, {}, name, {}},
                            "rename one of them in the source");
        table.add_column(name, column_type_for(*f));
        col_index[static_cast<std::size_t>(i)] = table.columns().size() - 1;
    }
    std::vector<std::size_t> sentinel_counts(static_cast<std::size_t>(nfields), 0);

    const GIntBig total = layer->GetFeatureCount(TRUE);
    const std::size_t expected = total > 0 ? static_cast<std::size_t>(total) : 0;
    table.resize(0);
    table.source_fids().clear();

    GeometryReport& geo = result.geometry;
    std::vector<PendingGeometry> batch;
    constexpr std::size_t kBatch = 20000;
    std::vector<std::string> not_polygonal;  // first few, for the message
    std::size_t points = 0;                  // with accept_points

    auto key_of = [&](std::size_t row) -> std::string {
        if (!options.key_column.empty()) {
            if (auto ci = table.find(options.key_column)) {
                const Column& c = table.columns()[*ci];
                if (!c.is_null(row)) return c.as_text(row);
            }
        }
        return "FID " + std::to_string(table.source_fids()[row]);
    };

    // Reading from the source is sequential (one GDAL handle) while conversion,
    // validity checks and repair are independent per feature: a batch is converted
    // on the workers while the main thread reads the next one. Workers write into
    // the batch's own vectors (the table grows meanwhile), merged by the main thread.
    struct Inflight {
        std::vector<PendingGeometry> items;
        std::vector<MultiPolygon> out;
        std::vector<ConvertResult> results;
    };
    Inflight inflight;
    std::future<void> converting;
    auto finish = [&] {
        if (!converting.valid()) return;
        converting.get();
        auto& geoms = table.geometries();
        for (std::size_t i = 0; i < inflight.items.size(); ++i) {
            const ConvertResult& c = inflight.results[i];
            const std::size_t row = inflight.items[i].row;
            geoms[row] = std::move(inflight.out[i]);
            if (c.cls == GeometryClass::Point) {
                ++points;
                continue;
            }
            if (c.cls == GeometryClass::NotPolygonal) {
                if (not_polygonal.size() < 5) not_polygonal.push_back(key_of(row) + " (" + c.type_name + ")");
                continue;
            }
            if (c.cls == GeometryClass::Empty) {
                ++geo.empty;
                geo.empty_keys.push_back(key_of(row));
            }
            if (c.was_invalid) {
                ++geo.invalid;
                geo.invalid_keys.push_back(key_of(row));
                geo.invalid_reasons.push_back(c.invalid_reason);
            }
            if (c.repaired) ++geo.repaired;
            geo.dropped_parts += c.dropped_parts;
        }
        inflight = Inflight{};
    };
    auto flush = [&] {
        finish();
        inflight.items = std::move(batch);
        batch.clear();  // moved-from: make it a valid empty batch
        inflight.out.assign(inflight.items.size(), {});
        inflight.results.assign(inflight.items.size(), {});
        converting = std::async(std::launch::async, [&inflight, &options] {
            parallel_for(inflight.items.size(), options.threads, [&](std::size_t b, std::size_t e) {
                for (std::size_t i = b; i < e; ++i) {
                    if (options.accept_points && to_engine_point(inflight.items[i].geom.get(), inflight.out[i])) {
                        inflight.results[i].cls = GeometryClass::Point;
                        continue;
                    }
                    inflight.results[i] = to_engine(inflight.items[i].geom.get(), inflight.out[i], true, options.repair_invalid);
                }
            }, 64);
        });
    };
    // A failure while reading must not leave a worker touching freed batches.
    struct JoinOnExit {
        std::future<void>& f;
        ~JoinOnExit() {
            if (f.valid()) f.wait();
        }
    } join_on_exit{converting};

    take_last_gdal_error();
    layer->ResetReading();
    std::size_t row = 0;
    std::string stopped_by;  // a GDAL error that ended the reading
    // What a --where filter calls the feature id: the GeoPackage's column, else OGR SQL's FID.
    const std::string fid_name = *layer->GetFIDColumn() ? layer->GetFIDColumn() : "FID";
    for (;;) {
        FeaturePtr feature(layer->GetNextFeature());
        std::string read_error = take_last_gdal_error();
        if (!feature) {
            stopped_by = std::move(read_error);
            break;
        }
        table.resize(row + 1);
        table.source_fids()[row] = feature->GetFID();
        for (int i = 0; i < nfields; ++i) {
            Column& col = table.columns()[col_index[static_cast<std::size_t>(i)]];
            if (!feature->IsFieldSetAndNotNull(i)) continue;
            switch (col.type) {
                case ColumnType::Int64: {
                    const auto v = feature->GetFieldAsInteger64(i);
                    if (is_sentinel(static_cast<double>(v), options.numeric_sentinels)) {
                        ++sentinel_counts[static_cast<std::size_t>(i)];
                        continue;
                    }
                    col.set(row, static_cast<std::int64_t>(v));
                    break;
                }
                case ColumnType::Float64: {
                    const double v = feature->GetFieldAsDouble(i);
                    if (is_sentinel(v, options.numeric_sentinels) || std::isnan(v)) {
                        ++sentinel_counts[static_cast<std::size_t>(i)];
                        continue;
                    }
                    col.set(row, v);
                    break;
                }
                case ColumnType::Text: {
                    std::string v = feature->GetFieldAsString(i);
                    if (const std::size_t bad = first_invalid_utf8(v); bad != std::string::npos) {
                        ErrorContext ctx = where;
                        ctx.row = static_cast<std::int64_t>(row + 1);
                        ctx.field = col.name;
                        throw DataError("the text of feature " + fid_name + " " + std::to_string(feature->GetFID()) +
                                            " is not valid UTF-8 (byte " + std::to_string(bad + 1) + ")",
                                        ctx, "convert the source to UTF-8 (ogr2ogr converts Shapefiles with a .cpg file or -oo ENCODING=...), "
                                             "or correct the value");
                    }
                    col.set(row, std::move(v));
                    break;
                }
            }
        }
        if (!read_error.empty()) {
            // GDAL skips what it cannot decode (a geometry blob, a value) and goes on:
            // name the feature while we still know which one it was.
            ErrorContext ctx = where;
            ctx.row = static_cast<std::int64_t>(row + 1);
            ctx.field = options.key_column;
            const std::string key = options.key_column.empty() ? std::string() : key_of(row);
            throw DataError("feature fid " + std::to_string(feature->GetFID()) +
                                (options.key_column.empty() || key.rfind("FID ", 0) == 0 ? "" : " (" + options.key_column + " '" + key + "')") +
                                " cannot be read: " + read_error,
                            ctx,
                            "repair or delete that feature in the source (e.g. in QGIS), or leave it out with {{where \"" + fid_name +
                                " <> " + std::to_string(feature->GetFID()) + "\"}}");
        }
        batch.push_back({std::unique_ptr<OGRGeometry>(feature->StealGeometry()), row});
        ++row;
        if (batch.size() >= kBatch) {
            flush();
            progress.report(expected ? static_cast<double>(row) / static_cast<double>(expected) : 0.5,
                            "read " + std::to_string(row) + " features");
        }
    }
    flush();
    finish();
    // Some drivers (GeoPackage) only evaluate the filter while reading: their errors surface here.
    if (const std::string err = stopped_by.empty() ? take_last_gdal_error() : stopped_by; !err.empty()) {
        if (!options.where.empty() && row == 0)
            throw UsageError("the attribute filter cannot be applied: " + err, where,
                             "check the field names in the filter (run 'leefbaar info " + source + "')");
        const std::string last = row == 0 ? std::string()
                                          : " (the last one read: fid " + std::to_string(table.source_fids()[row - 1]) +
                                                (options.key_column.empty() ? "" : ", " + options.key_column + " '" + key_of(row - 1) + "'") + ")";
        ErrorContext ctx = where;
        ctx.row = static_cast<std::int64_t>(row + 1);
        throw DataError("reading stopped after " + std::to_string(row) + " features" + last + ": " + err, ctx,
                        "the feature after that one is damaged: repair or delete it in the source (e.g. in QGIS), or check the "
                        "source with 'ogrinfo -al -so " + source + "'");
    }
    geo.features = row;

    if (!not_polygonal.empty())
        throw DataError("the layer holds geometries that are not polygons: " + join_names(not_polygonal), where,
                        "leefbaar needs neighbourhood polygons; select a polygon layer with {{layer}}, or filter the "
                        "features with {{where}}");
    if (points > 0 && points + geo.empty < row)
        throw DataError("the layer mixes points and polygons", where, "select the polygons or the points with {{where}}");
    table.set_points(points > 0);
    if (row == 0)
        throw DataError(options.where.empty() ? "the layer has no features" : "no feature matches the filter '" + options.where + "'",
                        where, options.where.empty() ? "check that this is the right layer" : "check the filter's field names and values");

    for (int i = 0; i < nfields; ++i) {
        const Column& col = table.columns()[col_index[static_cast<std::size_t>(i)]];
        result.columns.push_back({col.name, col.type, col.null_count(), sentinel_counts[static_cast<std::size_t>(i)], {}});
    }
    check_lonlat_range(result, options, where);
    if (!options.key_column.empty()) table.set_key_column(options.key_column);
    for (const auto& w : take_gdal_warnings()) result.warnings.push_back("GDAL: " + w);
    progress.report(1.0, "read " + std::to_string(row) + " features");
    return result;
}

}  // namespace leefbaar::io
