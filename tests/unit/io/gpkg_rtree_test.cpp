// The bulk-loaded GeoPackage spatial index (io/gpkg_rtree): SQLite's own checker
// accepts it, window queries on it return exactly the features whose boxes meet the
// window (worked out from the grid below), GDAL uses it for spatial filters, and
// SQLite keeps it up to date through the triggers when GDAL later edits the layer.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <set>
#include <string>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/crs_ops.hpp"
#include "io/gdal_env.hpp"
#include "io/gpkg_writer.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;

namespace {

// side x side unit squares [c, c+1] x [r, r+1] (fid = r*side + c + 1), and one row
// with an empty geometry at the end (no index entry).
FeatureTable grid(int side) {
    FeatureTable t;
    t.enable_geometry(true);
    t.resize(static_cast<std::size_t>(side * side + 1));
    t.set_crs(io::parse_crs("EPSG:28992"));
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            auto& g = t.geometries()[static_cast<std::size_t>(r * side + c)];
            g.resize(1);
            auto& ring = g[0].outer();
            const double x = 1000.0 + c, y = 2000.0 + r;
            ring = {{x, y}, {x, y + 1}, {x + 1, y + 1}, {x + 1, y}, {x, y}};
        }
    auto& k = t.add_column("n", ColumnType::Int64);
    for (std::size_t i = 0; i < t.rows(); ++i) k.set(i, static_cast<std::int64_t>(i));
    return t;
}

struct Sqlite {
    sqlite3* db = nullptr;
    explicit Sqlite(const std::string& path) { sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr); }
    ~Sqlite() { sqlite3_close(db); }
    std::string text(const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        std::string out = "<error>";
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
            out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        return out;
    }
    std::set<long long> ids(const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        std::set<long long> out;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK)
            while (sqlite3_step(s) == SQLITE_ROW) out.insert(sqlite3_column_int64(s, 0));
        sqlite3_finalize(s);
        return out;
    }
};

// The fids of the squares meeting the window [x0,x1] x [y0,y1] (window edges at
// half-integers, so no square merely touches it).
std::set<long long> expected(int side, double x0, double x1, double y0, double y1) {
    std::set<long long> out;
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            const double x = 1000.0 + c, y = 2000.0 + r;
            if (x + 1 >= x0 && x <= x1 && y + 1 >= y0 && y <= y1) out.insert(r * side + c + 1);
        }
    return out;
}

std::string window(double x0, double x1, double y0, double y1) {
    return "SELECT id FROM rtree_squares_geom WHERE maxx >= " + std::to_string(x0) + " AND minx <= " + std::to_string(x1) + " AND maxy >= " +
           std::to_string(y0) + " AND miny <= " + std::to_string(y1);
}

}  // namespace

