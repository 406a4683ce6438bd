// End-to-end: `leefbaar run` on a project whose 2018 edition has other boundaries
// than its units (tests/data/monitor_boundary/README.md: B split into B1 and B2, C and
// D merged into CD). 2018 is mapped through a crosswalk or by areal interpolation;
// every expected number is worked by hand from the CSVs (the comments show how).
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include <gdal.h>
#include <ogr_api.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::run_leefbaar;
using leefbaar::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// The data folder copied into `d`, with project.toml's text changed by `edit`.
fs::path project_in(const TempDir& d, const std::map<std::string, std::string>& edit = {}) {
    for (const auto& e : fs::directory_iterator(test::test_data("monitor_boundary"))) fs::copy(e.path(), d / e.path().filename());
    std::string text = test::read_file(d / "project.toml");
    for (const auto& [a, b] : edit) {
        const auto at = text.find(a);
        if (at != std::string::npos) text.replace(at, a.size(), b);
    }
    test::write_file(d / "project.toml", text);
    return d / "project.toml";
}

// unit code -> value of `field` in the years layer in `year` (NaN for null).
std::map<std::string, double> in_year(const fs::path& gpkg, const std::string& field, int year) {
    GDALAllRegister();
    std::map<std::string, double> out;
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!ds) return out;
    const std::string sql = "SELECT buurtcode, " + field + " FROM units_years WHERE year = " + std::to_string(year);
    if (OGRLayerH l = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr)) {
        while (OGRFeatureH f = OGR_L_GetNextFeature(l)) {
            out[OGR_F_GetFieldAsString(f, 0)] = OGR_F_IsFieldSetAndNotNull(f, 1) ? OGR_F_GetFieldAsDouble(f, 1) : NAN;
            OGR_F_Destroy(f);
        }
        GDALDatasetReleaseResultSet(ds, l);
    }
    GDALClose(ds);
    return out;
}

double total(const std::map<std::string, double>& v) {
    double s = 0;
    for (const auto& [k, x] : v) s += x;
    return s;
}

struct BoundaryRun {
    TempDir d;
    fs::path out;
    test::CommandResult r;
    nlohmann::json report;
    explicit BoundaryRun(const std::map<std::string, std::string>& edit = {}) : out(d / "m.gpkg") {
        r = run_leefbaar("run " + q(project_in(d, edit)) + " -o " + q(out) + " --runs 0");
        if (r.exit_code == 0) report = nlohmann::json::parse(test::read_file(d / "m-report.json"));
    }
};

}  // namespace

TEST(MonitorBoundaryCli, ACrosswalkApportionsCountsAndAveragesRates) {
    BoundaryRun run;
    ASSERT_EQ(run.r.exit_code, 0) << run.r.err;
    test::conforming_gpkg(run.out);
    // Counts: banen 2018 = A 10, B 20, C 5, D 15 (kwb_2018.csv), total 50, conserved.
    const auto banen = in_year(run.out, "v_banen", 2018);
    EXPECT_NEAR(total(banen), 50.0, 1e-9);
    EXPECT_NEAR(banen.at("A"), 10.0, 1e-9);       // unlisted: carried over
    EXPECT_NEAR(banen.at("B1"), 0.25 * 20, 1e-9);  // crosswalk_2018.csv: B -> B1 0.25
    EXPECT_NEAR(banen.at("B2"), 0.75 * 20, 1e-9);
    EXPECT_NEAR(banen.at("CD"), 5.0 + 15.0, 1e-9);
    // per_1000 of two counts, each apportioned first: B1 = (0.25 x 300) / (0.25 x 2000)
    // x 1000 = 150; CD = (50 + 450) / (500 + 1500) x 1000 = 250.
    const auto ouderen = in_year(run.out, "v_ouderen", 2018);
    EXPECT_NEAR(ouderen.at("B1"), 150.0, 1e-9);
    EXPECT_NEAR(ouderen.at("CD"), 250.0, 1e-9);
    // A rate, weighted by share x inwoners (population = "inwoners"):
    // CD = (80 x 500 + 20 x 1500) / (500 + 1500) = 35; B1 and B2 = B's 40.
    const auto koop = in_year(run.out, "v_koop", 2018);
    EXPECT_NEAR(koop.at("CD"), 35.0, 1e-9);
    EXPECT_NEAR(koop.at("B2"), 40.0, 1e-9);
    // What came through the crosswalk: all of B1, B2, CD; nothing of A, nothing in 2020.
    const auto interp = in_year(run.out, "i_banen", 2018);
    EXPECT_EQ(interp.at("A"), 0.0);
    EXPECT_EQ(interp.at("B1"), 1.0);
    EXPECT_EQ(interp.at("CD"), 1.0);
    EXPECT_EQ(total(in_year(run.out, "i_koop", 2020)), 0.0);
    const auto& editions = run.report["monitor"]["editions"];
    EXPECT_NE(editions["2018"].get<std::string>().find("crosswalk"), std::string::npos) << editions;
    EXPECT_EQ(editions["2020"], "joined");
}

