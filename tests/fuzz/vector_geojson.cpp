// Fuzzes read_vector() (engine/io/vector_reader.cpp) on GeoJSON: not GDAL's
// parser (fuzzed upstream, OSS-Fuzz) but our handling of what GDAL returns: layer
// choice, missing CRS, field types and duplicate names, sentinels, null and empty
// geometries, non-polygons, the conversion to our geometry and the GEOS validity
// check and repair (engine/io/ogr_geometry.cpp), GDAL errors while reading.
//
// The bytes go to a /vsimem/ file (GDAL's in-memory file system) named .geojson,
// read with only GDAL's GeoJSON driver registered.
// Expected: DataError / UsageError (fuzz_support.hpp).
#include "vector_read.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    leefbaar::fuzz::keep_only_driver("GeoJSON");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    leefbaar::fuzz::read_vector_from_memory(data, size, "/vsimem/leefbaar-fuzz.geojson");
    return 0;
}
