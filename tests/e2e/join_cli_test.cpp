// End-to-end runs of `leefbaar join` and `leefbaar info` on the sample data, and
// one test per bad input: each must exit non-zero with a message naming the
// file/layer/row/field and leave no output file behind. Good runs must print
// nothing on stderr.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

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
const fs::path kPolygons = test::sample_data("heerlen/heerlen_buurten.gpkg");
const fs::path k2019 = test::sample_data("heerlen/kwb_heerlen_2019.csv");
const fs::path k2018 = test::sample_data("heerlen/kwb_heerlen_2018.csv");


void expect_failure(const test::CommandResult& r, int code, const std::vector<std::string>& needles) {
    EXPECT_EQ(r.exit_code, code) << r.err;
    for (const auto& n : needles) EXPECT_NE(r.err.find(n), std::string::npos) << "missing '" << n << "' in: " << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
}
}  // namespace

TEST(JoinCli, HeerlenSampleValuesMatchTheSourceCsv) {
    TempDir d;
    const auto out = d / "heerlen.gpkg";
    const auto rep = d / "report.json";
    auto r = run_leefbaar("join " + q(kPolygons) + " --key buurtcode --table " + q(k2019) + " --table " + q(k2018) +
                          " --table-key code --prefix '' --prefix y2018_ -o " + q(out) + " --report " + q(rep));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    EXPECT_EQ(r.err, "");  // no unexpected warnings
    EXPECT_NE(r.out.find("57 polygons"), std::string::npos);

    io::ensure_gdal();
    io::VectorReadOptions o;
    o.key_column = "buurtcode";
    auto back = io::read_vector(out.string(), o);
    ASSERT_EQ(back.table.rows(), 57u);
    EXPECT_EQ(back.table.crs().epsg.value_or(0), 28992);
    const auto& key = back.table.column("buurtcode");
    std::size_t mg = 99;
    for (std::size_t i = 0; i < key.size(); ++i)
        if (key.texts[i] == "BU09171000") mg = i;
    ASSERT_LT(mg, 57u);
    // shared/data/heerlen-kwb-2016-2020/README.md: BU09171000 Maria Gewanden, 2019:
    // 3,440 inhabitants, density 2,480/km², WOZ 128 k EUR.
    EXPECT_EQ(back.table.column("naam").texts[mg], "Maria Gewanden");
    EXPECT_EQ(back.table.column("Bevolking_Aantal_inwoners").ints[mg], 3440);
    EXPECT_EQ(back.table.column("Bevolking_Bevolkingsdichtheid").ints[mg], 2480);
    EXPECT_EQ(back.table.column("Wonen_Gemiddelde_woningwaarde").ints[mg], 128);
    // Area in km² consistent with inhabitants / density (README: ratio 0.88-1.29).
    const double area = back.table.column("area_km2").reals[mg];
    EXPECT_NEAR(area, 3440.0 / 2480.0, 0.29 * 3440.0 / 2480.0);

    // Every buurt's 2019 and 2018 inhabitants equal the source CSVs.
    const auto src2019 = test::read_plain_csv_by_key(k2019);
    const auto src2018 = test::read_plain_csv_by_key(k2018);
    for (std::size_t i = 0; i < 57; ++i) {
        const std::string code = key.texts[i];
        EXPECT_EQ(back.table.column("Bevolking_Aantal_inwoners").as_text(i), src2019.at(code).at("Bevolking_Aantal_inwoners")) << code;
        EXPECT_EQ(back.table.column("y2018_Bevolking_Aantal_inwoners").as_text(i), src2018.at(code).at("Bevolking_Aantal_inwoners")) << code;
        // Missing in the CSV stays missing (README: WOZ known for 51 of 57 buurten).
        EXPECT_EQ(back.table.column("Wonen_Gemiddelde_woningwaarde").is_null(i), src2019.at(code).at("Wonen_Gemiddelde_woningwaarde").empty()) << code;
    }
    EXPECT_EQ(back.table.column("Wonen_Gemiddelde_woningwaarde").null_count(), 6u);

    const auto report = nlohmann::json::parse(test::read_file(rep));
    EXPECT_EQ(report["join"]["polygons_matched_in_every_table"], 57);
    EXPECT_EQ(report["join"]["tables"][0]["rows"], 81);  // 1 gemeente + 23 wijken + 57 buurten
    EXPECT_EQ(report["join"]["tables"][0]["rows_without_polygon"].size(), 24u);
    EXPECT_EQ(report["geometry"]["invalid"], 0);
}

