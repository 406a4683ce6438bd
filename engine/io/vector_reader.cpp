#include "io/vector_reader.hpp"

#include "io/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <future>
#include <optional>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/crs_convert.hpp"
#include "io/crs_ops.hpp"
#include "io/gdal_env.hpp"
#include "io/gdal_handles.hpp"
#include "io/gpkg_rows.hpp"
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

// Geometries of the rows read so far, converted (OGR or WKB to the engine's type),
// checked and repaired on worker threads: reading from the source is sequential (one
// GDAL handle, one SQLite statement) while the rest is independent per feature, so a
// batch is converted while the main thread reads the next one. Workers write into the
// batch's own vectors (the table grows meanwhile); the main thread merges them.
class GeometryPipeline {
public:
    using KeyOf = std::function<std::string(std::size_t)>;
    GeometryPipeline(VectorReadResult& result, const VectorReadOptions& options, KeyOf key_of)
        : result_(result), options_(options), key_of_(std::move(key_of)) {}
    // A failure while reading must not leave a worker touching freed batches.
    ~GeometryPipeline() {
        if (converting_.valid()) converting_.wait();
    }
    GeometryPipeline(const GeometryPipeline&) = delete;
    GeometryPipeline& operator=(const GeometryPipeline&) = delete;

    void add(std::unique_ptr<OGRGeometry> geom, std::size_t row) { batch_.items.push_back({std::move(geom), row, 0, 0}); }
    void add_wkb(const unsigned char* wkb, std::size_t size, std::size_t row) {
        batch_.items.push_back({nullptr, row, batch_.wkb.size(), size});
        batch_.wkb.append(reinterpret_cast<const char*>(wkb), size);
    }
    bool full() const { return batch_.items.size() >= kBatch; }
    void flush();   // hands the batch to the workers (after merging the one before)
    void finish();  // waits for the workers and merges
    std::size_t points() const { return points_; }
    const std::vector<std::string>& not_polygonal() const { return not_polygonal_; }

private:
    static constexpr std::size_t kBatch = 20000;
    struct Pending {
        std::unique_ptr<OGRGeometry> geom;  // from GDAL
        std::size_t row;
        std::size_t wkb_at, wkb_size;  // from SQLite: the bytes in the batch's wkb (never 0 bytes)
    };
    struct Batch {
        std::vector<Pending> items;
        std::string wkb;
        std::vector<MultiPolygon> out;
        std::vector<ConvertResult> results;
        std::vector<char> unreadable;
    };
    void convert(std::size_t i);
    void merge(const ConvertResult& c, std::size_t row);

    VectorReadResult& result_;
    const VectorReadOptions& options_;
    KeyOf key_of_;
    Batch batch_, inflight_;
    std::future<void> converting_;
    std::vector<std::string> not_polygonal_;  // the first few, for the message
    std::size_t points_ = 0;                  // with accept_points
};

void GeometryPipeline::convert(std::size_t i) {
    Batch& b = inflight_;
    const Pending& item = b.items[i];
    if (item.wkb_size > 0) {
        const auto* p = reinterpret_cast<const unsigned char*>(b.wkb.data()) + item.wkb_at;
        b.unreadable[i] = !wkb_to_engine(p, item.wkb_size, b.out[i], b.results[i], options_.repair_invalid, options_.accept_points);
        return;
    }
    if (options_.accept_points && to_engine_point(item.geom.get(), b.out[i])) {
        b.results[i].cls = GeometryClass::Point;
        return;
    }
    b.results[i] = to_engine(item.geom.get(), b.out[i], true, options_.repair_invalid);
}

void GeometryPipeline::merge(const ConvertResult& c, std::size_t row) {
    GeometryReport& geo = result_.geometry;
    if (c.cls == GeometryClass::Point) {
        ++points_;
        return;
    }
    if (c.cls == GeometryClass::NotPolygonal) {
        if (not_polygonal_.size() < 5) not_polygonal_.push_back(key_of_(row) + " (" + c.type_name + ")");
        return;
    }
    if (c.cls == GeometryClass::Empty) {
        ++geo.empty;
        geo.empty_keys.push_back(key_of_(row));
    }
    if (c.was_invalid) {
        ++geo.invalid;
        geo.invalid_keys.push_back(key_of_(row));
        geo.invalid_reasons.push_back(c.invalid_reason);
    }
    if (c.repaired) ++geo.repaired;
    geo.dropped_parts += c.dropped_parts;
}

