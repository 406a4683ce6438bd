// End-to-end: `leefbaar run` on the five-year Heerlen project (sample-data/heerlen/
// monitor.toml, which extends liveability.toml with [monitor]). The GeoPackage and the
// JSON report are read back and checked against the CBS CSVs of each year, read here
// independently, and against the project's own statements (fill, compare).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

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
const fs::path kMonitor = test::sample_data("heerlen/monitor.toml");

// One column of the comma-separated sample CSV of a year, by code.
std::map<std::string, std::string> csv_column(int year, const std::string& column) {
    std::ifstream in(test::sample_data("heerlen/kwb_heerlen_" + std::to_string(year) + ".csv"));
    std::string line;
    std::getline(in, line);
    auto split = [](const std::string& s) {
        std::vector<std::string> out;
        std::stringstream ss(s);
        for (std::string x; std::getline(ss, x, ',');) out.push_back(x);
        if (!s.empty() && s.back() == ',') out.emplace_back();
        return out;
    };
    const auto header = split(line);
    const auto at = static_cast<std::size_t>(std::find(header.begin(), header.end(), column) - header.begin());
    std::map<std::string, std::string> out;
    while (std::getline(in, line)) {
        auto f = split(line);
        f.resize(header.size());
        if (at < header.size()) out[f[0]] = f[at];
    }
    return out;
}

// SELECT of one row's fields as text (empty for NULL).
std::vector<std::string> row(const fs::path& gpkg, const std::string& sql) {
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    std::vector<std::string> out;
    if (!ds) return out;
    OGRLayerH l = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr);
    if (l) {
        if (OGRFeatureH f = OGR_L_GetNextFeature(l)) {
            for (int i = 0; i < OGR_F_GetFieldCount(f); ++i) out.push_back(OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "");
            OGR_F_Destroy(f);
        }
        GDALDatasetReleaseResultSet(ds, l);
    }
    GDALClose(ds);
    return out;
}

struct MonitorRun {
    TempDir d;
    fs::path out;
    nlohmann::json report;
    test::CommandResult r;
    MonitorRun() : out(d / "m.gpkg") {
        r = run_leefbaar("run " + q(kMonitor) + " -o " + q(out) + " --runs 200");
        if (r.exit_code == 0) report = nlohmann::json::parse(test::read_file(d / "m-report.json"));
    }
};

const MonitorRun& the_run() {
    GDALAllRegister();
    static const MonitorRun run;
    return run;
}

}  // namespace

TEST(MonitorCli, FiveYearsOfEveryBuurtWithValuesFromEachYearsTable) {
    const auto& m = the_run();
    ASSERT_EQ(m.r.exit_code, 0) << m.r.err;
    EXPECT_TRUE(test::conforming_gpkg(m.out));
    EXPECT_EQ(row(m.out, "SELECT count(*), count(DISTINCT buurtcode), min(year), max(year) FROM units_years"),
              (std::vector<std::string>{"285", "57", "2016", "2020"}));
    // Bijstand per 1,000 inhabitants of Maria Gewanden in 2016 and 2019, from the CSVs.
    for (int year : {2016, 2019}) {
        const double bijstand = std::stod(csv_column(year, "Sociale_zekerheid_Personen_per_soort_uitkering_Bijstand").at("BU09171000"));
        const double inwoners = std::stod(csv_column(year, "Bevolking_Aantal_inwoners").at("BU09171000"));
        const auto got = row(m.out, "SELECT v_bijstand, date FROM units_years WHERE buurtcode = 'BU09171000' AND year = " + std::to_string(year));
        ASSERT_EQ(got.size(), 2u);
        EXPECT_NEAR(std::stod(got[0]), 1000.0 * bijstand / inwoners, 1e-9) << year;
        EXPECT_EQ(got[1], std::to_string(year) + "/07/01");  // a DATE field (GDAL writes dates this way)
    }
    // Participation is first published for 2018: 2016 takes 2018's value ("nearest"), flagged.
    const double p2018 = std::stod(csv_column(2018, "Arbeid_Netto_arbeidsparticipatie").at("BU09171000"));
    EXPECT_EQ(row(m.out, "SELECT v_participation, f_participation FROM units_years WHERE buurtcode = 'BU09171000' AND year = 2016"),
              (std::vector<std::string>{row(m.out, "SELECT v_participation FROM units_years WHERE buurtcode = 'BU09171000' AND year = 2018")[0],
                                        "nearest year: 2018"}));
    EXPECT_NEAR(std::stod(row(m.out, "SELECT v_participation FROM units_years WHERE buurtcode = 'BU09171000' AND year = 2016")[0]), p2018, 1e-9);
    EXPECT_EQ(row(m.out, "SELECT observed, filled, source_column FROM monitor_coverage WHERE indicator = 'participation' AND year = 2016"),
              (std::vector<std::string>{"0", "49", ""}));
}

