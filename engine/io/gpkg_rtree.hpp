#pragma once
// The GeoPackage spatial index (the "gpkg_rtree_index" extension of GeoPackage 1.2,
// as GDAL writes it: the virtual table rtree_<table>_<column>, its six triggers and
// the gpkg_extensions row), bulk-loaded.
//
// Why not GDAL's: GDAL 3.6 (Debian 12) fills the index one row at a time through
// SQLite's R*-tree insertion, 12-15 s for 10^6 polygons, most of the time it takes
// to write them; the bulk loader GDAL gained in 3.7 is not in Debian 12. Here the
// tree is packed with Sort-Tile-Recursive (Leutenegger, Lopez & Edgington 1997)
// and written straight into SQLite's shadow tables (%_node, %_rowid, %_parent) in
// the node format documented in SQLite's ext/rtree/rtree.c. The result is an
// ordinary SQLite R-tree: rtreecheck() accepts it, and SQLite maintains it through
// the triggers on later edits.
#include <cstdint>
#include <string>
#include <vector>

namespace leefbaar::io {

struct RTreeEntry {
    std::int64_t id;  // the feature's fid
    double minx, miny, maxx, maxy;
};

// Creates the spatial index of `table`.`geometry_column` (feature ids in
// `fid_column`) in the GeoPackage at `path`, which no one else has open, holding
// `entries` (one per non-empty geometry). Throws SystemError naming the file.
void write_gpkg_rtree(const std::string& path, const std::string& table, const std::string& geometry_column, const std::string& fid_column,
                      std::vector<RTreeEntry> entries);

}  // namespace leefbaar::io