void GeometryPipeline::finish() {
    if (!converting_.valid()) return;
    converting_.get();
    auto& geoms = result_.table.geometries();
    for (std::size_t i = 0; i < inflight_.items.size(); ++i) {
        if (inflight_.unreadable[i]) throw GpkgRowsUnsupported{"a geometry OGR cannot read"};
        const std::size_t row = inflight_.items[i].row;
        geoms[row] = std::move(inflight_.out[i]);
        merge(inflight_.results[i], row);
    }
    inflight_ = Batch{};
}

void GeometryPipeline::flush() {
    finish();
    inflight_ = std::move(batch_);
    batch_ = Batch{};  // moved-from: make it a valid empty batch
    const std::size_t n = inflight_.items.size();
    inflight_.out.assign(n, {});
    inflight_.results.assign(n, {});
    inflight_.unreadable.assign(n, 0);
    converting_ = std::async(std::launch::async, [this, n] {
        parallel_for(n, options_.threads, [this](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i) convert(i);
        }, 64);
    });
}

// Field values into the table's columns: the source's missing-value codes (and NaN)
// become null, and text must be UTF-8.
class FieldValues {
public:
    FieldValues(FeatureTable& table, const std::vector<double>& sentinels, std::vector<std::size_t> col_index, ErrorContext where, std::string fid_name)
        : table_(table), sentinels_(sentinels), col_index_(std::move(col_index)), sentinel_counts_(col_index_.size(), 0), where_(std::move(where)),
          fid_name_(std::move(fid_name)) {}
    void set_int(std::size_t field, std::size_t row, std::int64_t v) {
        if (is_sentinel(static_cast<double>(v), sentinels_)) ++sentinel_counts_[field];
        else column(field).set(row, v);
    }
    void set_real(std::size_t field, std::size_t row, double v) {
        if (is_sentinel(v, sentinels_) || std::isnan(v)) ++sentinel_counts_[field];
        else column(field).set(row, v);
    }
    void set_text(std::size_t field, std::size_t row, std::string v, std::int64_t fid);
    Column& column(std::size_t field) { return table_.columns()[col_index_[field]]; }
    std::size_t sentinels(std::size_t field) const { return sentinel_counts_[field]; }

private:
    FeatureTable& table_;
    const std::vector<double>& sentinels_;  // the source's missing-value codes
    std::vector<std::size_t> col_index_;
    std::vector<std::size_t> sentinel_counts_;
    ErrorContext where_;
    std::string fid_name_;
};

void FieldValues::set_text(std::size_t field, std::size_t row, std::string v, std::int64_t fid) {
    Column& col = column(field);
    if (const std::size_t bad = first_invalid_utf8(v); bad != std::string::npos) {
        ErrorContext ctx = where_;
        ctx.row = static_cast<std::int64_t>(row + 1);
        ctx.field = col.name;
        throw DataError("the text of feature " + fid_name_ + " " + std::to_string(fid) + " is not valid UTF-8 (byte " + std::to_string(bad + 1) + ")",
                        ctx, "convert the source to UTF-8 (ogr2ogr converts Shapefiles with a .cpg file or -oo ENCODING=...), "
                             "or correct the value");
    }
    col.set(row, std::move(v));
}

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

// The layer's CRS into the table. Never guessed: a missing or undefined CRS is an error
// unless the user assigns one; an assigned CRS always wins (the source's may be wrong).
void set_crs(OGRLayer& layer, const VectorReadOptions& options, VectorReadResult& result, const ErrorContext& where) {
    FeatureTable& table = result.table;
    const OGRSpatialReference* srs = layer.GetSpatialRef();
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
}

