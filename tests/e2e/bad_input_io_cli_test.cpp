// Bad input through the command line (issue 11): each run must exit with the
// documented code, say which file, layer, line or row and field is at fault and
// what to do, and leave no output behind. Warnings go to stderr with exit 0.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sqlite3.h>

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
const fs::path kRdGeoJson = test::test_data("io/rd_no_crs.geojson");

void expect_failure(const test::CommandResult& r, int code, const std::vector<std::string>& needles) {
    EXPECT_EQ(r.exit_code, code) << r.err;
    for (const auto& n : needles) EXPECT_NE(r.err.find(n), std::string::npos) << "missing '" << n << "' in: " << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("CREATE TABLE"), std::string::npos) << r.err;
}

fs::path sample_with(const TempDir& d, const std::string& name, const std::string& sql) {
    const fs::path out = d / name;
    fs::copy_file(kPolygons, out);
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(out.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    return out;
}

std::vector<double> areas(const fs::path& gpkg, const std::string& layer = {}) {
    io::ensure_gdal();
    io::VectorReadOptions o;
    o.layer = layer;
    o.key_column = "buurtcode";
    const auto r = io::read_vector(gpkg.string(), o);
    std::vector<double> out;
    const auto& c = r.table.column("area_km2");
    for (std::size_t i = 0; i < c.size(); ++i) out.push_back(c.is_null(i) ? -1.0 : c.as_double(i));
    return out;
}
}  // namespace

class BadInputIoCli : public ::testing::Test {
protected:
    TempDir dir;
    fs::path out = dir / "out.gpkg";
    void TearDown() override { EXPECT_FALSE(fs::exists(out)) << "a failed run left " << out; }
    std::string join(const fs::path& polygons, const std::string& rest) const {
        return "join " + q(polygons) + " -k buurtcode -o " + q(out) + " " + rest;
    }
    std::string with_table(const std::string& csv) {
        test::write_file(dir / "t.csv", csv);
        return "-t " + q(dir / "t.csv") + " --table-key code";
    }
};

// ---- item 10: no CRS --------------------------------------------------------------

