// End-to-end runs of `leefbaar cluster` on the Heerlen sample (57 buurten, CBS
// kerncijfers 2019 joined first with `leefbaar join`): the units and regions
// layers, contiguity of every region, the population floor of max-p, and one test
// per bad input (message, exit code, no output file); and three squares with a 5 mm
// gap: `cluster` uses the links of `weights`.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::run_leefbaar;
using leefbaar::test::TempDir;
namespace fs = std::filesystem;

namespace {
std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
const std::string kFields = "Wonen_Gemiddelde_woningwaarde,Wonen_Woningen_naar_eigendom_Koopwoningen";
const std::string kPopulation = "Bevolking_Aantal_inwoners";

// The sample polygons joined with the 2019 kerncijfers (as in the join e2e test).
fs::path joined(const TempDir& d) {
    const auto out = d / "heerlen.gpkg";
    auto r = run_leefbaar("join " + q(test::sample_data("heerlen/heerlen_buurten.gpkg")) + " --key buurtcode --table " +
                          q(test::sample_data("heerlen/kwb_heerlen_2019.csv")) + " --table-key code -o " + q(out));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    return out;
}

io::VectorReadResult read_layer(const fs::path& p, const std::string& layer) {
    io::ensure_gdal();
    io::VectorReadOptions o;
    o.layer = layer;
    return io::read_vector(p.string(), o);
}

void expect_failure(const test::CommandResult& r, int code, const std::vector<std::string>& needles) {
    EXPECT_EQ(r.exit_code, code) << r.err;
    for (const auto& n : needles) EXPECT_NE(r.err.find(n), std::string::npos) << "missing '" << n << "' in: " << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
}
}  // namespace

TEST(ClusterCli, SkaterOnHeerlenWritesUnitsAndContiguousRegions) {
    TempDir d;
    const auto in = joined(d);
    const auto out = d / "skater.gpkg";
    const auto rep = d / "skater.json";
    auto r = run_leefbaar("cluster " + q(in) + " --key buurtcode --fields " + kFields + " --method skater --clusters 5 --weights queen -o " + q(out) +
                          " --report " + q(rep));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("5 regions"), std::string::npos) << r.out;
    EXPECT_TRUE(test::conforming_gpkg(out));

    auto units = read_layer(out, "buurten");
    ASSERT_EQ(units.table.rows(), 57u);
    const auto& id = units.table.column("cluster");
    const auto& status = units.table.column("cluster_status");
    std::size_t clustered = 0;
    for (std::size_t i = 0; i < 57; ++i) {
        if (!id.is_null(i)) {
            ++clustered;
            EXPECT_GE(id.as_double(i), 1);
            EXPECT_LE(id.as_double(i), 5);
            EXPECT_EQ(status.as_text(i), "ok");
        } else {
            // CBS suppresses values in small buurten: those units are excluded with the reason.
            EXPECT_EQ(status.as_text(i).rfind("excluded: missing", 0), 0u) << status.as_text(i);
        }
    }
    auto regions = read_layer(out, "regions");
    ASSERT_EQ(regions.table.rows(), 5u);
    EXPECT_TRUE(regions.table.has_geometry());
    double n_units = 0;
    for (std::size_t c = 0; c < 5; ++c) {
        EXPECT_EQ(regions.table.column("contiguous").as_double(c), 1.0) << "region " << c + 1;
        EXPECT_FALSE(regions.table.geometries()[c].empty());
        n_units += regions.table.column("n_units").as_double(c);
    }
    EXPECT_EQ(static_cast<std::size_t>(n_units), clustered);
    EXPECT_TRUE(regions.table.has_column("mean_Wonen_Gemiddelde_woningwaarde"));

    const auto j = nlohmann::json::parse(test::read_file(rep));
    EXPECT_EQ(j["method"], "skater");
    EXPECT_EQ(j["clusters"], 5);
    EXPECT_EQ(j["quality"]["all_contiguous"], true);
    EXPECT_EQ(j["clustered"], clustered);
}

TEST(ClusterCli, MaxPRegionsReachThePopulationFloor) {
    TempDir d;
    const auto in = joined(d);
    const auto out = d / "maxp.gpkg";
    auto r = run_leefbaar("cluster " + q(in) + " --fields " + kFields + " --method maxp --floor-field " + kPopulation +
                          " --floor 5000 --seed 3 -o " + q(out));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    auto regions = read_layer(out, "regions");
    ASSERT_GT(regions.table.rows(), 1u);
    for (std::size_t c = 0; c < regions.table.rows(); ++c) {
        EXPECT_GE(regions.table.column(kPopulation + "_sum").as_double(c), 5000.0);
        EXPECT_EQ(regions.table.column("contiguous").as_double(c), 1.0);
    }
}

TEST(ClusterCli, WardWithoutWeightsWritesClusters) {
    TempDir d;
    const auto in = joined(d);
    const auto out = d / "ward.gpkg";
    auto r = run_leefbaar("cluster " + q(in) + " --fields " + kFields + " --method ward --clusters 3 --k-table 2..6 -o " + q(out));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    EXPECT_EQ(read_layer(out, "regions").table.rows(), 3u);
}