TEST(GpkgRtree, BulkLoadedIndexIsValidAndAnswersWindowQueries) {
    test::TempDir d;
    const std::string out = (d / "grid.gpkg").string();
    const int side = 80;  // 6400 entries: 126 leaves of 51, 3 internal nodes, a root: depth 2
    const FeatureTable t = grid(side);
    io::write_gpkg(out, {{&t, "squares", true, ""}}, {});
    Sqlite db(out);
    EXPECT_EQ(db.text("SELECT rtreecheck('rtree_squares_geom')"), "ok");
    EXPECT_EQ(db.text("SELECT count(*) FROM rtree_squares_geom"), std::to_string(side * side));
    EXPECT_EQ(db.text("SELECT count(*) FROM rtree_squares_geom_parent"), db.text("SELECT count(*) - 1 FROM rtree_squares_geom_node"));
    EXPECT_EQ(db.text("SELECT extension_name || ' ' || scope FROM gpkg_extensions WHERE table_name = 'squares' AND column_name = 'geom'"),
              "gpkg_rtree_index write-only");
    EXPECT_EQ(db.text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_squares_geom_%'"), "6");
    // Depth 2 is in the first two bytes of the root node (SQLite rtree.c node format).
    EXPECT_EQ(db.text("SELECT hex(substr(data, 1, 2)) FROM rtree_squares_geom_node WHERE nodeno = 1"), "0002");
    for (const auto& [x0, x1, y0, y1] : {std::tuple{1010.5, 1020.5, 2030.5, 2031.5}, std::tuple{999.5, 1079.5, 2000.5, 2000.7},
                                         std::tuple{1050.2, 1050.4, 2050.2, 2050.4}, std::tuple{900.0, 950.0, 2000.0, 2100.0}})
        EXPECT_EQ(db.ids(window(x0, x1, y0, y1)), expected(side, x0, x1, y0, y1)) << x0 << " " << y0;
    EXPECT_TRUE(test::conforming_gpkg(out));
}

TEST(GpkgRtree, GdalUsesTheIndexAndSqliteMaintainsItOnEdits) {
    test::TempDir d;
    const std::string out = (d / "grid.gpkg").string();
    const FeatureTable t = grid(30);
    io::write_gpkg(out, {{&t, "squares", true, ""}}, {});
    io::ensure_gdal();
    {
        GDALDataset* ds = GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
        ASSERT_NE(ds, nullptr);
        OGRLayer* l = ds->GetLayerByName("squares");
        ASSERT_NE(l, nullptr);
        EXPECT_TRUE(l->TestCapability(OLCFastSpatialFilter));
        l->SetSpatialFilterRect(1010.5, 2010.5, 1011.5, 2011.5);  // 2 x 2 squares
        EXPECT_EQ(l->GetFeatureCount(), 4);
        l->SetSpatialFilter(nullptr);
        // An edit through GDAL fires the triggers: a new square far away, one deleted.
        OGRFeature* f = OGRFeature::CreateFeature(l->GetLayerDefn());
        OGRPolygon p;
        OGRLinearRing ring;
        ring.addPoint(5000, 5000);
        ring.addPoint(5000, 5001);
        ring.addPoint(5001, 5001);
        ring.addPoint(5000, 5000);
        p.addRing(&ring);
        OGRMultiPolygon mp;
        mp.addGeometry(&p);
        f->SetGeometry(&mp);
        ASSERT_EQ(l->CreateFeature(f), OGRERR_NONE);
        EXPECT_EQ(f->GetFID(), 902);
        OGRFeature::DestroyFeature(f);
        ASSERT_EQ(l->DeleteFeature(1), OGRERR_NONE);
        GDALClose(ds);
    }
    Sqlite db(out);
    EXPECT_EQ(db.text("SELECT rtreecheck('rtree_squares_geom')"), "ok");
    EXPECT_EQ(db.ids("SELECT id FROM rtree_squares_geom WHERE minx >= 4999"), std::set<long long>{902});
    EXPECT_EQ(db.text("SELECT count(*) FROM rtree_squares_geom WHERE id = 1"), "0");
    EXPECT_EQ(db.text("SELECT count(*) FROM rtree_squares_geom"), "900");
    EXPECT_TRUE(test::conforming_gpkg(out));
}

TEST(GpkgRtree, NoGeometriesLeaveAnEmptyValidIndex) {
    test::TempDir d;
    const std::string out = (d / "empty.gpkg").string();
    FeatureTable t = grid(0);  // one row, empty geometry
    io::write_gpkg(out, {{&t, "squares", true, ""}}, {});
    Sqlite db(out);
    EXPECT_EQ(db.text("SELECT rtreecheck('rtree_squares_geom')"), "ok");
    EXPECT_EQ(db.text("SELECT count(*) FROM rtree_squares_geom"), "0");
    EXPECT_TRUE(test::conforming_gpkg(out));
}

TEST(GpkgRtree, ReplacingALayerRebuildsOnlyItsIndex) {
    // ExistingOutput::UpdateLayers: GDAL drops the old layer with its index, ours is
    // built anew for the new one, and the other layer's index is left as it was.
    test::TempDir d;
    const std::string out = (d / "two.gpkg").string();
    const FeatureTable small = grid(5), big = grid(20);
    io::write_gpkg(out, {{&small, "squares", true, ""}, {&small, "kept", true, ""}}, {});
    io::GpkgWriteOptions update;
    update.existing = io::ExistingOutput::UpdateLayers;
    io::write_gpkg(out, {{&big, "squares", true, ""}}, update);
    Sqlite db(out);
    EXPECT_EQ(db.text("SELECT rtreecheck('rtree_squares_geom')"), "ok");
    EXPECT_EQ(db.text("SELECT count(*) FROM rtree_squares_geom"), "400");
    EXPECT_EQ(db.text("SELECT rtreecheck('rtree_kept_geom')"), "ok");
    EXPECT_EQ(db.text("SELECT count(*) FROM rtree_kept_geom"), "25");
    EXPECT_EQ(db.text("SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'"), "2");
    EXPECT_TRUE(test::conforming_gpkg(out));
}
