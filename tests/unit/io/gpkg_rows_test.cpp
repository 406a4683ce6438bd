// GeoPackage tables read straight through SQLite (io/gpkg_rows.hpp) against the
// reference: the same files read feature by feature through GDAL
// (VectorReadOptions::gdal_features). The table (every value, null, fid and
// coordinate), the geometry report, the column statistics and the warnings must be
// the same; and what the direct read does not read exactly as GDAL does must make it
// hand the layer to GDAL (reader "GDAL"), not read it differently.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "core/error.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;

namespace {

void expect_same_columns(const FeatureTable& a, const FeatureTable& b) {
    ASSERT_EQ(a.columns().size(), b.columns().size());
    for (std::size_t c = 0; c < a.columns().size(); ++c) {
        const Column& x = a.columns()[c];
        const Column& y = b.columns()[c];
        SCOPED_TRACE(x.name);
        EXPECT_EQ(x.name, y.name);
        ASSERT_EQ(x.type, y.type);
        for (std::size_t r = 0; r < a.rows(); ++r) {
            ASSERT_EQ(x.is_null(r), y.is_null(r)) << "row " << r;
            if (x.is_null(r)) continue;
            if (x.type == ColumnType::Int64) {
                EXPECT_EQ(x.ints[r], y.ints[r]) << "row " << r;
            } else if (x.type == ColumnType::Float64) {
                EXPECT_EQ(x.reals[r], y.reals[r]) << "row " << r;  // bit for bit
            } else {
                EXPECT_EQ(x.texts[r], y.texts[r]) << "row " << r;
            }
        }
    }
}

void expect_same_geometries(const FeatureTable& a, const FeatureTable& b) {
    for (std::size_t r = 0; r < a.rows(); ++r) {
        const MultiPolygon& x = a.geometries()[r];
        const MultiPolygon& y = b.geometries()[r];
        ASSERT_EQ(x.size(), y.size()) << "row " << r;
        for (std::size_t p = 0; p < x.size(); ++p) {
            ASSERT_EQ(x[p].inners().size(), y[p].inners().size()) << "row " << r;
            auto same_ring = [&](const auto& u, const auto& v) {
                ASSERT_EQ(u.size(), v.size()) << "row " << r;
                for (std::size_t i = 0; i < u.size(); ++i) {
                    EXPECT_EQ(u[i].x(), v[i].x()) << "row " << r;
                    EXPECT_EQ(u[i].y(), v[i].y()) << "row " << r;
                }
            };
            same_ring(x[p].outer(), y[p].outer());
            for (std::size_t h = 0; h < x[p].inners().size(); ++h) same_ring(x[p].inners()[h], y[p].inners()[h]);
        }
    }
}

// Reads `path` both ways; returns the direct read's reader ("SQLite" or "GDAL").
std::string expect_same_as_gdal(const std::string& path, io::VectorReadOptions o = {}) {
    SCOPED_TRACE(path);
    const io::VectorReadResult a = io::read_vector(path, o);
    o.gdal_features = true;
    const io::VectorReadResult b = io::read_vector(path, o);
    EXPECT_EQ(b.reader, "GDAL");
    EXPECT_EQ(a.layer, b.layer);
    EXPECT_EQ(a.warnings, b.warnings);
    EXPECT_EQ(a.table.crs().label(), b.table.crs().label());
    EXPECT_EQ(a.table.points(), b.table.points());
    EXPECT_EQ(a.table.source_fids(), b.table.source_fids());
    EXPECT_EQ(a.table.rows(), b.table.rows());
    const auto& g = a.geometry;
    const auto& h = b.geometry;
    EXPECT_EQ(g.features, h.features);
    EXPECT_EQ(g.invalid, h.invalid);
    EXPECT_EQ(g.repaired, h.repaired);
    EXPECT_EQ(g.empty, h.empty);
    EXPECT_EQ(g.dropped_parts, h.dropped_parts);
    EXPECT_EQ(g.invalid_keys, h.invalid_keys);
    EXPECT_EQ(g.empty_keys, h.empty_keys);
    EXPECT_EQ(g.invalid_reasons, h.invalid_reasons);
    EXPECT_EQ(a.columns.size(), b.columns.size());
    for (std::size_t c = 0; c < std::min(a.columns.size(), b.columns.size()); ++c) {
        EXPECT_EQ(a.columns[c].missing, b.columns[c].missing) << a.columns[c].name;
        EXPECT_EQ(a.columns[c].sentinels, b.columns[c].sentinels) << a.columns[c].name;
    }
    if (a.table.rows() == b.table.rows()) {
        expect_same_columns(a.table, b.table);
        expect_same_geometries(a.table, b.table);
    }
    return a.reader;
}

// A GeoPackage layer "lyr" (EPSG:28992) made through GDAL: fields code (text), n
// (Integer64), v (Real), one feature per WKT (empty string: no geometry).
struct ExtraField {
    const char* name;
    OGRFieldType type;
    OGRFieldSubType subtype = OFSTNone;
};

struct Fixture {
    test::TempDir dir;
    std::string path = (dir / "f.gpkg").string();