TEST(ClusterCli, MissingFieldIsADataError) {
    TempDir d;
    const auto in = joined(d);
    const auto out = d / "x.gpkg";
    auto r = run_leefbaar("cluster " + q(in) + " --fields Wonen_Gemiddelde_woningwaard --method skater --clusters 3 -o " + q(out));
    expect_failure(r, 1, {"Wonen_Gemiddelde_woningwaard", "no column"});
    EXPECT_FALSE(fs::exists(out));
}

TEST(ClusterCli, MoreClustersThanUnitsIsAUsageError) {
    TempDir d;
    const auto in = joined(d);
    const auto out = d / "x.gpkg";
    auto r = run_leefbaar("cluster " + q(in) + " --fields " + kFields + " --method skater --clusters 100 -o " + q(out));
    expect_failure(r, 2, {"100 clusters", "51 units"});
    EXPECT_FALSE(fs::exists(out));
}

TEST(ClusterCli, ImpossibleFloorIsADataError) {
    TempDir d;
    const auto in = joined(d);
    const auto out = d / "x.gpkg";
    auto r = run_leefbaar("cluster " + q(in) + " --fields " + kFields + " --method maxp --floor-field " + kPopulation + " --floor 1e9 -o " + q(out));
    expect_failure(r, 1, {"floor", "lower --floor"});
    EXPECT_FALSE(fs::exists(out));
}

TEST(ClusterCli, BadOptionValuesAreUsageErrors) {
    TempDir d;
    const auto in = joined(d);
    const auto out = d / "x.gpkg";
    expect_failure(run_leefbaar("cluster " + q(in) + " --fields " + kFields + " --method skatr -o " + q(out)), 2, {"skatr", "skater"});
    expect_failure(run_leefbaar("cluster " + q(in) + " --fields " + kFields + " --method maxp -o " + q(out)), 2, {"floor"});
    expect_failure(run_leefbaar("cluster " + q(in) + " --fields " + kFields + " --method kmeans --floor-field " + kPopulation + " --floor 10 -o " + q(out)),
                   2, {"regionalisation"});
    EXPECT_FALSE(fs::exists(out));
}

TEST(ClusterCli, QueenWeightsAreThoseOfWeightsAcrossA5mmGap) {
    // Issue 12, point 5. Three 1 m squares in EPSG:28992: B starts 5 mm (0.005 m) after A
    // ends, C touches B. Worked by hand: with the snap tolerance of `weights` (0.01 m)
    // A-B are neighbours across the gap and B-C share an edge, A-C are 1 m apart, so
    // queen gives A-B, B-A, B-C, C-B = 4 directed links in one connected part.
    // `cluster` used to snap within 1e-7 of the extent's diagonal (3.2e-7 m here), found
    // 2 links and refused --clusters 1 ("2 separate parts").
    TempDir d;
    const auto in = d / "squares.geojson";
    auto square = [](const std::string& code, double v, double x0) {
        const double y0 = 320000, x1 = x0 + 1, y1 = y0 + 1;
        auto pt = [](double x, double y) {
            char b[64];
            std::snprintf(b, sizeof b, "[%.3f,%.3f]", x, y);
            return std::string(b);
        };
        return R"({"type":"Feature","properties":{"code":")" + code + R"(","v":)" + std::to_string(v) +
               R"(},"geometry":{"type":"Polygon","coordinates":[[)" + pt(x0, y0) + "," + pt(x1, y0) + "," + pt(x1, y1) + "," +
               pt(x0, y1) + "," + pt(x0, y0) + "]]}}";
    };
    test::write_file(in, R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[)" +
                             square("A", 1, 190000) + "," + square("B", 2, 190001.005) + "," + square("C", 10, 190002.005) + "]}");

    auto w = run_leefbaar("weights " + q(in) + " --key code --weights queen --report " + q(d / "w.json"));
    ASSERT_EQ(w.exit_code, 0) << w.err;
    const auto wj = nlohmann::json::parse(test::read_file(d / "w.json"));
    EXPECT_EQ(wj["summary"]["links"], 4);
    EXPECT_EQ(wj["summary"]["components"], 1);

    for (const int k : {1, 2}) {
        SCOPED_TRACE("k = " + std::to_string(k));
        const auto out = d / ("k" + std::to_string(k) + ".gpkg");
        const auto rep = d / ("k" + std::to_string(k) + ".json");
        auto r = run_leefbaar("cluster " + q(in) + " --key code --fields v --method skater --weights queen --clusters " + std::to_string(k) + " -o " + q(out) +
                              " --report " + q(rep));
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(test::conforming_gpkg(out));
        const auto j = nlohmann::json::parse(test::read_file(rep));
        EXPECT_EQ(j["weights"]["links"], wj["summary"]["links"]);  // the identical links: 4
        EXPECT_EQ(j["weights"]["kind"], wj["kind"]);
        EXPECT_EQ(j["components"], 1);
        EXPECT_EQ(j["clusters"], k);
        EXPECT_EQ(j["quality"]["all_contiguous"], true);
        EXPECT_TRUE(j["islands"].empty());
        auto regions = read_layer(out, "regions");
        ASSERT_EQ(regions.table.rows(), static_cast<std::size_t>(k));
        for (std::size_t c = 0; c < regions.table.rows(); ++c) EXPECT_EQ(regions.table.column("contiguous").as_double(c), 1.0) << "region " << c + 1;
    }
}
