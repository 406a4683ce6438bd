#include "io/gpkg_writer.hpp"

#include <filesystem>
#include <future>
#include <optional>
#include <system_error>

#include "core/error.hpp"
#include "io/crs_convert.hpp"
#include "io/gdal_env.hpp"
#include "io/gdal_handles.hpp"
#include "io/gpkg_bulk.hpp"
#include "io/gpkg_rtree.hpp"
#include "io/output_set.hpp"
#include "io/ogr_geometry.hpp"
#include "io/output_columns.hpp"

namespace fs = std::filesystem;

namespace leefbaar::io {

using namespace detail;

namespace {

OGRFieldType ogr_type(ColumnType t) {
    switch (t) {
        case ColumnType::Int64: return OFTInteger64;
        case ColumnType::Float64: return OFTReal;
        case ColumnType::Text: return OFTString;
    }
    return OFTString;
}

// What is left to do once GDAL has closed the file: the rows, when they go in
// straight through SQLite (io/gpkg_bulk.hpp), and the spatial index.
struct LayerToFinish {
    std::string table, geometry_column, fid_column;
    bool with_index = false;
    std::vector<RTreeEntry> entries;
    std::optional<BulkLayer> bulk;
};

// Date columns go through GDAL, which writes them as GeoPackage DATEs.
bool bulk_writable(const LayerToWrite& spec, const GpkgWriteOptions& options) { return !options.gdal_features && spec.date_columns.empty(); }

LayerToFinish write_layer(GDALDataset& ds, const LayerToWrite& spec, const GpkgWriteOptions& options, const std::string& path,
                         const Progress& progress) {
    const FeatureTable& table = *spec.table;
    const bool geometry = spec.with_geometry && table.has_geometry();
    OGRSpatialReference srs;
    OGRSpatialReference* srs_ptr = nullptr;
    if (geometry && !table.crs().empty()) {
        srs = to_ogr(table.crs());
        srs_ptr = &srs;
    }
    std::vector<const char*> lco = {"FID=fid"};
    std::string desc = "DESCRIPTION=" + spec.description;
    if (!spec.description.empty()) lco.push_back(desc.c_str());
    if (geometry) {
        lco.push_back("GEOMETRY_NAME=geom");
        // The index is bulk-loaded after GDAL closes the file (io/gpkg_rtree.hpp).
        lco.push_back("SPATIAL_INDEX=NO");
    } else {
        lco.push_back("ASPATIAL_VARIANT=GPKG_ATTRIBUTES");
    }
    lco.push_back(nullptr);
    take_last_gdal_error();
    OGRLayer* layer = ds.CreateLayer(spec.name.c_str(), srs_ptr, geometry ? (table.points() ? wkbPoint : wkbMultiPolygon) : wkbNone,
                                     const_cast<char**>(lco.data()));
    if (!layer)
        throw SystemError("cannot create the layer: " + gdal_reason("GDAL refused"), ErrorContext{path, spec.name, {}, {}, {}});
    for (const auto& col : table.columns()) {
        const bool date = std::find(spec.date_columns.begin(), spec.date_columns.end(), col.name) != spec.date_columns.end();
        OGRFieldDefn fd(col.name.c_str(), date && col.type == ColumnType::Text ? OFTDate : ogr_type(col.type));
        if (!col.title.empty()) fd.SetAlternativeName(col.title.c_str());
        if (layer->CreateField(&fd) != OGRERR_NONE)
            throw SystemError("cannot create the field: " + gdal_reason("GDAL refused"), ErrorContext{path, spec.name, {}, col.name, {}});
    }
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    // Field indexes by name: GDAL may reorder nothing, but be exact.
    std::vector<int> idx;
    for (const auto& col : table.columns()) idx.push_back(defn->GetFieldIndex(col.name.c_str()));

    LayerToFinish index;
    const bool with_index = geometry && options.spatial_index;
    index.table = layer->GetName();
    index.geometry_column = geometry ? layer->GetGeometryColumn() : "";
    index.fid_column = layer->GetFIDColumn();
    index.with_index = with_index;
    if (bulk_writable(spec, options)) {
        BulkLayer b{&table, index.table, index.geometry_column, index.fid_column, {}};
        for (int i : idx) b.field_names.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
        index.bulk = std::move(b);
        return index;
    }
    if (with_index) index.entries.reserve(table.rows());
    constexpr std::size_t kTransaction = 50000;
    if (layer->StartTransaction() != OGRERR_NONE) throw SystemError("cannot start a transaction", ErrorContext{path, spec.name, {}, {}, {}});
    const std::size_t n = table.rows();
    for (std::size_t r = 0; r < n; ++r) {
        FeaturePtr f(OGRFeature::CreateFeature(defn));
        for (std::size_t c = 0; c < table.columns().size(); ++c) {
            const Column& col = table.columns()[c];
            if (col.is_null(r)) {
                f->SetFieldNull(idx[c]);
                continue;
            }
            switch (col.type) {
                case ColumnType::Int64: f->SetField(idx[c], static_cast<GIntBig>(col.ints[r])); break;
                case ColumnType::Float64: f->SetField(idx[c], col.reals[r]); break;
                case ColumnType::Text: f->SetField(idx[c], col.texts[r].c_str()); break;
            }
        }
        OGREnvelope env;
        const bool indexed = with_index && !table.geometries()[r].empty();
        if (geometry && !table.geometries()[r].empty()) {
            // A point layer's features are one-vertex polygons in memory (core/geometry.hpp): written as points.
            const auto& geom = table.geometries()[r];
            std::unique_ptr<OGRGeometry> g;
            if (table.points()) g = std::make_unique<OGRPoint>(geom.front().outer().front().x(), geom.front().outer().front().y());
            else g = to_ogr(geom);
            if (srs_ptr) g->assignSpatialReference(srs_ptr);
            if (indexed) g->getEnvelope(&env);
            f->SetGeometryDirectly(g.release());
        }
        if (layer->CreateFeature(f.get()) != OGRERR_NONE)
            throw SystemError("cannot write a feature: " + gdal_reason("GDAL refused"),
                              ErrorContext{path, spec.name, static_cast<std::int64_t>(r + 1), {}, {}},
                              "check free disk space");
        if (indexed) index.entries.push_back({f->GetFID(), env.MinX, env.MinY, env.MaxX, env.MaxY});
        if ((r + 1) % kTransaction == 0) {
            if (layer->CommitTransaction() != OGRERR_NONE || layer->StartTransaction() != OGRERR_NONE)
                throw SystemError("cannot commit: " + gdal_reason("GDAL refused"), ErrorContext{path, spec.name, {}, {}, {}},
                                  "check free disk space");
            progress.report(static_cast<double>(r + 1) / static_cast<double>(n), "wrote " + std::to_string(r + 1) + " features");
        }
    }
    if (layer->CommitTransaction() != OGRERR_NONE)
        throw SystemError("cannot commit: " + gdal_reason("GDAL refused"), ErrorContext{path, spec.name, {}, {}, {}}, "check free disk space");
    progress.report(1.0, "wrote " + spec.name);
    return index;
}

}  // namespace

void write_gpkg_file(const std::string& file, const std::string& shown_as, const std::vector<LayerToWrite>& layers,
                     const GpkgWriteOptions& options, const Progress& progress) {
    ensure_gdal();
    for (std::size_t i = 0; i < layers.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (layers[i].name == layers[j].name)
                throw UsageError("two output layers are named '" + layers[i].name + "'", ErrorContext{shown_as, layers[i].name, {}, {}, {}},
                                 "give each output layer its own name");
    for (const auto& spec : layers)
        check_layer_columns(*spec.table, spec.with_geometry && spec.table->has_geometry(), ErrorContext{shown_as, spec.name, {}, {}, {}});
    DatasetPtr ds;
    if (fs::exists(file) && fs::file_size(file) > 0) {
        // Updating a copy (OutputSet, --update): the user's other layers survive.
        ds = open_vector(file, true);
        for (const auto& spec : layers) {
            for (int i = 0; i < ds->GetLayerCount(); ++i) {
                if (spec.name == ds->GetLayer(i)->GetName()) {
                    ds->DeleteLayer(i);
                    break;
                }
            }
        }
    } else {
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (!driver) throw SystemError("GDAL has no GeoPackage driver", {}, "install a GDAL built with SQLite (Debian's gdal-bin is)");
        take_last_gdal_error();
        GDALDataset* raw = driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        if (!raw)
            throw SystemError("cannot create the GeoPackage: " + gdal_reason("GDAL refused"), ErrorContext{shown_as, {}, {}, {}, {}},
                              "check that the directory is writable and has free space");
        ds.reset(raw);
    }
    if (!options.run_id.empty()) ds->SetMetadataItem(kRunIdItem, options.run_id.c_str());
    std::vector<LayerToFinish> indexes;
    const auto layer_progress = [&](std::size_t i) {
        return progress.scaled(0.9 * static_cast<double>(i) / static_cast<double>(layers.size()),
                               0.9 * static_cast<double>(i + 1) / static_cast<double>(layers.size()));
    };
    for (std::size_t i = 0; i < layers.size(); ++i) indexes.push_back(write_layer(*ds, layers[i], options, shown_as, layer_progress(i)));
    // Closing flushes; errors there are real failures.
    take_last_gdal_error();
    GDALDataset* raw = ds.release();
    GDALClose(GDALDataset::ToHandle(raw));
    if (const std::string close_error = take_last_gdal_error(); !close_error.empty())
        throw SystemError("cannot finish the GeoPackage: " + close_error, ErrorContext{shown_as, {}, {}, {}, {}}, "check free disk space");
    for (std::size_t i = 0; i < indexes.size(); ++i)
        if (indexes[i].bulk) {
            auto entries = bulk_insert_features(file, shown_as, *indexes[i].bulk, options.threads, layer_progress(i));
            if (indexes[i].with_index) indexes[i].entries = std::move(entries);
        }
    // The rows go to the disk while the index is built: the kernel takes a while (0.3 s
    // at 10^6 rows) just to queue the writes, so that happens on a thread of its own.
    auto writeback = std::async(std::launch::async, [&file] { start_writeback(file); });
    progress.report(0.9, "building the spatial index");
    for (auto& ix : indexes)
        if (ix.with_index) write_gpkg_rtree(file, ix.table, ix.geometry_column, ix.fid_column, std::move(ix.entries));
    writeback.wait();
    progress.report(1.0, "spatial index built");
    if (options.finalise) options.finalise(file);
}

void write_gpkg(const std::string& path, const std::vector<LayerToWrite>& layers, const GpkgWriteOptions& options,
                const Progress& progress) {
    const OnExisting mode = options.existing == ExistingOutput::Refuse    ? OnExisting::Refuse
                            : options.existing == ExistingOutput::Replace ? OnExisting::Replace
                                                                          : OnExisting::Update;
    OutputSet outputs(mode);
    const std::string tmp = outputs.add(path, "output", true);
    GpkgWriteOptions o = options;
    if (o.run_id.empty()) o.run_id = outputs.run_id();
    write_gpkg_file(tmp, path, layers, o, progress);
    outputs.commit();
}

std::string read_run_id(const std::string& path) {
    ensure_gdal();
    take_last_gdal_error();
    GDALDataset* raw = static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!raw) return {};
    DatasetPtr ds(raw);
    const char* v = ds->GetMetadataItem(kRunIdItem);
    return v ? std::string(v) : std::string();
}

}  // namespace leefbaar::io