    explicit Fixture(const std::vector<std::string>& wkts, OGRwkbGeometryType type = wkbMultiPolygon,
                     const std::vector<ExtraField>& extra = {}) {
        io::ensure_gdal();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        std::unique_ptr<GDALDataset> ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        OGRSpatialReference srs;
        srs.importFromEPSG(28992);
        // No spatial index: its triggers call GDAL's SQL functions, which the plain
        // SQLite connection of sql() below does not have.
        const char* lco[] = {"SPATIAL_INDEX=NO", nullptr};
        OGRLayer* layer = ds->CreateLayer("lyr", &srs, type, const_cast<char**>(lco));
        OGRFieldDefn code("code", OFTString), n("n", OFTInteger64), v("v", OFTReal);
        for (OGRFieldDefn* f : {&code, &n, &v}) EXPECT_EQ(layer->CreateField(f), OGRERR_NONE);
        for (const auto& e : extra) {
            OGRFieldDefn f(e.name, e.type);
            f.SetSubType(e.subtype);
            EXPECT_EQ(layer->CreateField(&f), OGRERR_NONE);
        }
        for (std::size_t i = 0; i < wkts.size(); ++i) {
            OGRFeature f(layer->GetLayerDefn());
            f.SetField("code", ("BU" + std::to_string(i)).c_str());
            if (i % 3 != 1) f.SetField("n", static_cast<GIntBig>(i) * 1000000007LL);
            if (i % 4 != 2) f.SetField("v", 0.1 * static_cast<double>(i) - 3.0);
            if (!wkts[i].empty()) {
                OGRGeometry* g = nullptr;
                OGRGeometryFactory::createFromWkt(wkts[i].c_str(), nullptr, &g);
                f.SetGeometryDirectly(g);
            }
            EXPECT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
        }
    }
    void sql(const std::string& statement) const {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        char* err = nullptr;
        EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
        sqlite3_free(err);
        sqlite3_close(db);
    }
};

const std::vector<std::string> kShapes = {
    "MULTIPOLYGON(((0 0,0 10,10 10,10 0,0 0),(2 2,4 2,4 4,2 4,2 2)),((20 0,20 1.5,21.25 1.5,20 0)))",  // a hole, two parts
    "MULTIPOLYGON(((30 0,30 4,34 4,34 0,30 0)))",                                                       // counter-clockwise
    "MULTIPOLYGON(((40 0,44 4,44 0,40 4,40 0)))",                                                       // a bow-tie: repaired
    "",                                                                                                 // no geometry
    "MULTIPOLYGON(((50 0,50 1,51 1,51 0.5,51 0,50 0)))",                                                // collinear vertex
    "MULTIPOLYGON(((60 0,60 2,62 2,62 0,61 0,61 1,61 0,60 0)))",                                        // a spike
    "MULTIPOLYGON(((70 0,70 3,73 3,73 0,70 0)),((72 1,72 5,76 5,76 1,72 1)))",                          // overlapping parts
    "MULTIPOLYGON(((190000.123 320000.456,190000.123 320100,190100 320100,190000.123 320000.456)))",
};

}  // namespace

TEST(GpkgDirectRead, ShapesValuesAndNullsAsGdalReadsThem) {
    Fixture f(kShapes);
    EXPECT_EQ(expect_same_as_gdal(f.path), "SQLite");
    io::VectorReadOptions o;
    o.key_column = "code";
    EXPECT_EQ(expect_same_as_gdal(f.path, o), "SQLite");
    // The reference itself, worked out by hand: the bow-tie and the overlapping parts
    // are invalid and repaired, the row without geometry is empty.
    const auto r = io::read_vector(f.path, o);
    EXPECT_EQ(r.geometry.invalid_keys, (std::vector<std::string>{"BU2", "BU5", "BU6"}));
    EXPECT_EQ(r.geometry.empty_keys, (std::vector<std::string>{"BU3"}));
}

TEST(GpkgDirectRead, PolygonLayerZCoordinatesAndCurvesAsGdalReadsThem) {
    // Single polygons (WKB type 3), a polygon with Z and a curve polygon: the last two
    // go through OGR row by row, and the layer is still read directly.
    Fixture f({"POLYGON((0 0,0 1,1 1,1 0,0 0))", "POLYGON Z((2 0 5,2 1 5,3 1 6,3 0 5,2 0 5))",
               "CURVEPOLYGON(CIRCULARSTRING(10 0,11 1,12 0,11 -1,10 0))", "POLYGON((20 0,20 3,23 3,23 0,20 0),(21 1,22 1,22 2,21 2,21 1))"},
              wkbUnknown);
    EXPECT_EQ(expect_same_as_gdal(f.path), "SQLite");
}

