// End-to-end: `leefbaar run` on the Heerlen project file and `leefbaar score` on
// the output of `leefbaar join`; the GeoPackage is read back with GDAL and checked
// against values computed here independently from the source CSV.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gdal.h>
#include <ogr_api.h>

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
const fs::path kProject = test::sample_data("heerlen/liveability.toml");


double num(const std::string& s) { return s.empty() ? NAN : std::stod(s); }

struct Gpkg {
    GDALDatasetH ds = nullptr;
    explicit Gpkg(const fs::path& p) { ds = GDALOpenEx(p.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr); }
    ~Gpkg() {
        if (ds) GDALClose(ds);
    }
};
}  // namespace

TEST(RunCli, HeerlenProjectWritesIndexRanksClassesAndAudit) {
    TempDir d;
    const auto out = d / "heerlen.gpkg";
    auto r = run_leefbaar("run " + q(kProject) + " -o " + q(out) + " --runs 200");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    // The one expected message: the two unscored buurten have no index, so the spatial
    // statistics leave them out (category "Undefined") and say so.
    EXPECT_EQ(r.err, "warning: 'index': 2 unit(s) without a value are left out (category Undefined)\n");
    EXPECT_NE(r.out.find("scored 55 of 57 units"), std::string::npos) << r.out;
    const auto report_path = d / "heerlen-report.json";  // next to -o by default
    ASSERT_TRUE(fs::exists(report_path));
    const auto report = nlohmann::json::parse(test::read_file(report_path));
    EXPECT_TRUE(report.contains("audit"));
    EXPECT_EQ(report["audit"]["domains"].size(), 5u);
    EXPECT_EQ(report["uncertainty"]["runs"].get<int>(), 200);
    // "timings": every step in order with its wall-clock seconds; the output step's
    // parts are the GeoPackage and the HTML report ([report] html of the project).
    {
        std::vector<std::string> names;
        for (const auto& s : report["timings"]["steps"]) {
            names.push_back(s["name"].get<std::string>());
            EXPECT_GE(s["seconds"].get<double>(), 0.0) << names.back();
        }
        EXPECT_EQ(names, (std::vector<std::string>{"units", "neighbours", "index", "area levels", "uncertainty", "audit", "explain", "spatial",
                                                   "cluster", "areas", "validate", "output", "report"}));
        const auto& out = report["timings"]["steps"][11]["parts"];
        ASSERT_EQ(out.size(), 2u);
        EXPECT_EQ(out[0]["name"].get<std::string>(), "GeoPackage: layers, styles, QGIS project, metadata");
        EXPECT_EQ(out[1]["name"].get<std::string>(), "HTML report");
        for (const auto& q : out) EXPECT_GE(q["seconds"].get<double>(), 0.0);
    }

    io::ensure_gdal();
    io::VectorReadOptions o;
    o.layer = "buurten";
    o.key_column = "buurtcode";
    auto back = io::read_vector(out.string(), o);
    const auto& t = back.table;
    ASSERT_EQ(t.rows(), 57u);
    for (const char* f : {"index", "index_rank", "index_pct", "index_class", "index_class_label", "index_status", "rank_median", "rank_p05",
                          "rank_p95", "d_income", "d_housing", "d_health", "d_population", "d_amenities", "n_woz", "imp_jeugdzorg",
                          "ms_index_z", "ms_index_lag", "lisa_index_i", "lisa_index_z", "lisa_index_p", "lisa_index_cl", "gi_index_z",
                          "gi_index_p", "gi_index_bin", "cluster", "cluster_status"})
        EXPECT_TRUE(t.has_column(f)) << f;

    // [spatial]: Moran's I in the report is the slope of the Moran scatter through the
    // origin (Anselin 1996): I = sum z*lag / sum z^2 over the units with a value, for
    // row-standardised weights; and every unit has a LISA category from the fixed set.
    {
        const auto& z = t.column("ms_index_z");
        const auto& lag = t.column("ms_index_lag");
        double zz = 0, zl = 0;
        for (std::size_t i = 0; i < t.rows(); ++i)
            if (!z.is_null(i) && !lag.is_null(i)) {
                zz += z.reals[i] * z.reals[i];
                zl += z.reals[i] * lag.reals[i];
            }
        const auto& moran = report["spatial"]["variables"][0]["moran_i"];
        EXPECT_NEAR(moran["statistic"].get<double>(), zl / zz, 1e-9);
        const std::set<std::string> cats{"High-High", "Low-Low", "Low-High", "High-Low", "Not significant", "No neighbours", "Undefined"};
        std::size_t undefined = 0;
        for (std::size_t i = 0; i < t.rows(); ++i) {
            const std::string c = t.column("lisa_index_cl").as_text(i);
            EXPECT_TRUE(cats.count(c)) << c;
            undefined += c == "Undefined";
        }
        EXPECT_EQ(undefined, 2u);  // the two unscored buurten
    }
    // [cluster]: SKATER into 6 regions, every buurt in one (missing = "mean").
    {
        const auto& cl = t.column("cluster");
        std::set<std::int64_t> ids;
        for (std::size_t i = 0; i < t.rows(); ++i) {
            ASSERT_FALSE(cl.is_null(i));
            ids.insert(cl.ints[i]);
        }
        EXPECT_EQ(ids, (std::set<std::int64_t>{1, 2, 3, 4, 5, 6}));
        io::VectorReadOptions ro;
        ro.layer = "regions";
        auto regions = io::read_vector(out.string(), ro);
        ASSERT_EQ(regions.table.rows(), 6u);
        // The floor: each region holds at least 5,000 inhabitants (sum of the CBS column).
        const auto& pop = regions.table.column("Bevolking_Aantal_inwoners_sum");
        double total = 0;
        for (std::size_t i = 0; i < 6; ++i) {
            EXPECT_GE(pop.reals[i], 5000.0);
            total += pop.reals[i];
        }
        // Independent: the sum over the 57 buurten in the source CSV (missing counts as 0).
        const auto csv_all = test::read_plain_csv_by_key(test::sample_data("heerlen/kwb_heerlen_2019.csv"));
        double expected = 0;
        for (const auto& [c, v] : csv_all)
            if (c.rfind("BU", 0) == 0 && !v.at("Bevolking_Aantal_inwoners").empty()) expected += num(v.at("Bevolking_Aantal_inwoners"));
        EXPECT_NEAR(total, expected, 1e-6);
    }
    // [report]: the HTML report next to the GeoPackage, and the QGIS styles inside it.
    EXPECT_TRUE(fs::exists(d / "heerlen.html"));
    {
        Gpkg g(out);
        ASSERT_NE(g.ds, nullptr);
        OGRLayerH styles = GDALDatasetExecuteSQL(g.ds, "SELECT count(*) FROM layer_styles WHERE useAsDefault = 1", nullptr, nullptr);
        ASSERT_NE(styles, nullptr);
        OGRFeatureH f = OGR_L_GetNextFeature(styles);
        // One default style per map layer (buurten: the index; regions; the four area
        // levels of [areas]; validation: the residuals); the audit table has none.
        EXPECT_EQ(OGR_F_GetFieldAsInteger(f, 0), 7);
        OGR_F_Destroy(f);
        GDALDatasetReleaseResultSet(g.ds, styles);
        OGRLayerH proj = GDALDatasetExecuteSQL(g.ds, "SELECT count(*) FROM qgis_projects", nullptr, nullptr);
        ASSERT_NE(proj, nullptr);
        f = OGR_L_GetNextFeature(proj);
        EXPECT_EQ(OGR_F_GetFieldAsInteger(f, 0), 1);
        OGR_F_Destroy(f);
        GDALDatasetReleaseResultSet(g.ds, proj);
    }

    // Ranks: the 55 scored buurten hold ranks from 1 to 55 (ties would share one);
    // the two unscored ones have none and a reason.
    const auto& key = t.column("buurtcode");
    const auto& rank = t.column("index_rank");
    std::multiset<std::int64_t> ranks;
    std::map<std::string, std::size_t> row;
    for (std::size_t i = 0; i < t.rows(); ++i) {
        row[key.texts[i]] = i;
        if (!rank.is_null(i)) ranks.insert(rank.ints[i]);
    }
    ASSERT_EQ(ranks.size(), 55u);
    EXPECT_EQ(*ranks.begin(), 1);
    EXPECT_EQ(*ranks.rbegin(), 55);
    EXPECT_EQ(std::set<std::int64_t>(ranks.begin(), ranks.end()).size(), 55u);  // no ties in these data
    for (const char* unscored : {"BU09173002", "BU09173600"}) {
        EXPECT_TRUE(rank.is_null(row[unscored]));
        EXPECT_NE(t.column("index_status").texts[row[unscored]].find("too little data"), std::string::npos);
    }
    for (std::size_t i = 0; i < t.rows(); ++i)
        if (!rank.is_null(i)) {
            EXPECT_LE(t.column("rank_p05").reals[i], t.column("rank_p95").reals[i]);
            EXPECT_FALSE(t.column("index_class_label").is_null(i));
        }

    // Independent check of one buurt, Maria Gewanden (BU09171000), population domain:
    // aged65 = 100 * 65+ / inhabitants, single = 100 * one-person households / households,
    // both "lower is better", no outlier treatment (|skew| < 2), min-max over the 55 scored
    // buurten: n = 100 - 100 (x - min) / (max - min); d_population = mean of the two.
    const auto csv = test::read_plain_csv_by_key(test::sample_data("heerlen/kwb_heerlen_2019.csv"));
    auto share = [&](const std::string& code, const char* num_col, const char* den_col) {
        const double a = num(csv.at(code).at(num_col)), b = num(csv.at(code).at(den_col));
        return b > 0 ? 100.0 * a / b : NAN;
    };
    auto normalised = [&](const char* num_col, const char* den_col, const std::string& code) {
        double lo = INFINITY, hi = -INFINITY;
        for (const auto& [c, v] : csv) {
            if (c.rfind("BU", 0) != 0 || c == "BU09173002" || c == "BU09173600") continue;
            const double x = share(c, num_col, den_col);
            if (std::isnan(x)) continue;
            lo = std::min(lo, x);
            hi = std::max(hi, x);
        }
        return 100.0 - 100.0 * (share(code, num_col, den_col) - lo) / (hi - lo);
    };
    const double aged = normalised("Bevolking_Leeftijdsgroepen_65_jaar_of_ouder", "Bevolking_Aantal_inwoners", "BU09171000");
    const double single = normalised("Bevolking_Particuliere_huishoudens_Eenpersoonshuishoudens",
                                     "Bevolking_Particuliere_huishoudens_Huishoudens_totaal", "BU09171000");
    const std::size_t mg = row.at("BU09171000");
    EXPECT_NEAR(t.column("n_aged65").reals[mg], aged, 1e-9);
    EXPECT_NEAR(t.column("d_population").reals[mg], (aged + single) / 2, 1e-9);

    // The audit table layer: one row per indicator (14) and domain (5), no geometry.
    Gpkg g(out);
    ASSERT_NE(g.ds, nullptr);
    OGRLayerH audit = GDALDatasetGetLayerByName(g.ds, "index_audit");
    ASSERT_NE(audit, nullptr);
    EXPECT_EQ(OGR_L_GetFeatureCount(audit, TRUE), 19);
    EXPECT_EQ(OGR_L_GetGeomType(audit), wkbNone);
}

