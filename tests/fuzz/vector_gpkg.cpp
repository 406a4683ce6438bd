// Fuzzes read_vector() (engine/io/vector_reader.cpp) on GeoPackage bytes: a small
// GeoPackage (SQLite pages of 512 bytes, tests/fuzz/corpus/vector_gpkg) mutated
// byte-wise, so that GDAL hands us odd layers, field definitions, geometry blobs,
// CRS entries and errors halfway through a layer. As for vector_geojson, GDAL and
// SQLite themselves are fuzzed upstream; this is about what we do with their answers.
//
// The bytes go to a /vsimem/ file named .gpkg. Slower than the other targets
// (every input is a whole SQLite database): see docs/fuzzing.md for the rate.
// Expected: DataError / UsageError (fuzz_support.hpp).
#include "vector_read.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    leefbaar::fuzz::keep_only_driver("GPKG");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    leefbaar::fuzz::read_vector_from_memory(data, size, "/vsimem/leefbaar-fuzz.gpkg");
    return 0;
}
