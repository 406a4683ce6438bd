#pragma once
// Reading polygon layers from any OGR vector source (GeoPackage, Shapefile,
// GeoJSON/TopoJSON, FlatGeobuf, PostgreSQL "PG:..." connection strings, ...)
// into a FeatureTable.
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "io/column_stats.hpp"

namespace leefbaar::io {

struct VectorReadOptions {
    std::string layer;             // empty: the only layer (error listing layers if several)
    std::string where;             // OGR SQL attribute filter, e.g. "gemeentecode = 'GM0917'"
    std::string key_column;        // optional; validated to exist
    bool repair_invalid = true;    // GEOS MakeValid on invalid geometries
    bool allow_empty = true;       // keep rows with empty geometry (reported)
    bool require_crs = true;       // a source without CRS is an error unless assign_srs is given
    std::string assign_srs;        // "EPSG:28992", WKT or PROJ string: CRS for sources without one
    std::vector<double> numeric_sentinels = {-99999999.0, -99999998.0, -99997.0, -99995.0};  // read as null
    unsigned threads = 0;          // validity checks run in parallel
    bool accept_points = false;    // a layer of points is read too (table.points()), for distance weights
    bool gdal_features = false;    // read a GeoPackage through GDAL too (the tests' reference for the direct read)
};

struct GeometryReport {
    std::size_t features = 0;
    std::size_t invalid = 0;        // invalid per GEOS before repair
    std::size_t repaired = 0;       // made valid
    std::size_t empty = 0;          // empty or null geometries
    std::size_t dropped_parts = 0;  // non-polygon parts (lines/points) discarded by repair
    std::vector<std::string> invalid_keys;  // key (or FID) of each invalid feature
    std::vector<std::string> empty_keys;
    std::vector<std::string> invalid_reasons;  // GEOS reason per invalid feature, same order
};

struct VectorReadResult {
    FeatureTable table;
    GeometryReport geometry;
    std::vector<ColumnStats> columns;
    std::string driver;
    std::string layer;                 // the layer actually read
    std::string reader;                // "SQLite": a GeoPackage table read directly (io/gpkg_rows.hpp); "GDAL"
    std::vector<std::string> warnings; // GDAL warnings seen while reading ("GDAL: ..."), and ours
};

VectorReadResult read_vector(const std::string& source, const VectorReadOptions& options, const Progress& progress = {});

}  // namespace leefbaar::io