TEST(MonitorBoundaryCli, ArealInterpolationByAreaOfOverlap) {
    BoundaryRun run({{"crosswalk = \"crosswalk_{year}.csv\"", "polygons = \"buurten_{year}.geojson\""}, {"population = \"inwoners\"", ""}});
    ASSERT_EQ(run.r.exit_code, 0) << run.r.err;
    test::conforming_gpkg(run.out);
    // B1 and B2 are each half of B's area: each gets half of B's counts.
    const auto banen = in_year(run.out, "v_banen", 2018);
    EXPECT_NEAR(total(banen), 50.0, 1e-9);
    EXPECT_NEAR(banen.at("B1"), 10.0, 1e-9);
    EXPECT_NEAR(banen.at("CD"), 20.0, 1e-9);
    // Without a population field a rate is weighted by overlap area: C and D are
    // 1 km² each, CD = (80 + 20) / 2 = 50.
    EXPECT_NEAR(in_year(run.out, "v_koop", 2018).at("CD"), 50.0, 1e-9);
    const auto interp = in_year(run.out, "i_koop", 2018);
    EXPECT_EQ(interp.at("A"), 0.0);  // same code, the whole source: carried over
    EXPECT_EQ(interp.at("B2"), 1.0);
    EXPECT_NE(run.report["monitor"]["editions"]["2018"].get<std::string>().find("areal interpolation"), std::string::npos);
}

TEST(MonitorBoundaryCli, SharesThatDoNotSumToOneNameTheYearFileAndCode) {
    TempDir d;
    const fs::path p = project_in(d);
    test::write_file(d / "crosswalk_2018.csv", "from,to,share\nB,B1,0.25\nB,B2,0.5\nC,CD,1\nD,CD,1\n");
    const auto r = run_leefbaar("run " + q(p) + " -o " + q(d / "x.gpkg") + " --runs 0");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    for (const char* s : {"2018", "crosswalk_2018.csv", "'B'"}) EXPECT_NE(r.err.find(s), std::string::npos) << s << "\n" << r.err;
    EXPECT_FALSE(fs::exists(d / "x.gpkg"));
}

TEST(MonitorBoundaryCli, AnUnknownCrosswalkCodeIsAWarning) {
    TempDir d;
    const fs::path p = project_in(d);
    test::write_file(d / "crosswalk_2018.csv", "from,to,share\nB,B1,0.25\nB,B2,0.75\nC,CD,1\nD,CD,1\nX,CD,1\n");
    const auto r = run_leefbaar("run " + q(p) + " -o " + q(d / "x.gpkg") + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(test::read_file(d / "x-report.json"));
    bool named = false;
    for (const auto& w : report["warnings"]) named = named || (w.get<std::string>().find("2018") != std::string::npos && w.get<std::string>().find("X") != std::string::npos);
    EXPECT_TRUE(named) << report["warnings"];
}

TEST(MonitorBoundaryCli, PolygonsInAnotherCrsAreRefusedNamingBoth) {
    TempDir d;
    const fs::path p = project_in(d, {{"crosswalk = \"crosswalk_{year}.csv\"", "polygons = \"buurten_{year}.geojson\""}});
    std::string text = test::read_file(d / "buurten_2018.geojson");
    const std::string rd = "EPSG::28992";
    text.replace(text.find(rd), rd.size(), "EPSG::3035");  // the same numbers, now metres in ETRS89-LAEA
    test::write_file(d / "buurten_2018.geojson", text);
    const auto r = run_leefbaar("run " + q(p) + " -o " + q(d / "x.gpkg") + " --runs 0");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    for (const char* s : {"2018", "28992", "3035"}) EXPECT_NE(r.err.find(s), std::string::npos) << s << "\n" << r.err;
    EXPECT_FALSE(fs::exists(d / "x.gpkg"));
}
