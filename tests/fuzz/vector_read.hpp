#pragma once
// The common part of the read_vector targets (vector_geojson.cpp, vector_gpkg.cpp).
#include <cpl_vsi.h>
#include <gdal.h>

#include <string>

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

}  // namespace leefbaar::fuzz
