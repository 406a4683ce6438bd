// End-to-end: commands run again on leefbaar's own output (issue 11, items 6 and 9).
// `score` on a scored layer replaces the earlier results and reproduces the run's
// values; `style` and `run --overwrite` on a styled file keep it a conforming
// GeoPackage (tests/e2e/gpkg_conformance.py) that GDAL can still replace layers in.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include <gdal.h>
#include <ogr_api.h>

#include <nlohmann/json.hpp>

#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "sample_project.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::run_leefbaar;
using leefbaar::test::TempDir;
namespace fs = std::filesystem;

namespace {
std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
const fs::path kProject = test::sample_data("heerlen/liveability.toml");

FeatureTable buurten(const fs::path& gpkg) { return test::read_buurten(gpkg); }

std::size_t row_of(const FeatureTable& t, const std::string& code) {
    const auto& key = t.column("buurtcode");
    for (std::size_t i = 0; i < t.rows(); ++i)
        if (key.texts[i] == code) return i;
    ADD_FAILURE() << "no buurt " << code;
    return 0;
}

std::set<std::string> layer_names(const fs::path& gpkg) {
    io::ensure_gdal();
    std::set<std::string> names;
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!ds) {
        ADD_FAILURE() << "GDAL cannot open " << gpkg;
        return names;
    }
    for (int i = 0; i < GDALDatasetGetLayerCount(ds); ++i) names.insert(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
    GDALClose(ds);
    return names;
}

// The Heerlen project without its [cluster] section, with absolute input paths.
fs::path project_without_cluster(const TempDir& d) {
    std::string toml = test::read_file(kProject);
    const auto from = toml.find("\n[cluster]");
    const auto to = toml.find("\n[report]");
    toml.erase(from, to - from);
    const std::string dir = kProject.parent_path().string() + "/";
    toml = std::regex_replace(toml, std::regex("\"(heerlen_buurten\\.gpkg|kwb_heerlen_2019\\.csv)\""), "\"" + dir + "$1\"");
    const auto p = d / "no-cluster.toml";
    test::write_file(p, toml);
    return p;
}
}  // namespace

TEST(RerunCli, ScoringAScoredLayerReproducesTheRun) {
    // Issue 11, item 6: `score` on the run's output failed with "no column named
    // 'index_status'" after writing a file without the index fields.
    TempDir d;
    const auto run_out = d / "r.gpkg", score_out = d / "s.gpkg";
    auto r = run_leefbaar("--quiet run " + q(kProject) + " -o " + q(run_out) + " --runs 50 --seed 7");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(run_out));
    auto s = run_leefbaar("score " + q(run_out) + " -l buurten -p " + q(kProject) + " -o " + q(score_out) + " --runs 50 --seed 7");
    ASSERT_EQ(s.exit_code, 0) << s.err;
    EXPECT_TRUE(test::conforming_gpkg(score_out));
    // The result fields of the run: 14 n_* and 14 imp_* (one per indicator), 5 d_*,
    // index, index_rank, index_pct, index_class, index_class_label, index_status,
    // rank_median/p05/p95, ms_index_z/_lag, lisa_index_i/_z/_p/_cl, gi_index_z/_p/_bin,
    // cluster, cluster_status, and the explanations dist_mean, top_plus, top_minus,
    // next_class, next_class_ind, next_class_change, next_class_domain(_change) = 61.
    EXPECT_NE(s.err.find("warning: layer 'buurten' holds 61 result field(s) of an earlier run"), std::string::npos) << s.err;
    const auto report = nlohmann::json::parse(test::read_file(d / "s-report.json"));
    EXPECT_EQ(report["units_source"]["replaced_result_fields"].size(), 61u);

    // Same inputs, settings and seed: the same fields and the same values.
    const FeatureTable a = buurten(run_out), b = buurten(score_out);
    ASSERT_EQ(a.rows(), 57u);
    ASSERT_EQ(b.rows(), 57u);
    const auto names_a = a.column_names(), names_b = b.column_names();
    EXPECT_EQ(std::set<std::string>(names_a.begin(), names_a.end()), std::set<std::string>(names_b.begin(), names_b.end()));
    EXPECT_EQ(names_b.size(), std::set<std::string>(names_b.begin(), names_b.end()).size());  // no field twice
    // Maria Gewanden (BU09171000), as in RunCli.HeerlenProjectWritesIndexRanksClassesAndAudit.
    const std::size_t ia = row_of(a, "BU09171000"), ib = row_of(b, "BU09171000");
    ASSERT_FALSE(a.column("index").is_null(ia));
    EXPECT_EQ(b.column("index").reals[ib], a.column("index").reals[ia]);
    EXPECT_EQ(b.column("index_rank").ints[ib], a.column("index_rank").ints[ia]);
    EXPECT_EQ(b.column("d_population").reals[ib], a.column("d_population").reals[ia]);
    for (std::size_t i = 0; i < a.rows(); ++i) {
        const std::size_t j = row_of(b, a.column("buurtcode").texts[i]);
        for (const char* f : {"index", "rank_p05", "rank_p95", "lisa_index_p", "gi_index_z", "dist_mean", "next_class_change"})
            EXPECT_EQ(b.column(f).as_text(j), a.column(f).as_text(i)) << f << " of " << a.column("buurtcode").texts[i];
        for (const char* f : {"index_status", "index_class_label", "lisa_index_cl", "cluster", "top_plus", "next_class"})
            EXPECT_EQ(b.column(f).as_text(j), a.column(f).as_text(i)) << f << " of " << a.column("buurtcode").texts[i];
    }
}

TEST(RerunCli, StyleThenOverwriteKeepsTheFileConforming) {
    // Issue 11, item 9: `style` on a run's output left a metadata reference to a deleted
    // record (foreign_key_check: gpkg_metadata_reference|3|gpkg_metadata|0); GDAL then
    // refused to delete layers and `run --overwrite` failed with exit 3.
    TempDir d;
    const auto out = d / "a.gpkg";
    auto r = run_leefbaar("--quiet run " + q(kProject) + " -o " + q(out) + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    auto st = run_leefbaar("--quiet style " + q(out));
    ASSERT_EQ(st.exit_code, 0) << st.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    auto again = run_leefbaar("--quiet run " + q(kProject) + " -o " + q(out) + " --runs 0 --overwrite");
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    EXPECT_EQ(layer_names(out), (std::set<std::string>{"buurten", "index_audit", "regions", "areas_wijk", "areas_stadsdeel", "areas_programma",
                                                        "areas_gemeente", "validation", "layer_styles"}));
}

// Passes once `--overwrite` replaces the whole output file (the lead's transactional
// output set); before that the stale regions layer of the first run stays.
TEST(RerunCli, OverwriteWithoutClusterLeavesNoRegionsLayer) {
    TempDir d;
    const auto out = d / "a.gpkg";
    auto r = run_leefbaar("--quiet run " + q(kProject) + " -o " + q(out) + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(layer_names(out).count("regions"), 1u);
    auto again = run_leefbaar("--quiet run " + q(project_without_cluster(d)) + " -o " + q(out) + " --runs 0 --overwrite");
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    EXPECT_EQ(layer_names(out).count("regions"), 0u);
    EXPECT_EQ(buurten(out).has_column("cluster"), false);
}