// What both ways of reading the rows share.
struct LayerRead {
    OGRLayer* layer = nullptr;
    ErrorContext where;
    std::vector<std::size_t> col_index;  // OGR field -> table column
    std::string fid_name;                // what a --where filter calls the feature id
    std::size_t expected = 0;            // features, for progress (0: unknown)
};

// An empty table with the layer's fields as columns and its CRS.
LayerRead prepare_table(OGRLayer& layer, const std::string& source, const VectorReadOptions& options, VectorReadResult& result) {
    LayerRead lr;
    lr.layer = &layer;
    lr.where = ErrorContext{source, result.layer, {}, {}, {}};
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    if (defn->GetGeomFieldCount() == 0)
        throw DataError("the layer has no geometry: it is an attribute table", lr.where,
                        "give it as a table ({{table}}) and the polygons as the main input");
    FeatureTable& table = result.table;
    table.source_file = source;
    table.source_layer = result.layer;
    table.enable_geometry(true);
    set_crs(layer, options, result, lr.where);
    const int nfields = defn->GetFieldCount();
    check_source_width(static_cast<std::size_t>(nfields), lr.where);
    for (int i = 0; i < nfields; ++i) {
        const OGRFieldDefn* f = defn->GetFieldDefn(i);
        std::string name = f->GetNameRef();
        if (table.has_column(name))
            throw DataError("two fields share the name '" + name + "'", ErrorContext{source, result.layer, {}, name, {}},
                            "rename one of them in the source");
        table.add_column(name, column_type_for(*f));
        lr.col_index.push_back(table.columns().size() - 1);
    }
    const GIntBig total = layer.GetFeatureCount(TRUE);
    lr.expected = total > 0 ? static_cast<std::size_t>(total) : 0;
    lr.fid_name = *layer.GetFIDColumn() ? layer.GetFIDColumn() : "FID";
    table.resize(0);
    table.source_fids().clear();
    return lr;
}

std::string key_of(const FeatureTable& table, const VectorReadOptions& options, std::size_t row) {
    if (!options.key_column.empty()) {
        if (auto ci = table.find(options.key_column)) {
            const Column& c = table.columns()[*ci];
            if (!c.is_null(row)) return c.as_text(row);
        }
    }
    return "FID " + std::to_string(table.source_fids()[row]);
}

// After each row: a full batch of geometries goes to the workers.
void row_done(GeometryPipeline& geometries, const Progress& progress, const LayerRead& lr, std::size_t rows) {
    if (!geometries.full()) return;
    geometries.flush();
    progress.report(lr.expected ? static_cast<double>(rows) / static_cast<double>(lr.expected) : 0.5, "read " + std::to_string(rows) + " features");
}

// GDAL skips what it cannot decode (a geometry blob, a value) and goes on: name the
// feature while we still know which one it was.
[[noreturn]] void unreadable_feature(const LayerRead& lr, const VectorReadResult& result, const VectorReadOptions& options, std::size_t row,
                                     std::int64_t fid, const std::string& read_error) {
    ErrorContext ctx = lr.where;
    ctx.row = static_cast<std::int64_t>(row + 1);
    ctx.field = options.key_column;
    const std::string key = options.key_column.empty() ? std::string() : key_of(result.table, options, row);
    throw DataError("feature fid " + std::to_string(fid) +
                        (options.key_column.empty() || key.rfind("FID ", 0) == 0 ? "" : " (" + options.key_column + " '" + key + "')") +
                        " cannot be read: " + read_error,
                    ctx,
                    "repair or delete that feature in the source (e.g. in QGIS), or leave it out with {{where \"" + lr.fid_name + " <> " +
                        std::to_string(fid) + "\"}}");
}

