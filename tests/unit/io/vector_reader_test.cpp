// Reading polygon layers: geometry hygiene (GEOS validity and MakeValid), empty
// and non-polygon geometries, CRS handling, layers and filters.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include <boost/geometry.hpp>

#include "core/error.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::TempDir;
using leefbaar::test::write_file;

namespace {
std::string feature(const std::string& code, const std::string& geometry) {
    return R"({"type":"Feature","properties":{"code":")" + code + R"("},"geometry":)" + geometry + "}";
}
std::string collection(const std::vector<std::string>& features) {
    std::string out = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < features.size(); ++i) out += (i ? "," : "") + features[i];
    return out + "]}";
}
const std::string kSquare = R"({"type":"Polygon","coordinates":[[[5.0,50.0],[5.01,50.0],[5.01,50.01],[5.0,50.01],[5.0,50.0]]]})";
// A bow-tie: self-intersecting ring, invalid per GEOS ("Self-intersection").
const std::string kBowtie = R"({"type":"Polygon","coordinates":[[[5.0,50.0],[5.01,50.01],[5.01,50.0],[5.0,50.01],[5.0,50.0]]]})";
}  // namespace

TEST(VectorReader, RepairsInvalidPolygonsAndReportsThem) {
    TempDir d;
    write_file(d / "in.geojson", collection({feature("A", kSquare), feature("B", kBowtie)}));
    io::VectorReadOptions o;
    o.key_column = "code";
    auto r = io::read_vector((d / "in.geojson").string(), o);
    EXPECT_EQ(r.geometry.features, 2u);
    EXPECT_EQ(r.geometry.invalid, 1u);
    EXPECT_EQ(r.geometry.repaired, 1u);
    ASSERT_EQ(r.geometry.invalid_keys.size(), 1u);
    EXPECT_EQ(r.geometry.invalid_keys[0], "B");
    EXPECT_NE(r.geometry.invalid_reasons[0].find("Self-intersection"), std::string::npos);
    // MakeValid splits the bow-tie into its two triangles.
    EXPECT_EQ(r.table.geometries()[1].size(), 2u);
    EXPECT_TRUE(boost::geometry::is_valid(r.table.geometries()[1]));
}

TEST(VectorReader, NationalFileInvalidPolygonsPassThrough) {
    // tests/data/io/nl_invalid_buurten.gpkg: the 21 buurten GEOS reports invalid
    // (shared/data/nl-buurten-topojson/README.md) plus 13 valid ones.
    io::VectorReadOptions o;
    o.key_column = "buurtcode";
    auto r = io::read_vector(test::test_data("io/nl_invalid_buurten.gpkg").string(), o);
    EXPECT_EQ(r.geometry.features, 34u);
    EXPECT_EQ(r.geometry.invalid, 21u);
    EXPECT_EQ(r.geometry.repaired, 21u);
    EXPECT_EQ(r.geometry.empty, 0u);
    for (const auto& g : r.table.geometries()) {
        EXPECT_FALSE(g.empty());
        EXPECT_TRUE(boost::geometry::is_valid(g));
    }
    EXPECT_NE(std::find(r.geometry.invalid_keys.begin(), r.geometry.invalid_keys.end(), "BU19690009"), r.geometry.invalid_keys.end());
}

TEST(VectorReader, EmptyGeometriesAreReported) {
    TempDir d;
    write_file(d / "in.geojson", collection({feature("A", kSquare), feature("E", "null")}));
    io::VectorReadOptions o;
    o.key_column = "code";
    auto r = io::read_vector((d / "in.geojson").string(), o);
    EXPECT_EQ(r.geometry.empty, 1u);
    ASSERT_EQ(r.geometry.empty_keys.size(), 1u);
    EXPECT_EQ(r.geometry.empty_keys[0], "E");
}

TEST(VectorReader, NonPolygonGeometriesAreAnError) {
    TempDir d;
    write_file(d / "in.geojson", collection({feature("A", kSquare), feature("P", R"({"type":"Point","coordinates":[5,50]})")}));
    io::VectorReadOptions o;
    o.key_column = "code";
    try {
        io::read_vector((d / "in.geojson").string(), o);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_NE(e.message().find("P (Point)"), std::string::npos) << e.describe();
    }
}

TEST(VectorReader, MissingCrsIsAnErrorUnlessAssigned) {
    TempDir d;
    write_file(d / "in.geojson", collection({feature("A", kSquare)}));
    const std::string shp = (d / "nocrs.shp").string();
    const std::string cmd = "ogr2ogr -q -f 'ESRI Shapefile' '" + shp + "' '" + (d / "in.geojson").string() + "' && rm -f '" +
                            (d / "nocrs.prj").string() + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    EXPECT_THROW(io::read_vector(shp, {}), DataError);
    io::VectorReadOptions o;
    o.assign_srs = "EPSG:4326";
    auto r = io::read_vector(shp, o);
    ASSERT_TRUE(r.table.crs().epsg.has_value());
    EXPECT_EQ(*r.table.crs().epsg, 4326);
    EXPECT_TRUE(r.table.crs().geographic);
}

TEST(VectorReader, UnknownLayerListsLayers) {
    try {
        io::VectorReadOptions o;
        o.layer = "buurt";
        io::read_vector(test::sample_data("parkstad/parkstad_buurten.gpkg").string(), o);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_NE(e.hint().find("buurten_rd"), std::string::npos);
        EXPECT_NE(e.hint().find("buurten_wgs84"), std::string::npos);
    }
}

TEST(VectorReader, SeveralLayersNeedAChoice) {
    EXPECT_THROW(io::read_vector(test::sample_data("parkstad/parkstad_buurten.gpkg").string(), {}), UsageError);
}

TEST(VectorReader, AttributeFilterSelectsFeatures) {
    // Parkstad per gemeente (shared/data/nl-buurten-topojson/README.md): GM0917 has 57 buurten, GM0899 45.
    io::VectorReadOptions o;
    o.layer = "buurten_rd";
    o.where = "gemeentecode = 'GM0899'";
    auto r = io::read_vector(test::sample_data("parkstad/parkstad_buurten.gpkg").string(), o);
    EXPECT_EQ(r.table.rows(), 45u);
    EXPECT_EQ(r.table.crs().epsg.value_or(0), 28992);
    o.where = "gemeentecode = 'GM9999'";
    EXPECT_THROW(io::read_vector(test::sample_data("parkstad/parkstad_buurten.gpkg").string(), o), DataError);
    o.where = "no_such_field = 1";
    EXPECT_THROW(io::read_vector(test::sample_data("parkstad/parkstad_buurten.gpkg").string(), o), UsageError);
}

TEST(VectorReader, HolesAreKept) {
    TempDir d;
    const std::string donut =
        R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]})";
    write_file(d / "in.geojson", collection({feature("D", donut)}));
    auto r = io::read_vector((d / "in.geojson").string(), {});
    ASSERT_EQ(r.table.geometries()[0].size(), 1u);
    EXPECT_EQ(r.table.geometries()[0][0].inners().size(), 1u);
    EXPECT_DOUBLE_EQ(boost::geometry::area(r.table.geometries()[0]), 96.0);  // 100 - 4
}
