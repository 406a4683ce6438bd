// The bulk insert (io/gpkg_bulk.hpp) against the reference: the same tables written
// feature by feature through GDAL's CreateFeature (GpkgWriteOptions::gdal_features).
// Every row (the geometry blob byte for byte), the spatial index, the extent in
// gpkg_contents, the feature count and the triggers must be the same.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include <boost/geometry.hpp>

#include "io/crs_ops.hpp"
#include "io/gpkg_bulk.hpp"
#include "io/gpkg_writer.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;

namespace {

// Every row of a query, each value as its SQLite type and bytes.
std::vector<std::string> rows(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql << ": " << sqlite3_errmsg(db);
    std::vector<std::string> out;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        std::string r;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const int type = sqlite3_column_type(st, c);
            r += std::to_string(type) + ":";
            if (type == SQLITE_FLOAT) {
                char b[40];
                std::snprintf(b, sizeof b, "%.17g", sqlite3_column_double(st, c));
                r += b;
            } else if (type != SQLITE_NULL) {
                const auto* p = static_cast<const char*>(sqlite3_column_blob(st, c));
                r += std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
            }
            r += '|';
        }
        out.push_back(r);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

// Writes t both ways and compares everything a reader sees.
void expect_same_as_gdal(const FeatureTable& t, bool geometry, const std::string& what) {
    SCOPED_TRACE(what);
    test::TempDir d;
    const std::string bulk = (d / "bulk.gpkg").string(), ref = (d / "gdal.gpkg").string();
    io::GpkgWriteOptions o;
    o.run_id = "same";
    io::write_gpkg(bulk, {{&t, "lyr", geometry, "test"}}, o);
    o.gdal_features = true;
    io::write_gpkg(ref, {{&t, "lyr", geometry, "test"}}, o);
    const auto a = rows(bulk, "SELECT * FROM lyr ORDER BY fid"), b = rows(ref, "SELECT * FROM lyr ORDER BY fid");
    ASSERT_EQ(a.size(), t.rows());
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t r = 0; r < a.size(); ++r) EXPECT_EQ(a[r], b[r]) << "row " << r + 1;
    // The extent: GDAL's passes through SQLite's printf (about 16 digits); the bulk
    // insert stores the envelope's doubles themselves.
    const auto extent = [](const std::string& p) {
        std::vector<double> v;
        for (const char* c : {"min_x", "min_y", "max_x", "max_y"}) {
            const auto r = rows(p, std::string("SELECT ") + c + " FROM gpkg_contents");
            v.push_back(r.size() == 1 && r[0].rfind("2:", 0) == 0 ? std::stod(r[0].substr(2)) : std::nan(""));
        }
        return v;
    };
    const auto ea = extent(bulk), eb = extent(ref);
    for (std::size_t k = 0; k < 4; ++k) {
        if (std::isnan(eb[k])) EXPECT_TRUE(std::isnan(ea[k])) << k;
        else EXPECT_NEAR(ea[k], eb[k], 1e-12 * std::max(1.0, std::fabs(eb[k]))) << k;
    }
    for (const char* sql : {"SELECT table_name, data_type, identifier, description, srs_id FROM gpkg_contents",
                            "SELECT * FROM gpkg_ogr_contents", "SELECT * FROM gpkg_geometry_columns",
                            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'table', 'index') ORDER BY name",
                            "SELECT * FROM gpkg_extensions ORDER BY table_name, extension_name", "SELECT * FROM sqlite_sequence"})
        EXPECT_EQ(rows(bulk, sql), rows(ref, sql)) << sql;
    if (geometry) {
        EXPECT_EQ(rows(bulk, "SELECT * FROM rtree_lyr_geom ORDER BY id"), rows(ref, "SELECT * FROM rtree_lyr_geom ORDER BY id"));
    }
    EXPECT_TRUE(test::conforming_gpkg(bulk));
}

FeatureTable awkward_table() {
    FeatureTable t;
    t.enable_geometry(true);
    t.resize(5);
    t.set_crs(io::parse_crs("EPSG:28992"));
    // Two parts, a hole, negative and fractional coordinates, an empty geometry (row 4).
    boost::geometry::read_wkt("MULTIPOLYGON(((0 0,0 10,10 10,10 0,0 0),(2 2,4 2,4 4,2 4,2 2)),((20 0,20 1.5,21.25 1.5,20 0)))", t.geometries()[0]);
    boost::geometry::read_wkt("MULTIPOLYGON(((-5.5 -7,-5.5 3,1e6 3,-5.5 -7)))", t.geometries()[1]);
    boost::geometry::read_wkt("MULTIPOLYGON(((190000.123 320000.456,190000.123 320100,190100 320100,190000.123 320000.456)))", t.geometries()[2]);
    boost::geometry::read_wkt("MULTIPOLYGON(((1 1,1 2,2 2,2 1,1 1)))", t.geometries()[4]);
    auto& k = t.add_column("code", ColumnType::Text);
    k.set(0, std::string("BU0917"));
    k.set(1, std::string("Hoensbroek \"centrum\" \xc3\xa9\xc3\xa9n"));
    k.set(2, std::string(""));
    auto& i = t.add_column("n", ColumnType::Int64);
    i.set(0, std::int64_t{-3440});
    i.set(2, std::int64_t{9007199254740993});
    auto& r = t.add_column("x y", ColumnType::Float64);
    r.set(0, 0.1);
    r.set(1, std::nan(""));
    r.set(3, -1e300);
    r.set(4, 2.5);
    return t;
}

}  // namespace