// Some drivers (GeoPackage) only evaluate the filter while reading: their errors surface
// at the end, as does a damaged feature that ends the reading.
void check_stopped(const LayerRead& lr, const VectorReadResult& result, const VectorReadOptions& options, std::size_t rows, std::string err) {
    if (err.empty()) return;
    if (!options.where.empty() && rows == 0)
        throw UsageError("the attribute filter cannot be applied: " + err, lr.where,
                         "check the field names in the filter (run 'leefbaar info " + lr.where.file + "')");
    const std::string last = rows == 0 ? std::string()
                                       : " (the last one read: fid " + std::to_string(result.table.source_fids()[rows - 1]) +
                                             (options.key_column.empty() ? "" : ", " + options.key_column + " '" + key_of(result.table, options, rows - 1) + "'") + ")";
    ErrorContext ctx = lr.where;
    ctx.row = static_cast<std::int64_t>(rows + 1);
    throw DataError("reading stopped after " + std::to_string(rows) + " features" + last + ": " + err, ctx,
                    "the feature after that one is damaged: repair or delete it in the source (e.g. in QGIS), or check the "
                    "source with 'ogrinfo -al -so " + lr.where.file + "'");
}

// One feature's fields through OGR.
void read_fields(OGRFeature& feature, FieldValues& values, std::size_t row) {
    for (std::size_t i = 0; i < static_cast<std::size_t>(feature.GetFieldCount()); ++i) {
        const int f = static_cast<int>(i);
        if (!feature.IsFieldSetAndNotNull(f)) continue;
        switch (values.column(i).type) {
            case ColumnType::Int64: values.set_int(i, row, feature.GetFieldAsInteger64(f)); break;
            case ColumnType::Float64: values.set_real(i, row, feature.GetFieldAsDouble(f)); break;
            case ColumnType::Text: values.set_text(i, row, feature.GetFieldAsString(f), feature.GetFID()); break;
        }
    }
}

// The rows through GDAL's GetNextFeature: any driver, any filter.
void read_rows_gdal(const LayerRead& lr, VectorReadResult& result, FieldValues& values, GeometryPipeline& geometries, const VectorReadOptions& options,
                    const Progress& progress) {
    FeatureTable& table = result.table;
    take_last_gdal_error();
    lr.layer->ResetReading();
    std::size_t row = 0;
    std::string stopped_by;  // a GDAL error that ended the reading
    for (;;) {
        FeaturePtr feature(lr.layer->GetNextFeature());
        std::string read_error = take_last_gdal_error();
        if (!feature) {
            stopped_by = std::move(read_error);
            break;
        }
        table.resize(row + 1);
        table.source_fids()[row] = feature->GetFID();
        read_fields(*feature, values, row);
        if (!read_error.empty()) unreadable_feature(lr, result, options, row, feature->GetFID(), read_error);
        geometries.add(std::unique_ptr<OGRGeometry>(feature->StealGeometry()), row);
        row_done(geometries, progress, lr, ++row);
    }
    check_stopped(lr, result, options, row, stopped_by.empty() ? take_last_gdal_error() : stopped_by);
}

// The rows of a GeoPackage table straight through SQLite (io/gpkg_rows.hpp): throws
// GpkgRowsUnsupported for a table it does not read exactly as GDAL does.
void read_rows_gpkg(const std::string& source, const LayerRead& lr, VectorReadResult& result, FieldValues& values, GeometryPipeline& geometries,
                    const Progress& progress) {
    FeatureTable& table = result.table;
    OGRFeatureDefn* defn = lr.layer->GetLayerDefn();
    std::vector<GpkgField> fields;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const OGRFieldDefn* f = defn->GetFieldDefn(i);
        GpkgField g;
        g.name = f->GetNameRef();
        const OGRFieldSubType sub = f->GetSubType();
        g.boolean = sub == OFSTBoolean;
        g.int16 = sub == OFSTInt16;
        switch (f->GetType()) {
            case OFTInteger: g.kind = GpkgField::Kind::Int32; break;
            case OFTInteger64: g.kind = GpkgField::Kind::Int64; break;
            case OFTReal: g.kind = GpkgField::Kind::Real; break;
            case OFTString: g.kind = GpkgField::Kind::Text; break;
            default: throw GpkgRowsUnsupported{"a field of another type"};
        }
        if (sub == OFSTFloat32) throw GpkgRowsUnsupported{"a Float32 field"};
        fields.push_back(std::move(g));
    }
    GpkgRows rows(source, result.layer, lr.layer->GetFIDColumn(), lr.layer->GetGeometryColumn(), std::move(fields));
    std::size_t row = 0;
    while (rows.next()) {
        table.resize(row + 1);
        const std::int64_t fid = rows.fid();
        table.source_fids()[row] = fid;
        for (std::size_t i = 0; i < lr.col_index.size(); ++i) {
            const GpkgCell c = rows.cell(i);
            if (c.kind == GpkgCell::Kind::Int) values.set_int(i, row, c.integer);
            else if (c.kind == GpkgCell::Kind::Real) values.set_real(i, row, c.real);
            else if (c.kind == GpkgCell::Kind::Text) values.set_text(i, row, std::string(c.text), fid);
        }
        std::size_t size = 0;
        if (const unsigned char* wkb = rows.wkb(size)) geometries.add_wkb(wkb, size, row);
        else geometries.add(nullptr, row);
        row_done(geometries, progress, lr, ++row);
    }
}

