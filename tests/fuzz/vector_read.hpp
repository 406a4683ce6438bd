#pragma once
// The common part of the read_vector targets (vector_geojson.cpp, vector_gpkg.cpp).
#include <cpl_vsi.h>
#include <gdal.h>

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <unistd.h>

#include "fuzz_support.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"

namespace leefbaar::fuzz {

// Leaves only `driver` registered: a mutated input is then always read by the driver
// the target is about, and opening skips probing ~200 others (a third of the time).
inline void keep_only_driver(const char* driver) {
    io::ensure_gdal();
    for (int i = GDALGetDriverCount() - 1; i >= 0; --i) {
        GDALDriverH d = GDALGetDriver(i);
        if (std::string(GDALGetDriverShortName(d)) == driver) continue;
        GDALDeregisterDriver(d);
        GDALDestroyDriver(d);
    }
}

inline void read_vector_from_memory(const std::uint8_t* data, std::size_t size, const char* path) {
    // GDAL reads the fuzzer's buffer in place (no copy, not owned, never written:
    // the data set is opened read-only).
    VSIFCloseL(VSIFileFromMemBuffer(path, const_cast<GByte*>(data), static_cast<vsi_l_offset>(size), FALSE));
    io::VectorReadOptions options;
    options.threads = 1;
    options.require_crs = (size & 1) == 0;  // both paths: the error, and reading without a CRS
    expect_typed_errors_only([&] {
        const io::VectorReadResult r = io::read_vector(path, options);
        const FeatureTable& t = r.table;
        if (t.rows() == 0) property_violated("a layer was read without features");
        if (t.geometries().size() != t.rows() || t.source_fids().size() != t.rows())
            property_violated("geometries or feature ids do not match the rows");
        if (r.geometry.invalid_keys.size() != r.geometry.invalid || r.geometry.invalid_reasons.size() != r.geometry.invalid)
            property_violated("the geometry report does not add up");
        for (const auto& c : t.columns())
            if (c.size() != t.rows()) property_violated("a column has the wrong length");
    });
    VSIUnlink(path);
}

// What a read gives, for comparing two reads: the result or the error's text.
struct ReadOutcome {
    std::optional<io::VectorReadResult> result;
    std::string error;
};

inline ReadOutcome read_outcome(const std::string& path, const io::VectorReadOptions& options) {
    ReadOutcome o;
    try {
        o.result = io::read_vector(path, options);
    } catch (const DataError& e) {
        o.error = std::string("data: ") + e.what();
    } catch (const UsageError& e) {
        o.error = std::string("usage: ") + e.what();
    }
    return o;
}

inline bool same_number(double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }

inline bool same_table(const FeatureTable& a, const FeatureTable& b) {
    if (a.rows() != b.rows() || a.source_fids() != b.source_fids() || a.points() != b.points() || a.columns().size() != b.columns().size())
        return false;
    for (std::size_t c = 0; c < a.columns().size(); ++c) {
        const Column& x = a.columns()[c];
        const Column& y = b.columns()[c];
        if (x.name != y.name || x.type != y.type) return false;
        for (std::size_t r = 0; r < a.rows(); ++r) {
            if (x.is_null(r) != y.is_null(r)) return false;
            if (x.is_null(r)) continue;
            if (x.type == ColumnType::Int64 && x.ints[r] != y.ints[r]) return false;
            if (x.type == ColumnType::Float64 && !same_number(x.reals[r], y.reals[r])) return false;
            if (x.type == ColumnType::Text && x.texts[r] != y.texts[r]) return false;
        }
    }
    auto same_ring = [](const auto& u, const auto& v) {
        if (u.size() != v.size()) return false;
        for (std::size_t i = 0; i < u.size(); ++i)
            if (!same_number(u[i].x(), v[i].x()) || !same_number(u[i].y(), v[i].y())) return false;
        return true;
    };
    for (std::size_t r = 0; r < a.rows(); ++r) {
        const MultiPolygon& x = a.geometries()[r];
        const MultiPolygon& y = b.geometries()[r];
        if (x.size() != y.size()) return false;
        for (std::size_t p = 0; p < x.size(); ++p) {
            if (!same_ring(x[p].outer(), y[p].outer()) || x[p].inners().size() != y[p].inners().size()) return false;
            for (std::size_t h = 0; h < x[p].inners().size(); ++h)
                if (!same_ring(x[p].inners()[h], y[p].inners()[h])) return false;
        }
    }
    return true;
}

// GeoPackage bytes as a file on disk, read twice: straight through SQLite where the
// reader can (io/gpkg_rows.hpp), and through GDAL (gdal_features). Both must succeed
// with the same table and report, or fail with the same error.
inline void read_gpkg_file_both_ways(const std::uint8_t* data, std::size_t size) {
    static const std::string path = [] {
        const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        return std::string(dir) + "/leefbaar-fuzz-" + std::to_string(getpid()) + ".gpkg";
    }();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) property_violated("cannot write the temporary GeoPackage");
    if (size > 0 && std::fwrite(data, 1, size, f) != size) property_violated("cannot write the temporary GeoPackage");
    std::fclose(f);
    io::VectorReadOptions options;
    options.threads = 1;
    options.require_crs = (size & 1) == 0;
    const ReadOutcome direct = read_outcome(path, options);
    options.gdal_features = true;
    const ReadOutcome gdal = read_outcome(path, options);
    std::remove(path.c_str());
    // Failures must be of the same kind (data or usage), not of the same text: two
    // opens of one damaged file in a row can get different SQLite messages from GDAL
    // ("database disk image is malformed", then "malformed database schema"), before
    // either reader has read a row (found by CI, 2026-12-03).
    auto kind = [](const ReadOutcome& o) { return o.error.substr(0, o.error.find(':')); };
    auto differ = [&](const ReadOutcome& x, const ReadOutcome& y) { return x.result.has_value() != y.result.has_value() || kind(x) != kind(y); };
    if (differ(direct, gdal)) {
        std::fprintf(stderr, "direct: %s\nGDAL:   %s\n", direct.result ? "read" : direct.error.c_str(), gdal.result ? "read" : gdal.error.c_str());
        property_violated("the direct read and GDAL's read end differently");
    }
    if (!direct.result) return;
    const io::VectorReadResult& a = *direct.result;
    const io::VectorReadResult& b = *gdal.result;
    if (!same_table(a.table, b.table)) property_violated("the direct read and GDAL's read give different tables");
    if (a.geometry.invalid_keys != b.geometry.invalid_keys || a.geometry.empty_keys != b.geometry.empty_keys ||
        a.geometry.invalid_reasons != b.geometry.invalid_reasons || a.geometry.repaired != b.geometry.repaired ||
        a.geometry.dropped_parts != b.geometry.dropped_parts || a.warnings != b.warnings)
        property_violated("the direct read and GDAL's read report differently");
}

}  // namespace leefbaar::fuzz