TEST(JoinCli, ReprojectsWithTSrsAndKeepsAreas) {
    TempDir d;
    const auto out = d / "wgs.gpkg";
    auto r = run_leefbaar("--quiet join " + q(kPolygons) + " -k buurtcode -t " + q(k2019) + " --table-key code --t-srs EPSG:4326 -o " + q(out));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    EXPECT_EQ(r.out, "");  // --quiet
    EXPECT_EQ(r.err, "");
    io::ensure_gdal();
    auto back = io::read_vector(out.string(), {});
    EXPECT_EQ(back.table.crs().epsg.value_or(0), 4326);
    double total = 0;
    for (std::size_t i = 0; i < back.table.rows(); ++i) total += back.table.column("area_km2").reals[i];
    EXPECT_NEAR(total, 45.47, 0.05);  // nl-buurten README: Heerlen 45.47 km² (RD)
}

TEST(JoinCli, InfoListsCandidateKeys) {
    auto r = run_leefbaar("info " + q(kPolygons));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("57 features"), std::string::npos);
    EXPECT_NE(r.out.find("EPSG:28992"), std::string::npos);
    EXPECT_NE(r.out.find("candidate keys (unique, never null): buurtcode"), std::string::npos);
    auto csv = run_leefbaar("info --json " + q(k2019));
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    auto j = nlohmann::json::parse(csv.out);
    EXPECT_EQ(j["layers"][0]["features"], 81);
    EXPECT_EQ(j["layers"][0]["candidate_keys"][0], "code");
}

TEST(JoinCli, NationalFileWithInvalidPolygonsPassesThrough) {
    const fs::path national = test::source_dir().parent_path() / "shared/data/nl-buurten-topojson/nl_buurten.gpkg";
    if (!fs::exists(national)) GTEST_SKIP() << "shared/ not beside the project";
    TempDir d;
    const auto out = d / "nl.gpkg";
    const auto rep = d / "nl.json";
    auto r = run_leefbaar("--quiet join " + q(national) + " -k buurtcode -o " + q(out) + " --report " + q(rep));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    const auto report = nlohmann::json::parse(test::read_file(rep));
    EXPECT_EQ(report["geometry"]["features"], 13594);  // nl-buurten README
    EXPECT_EQ(report["geometry"]["invalid"], 21);
    EXPECT_EQ(report["geometry"]["repaired"], 21);
    EXPECT_EQ(report["output"]["features"], 13594);
}

// ---- bad inputs: message, exit code, no output ----

class JoinBadInput : public ::testing::Test {
protected:
    TempDir dir;
    fs::path out = dir / "out.gpkg";
    void TearDown() override { EXPECT_FALSE(fs::exists(out)) << "a failed run left " << out; }
    std::string base(const std::string& polygons = "") const {
        return "join " + (polygons.empty() ? q(kPolygons) : polygons) + " -o " + q(out) + " ";
    }
};

TEST_F(JoinBadInput, MissingFile) {
    expect_failure(run_leefbaar(base(q(dir / "nope.gpkg")) + "-k buurtcode"), 1, {"nope.gpkg", "does not exist"});
}

TEST_F(JoinBadInput, MissingTableFile) {
    expect_failure(run_leefbaar(base() + "-k buurtcode -t " + q(dir / "nope.csv")), 1, {"nope.csv", "does not exist"});
}

TEST_F(JoinBadInput, UnknownLayerListsLayers) {
    expect_failure(run_leefbaar("join " + q(test::sample_data("parkstad/parkstad_buurten.gpkg")) + " -l buurten -k buurtcode -o " + q(out)),
                   1, {"no layer named 'buurten'", "buurten_rd", "buurten_wgs84"});
}

TEST_F(JoinBadInput, MissingKeyColumnSuggestsNearest) {
    expect_failure(run_leefbaar(base() + "-k buurtcod"), 1, {"heerlen_buurten.gpkg", "field 'buurtcod'", "did you mean 'buurtcode'"});
}

TEST_F(JoinBadInput, MissingTableKeyColumn) {
    expect_failure(run_leefbaar(base() + "-k buurtcode -t " + q(k2019)), 1, {"kwb_heerlen_2019.csv", "field 'buurtcode'", "code"});
}

TEST_F(JoinBadInput, NoCrs) {
    test::write_file(dir / "in.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"k":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]})");
    ASSERT_EQ(std::system(("ogr2ogr -q -f 'ESRI Shapefile' " + q(dir / "nocrs.shp") + " " + q(dir / "in.geojson") + " && rm " + q(dir / "nocrs.prj")).c_str()), 0);
    expect_failure(run_leefbaar(base(q(dir / "nocrs.shp")) + "-k k"), 1, {"nocrs.shp", "no coordinate reference system", "--s-srs"});
}

