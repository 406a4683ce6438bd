#pragma once
// The features of a GeoPackage layer, inserted straight into SQLite.
//
// Why not GDAL's CreateFeature: GDAL 3.6 (Debian 12) spends about 7 µs a feature on
// building, checking and binding each OGRFeature, 7 s of the 11 s it took to write
// 10^6 polygons (docs/benchmarks.md). Here GDAL still creates the layer, its fields
// and every GeoPackage table; the rows are then bound column by column from the
// feature table, with the geometry blobs (GeoPackage 1.2 section 2.1.3: "GP" header
// and ISO WKB, little-endian, the envelope as GDAL writes it) encoded in parallel.
// The rows are byte for byte those GDAL writes (tests/unit/io/gpkg_bulk_test.cpp).
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "io/gpkg_rtree.hpp"

namespace leefbaar::io {

struct BulkLayer {
    const FeatureTable* table = nullptr;
    std::string name;                      // the layer (SQLite table) GDAL created, empty
    std::string geometry_column;           // empty: attributes only
    std::string fid_column;
    std::vector<std::string> field_names;  // the layer's field for each table column, in order
};

// Inserts every row of the layer's table into `path` (a GeoPackage no one else has
// open) in one transaction, updates gpkg_contents' extent and gpkg_ogr_contents'
// feature count, and returns the spatial index entries (one per non-empty geometry).
// Throws SystemError naming the file and layer (and row).
std::vector<RTreeEntry> bulk_insert_features(const std::string& path, const std::string& shown_as, const BulkLayer& layer, unsigned threads,
                                             const Progress& progress = {});

// The GeoPackage geometry blob of a (multi)polygon, or of a point layer's one-vertex
// feature (core/geometry.hpp), appended to `out`; its envelope in `env`.
void append_gpkg_geometry(std::string& out, const MultiPolygon& geom, bool point, std::int32_t srs_id, RTreeEntry& env);

}  // namespace leefbaar::io