TEST(MonitorCli, TheChangeLayerIsTheDifferenceOfTheYearsOnOneScale) {
    const auto& m = the_run();
    ASSERT_EQ(m.r.exit_code, 0) << m.r.err;
    EXPECT_EQ(m.report["monitor"]["compare"], (nlohmann::json{{"from", 2016}, {"to", 2019}}));
    const auto t = m.report["monitor"]["development_thresholds"];
    ASSERT_EQ(t.size(), 3u);
    // Every buurt: index_change = index 2019 - index 2016 of the years layer, and its
    // development class follows from the thresholds in the report (monitor/change.hpp).
    GDALDatasetH ds = GDALOpenEx(m.out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRLayerH l = GDALDatasetExecuteSQL(ds,
                                        "SELECT c.index_change AS chg, a.\"index\" AS i16, b.\"index\" AS i19, c.development AS dev, c.change_low AS lo, c.change_high AS hi, "
                                        "c.change_sig AS sig "
                                        "FROM units_change c JOIN units_years a ON a.buurtcode = c.buurtcode AND a.year = 2016 "
                                        "JOIN units_years b ON b.buurtcode = c.buurtcode AND b.year = 2019",
                                        nullptr, nullptr);
    ASSERT_NE(l, nullptr);
    std::size_t n = 0, scored = 0;
    while (OGRFeatureH f = OGR_L_GetNextFeature(l)) {
        ++n;
        auto field = [&](const char* name) { return OGR_F_GetFieldIndex(f, name); };
        if (OGR_F_IsFieldSetAndNotNull(f, field("chg"))) {
            ++scored;
            const double change = OGR_F_GetFieldAsDouble(f, field("chg"));
            EXPECT_NEAR(change, OGR_F_GetFieldAsDouble(f, field("i19")) - OGR_F_GetFieldAsDouble(f, field("i16")), 1e-9);
            const double a = std::abs(change);
            const int level = a >= t[2].get<double>() ? 3 : a >= t[1].get<double>() ? 2 : a >= t[0].get<double>() ? 1 : 0;
            EXPECT_EQ(OGR_F_GetFieldAsInteger(f, field("dev")), change > 0 ? 4 + level : 4 - level);
            const double lo = OGR_F_GetFieldAsDouble(f, field("lo")), hi = OGR_F_GetFieldAsDouble(f, field("hi"));
            EXPECT_LE(lo, hi);
            EXPECT_STREQ(OGR_F_GetFieldAsString(f, field("sig")), lo > 0 ? "significantly better" : hi < 0 ? "significantly worse" : "not significant");
        }
        OGR_F_Destroy(f);
    }
    GDALDatasetReleaseResultSet(ds, l);
    GDALClose(ds);
    EXPECT_EQ(n, 57u);
    EXPECT_EQ(scored, 55u);  // In de Cramer and Terworm have too little data in every year
}

// The sample project in another folder: the paths it extends stay relative to
// liveability.toml's folder (engine/project/parser.cpp anchor_paths); its own [monitor]
// table is made absolute here.
std::string moved_monitor_project() {
    const fs::path heerlen = test::sample_data("heerlen");
    std::string text = test::read_file(heerlen / "monitor.toml");
    auto replace = [&](const std::string& a, const std::string& b) { text.replace(text.find(a), a.size(), b); };
    replace("extends = \"liveability.toml\"", "extends = \"" + (heerlen / "liveability.toml").string() + "\"");
    replace("table = \"kwb_heerlen_{year}.csv\"", "table = \"" + (heerlen / "kwb_heerlen_{year}.csv").string() + "\"");
    return text;
}

TEST(MonitorCli, AnExtendedProjectKeepsItsPathsAndBadMonitorKeysAreRefused) {
    TempDir d;
    struct Case {
        std::string key, value, expect;
    };
    for (const Case& c : {Case{"", "", ""}, Case{"compare", "[2016, 2021]", "compare must be two of the years"},
                          Case{"compare", "[2019, 2016]", "compare must be two of the years, earlier first"},
                          Case{"years", "[2019]", "at least two years"},
                          Case{"table", "\"" + test::sample_data("heerlen/kwb_heerlen.csv").string() + "\"", "table must contain {year}"},
                          Case{"basis", "\"reference\"", "basis = reference needs a reference_year"},
                          Case{"fill", "\"sideways\"", "fill = 'sideways' is not known"}}) {
        // Replace the sample's key (a key given twice is a TOML error); years = [2019]
        // also drops compare, which would name a year no longer there.
        std::istringstream in(moved_monitor_project());
        std::string out, line;
        bool in_monitor = false;
        while (std::getline(in, line)) {
            if (!line.empty() && line[0] == '[') in_monitor = line == "[monitor]";
            const bool drop = in_monitor && !c.key.empty() && (line.rfind(c.key + " =", 0) == 0 || (c.key == "years" && line.rfind("compare =", 0) == 0));
            if (!drop) out += line + "\n";
            if (line == "[monitor]" && !c.key.empty()) out += c.key + " = " + c.value + "\n";
        }
        test::write_file(d / "p.toml", out);
        fs::remove(d / "x.gpkg");
        const auto r = run_leefbaar("run " + q(d / "p.toml") + " -o " + q(d / "x.gpkg") + " --runs 0");
        if (c.key.empty()) {
            EXPECT_EQ(r.exit_code, 0) << r.err;  // moved, the project still finds liveability.toml's data
            continue;
        }
        EXPECT_EQ(r.exit_code, 2) << c.key << " = " << c.value << "\n" << r.err;
        EXPECT_NE(r.err.find(c.expect), std::string::npos) << c.key << " = " << c.value << "\n" << r.err;
        EXPECT_FALSE(fs::exists(d / "x.gpkg")) << c.key;
    }
}

TEST(MonitorCli, AProjectGivenByARelativePathFindsTheDataOfTheProjectItExtends) {
    // As the demo runs it: `leefbaar run sample-data/heerlen/monitor.toml`, a relative
    // path, from the folder the test runs in.
    TempDir d;
    const fs::path relative = fs::relative(kMonitor, fs::current_path());
    ASSERT_TRUE(relative.is_relative()) << relative;
    const auto r = run_leefbaar("run " + q(relative) + " -o " + q(d / "x.gpkg") + " --runs 0");
    EXPECT_EQ(r.exit_code, 0) << relative << "\n" << r.err;
    EXPECT_TRUE(fs::exists(d / "x.gpkg"));
}

TEST(MonitorCli, AMissingYearsTableIsNamed) {
    TempDir d;
    std::string text = moved_monitor_project();
    const std::string years = "years = [2016, 2017, 2018, 2019, 2020]";
    text.replace(text.find(years), years.size(), "years = [2016, 2019, 2099]");
    test::write_file(d / "p.toml", text);
    const auto r = run_leefbaar("run " + q(d / "p.toml") + " -o " + q(d / "x.gpkg") + " --runs 0");
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("kwb_heerlen_2099.csv"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(d / "x.gpkg"));
}