TEST(RunCli, SameSeedGivesTheSameRankIntervals) {
    TempDir d;
    auto a = run_leefbaar("--threads 1 run " + q(kProject) + " -o " + q(d / "a.gpkg") + " --runs 100 --seed 7");
    auto b = run_leefbaar("--threads 2 run " + q(kProject) + " -o " + q(d / "b.gpkg") + " --runs 100 --seed 7");
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_TRUE(test::conforming_gpkg(d / "a.gpkg"));
    EXPECT_TRUE(test::conforming_gpkg(d / "b.gpkg"));
    auto ja = nlohmann::json::parse(test::read_file(d / "a-report.json"));
    auto jb = nlohmann::json::parse(test::read_file(d / "b-report.json"));
    EXPECT_EQ(ja["uncertainty"], jb["uncertainty"]);
}

TEST(RunCli, RefusesToOverwriteAndNamesProjectFileErrors) {
    TempDir d;
    const auto out = d / "h.gpkg";
    test::write_file(out, "x");
    auto r = run_leefbaar("run " + q(kProject) + " -o " + q(out) + " --runs 0");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("--overwrite"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_file(out), "x");

    const auto bad = d / "bad.toml";
    test::write_file(bad, "[input]\npolygons = \"x.gpkg\"\nkey = \"k\"\nnormalisation = \"zscore\"\n");
    auto e = run_leefbaar("run " + q(bad));
    EXPECT_EQ(e.exit_code, 2);
    EXPECT_NE(e.err.find("line 4"), std::string::npos) << e.err;
    EXPECT_NE(e.err.find("unknown key 'normalisation'"), std::string::npos) << e.err;
}

TEST(RunCli, ScoreOnTheOutputOfJoin) {
    TempDir d;
    const auto joined = d / "joined.gpkg";
    auto j = run_leefbaar("join " + q(test::sample_data("heerlen/heerlen_buurten.gpkg")) + " --key buurtcode --table " +
                          q(test::sample_data("heerlen/kwb_heerlen_2019.csv")) + " --table-key code -o " + q(joined));
    ASSERT_EQ(j.exit_code, 0) << j.err;
    EXPECT_TRUE(test::conforming_gpkg(joined));
    auto s = run_leefbaar("score " + q(joined) + " --project " + q(kProject) + " -o " + q(d / "scored.gpkg") + " --runs 0");
    ASSERT_EQ(s.exit_code, 0) << s.err;
    EXPECT_TRUE(test::conforming_gpkg(d / "scored.gpkg"));
    EXPECT_NE(s.out.find("scored 55 of 57 units"), std::string::npos) << s.out;
    EXPECT_TRUE(fs::exists(d / "scored-report.json"));
}
