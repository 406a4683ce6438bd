#include "io/vector_reader.hpp"

#include <algorithm>
#include <cmath>
#include <future>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/crs_convert.hpp"
#include "io/crs_ops.hpp"
#include "io/gdal_env.hpp"
#include "io/gdal_handles.hpp"
#include "io/ogr_geometry.hpp"

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
                         ErrorContext{source, {}, {}, {}, {}}, "use --layer NAME with one of: " + join_names(names));
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

bool is_sentinel(double v, const std::vector<double>& sentinels) {
    return std::any_of(sentinels.begin(), sentinels.end(), [v](double s) { return v == s; });
}

struct PendingGeometry {
    std::unique_ptr<OGRGeometry> geom;
    std::size_t row;
};

}  // namespace

VectorReadResult read_vector(const std::string& source, const VectorReadOptions& options, const Progress& progress) {
    ensure_gdal();
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
                        "give it as a table (--table) and the polygons as the main input");

    FeatureTable& table = result.table;
    table.source_file = source;
    table.source_layer = result.layer;
    table.enable_geometry(true);

    // CRS: never guess. A missing CRS is an error unless the user assigns one.
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (srs) {
        table.set_crs(from_ogr(*srs));
    } else if (!options.assign_srs.empty()) {
        table.set_crs(parse_crs(options.assign_srs));
    } else if (options.require_crs) {
        throw DataError("the layer has no coordinate reference system", where,
                        "assign one with --s-srs (e.g. --s-srs EPSG:28992 for RD New), or add a .prj file");
    }

    const int nfields = defn->GetFieldCount();
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
    for (;;) {
        FeaturePtr feature(layer->GetNextFeature());
        if (!feature) break;
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
                case ColumnType::Text: col.set(row, std::string(feature->GetFieldAsString(i))); break;
            }
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
    if (const std::string err = take_last_gdal_error(); !err.empty()) {
        if (!options.where.empty())
            throw UsageError("the attribute filter cannot be applied: " + err, where,
                             "check the field names in the filter (run 'leefbaar info " + source + "')");
        throw DataError("reading failed after " + std::to_string(row) + " features: " + err, where);
    }
    geo.features = row;

    if (!not_polygonal.empty())
        throw DataError("the layer holds geometries that are not polygons: " + join_names(not_polygonal), where,
                        "leefbaar needs neighbourhood polygons; select a polygon layer with --layer, or filter the "
                        "features with --where");
    if (points > 0 && points + geo.empty < row)
        throw DataError("the layer mixes points and polygons", where, "select the polygons or the points with --where");
    table.set_points(points > 0);
    if (row == 0)
        throw DataError(options.where.empty() ? "the layer has no features" : "no feature matches the filter '" + options.where + "'",
                        where, options.where.empty() ? "check that this is the right layer" : "check the filter's field names and values");

    for (int i = 0; i < nfields; ++i) {
        const Column& col = table.columns()[col_index[static_cast<std::size_t>(i)]];
        result.columns.push_back({col.name, col.type, col.null_count(), sentinel_counts[static_cast<std::size_t>(i)]});
    }
    if (!options.key_column.empty()) table.set_key_column(options.key_column);
    result.warnings = take_gdal_warnings();
    progress.report(1.0, "read " + std::to_string(row) + " features");
    return result;
}

}  // namespace leefbaar::io
