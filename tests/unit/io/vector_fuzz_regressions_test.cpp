// Regression tests for what the read_vector fuzz targets (tests/fuzz/vector_geojson.cpp,
// vector_gpkg.cpp) found (docs/fuzzing.md).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::TempDir;
using leefbaar::test::write_file;

namespace {
// An unclosed ring (GDAL warns "Non closed ring detected" and closes it) in RD New
// coordinates in a GeoJSON without "crs": GDAL's warning comes first, then the read
// fails (the coordinates are not longitude/latitude).
const std::string kUnclosedRdRing =
    R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A"},"geometry":)"
    R"({"type":"Polygon","coordinates":[[[190000,320000],[191000,320000],[191000,321000],[190000,321000]]]}}]})";
const std::string kSquare =
    R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"B"},"geometry":)"
    R"({"type":"Polygon","coordinates":[[[5.0,50.0],[5.01,50.0],[5.01,50.01],[5.0,50.01],[5.0,50.0]]]}}]})";

std::vector<std::string> gdal_warnings(const io::VectorReadResult& r) {
    std::vector<std::string> out;
    for (const auto& w : r.warnings)
        if (w.rfind("GDAL: ", 0) == 0) out.push_back(w);
    return out;
}
}  // namespace

// The GDAL warnings of a read that failed stayed in the per-thread list and came out
// with the next successful read, as if they were that file's (and piled up, up to
// 1000 strings, while reads kept failing). Found as a per-input growth of memory that
// made libFuzzer run a leak check after most inputs.
TEST(VectorFuzzRegressions, WarningsOfAFailedReadDoNotReachTheNextRead) {
    TempDir d;
    write_file(d / "unclosed.geojson", kUnclosedRdRing);
    write_file(d / "square.geojson", kSquare);

    // The unclosed ring alone: GDAL's warning is this read's, and it is reported.
    io::VectorReadOptions no_crs;
    no_crs.require_crs = false;  // the geographic CRS is then dropped with a warning
    const auto own = io::read_vector((d / "unclosed.geojson").string(), no_crs);
    ASSERT_FALSE(gdal_warnings(own).empty());
    for (const auto& w : gdal_warnings(own)) EXPECT_NE(w.find("Non closed ring"), std::string::npos) << w;

    for (int i = 0; i < 3; ++i)
        EXPECT_THROW(io::read_vector((d / "unclosed.geojson").string(), {}), DataError);
    const auto next = io::read_vector((d / "square.geojson").string(), {});
    EXPECT_EQ(next.table.rows(), 1u);
    EXPECT_TRUE(gdal_warnings(next).empty()) << gdal_warnings(next)[0];
}