TEST_F(BadInputIoCli, UndefinedGeoPackageSrsIsAnErrorUnlessAssigned) {
    const auto srs0 = sample_with(dir, "srs0.gpkg", "UPDATE gpkg_geometry_columns SET srs_id = 0; UPDATE gpkg_contents SET srs_id = 0;");
    expect_failure(run_leefbaar(join(srs0, "")), 1, {"srs0.gpkg", "layer 'buurten'", "Undefined geographic SRS", "--s-srs EPSG:28992"});
    const auto info = run_leefbaar("info " + q(srs0));
    ASSERT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.out.find("no CRS"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("note: the CRS is undefined ('Undefined geographic SRS')"), std::string::npos) << info.out;

    // --s-srs is honoured: areas as for the sample itself (same coordinates, EPSG:28992).
    const fs::path good = dir / "good.gpkg";
    ASSERT_EQ(run_leefbaar("join " + q(kPolygons) + " -k buurtcode -o " + q(good)).exit_code, 0);
    const auto r = run_leefbaar(join(srs0, "--s-srs EPSG:28992"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto expected = areas(good), got = areas(out);
    ASSERT_EQ(got.size(), 57u);
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_GT(got[i], 0.0);
        EXPECT_DOUBLE_EQ(got[i], expected[i]);
    }
    fs::remove(out);
}

TEST_F(BadInputIoCli, RdCoordinatesInGeoJsonWithoutCrsNeedSSrs) {
    expect_failure(run_leefbaar(join(kRdGeoJson, "")), 1,
                   {"rd_no_crs.geojson", "not longitude/latitude", "BU09171000", "RFC 7946", "--s-srs EPSG:28992"});
    const auto info = run_leefbaar("info " + q(kRdGeoJson));
    ASSERT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.out.find("note: the extent is not longitude/latitude"), std::string::npos) << info.out;
    const auto r = run_leefbaar(join(kRdGeoJson, "--s-srs EPSG:28992"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("--s-srs, EPSG:28992"), std::string::npos) << r.err;  // the override is said
    EXPECT_NE(r.out.find("EPSG:28992"), std::string::npos) << r.out;
    for (double a : areas(out)) EXPECT_GT(a, 0.0);
    fs::remove(out);
}

// ---- item 11: weights files -------------------------------------------------------

TEST_F(BadInputIoCli, WeightsRefusesDuplicateKeysBeforeWriting) {
    const fs::path gal = dir / "w.gal";
    expect_failure(run_leefbaar("weights " + q(kPolygons) + " --key gemeentecode -o " + q(gal)), 1,
                   {"heerlen_buurten.gpkg", "field 'gemeentecode'", "'GM0917' (rows 1 and 2)", "unique key"});
    EXPECT_FALSE(fs::exists(gal));
}

TEST_F(BadInputIoCli, GwtWithNanWeightNamesFileAndLine) {
    test::write_file(dir / "w.gwt", "0 2 buurten buurtcode\nBU09171000 BU09171001 nan\nBU09171001 BU09171000 1\n");
    expect_failure(run_leefbaar("weights --weights " + q(dir / "w.gwt")), 1, {"w.gwt", "line 2", "'nan' is not a finite number"});
}

// ---- item 13: column names a GeoPackage cannot hold ------------------------------

TEST_F(BadInputIoCli, ColumnNameClashesAreDataErrorsNamingTheColumn) {
    const std::string rows = "BU09171000,1,2\nBU09171001,3,4\n";
    struct Case {
        std::string header;
        std::vector<std::string> needles;
    };
    const std::vector<Case> cases = {
        {"code,Inw,inw", {"field 'inw'", "clashes with the column 'Inw'", "ignore case"}},
        {"code,geom,v", {"field 'geom'", "reserves for the geometry", "--prefix"}},
        {"code,Buurtcode,v", {"field 'Buurtcode'", "the polygon key 'buurtcode'", "--prefix"}},
        {"code,AREA_KM2,v", {"field 'AREA_KM2'", "'area_km2' that leefbaar adds"}},
        {"code,fid,v", {"field 'fid'", "feature id"}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.header);
        auto needles = c.needles;
        needles.push_back("t.csv");
        expect_failure(run_leefbaar(join(kPolygons, with_table(c.header + "\n" + rows))), 1, needles);
        EXPECT_FALSE(fs::exists(out));
    }
    // fid with text or repeated values fails the same way, before any value is looked at.
    expect_failure(run_leefbaar(join(kPolygons, with_table("code,FID\nBU09171000,a\nBU09171001,a\n"))), 1, {"field 'FID'", "feature id"});
}

TEST_F(BadInputIoCli, TooManyColumnsFailBeforeWriting) {
    // 1,995 table columns: 1,994 joined + 3 polygon fields + area_km2 + fid + geom = 2,000.
    auto table = [](std::size_t columns) {
        std::string h = "code", r = "BU09171000";
        for (std::size_t i = 1; i < columns; ++i) {
            h += ",c" + std::to_string(i);
            r += ",1";
        }
        return h + "\n" + r + "\n";
    };
    expect_failure(run_leefbaar(join(kPolygons, with_table(table(1996)))), 1, {"2001 columns", "at most 2000", "--columns"});
    // 50,000 columns: refused at the header line, before the rows are read.
    expect_failure(run_leefbaar(join(kPolygons, with_table(table(50000)))), 1, {"t.csv", "line 1", "the header has 50000 columns"});
}

// ---- item 15: context and typing --------------------------------------------------

TEST_F(BadInputIoCli, KeysDifferingOnlyInCaseGetTheCaseFoldHint) {
    const auto r = run_leefbaar(join(kPolygons, with_table("code,v\nbu09171000,1\nbu09171001,2\n")));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("0 of 2 rows match"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--case-fold"), std::string::npos) << r.err;
    fs::remove(out);
    const auto folded = run_leefbaar(join(kPolygons, with_table("code,v\nbu09171000,1\nbu09171001,2\n") + " --case-fold"));
    ASSERT_EQ(folded.exit_code, 0) << folded.err;
    EXPECT_NE(folded.out.find("2 matched"), std::string::npos) << folded.out;
    EXPECT_EQ(folded.err.find("--case-fold"), std::string::npos) << folded.err;
    fs::remove(out);
}

TEST_F(BadInputIoCli, ZeroPaddedValueTurningAColumnToTextIsWarned) {
    const auto r = run_leefbaar(join(kPolygons, with_table("code,aantal\nBU09171000,12\nBU09171001,007\nBU09171100,30\n")));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("t.csv: column 'aantal' is read as text"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("line 3 '007'"), std::string::npos) << r.err;
    fs::remove(out);
    const auto forced = run_leefbaar(join(kPolygons, with_table("code,aantal\nBU09171000,12\nBU09171001,007\nBU09171100,30\n") +
                                                         " --numeric-column aantal"));
    ASSERT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(forced.err.find("aantal"), std::string::npos) << forced.err;
    fs::remove(out);
}

TEST_F(BadInputIoCli, GzipNamedCsvSaysWhatItIs) {
    ASSERT_EQ(std::system(("printf 'code,v\\nBU09171000,1\\n' | gzip -c > " + q(dir / "t.csv")).c_str()), 0);
    expect_failure(run_leefbaar(join(kPolygons, "-t " + q(dir / "t.csv") + " --table-key code")), 1, {"t.csv", "gzip-compressed", "gunzip"});
}

TEST_F(BadInputIoCli, DamagedFeatureIsNamed) {
    const auto bad = sample_with(dir, "bad.gpkg",
                                 "DROP TRIGGER rtree_buurten_GEOMETRY_update1; DROP TRIGGER rtree_buurten_GEOMETRY_update2;"
                                 "DROP TRIGGER rtree_buurten_GEOMETRY_update3; DROP TRIGGER rtree_buurten_GEOMETRY_update4;"
                                 "UPDATE buurten SET GEOMETRY = X'4750000100000000DEADBEEF' WHERE fid = 9148;");
    expect_failure(run_leefbaar(join(bad, "")), 1, {"bad.gpkg", "layer 'buurten'", "row 3", "fid 9148", "BU09171100"});
}

TEST(BadInputRun, ProjectInputSrsAssignsTheCrsOfAnUndefinedSource) {
    // The Heerlen sample project beside a copy of its polygons whose srs_id is 0.
    TempDir d;
    sample_with(d, "heerlen_buurten.gpkg", "UPDATE gpkg_geometry_columns SET srs_id = 0; UPDATE gpkg_contents SET srs_id = 0;");
    fs::copy_file(test::sample_data("heerlen/kwb_heerlen_2019.csv"), d / "kwb_heerlen_2019.csv");
    fs::create_directories(d / "areas");
    fs::copy_file(test::sample_data("heerlen/areas/heerlen_wijken.csv"), d / "areas/heerlen_wijken.csv");
    std::string project = test::read_file(test::sample_data("heerlen/liveability.toml"));
    const std::string lbm = "\"../leefbaarometer/lbm2_2016_parkstad_wijken.csv\"";  // [validate]: the shared sample data
    project.replace(project.find(lbm), lbm.size(), "\"" + test::sample_data("leefbaarometer/lbm2_2016_parkstad_wijken.csv").string() + "\"");
    test::write_file(d / "p.toml", project);
    const fs::path out = d / "out.gpkg";
    auto r = run_leefbaar("run " + q(d / "p.toml") + " --runs 0 -o " + q(out));
    expect_failure(r, 1, {"heerlen_buurten.gpkg", "Undefined geographic SRS", "srs = \"EPSG:28992\""});
    EXPECT_FALSE(fs::exists(out));

    const std::string key_line = "key = \"buurtcode\"\n";
    std::string with_srs = project;
    with_srs.insert(with_srs.find(key_line) + key_line.size(), "srs = \"EPSG:28992\"\n");
    test::write_file(d / "p.toml", with_srs);
    r = run_leefbaar("run " + q(d / "p.toml") + " --runs 0 -o " + q(out));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto got = areas(out, "buurten");
    ASSERT_EQ(got.size(), 57u);
    for (double a : got) EXPECT_GT(a, 0.0);
}