TEST_F(JoinBadInput, NonPolygonGeometries) {
    test::write_file(dir / "pts.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"k":"A"},"geometry":{"type":"Point","coordinates":[5,50]}}]})");
    expect_failure(run_leefbaar(base(q(dir / "pts.geojson")) + "-k k"), 1, {"pts.geojson", "not polygons", "A (Point)"});
}

TEST_F(JoinBadInput, DuplicateKeysInTable) {
    test::write_file(dir / "dup.csv", "code,v\nBU09171000,1\nBU09171000,2\n");
    expect_failure(run_leefbaar(base() + "-k buurtcode -t " + q(dir / "dup.csv") + " --table-key code"), 1,
                   {"dup.csv", "row 2", "BU09171000 (2x)", "--duplicates"});
}

TEST_F(JoinBadInput, EmptyTable) {
    test::write_file(dir / "empty.csv", "code,v\n");
    expect_failure(run_leefbaar(base() + "-k buurtcode -t " + q(dir / "empty.csv") + " --table-key code"), 1, {"empty.csv", "no data rows"});
}

TEST_F(JoinBadInput, NonNumericCell) {
    std::string csv = "code,v\n";
    for (int i = 0; i < 20; ++i) csv += "BU0917" + std::to_string(1000 + i) + "," + std::to_string(i) + "\n";
    csv += "BU09179999,zeven\n";
    test::write_file(dir / "bad.csv", csv);
    expect_failure(run_leefbaar(base() + "-k buurtcode -t " + q(dir / "bad.csv") + " --table-key code"), 1,
                   {"bad.csv", "line 22", "field 'v'", "zeven"});
}

TEST_F(JoinBadInput, NonUtf8Text) {
    test::write_file(dir / "latin1.csv", "code,naam\nBU09171000,Caf\xE9\n");
    expect_failure(run_leefbaar(base() + "-k buurtcode -t " + q(dir / "latin1.csv") + " --table-key code"), 1,
                   {"latin1.csv", "line 2", "not valid UTF-8", "iconv"});
}

TEST_F(JoinBadInput, ZeroFeatures) {
    expect_failure(run_leefbaar(base() + "-k buurtcode -w \"gemeentecode = 'GM9999'\""), 1, {"no feature matches the filter"});
}

TEST_F(JoinBadInput, OutputInMissingDirectory) {
    out = dir / "missing" / "out.gpkg";
    expect_failure(run_leefbaar(base() + "-k buurtcode"), 2, {"output directory does not exist", "mkdir -p"});
}

TEST_F(JoinBadInput, ExistingOutputNeedsOverwrite) {
    const auto existing = dir / "existing.gpkg";
    test::write_file(existing, "not a geopackage, but the user's file");
    auto r = run_leefbaar("join " + q(kPolygons) + " -k buurtcode -o " + q(existing));
    expect_failure(r, 2, {"exists already", "--overwrite"});
    EXPECT_EQ(test::read_file(existing), "not a geopackage, but the user's file");
}

TEST_F(JoinBadInput, UnknownOptionIsUsageError) {
    auto r = run_leefbaar(base() + "-k buurtcode --frobnicate");
    EXPECT_EQ(r.exit_code, 2);
}

TEST_F(JoinBadInput, PerTableOptionsPairUpWithTheTables) {
    const std::string two = base() + "-k buurtcode -t " + q(k2019) + " -t " + q(k2018) + " ";
    expect_failure(run_leefbaar(two + "--table-key code --table-key a --table-key b"), 2,
                   {"--table-key: 3 values for 2 tables", "once per --table"});
    expect_failure(run_leefbaar(two + "--table-key code --prefix x_"), 2, {"--prefix: one value for 2 tables"});
    expect_failure(run_leefbaar(two + "--table-key code --zero-pad 65"), 2, {"--zero-pad: '65' must be at most 64"});
    // The earlier flags are aliases of the new names: the same parameters, the same checks.
    auto r = run_leefbaar(base() + "-k buurtcode -t " + q(k2019) + " --table-key code --missing n.b. --sentinel -5");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_failure(run_leefbaar(base() + "-k buurtcode -t " + q(k2019) + " --table-key code --sentinel nan"), 2,
                   {"--sentinels: 'nan' is not a finite number"});
    fs::remove(out);
}
