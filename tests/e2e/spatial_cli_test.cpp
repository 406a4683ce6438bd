// End-to-end runs of `leefbaar weights`, `lisa` and `hotspots` on Columbus
// (tests/data/spatial, README there), and one test per bad input: each must exit
// non-zero with a message naming what is wrong and leave no output file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::run_leefbaar;
using leefbaar::test::TempDir;
namespace fs = std::filesystem;

namespace {
std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
const fs::path kColumbus = test::test_data("spatial/columbus.shp");

void expect_failure(const test::CommandResult& r, int code, const std::vector<std::string>& needles) {
    EXPECT_EQ(r.exit_code, code) << r.err;
    for (const auto& n : needles) EXPECT_NE(r.err.find(n), std::string::npos) << "missing '" << n << "' in: " << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
}
}  // namespace

TEST(SpatialCli, WeightsQueenGalRoundTrip) {
    TempDir d;
    const auto gal = d / "columbus.gal";
    auto r = run_leefbaar("weights " + q(kColumbus) + " --key POLYID --snap 0 -o " + q(gal));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // libpysal columbus.gal: queen, 236 links (reference README).
    EXPECT_NE(r.out.find("links: 236"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("connected components: 1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("symmetric: yes"), std::string::npos) << r.out;
    ASSERT_TRUE(fs::exists(gal));
    EXPECT_EQ(test::read_file(gal).substr(0, 18), "0 49 columbus POLY");
    // Read back and summarise.
    auto back = run_leefbaar("weights --weights " + q(gal) + " --report " + q(d / "s.json"));
    ASSERT_EQ(back.exit_code, 0) << back.err;
    const auto j = nlohmann::json::parse(test::read_file(d / "s.json"));
    EXPECT_EQ(j["summary"]["links"], 236);
    EXPECT_EQ(j["summary"]["units"], 49);
    // Rook as GWT, row-standardised.
    auto rook = run_leefbaar("weights " + q(kColumbus) + " --key POLYID --snap 0 --weights rook -o " + q(d / "rook.gwt"));
    ASSERT_EQ(rook.exit_code, 0) << rook.err;
    EXPECT_NE(rook.out.find("links: 200"), std::string::npos) << rook.out;  // spdep poly2nb(queen = FALSE)
}

TEST(SpatialCli, LisaWritesFieldsAndReport) {
    TempDir d;
    const auto out = d / "lisa.gpkg";
    auto r = run_leefbaar("lisa " + q(kColumbus) + " --key POLYID --field CRIME --snap 0 --permutations 499 --seed 3 -o " + q(out));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    ASSERT_TRUE(fs::exists(out));
    EXPECT_TRUE(test::conforming_gpkg(out));
    const auto rep = nlohmann::json::parse(test::read_file(d / "lisa.json"));
    // README §1: Columbus CRIME queen I = 0.5001885572 (spdep).
    EXPECT_NEAR(rep["variables"][0]["moran_i"]["statistic"].get<double>(), 0.5001885572, 1e-10);
    EXPECT_EQ(rep["inference"]["seed"], 3);
    EXPECT_EQ(rep["inference"]["permutations"], 499);
    // Every phase is timed, in the order it ran (docs/benchmarks.md reads these).
    std::vector<std::string> phases;
    for (const auto& s : rep["timings"]["steps"]) phases.push_back(s["name"].get<std::string>().substr(0, 5));
    EXPECT_EQ(phases, (std::vector<std::string>{"read ", "weigh", "weigh", "globa", "local", "write"}));
    io::ensure_gdal();
    io::VectorReadOptions o;
    o.key_column = "POLYID";
    // Columbus has no CRS, so its outputs carry GeoPackage's undefined SRS (srs_id 0): no CRS.
    o.require_crs = false;
    const auto back = io::read_vector(out.string(), o).table;
    ASSERT_EQ(back.rows(), 49u);
    // Row 1 of columbus_crime_queen_local_spdep.csv: Ii = 0.736818490608356.
    EXPECT_NEAR(back.column("lisa_CRIME_i").as_double(0), 0.736818490608356, 1e-12);
    EXPECT_TRUE(back.has_column("lisa_CRIME_cl"));
    EXPECT_TRUE(back.has_column("ms_CRIME_lag"));
}

TEST(SpatialCli, LisaWithGiStarEqualsBothCommandsAndIndexesTheOutput) {
    // One pass for both statistics: the same p-values as `lisa` and `hotspots` run
    // separately (each unit draws one stream for all its local statistics).
    TempDir d;
    const std::string common = q(kColumbus) + " --key POLYID --field CRIME --snap 0 --permutations 199 --seed 8";
    auto both = run_leefbaar("lisa " + common + " --gistar -o " + q(d / "both.gpkg"));
    auto lisa = run_leefbaar("lisa " + common + " -o " + q(d / "lisa.gpkg"));
    auto hot = run_leefbaar("hotspots " + common + " -o " + q(d / "hot.gpkg"));
    ASSERT_EQ(both.exit_code, 0) << both.err;
    ASSERT_EQ(lisa.exit_code, 0) << lisa.err;
    ASSERT_EQ(hot.exit_code, 0) << hot.err;
    for (const char* f : {"both.gpkg", "lisa.gpkg", "hot.gpkg"}) EXPECT_TRUE(test::conforming_gpkg(d / f));
    EXPECT_EQ(both.err, "");
    EXPECT_NE(both.out.find("LISA (199 permutations, seed 8"), std::string::npos) << both.out;
    EXPECT_NE(both.out.find("Gi* (199 permutations, seed 8"), std::string::npos) << both.out;
    io::ensure_gdal();
    io::VectorReadOptions o;
    o.key_column = "POLYID";
    // Columbus has no CRS, so its outputs carry GeoPackage's undefined SRS (srs_id 0): no CRS.
    o.require_crs = false;
    const auto b = io::read_vector((d / "both.gpkg").string(), o).table;
    const auto l = io::read_vector((d / "lisa.gpkg").string(), o).table;
    const auto h = io::read_vector((d / "hot.gpkg").string(), o).table;
    ASSERT_EQ(b.rows(), 49u);
    for (std::size_t i = 0; i < b.rows(); ++i) {
        EXPECT_EQ(b.column("lisa_CRIME_p").as_double(i), l.column("lisa_CRIME_p").as_double(i)) << i;
        EXPECT_EQ(b.column("lisa_CRIME_cl").as_text(i), l.column("lisa_CRIME_cl").as_text(i)) << i;
        EXPECT_EQ(b.column("gi_CRIME_p").as_double(i), h.column("gi_CRIME_p").as_double(i)) << i;
        EXPECT_EQ(b.column("gi_CRIME_bin").as_double(i), h.column("gi_CRIME_bin").as_double(i)) << i;
    }
    // The output carries a spatial index GDAL recognises (bulk-loaded, io/gpkg_rtree).
    GDALDataset* ds = GDALDataset::Open((d / "both.gpkg").c_str(), GDAL_OF_VECTOR);
    ASSERT_NE(ds, nullptr);
    EXPECT_TRUE(ds->GetLayer(0)->TestCapability(OLCFastSpatialFilter));
    GDALClose(ds);
}

TEST(SpatialCli, HotspotsBinsAndFdr) {
    TempDir d;
    const auto out = d / "hot.gpkg";
    auto r = run_leefbaar("hotspots " + q(kColumbus) + " --key POLYID --field CRIME --snap 0 --fdr -o " + q(out) + " --report " + q(d / "h.json"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    io::ensure_gdal();
    io::VectorReadOptions o;
    o.require_crs = false;  // Columbus outputs carry GeoPackage's undefined SRS: no CRS
    const auto back = io::read_vector(out.string(), o).table;
    // Row 1: Gi* z = -1.43277965396643 (spdep localG, binary incl. self).
    EXPECT_NEAR(back.column("gi_CRIME_z").as_double(0), -1.43277965396643, 1e-12);
    const auto& bin = back.column("gi_CRIME_bin");
    for (std::size_t i = 0; i < back.rows(); ++i) EXPECT_LE(std::abs(bin.as_double(i)), 3.0);
    const auto rep = nlohmann::json::parse(test::read_file(d / "h.json"));
    EXPECT_EQ(rep["inference"]["multiple_testing"], "fdr");
}

TEST(SpatialCli, MissingFieldIsNamed) {
    TempDir d;
    const auto out = d / "x.gpkg";
    auto r = run_leefbaar("lisa " + q(kColumbus) + " --field CRIMEX -o " + q(out));
    expect_failure(r, 1, {"CRIMEX", "CRIME"});
    EXPECT_FALSE(fs::exists(out));
    EXPECT_FALSE(fs::exists(d / "x.json"));
}

TEST(SpatialCli, NonNumericFieldIsRefused) {
    TempDir d;
    const auto src = d / "text.gpkg";
    // A copy of Columbus with a text field, through the join command's sibling: ogr2ogr-free,
    // write a GeoJSON by hand with one text property.
    test::write_file(d / "t.geojson",
                     R"({"type":"FeatureCollection","features":[)"
                     R"({"type":"Feature","properties":{"id":"a","v":"x"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},)"
                     R"({"type":"Feature","properties":{"id":"b","v":"y"},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}}]})");
    auto r = run_leefbaar("hotspots " + q(d / "t.geojson") + " --field v -o " + q(d / "o.gpkg"));
    expect_failure(r, 1, {"'v'", "not numeric"});
    EXPECT_FALSE(fs::exists(d / "o.gpkg"));
}

TEST(SpatialCli, GeographicCrsRefusedForDistanceWeights) {
    TempDir d;
    // GeoJSON is WGS 84 (EPSG:4326) by definition.
    test::write_file(d / "g.geojson",
                     R"({"type":"FeatureCollection","features":[)"
                     R"({"type":"Feature","properties":{"v":1},"geometry":{"type":"Polygon","coordinates":[[[5,50],[5.1,50],[5.1,50.1],[5,50.1],[5,50]]]}},)"
                     R"({"type":"Feature","properties":{"v":2},"geometry":{"type":"Polygon","coordinates":[[[5.1,50],[5.2,50],[5.2,50.1],[5.1,50.1],[5.1,50]]]}}]})");
    auto r = run_leefbaar("weights " + q(d / "g.geojson") + " --weights knn --k 1 -o " + q(d / "w.gwt"));
    expect_failure(r, 2, {"geographic", "--great-circle"});
    EXPECT_FALSE(fs::exists(d / "w.gwt"));
    auto ok = run_leefbaar("weights " + q(d / "g.geojson") + " --weights knn --k 1 --great-circle -o " + q(d / "w.gwt"));
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST(SpatialCli, UnreadableGalNamesTheLine) {
    TempDir d;
    test::write_file(d / "bad.gal", "49\n1 2\n2 3\n2 x\n1\n");  // line 4: count "x"
    auto r = run_leefbaar("lisa " + q(kColumbus) + " --key POLYID --field CRIME --weights " + q(d / "bad.gal") + " -o " + q(d / "o.gpkg"));
    expect_failure(r, 1, {"bad.gal", "line 4", "neighbour count"});
    EXPECT_FALSE(fs::exists(d / "o.gpkg"));
}

TEST(SpatialCli, ExistingOutputNeedsOverwrite) {
    TempDir d;
    test::write_file(d / "o.gpkg", "x");
    auto r = run_leefbaar("lisa " + q(kColumbus) + " --field CRIME -o " + q(d / "o.gpkg"));
    expect_failure(r, 2, {"--overwrite"});
    EXPECT_EQ(test::read_file(d / "o.gpkg"), "x");
}

namespace {
// A 6 x 6 lattice (100 m spacing, RD New) as points or as the squares around them,
// with a value v that has a trend; GeoJSON with the legacy "crs" member GDAL reads.
std::string lattice_geojson(bool points) {
    std::string s = R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[)";
    for (int i = 0; i < 36; ++i) {
        // Small integer coordinates: the squares' centroids are then exactly the points.
        const double x = 1000 + 100.0 * (i % 6), y = 2000 + 100.0 * (i / 6);
        const double v = (i / 6) * 2 + (i % 6) + (i * 7 % 5);
        std::string geom;
        if (points) {
            geom = R"({"type":"Point","coordinates":[)" + std::to_string(x) + "," + std::to_string(y) + "]}";
        } else {
            auto pt = [](double a, double b) { return "[" + std::to_string(a) + "," + std::to_string(b) + "]"; };
            geom = R"({"type":"Polygon","coordinates":[[)" + pt(x - 50, y - 50) + "," + pt(x + 50, y - 50) + "," + pt(x + 50, y + 50) + "," +
                   pt(x - 50, y + 50) + "," + pt(x - 50, y - 50) + "]]}";
        }
        s += std::string(i ? "," : "") + R"({"type":"Feature","properties":{"id":"u)" + std::to_string(i) + R"(","v":)" + std::to_string(v) +
             R"(},"geometry":)" + geom + "}";
    }
    return s + "]}";
}
}  // namespace

TEST(SpatialCli, PointLayersForDistanceWeights) {
    // kNN and distance weights need only locations: a point layer gives exactly what
    // the squares centred on those points give, and the output holds points.
    TempDir d;
    test::write_file(d / "pts.geojson", lattice_geojson(true));
    test::write_file(d / "sq.geojson", lattice_geojson(false));
    const std::string opts = " --key id --field v --weights knn --k 4 --permutations 99 --gistar -o ";
    auto p = run_leefbaar("lisa " + q(d / "pts.geojson") + opts + q(d / "p.gpkg"));
    auto s = run_leefbaar("lisa " + q(d / "sq.geojson") + opts + q(d / "s.gpkg"));
    ASSERT_EQ(p.exit_code, 0) << p.err;
    ASSERT_EQ(s.exit_code, 0) << s.err;
    io::ensure_gdal();
    io::VectorReadOptions o;
    o.key_column = "id";
    o.accept_points = true;
    const auto pt = io::read_vector((d / "p.gpkg").string(), o).table;
    const auto sq = io::read_vector((d / "s.gpkg").string(), o).table;
    ASSERT_EQ(pt.rows(), 36u);
    EXPECT_TRUE(pt.points());
    EXPECT_FALSE(sq.points());
    for (std::size_t i = 0; i < 36; ++i) {
        EXPECT_EQ(pt.column("lisa_v_i").as_double(i), sq.column("lisa_v_i").as_double(i)) << i;
        EXPECT_EQ(pt.column("lisa_v_p").as_double(i), sq.column("lisa_v_p").as_double(i)) << i;
        EXPECT_EQ(pt.column("gi_v_z").as_double(i), sq.column("gi_v_z").as_double(i)) << i;
    }
    GDALDataset* ds = GDALDataset::Open((d / "p.gpkg").c_str(), GDAL_OF_VECTOR);
    ASSERT_NE(ds, nullptr);
    EXPECT_EQ(wkbFlatten(ds->GetLayer(0)->GetGeomType()), wkbPoint);
    GDALClose(ds);
    // hotspots and weights with a distance band: every interior point has its 4 rook
    // neighbours at 100 m (the smallest band leaving no island).
    auto h = run_leefbaar("hotspots " + q(d / "pts.geojson") + " --key id --field v --weights distance --permutations 99 -o " + q(d / "h.gpkg"));
    EXPECT_EQ(h.exit_code, 0) << h.err;
    auto w = run_leefbaar("weights " + q(d / "pts.geojson") + " --key id --weights distance --transform binary -o " + q(d / "w.gwt"));
    ASSERT_EQ(w.exit_code, 0) << w.err;
    // 6 x 6 rook lattice: 2 * (2 * 6 * 5) = 120 directed links.
    const auto gwt = test::read_file(d / "w.gwt");
    EXPECT_EQ(std::count(gwt.begin(), gwt.end(), '\n'), 121) << gwt.substr(0, 200);
}

TEST(SpatialCli, ContiguityOnPointsIsRefusedNamingTheLayer) {
    TempDir d;
    test::write_file(d / "pts.geojson", lattice_geojson(true));
    auto r = run_leefbaar("lisa " + q(d / "pts.geojson") + " --field v -o " + q(d / "o.gpkg"));
    expect_failure(r, 2, {"queen contiguity needs polygons", "'pts'", "--weights knn"});
    EXPECT_FALSE(fs::exists(d / "o.gpkg"));
    auto rook = run_leefbaar("weights " + q(d / "pts.geojson") + " --weights rook -o " + q(d / "w.gal"));
    expect_failure(rook, 2, {"rook contiguity needs polygons"});
}

TEST(SpatialCli, AdjustNAndDoubledAreStatedInTheReport) {
    // The 6 x 6 squares plus one far-away square, an island: with --adjust-n Moran's I
    // uses n = 36 instead of 37 in I = (n/S0) ..., so it is 36/37 times the default (esda) value.
    TempDir d;
    auto s = lattice_geojson(false);
    s.insert(s.size() - 2, R"(,{"type":"Feature","properties":{"id":"far","v":3},"geometry":{"type":"Polygon","coordinates":[[[9000,9000],[9100,9000],[9100,9100],[9000,9100],[9000,9000]]]}})");
    test::write_file(d / "sq.geojson", s);
    const std::string common = "lisa " + q(d / "sq.geojson") + " --key id --field v --permutations 99 ";
    auto kept = run_leefbaar(common + "-o " + q(d / "k.gpkg"));
    auto adj = run_leefbaar(common + "--adjust-n --alternative doubled -o " + q(d / "a.gpkg"));
    ASSERT_EQ(kept.exit_code, 0) << kept.err;
    ASSERT_EQ(adj.exit_code, 0) << adj.err;
    const auto rk = nlohmann::json::parse(test::read_file(d / "k.json"));
    const auto ra = nlohmann::json::parse(test::read_file(d / "a.json"));
    const auto& mk = rk["variables"][0]["moran_i"];
    const auto& ma = ra["variables"][0]["moran_i"];
    EXPECT_EQ(mk["n"], 37.0);
    EXPECT_EQ(ma["n"], 36.0);
    EXPECT_EQ(ma["units_without_neighbours"], 1);
    EXPECT_NE(mk["n_convention"].get<std::string>().find("includes"), std::string::npos);
    EXPECT_NE(ma["n_convention"].get<std::string>().find("adjust.n = TRUE"), std::string::npos);
    EXPECT_NEAR(ma["statistic"].get<double>(), mk["statistic"].get<double>() * 36.0 / 37.0, 1e-12);
    EXPECT_EQ(ra["inference"]["alternative"], "doubled");
    EXPECT_EQ(ra["variables"][0]["lisa"]["alternative"], "doubled");
}