// Reads the rows into result (its table prepared by prepare_table).
void read_rows(const std::string& source, const LayerRead& lr, VectorReadResult& result, const VectorReadOptions& options, bool through_sqlite,
               const Progress& progress) {
    FieldValues values(result.table, options.numeric_sentinels, lr.col_index, lr.where, lr.fid_name);
    GeometryPipeline geometries(result, options, [&](std::size_t row) { return key_of(result.table, options, row); });
    if (through_sqlite) read_rows_gpkg(source, lr, result, values, geometries, progress);
    else read_rows_gdal(lr, result, values, geometries, options, progress);
    geometries.flush();
    geometries.finish();
    const std::size_t rows = result.table.rows();
    result.geometry.features = rows;
    if (!geometries.not_polygonal().empty())
        throw DataError("the layer holds geometries that are not polygons: " + join_names(geometries.not_polygonal()), lr.where,
                        "leefbaar needs neighbourhood polygons; select a polygon layer with {{layer}}, or filter the "
                        "features with {{where}}");
    if (geometries.points() > 0 && geometries.points() + result.geometry.empty < rows)
        throw DataError("the layer mixes points and polygons", lr.where, "select the polygons or the points with {{where}}");
    result.table.set_points(geometries.points() > 0);
    if (rows == 0)
        throw DataError(options.where.empty() ? "the layer has no features" : "no feature matches the filter '" + options.where + "'",
                        lr.where, options.where.empty() ? "check that this is the right layer" : "check the filter's field names and values");
    for (std::size_t i = 0; i < lr.col_index.size(); ++i) {
        const Column& col = values.column(i);
        result.columns.push_back({col.name, col.type, col.null_count(), values.sentinels(i), {}});
    }
}

// The layer's rows, through SQLite when it is a GeoPackage table it reads exactly as
// GDAL does (io/gpkg_rows.hpp), else through GDAL.
void read_layer(const std::string& source, OGRLayer& layer, const VectorReadOptions& options, VectorReadResult& result, const Progress& progress) {
    const bool try_sqlite = !options.gdal_features && options.where.empty() && result.driver == "GPKG";
    if (try_sqlite) {
        VectorReadResult attempt;
        attempt.driver = result.driver;
        attempt.layer = result.layer;
        try {
            const LayerRead lr = prepare_table(layer, source, options, attempt);
            read_rows(source, lr, attempt, options, true, progress);
            attempt.reader = "SQLite";
            result = std::move(attempt);
            return;
        } catch (const GpkgRowsUnsupported&) {
            // read below through GDAL, from the start
        } catch (const DataError&) {
            // The same, so that the error is GDAL's: a geometry OGR cannot read (found
            // by a worker, after the batch) may come before the row that failed here.
        } catch (const UsageError&) {
        }
    }
    const LayerRead lr = prepare_table(layer, source, options, result);
    read_rows(source, lr, result, options, false, progress);
    result.reader = "GDAL";
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
    read_layer(source, *layer, options, result, progress);
    check_lonlat_range(result, options, where);
    if (!options.key_column.empty()) result.table.set_key_column(options.key_column);
    for (const auto& w : take_gdal_warnings()) result.warnings.push_back("GDAL: " + w);
    progress.report(1.0, "read " + std::to_string(result.table.rows()) + " features");
    return result;
}

}  // namespace leefbaar::io
