// Fuzzes read_vector() (engine/io/vector_reader.cpp) on GeoPackage bytes: a small
// GeoPackage (SQLite pages of 512 bytes, tests/fuzz/corpus/vector_gpkg) mutated
// byte-wise, so that GDAL hands us odd layers, field definitions, geometry blobs,
// CRS entries and errors halfway through a layer. As for vector_geojson, GDAL and
// SQLite themselves are fuzzed upstream; this is about what we do with their answers.
//
// The bytes go to a file (in /dev/shm where it exists), which is read twice: straight
// through SQLite where read_vector can (io/gpkg_rows.hpp), and through GDAL. Both
// reads must end the same way: the same table and report, or the same kind of error (differential
// fuzzing of the direct read against GDAL's). Slower than the other targets (every
// input is a whole SQLite database, read twice): see docs/fuzzing.md for the rate.
// Expected: DataError / UsageError (fuzz_support.hpp).
#include "vector_read.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    leefbaar::fuzz::keep_only_driver("GPKG");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    leefbaar::fuzz::read_gpkg_file_both_ways(data, size);
    return 0;
}