TEST(GpkgDirectRead, PointLayerAsGdalReadsIt) {
    Fixture f({"POINT(1 2)", "POINT(3.5 -4)", "MULTIPOINT((7 8))"}, wkbUnknown);
    io::VectorReadOptions o;
    o.accept_points = true;
    EXPECT_EQ(expect_same_as_gdal(f.path, o), "SQLite");
    EXPECT_TRUE(io::read_vector(f.path, o).table.points());
}

TEST(GpkgDirectRead, MissingValueCodesAndUtf8AsGdalReadsThem) {
    Fixture f(kShapes);
    f.sql("UPDATE lyr SET v = -99999999, code = 'Hoensbroek ''centrum'' \xc3\xa9\xc3\xa9n' WHERE fid = 2; UPDATE lyr SET n = -99997 WHERE fid = 3");
    EXPECT_EQ(expect_same_as_gdal(f.path), "SQLite");
    const auto r = io::read_vector(f.path, {});
    EXPECT_EQ(r.columns[2].sentinels, 1u);  // v: -99999999 (CBS's "secret")
    EXPECT_EQ(r.columns[1].sentinels, 1u);  // n: -99997
}

TEST(GpkgDirectRead, RealDataAsGdalReadsIt) {
    // 57 Heerlen buurten, the Parkstad buurten, and 34 national buurten of which GEOS
    // finds 21 invalid (tests/data/io/README.md): the invalid ones take the OGR path.
    io::VectorReadOptions o;
    o.key_column = "buurtcode";
    EXPECT_EQ(expect_same_as_gdal(test::sample_data("heerlen/heerlen_buurten.gpkg").string(), o), "SQLite");
    for (const char* layer : {"buurten_rd", "buurten_wgs84"}) {
        o.layer = layer;
        EXPECT_EQ(expect_same_as_gdal(test::sample_data("parkstad/parkstad_buurten.gpkg").string(), o), "SQLite");
    }
    o.layer.clear();
    EXPECT_EQ(expect_same_as_gdal(test::test_data("io/nl_invalid_buurten.gpkg").string(), o), "SQLite");
}

TEST(GpkgDirectRead, WhatItDoesNotReadExactlyGoesToGdal) {
    {
        SCOPED_TRACE("text in an integer column");
        Fixture f(kShapes);
        f.sql("UPDATE lyr SET n = 'twelve' WHERE fid = 4");
        EXPECT_EQ(expect_same_as_gdal(f.path), "GDAL");
    }
    {
        SCOPED_TRACE("text in a real column");  // ('1.5' would be stored as a number: REAL affinity)
        Fixture f(kShapes);
        f.sql("UPDATE lyr SET v = 'n/a' WHERE fid = 1");
        EXPECT_EQ(expect_same_as_gdal(f.path), "GDAL");
    }
    {
        SCOPED_TRACE("a Boolean field holding 5");
        Fixture f(kShapes, wkbMultiPolygon, {{"flag", OFTInteger, OFSTBoolean}});
        f.sql("UPDATE lyr SET flag = 1 WHERE fid = 1; UPDATE lyr SET flag = 5 WHERE fid = 2");
        EXPECT_EQ(expect_same_as_gdal(f.path), "GDAL");
    }
    {
        SCOPED_TRACE("an empty geometry (flagged empty in its blob)");
        Fixture f({"MULTIPOLYGON(((0 0,0 1,1 1,1 0,0 0)))", "MULTIPOLYGON EMPTY"});
        EXPECT_EQ(expect_same_as_gdal(f.path), "GDAL");
    }
    {
        SCOPED_TRACE("a date field");
        Fixture f(kShapes, wkbMultiPolygon, {{"d", OFTDate}});
        EXPECT_EQ(expect_same_as_gdal(f.path), "GDAL");
    }
    {
        SCOPED_TRACE("an attribute filter");
        Fixture f(kShapes);
        io::VectorReadOptions o;
        o.where = "fid > 2";
        EXPECT_EQ(expect_same_as_gdal(f.path, o), "GDAL");
    }
}

TEST(GpkgDirectRead, AnUnreadableGeometryIsReportedAsGdalReportsIt) {
    // A blob with a GeoPackage header and garbage after it: the direct read hands the
    // layer to GDAL, whose error names the feature.
    Fixture f(kShapes);
    f.sql("UPDATE lyr SET geom = X'4750000300000000' || X'0000000000000000000000000000000000000000000000000000000000000000' || X'01FF' WHERE fid = 5");
    io::VectorReadOptions o;
    try {
        io::read_vector(f.path, o);
        FAIL() << "read a damaged geometry";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("fid 5"), std::string::npos) << e.what();
    }
}
