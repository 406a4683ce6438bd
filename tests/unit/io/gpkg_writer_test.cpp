// GeoPackage writing: types and nulls survive a round trip through GDAL, outputs
// are never replaced without asking, and a failure leaves nothing behind.
#include <gtest/gtest.h>

#include <filesystem>

#include <boost/geometry.hpp>

#include "core/error.hpp"
#include "io/crs_ops.hpp"
#include "io/gpkg_writer.hpp"
#include "io/table_reader.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
namespace fs = std::filesystem;

namespace {
FeatureTable sample() {
    FeatureTable t;
    t.enable_geometry(true);
    t.resize(2);
    t.set_crs(io::parse_crs("EPSG:28992"));
    boost::geometry::read_wkt("MULTIPOLYGON(((0 0,0 10,10 10,10 0,0 0),(2 2,4 2,4 4,2 4,2 2)))", t.geometries()[0]);
    boost::geometry::read_wkt("MULTIPOLYGON(((20 0,20 10,30 10,30 0,20 0)))", t.geometries()[1]);
    auto& k = t.add_column("code", ColumnType::Text);
    k.set(0, std::string("A"));
    k.set(1, std::string("B"));
    auto& i = t.add_column("n", ColumnType::Int64);
    i.set(0, std::int64_t{3440});
    auto& r = t.add_column("x", ColumnType::Float64);
    r.set(1, 2.5);
    return t;
}
}  // namespace

TEST(GpkgWriter, RoundTripKeepsTypesNullsHolesAndCrs) {
    test::TempDir d;
    const std::string out = (d / "o.gpkg").string();
    FeatureTable t = sample();
    io::write_gpkg(out, {{&t, "layer1", true, "test"}}, {});
    io::VectorReadOptions o;
    o.key_column = "code";
    auto back = io::read_vector(out, o);
    ASSERT_EQ(back.table.rows(), 2u);
    EXPECT_EQ(back.table.crs().epsg.value_or(0), 28992);
    EXPECT_EQ(back.table.column("n").type, ColumnType::Int64);
    EXPECT_EQ(back.table.column("n").ints[0], 3440);
    EXPECT_TRUE(back.table.column("n").is_null(1));
    EXPECT_EQ(back.table.column("x").type, ColumnType::Float64);
    EXPECT_TRUE(back.table.column("x").is_null(0));
    EXPECT_DOUBLE_EQ(back.table.column("x").reals[1], 2.5);
    EXPECT_DOUBLE_EQ(boost::geometry::area(back.table.geometries()[0]), 96.0);
    // No temporary files left next to the output.
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(d.path())) files += e.is_regular_file();
    EXPECT_EQ(files, 1u);
}

TEST(GpkgWriter, RefusesExistingOutputUnlessAsked) {
    test::TempDir d;
    const std::string out = (d / "o.gpkg").string();
    FeatureTable t = sample();
    io::write_gpkg(out, {{&t, "a", true, ""}}, {});
    EXPECT_THROW(io::write_gpkg(out, {{&t, "a", true, ""}}, {}), UsageError);
    io::GpkgWriteOptions replace;
    replace.existing = io::ExistingOutput::Replace;
    EXPECT_NO_THROW(io::write_gpkg(out, {{&t, "b", true, ""}}, replace));
    auto back = io::read_vector(out, {});  // one layer only: 'a' is gone
    EXPECT_EQ(back.layer, "b");
}

TEST(GpkgWriter, UpdateLayersKeepsOtherLayers) {
    test::TempDir d;
    const std::string out = (d / "o.gpkg").string();
    FeatureTable t = sample();
    io::write_gpkg(out, {{&t, "users_layer", true, ""}, {&t, "ours", true, ""}}, {});
    io::GpkgWriteOptions upd;
    upd.existing = io::ExistingOutput::UpdateLayers;
    t.column("n").set(1, std::int64_t{7});
    io::write_gpkg(out, {{&t, "ours", true, ""}}, upd);
    io::VectorReadOptions o;
    o.layer = "users_layer";
    EXPECT_TRUE(io::read_vector(out, o).table.column("n").is_null(1));
    o.layer = "ours";
    EXPECT_EQ(io::read_vector(out, o).table.column("n").ints[1], 7);
}

TEST(GpkgWriter, MissingDirectoryIsAUsageErrorAndNothingIsWritten) {
    test::TempDir d;
    const std::string out = (d / "missing" / "o.gpkg").string();
    FeatureTable t = sample();
    EXPECT_THROW(io::write_gpkg(out, {{&t, "a", true, ""}}, {}), UsageError);
    EXPECT_FALSE(fs::exists(d / "missing"));
}

TEST(GpkgWriter, AttributeOnlyTable) {
    test::TempDir d;
    const std::string out = (d / "o.gpkg").string();
    FeatureTable t = sample();
    FeatureTable attrs;
    attrs.resize(1);
    attrs.add_column("k", ColumnType::Text).set(0, std::string("v"));
    io::write_gpkg(out, {{&t, "polys", true, ""}, {&attrs, "audit", false, ""}}, {});
    io::TableReadOptions o;
    o.layer = "audit";
    auto back = io::read_table(out, o);
    EXPECT_EQ(back.table.column("k").texts[0], "v");
}
