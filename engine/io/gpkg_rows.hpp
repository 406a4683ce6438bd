#pragma once
// A GeoPackage feature table's rows straight from SQLite, for io::read_vector. Private
// to engine/io.
//
// Why: at 10^6 features GDAL's GetNextFeature (an OGRFeature and an OGRGeometry per
// row, made on the one thread that reads) took 3.2 s of a 3.7 s read. Here the reading
// thread only steps SQLite and copies values and the geometry's WKB; the geometries are
// made on the worker threads (ogr_geometry.hpp wkb_to_engine).
//
// It reads only what it can read exactly as GDAL's GeoPackage driver does: a plain
// table on a local file, fields of the four types read_vector keeps (no subtypes that
// GDAL would clamp), each value in its column's own storage class (an integer in an
// INTEGER column, not text), text without NUL bytes, and standard GeoPackage geometry
// blobs (version 0, not extended, not flagged empty). Anything else throws
// GpkgRowsUnsupported, before or during the reading, and read_vector then reads the
// layer through GDAL from the start: the result is the same either way.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3_stmt;

namespace leefbaar::io::sqlite {
class Db;
}

namespace leefbaar::io::detail {

struct GpkgRowsUnsupported {
    std::string why;  // for the debug log and the tests
};

struct GpkgField {
    enum class Kind { Int32, Int64, Real, Text } kind = Kind::Text;
    std::string name;
    bool boolean = false;  // GDAL's OFSTBoolean: only 0 and 1 are read as they are
    bool int16 = false;    // OFSTInt16: only -32768..32767 are read as they are
};

struct GpkgCell {
    enum class Kind { Null, Int, Real, Text } kind = Kind::Null;
    std::int64_t integer = 0;
    double real = 0;
    std::string_view text;  // valid until the next call of next()
};

class GpkgRows {
public:
    // Throws GpkgRowsUnsupported when the table is not one it reads.
    GpkgRows(const std::string& path, const std::string& table, const std::string& fid_column, const std::string& geometry_column,
             std::vector<GpkgField> fields);
    ~GpkgRows();
    GpkgRows(const GpkgRows&) = delete;
    GpkgRows& operator=(const GpkgRows&) = delete;

    bool next();  // false after the last row
    std::int64_t fid() const;
    // The geometry's WKB (after the blob's header); nullptr for a NULL geometry.
    const unsigned char* wkb(std::size_t& size) const;
    GpkgCell cell(std::size_t field) const;

private:
    std::unique_ptr<sqlite::Db> db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::vector<GpkgField> fields_;
};

}  // namespace leefbaar::io::detail