TEST(GpkgBulk, PolygonsNullsAndAwkwardValuesAsGdalWritesThem) { expect_same_as_gdal(awkward_table(), true, "awkward table"); }

TEST(GpkgBulk, AttributeTableAsGdalWritesIt) { expect_same_as_gdal(awkward_table(), false, "attributes only"); }

TEST(GpkgBulk, PointLayerAsGdalWritesIt) {
    FeatureTable t;
    t.enable_geometry(true);
    t.set_points(true);
    t.resize(3);
    t.set_crs(io::parse_crs("EPSG:28992"));
    for (std::size_t r = 0; r < 3; ++r)
        boost::geometry::read_wkt("MULTIPOLYGON(((" + std::to_string(100.5 * static_cast<double>(r)) + " 7)))", t.geometries()[r]);
    t.add_column("v", ColumnType::Float64).set(1, 4.0);
    expect_same_as_gdal(t, true, "points");
}

TEST(GpkgBulk, HeerlenBuurtenAsGdalWritesThem) {
    io::VectorReadOptions o;
    o.key_column = "buurtcode";
    const auto vr = io::read_vector(test::sample_data("heerlen/heerlen_buurten.gpkg").string(), o);
    ASSERT_EQ(vr.table.rows(), 57u);  // sample-data/heerlen/README.md
    expect_same_as_gdal(vr.table, true, "sample-data/heerlen/heerlen_buurten.gpkg");
}

TEST(GpkgBulk, RowsInStatementsOfSeveralAndAloneAsGdalWritesThem) {
    // 3 x 64 + 5 rows: the bulk insert puts 64 rows into one statement and the last 5
    // one by one (io/gpkg_bulk.cpp kRows); nulls and an empty geometry fall in both parts.
    FeatureTable t;
    t.enable_geometry(true);
    t.resize(197);
    t.set_crs(io::parse_crs("EPSG:28992"));
    t.add_column("code", ColumnType::Text);
    t.add_column("v", ColumnType::Float64);
    t.add_column("n", ColumnType::Int64);
    auto& k = t.columns()[0];
    auto& v = t.columns()[1];
    auto& n = t.columns()[2];
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const double x = 1000.0 + 3.0 * static_cast<double>(r % 13), y = 2000.0 + 2.5 * static_cast<double>(r / 13);
        if (r != 130) t.geometries()[r] = {{{{x, y}, {x, y + 2}, {x + 3, y + 2}, {x + 3, y}, {x, y}}}};
        k.set(r, "BU" + std::to_string(r));
        if (r % 7 != 3) v.set(r, 0.1 * static_cast<double>(r));
        if (r % 5 != 1) n.set(r, static_cast<std::int64_t>(r) - 100);
    }
    expect_same_as_gdal(t, true, "197 rows");
    test::TempDir d;
    const std::string out = (d / "many.gpkg").string();
    io::write_gpkg(out, {{&t, "lyr", true, "test"}}, {});
    EXPECT_EQ(rows(out, "SELECT rtreecheck('rtree_lyr_geom')"), std::vector<std::string>{"3:ok|"});
    EXPECT_EQ(rows(out, "SELECT count(*) FROM rtree_lyr_geom"), std::vector<std::string>{"1:196|"});
}

TEST(GpkgBulk, EmptyTableHasNoExtentAndCountZero) {
    FeatureTable t;
    t.enable_geometry(true);
    t.set_crs(io::parse_crs("EPSG:28992"));
    t.add_column("v", ColumnType::Float64);
    expect_same_as_gdal(t, true, "no rows");
}

TEST(GpkgBulk, BlobHeaderAndEnvelopeFollowTheSpecification) {
    // GeoPackage 1.2, 2.1.3: "GP", version 0, flags 0b011 (little-endian, envelope
    // [minx, maxx, miny, maxy]), srs_id; then WKB: 1 (little-endian), type 6, 1 polygon,
    // type 3, 1 ring of 4 points.
    MultiPolygon g;
    boost::geometry::read_wkt("MULTIPOLYGON(((1 2,1 5,4 5,1 2)))", g);
    std::string out;
    io::RTreeEntry env{};
    io::append_gpkg_geometry(out, g, false, 28992, env);
    ASSERT_EQ(out.size(), 8u + 32u + 1u + 4u + 4u + 1u + 4u + 4u + 4u + 4u * 16u);
    EXPECT_EQ(out.substr(0, 4), std::string("GP\x00\x03", 4));
    std::int32_t srs = 0;
    std::memcpy(&srs, out.data() + 4, 4);
    EXPECT_EQ(srs, 28992);
    double box[4];
    std::memcpy(box, out.data() + 8, sizeof box);
    EXPECT_EQ(box[0], 1.0);
    EXPECT_EQ(box[1], 4.0);
    EXPECT_EQ(box[2], 2.0);
    EXPECT_EQ(box[3], 5.0);
    EXPECT_EQ(out.substr(40, 9), std::string("\x01\x06\x00\x00\x00\x01\x00\x00\x00", 9));
    EXPECT_EQ(env.minx, 1.0);
    EXPECT_EQ(env.maxy, 5.0);
}
