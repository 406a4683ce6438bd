// End-to-end: Empirical Bayes smoothing and minimum populations in the Heerlen sample
// project. The EB rates are recomputed here from the CBS table with Marshall's (1991)
// formulas; the formulas themselves are checked against published values in
// tests/unit/index/smoothing_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "sample_project.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::run_leefbaar;
using leefbaar::test::TempDir;
namespace fs = std::filesystem;

namespace {
std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

const std::string kBijstand = "Sociale_zekerheid_Personen_per_soort_uitkering_Bijstand";
const std::string kInhabitants = "Bevolking_Aantal_inwoners";

// The sample project with a few lines replaced (each must be there once).
std::string project(const std::vector<std::pair<std::string, std::string>>& edits) {
    std::string text = test::sample_project_2019();
    for (const auto& [a, b] : edits) {
        const auto at = text.find(a);
        if (at == std::string::npos) throw std::runtime_error("not in the sample project: " + a);
        text.replace(at, a.size(), b);
    }
    return text;
}

const std::pair<std::string, std::string> kSmoothBijstand = {
    "column = \"" + kBijstand + "\"\ntransform = \"per_1000\"", "column = \"" + kBijstand + "\"\ntransform = \"per_1000\"\nsmoothing = \"eb\""};
const std::pair<std::string, std::string> kMinimumDisability = {
    "column = \"Sociale_zekerheid_Personen_per_soort_uitkering_AO\"\ntransform = \"per_1000\"",
    "column = \"Sociale_zekerheid_Personen_per_soort_uitkering_AO\"\ntransform = \"per_1000\"\nmin_population = 200"};
const std::pair<std::string, std::string> kUnitMinimum = {"min_coverage = 0.5\n",
                                                          "min_coverage = 0.5\npopulation = \"" + kInhabitants + "\"\nmin_population = 100\n"};

FeatureTable buurten(const fs::path& gpkg) { return test::read_buurten(gpkg); }

std::size_t row_named(const FeatureTable& t, const std::string& name) {
    for (std::size_t i = 0; i < t.rows(); ++i)
        if (t.column("naam").as_text(i) == name) return i;
    throw std::runtime_error("no buurt " + name);
}
}  // namespace

TEST(SmoothingCli, GlobalEbRatesAndMinimumPopulations) {
    TempDir d;
    test::write_file(d / "p.toml", project({kSmoothBijstand, kMinimumDisability, kUnitMinimum}));
    const auto out = d / "eb.gpkg";
    auto r = run_leefbaar("run " + q(d / "p.toml") + " -o " + q(out) + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    const auto t = buurten(out);
    ASSERT_EQ(t.rows(), 57u);

    // Marshall's EB over the 57 buurten of the CBS table with both counts, by hand.
    const auto csv = test::read_plain_csv_by_key(test::sample_data("heerlen/kwb_heerlen_2019.csv"));
    std::vector<double> x, n;
    for (std::size_t i = 0; i < t.rows(); ++i) {
        const auto& row = csv.at(t.column("buurtcode").as_text(i));
        const std::string xs = row.at(kBijstand), ns = row.at(kInhabitants);
        x.push_back(xs.empty() ? NAN : std::stod(xs));
        n.push_back(ns.empty() ? NAN : std::stod(ns));
    }
    double sx = 0, sn = 0, k = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]) && n[i] > 0) sx += x[i], sn += n[i], k += 1;
    const double b = sx / sn;
    double ss = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]) && n[i] > 0) ss += n[i] * (x[i] / n[i] - b) * (x[i] / n[i] - b);
    const double a = std::max(0.0, ss / sn - b / (sn / k));
    ASSERT_GT(a, 0.0);
    std::size_t checked = 0;
    for (std::size_t i = 0; i < t.rows(); ++i) {
        if (std::isnan(x[i]) || !(n[i] > 0)) {
            EXPECT_TRUE(t.column("eb_bijstand").is_null(i)) << i;
            continue;
        }
        const double w = a / (a + b / n[i]);
        EXPECT_NEAR(t.column("eb_bijstand").as_double(i), 1000 * (w * x[i] / n[i] + (1 - w) * b), 1e-9) << i;
        EXPECT_NEAR(t.column("raw_bijstand").as_double(i), 1000 * x[i] / n[i], 1e-9) << i;
        ++checked;
    }
    EXPECT_GT(checked, 40u);

    // The hospital grounds (190 inhabitants): disability (minimum 200) not used, still scored.
    const auto z = row_named(t, "Ziekenhuis");
    EXPECT_EQ(t.column("index_status").as_text(z), "ok; not used (population below the indicator's min_population): disability");
    EXPECT_FALSE(t.column("index").is_null(z));
    // Verspreide huizen (50 inhabitants): below [index] min_population, no score.
    const auto v = row_named(t, "Verspreide huizen");
    EXPECT_EQ(t.column("index_status").as_text(v), "population 50 below the minimum of 100 ([index] min_population)");
    EXPECT_TRUE(t.column("index").is_null(v));
}

TEST(SmoothingCli, SpatialEbUsesTheNeighbours) {
    TempDir d;
    auto edit = kSmoothBijstand;
    edit.second = "column = \"" + kBijstand + "\"\ntransform = \"per_1000\"\nsmoothing = \"spatial_eb\"";
    test::write_file(d / "p.toml", project({edit}));
    auto r = run_leefbaar("run " + q(d / "p.toml") + " -o " + q(d / "s.gpkg") + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto t = buurten(d / "s.gpkg");
    // Each smoothed rate lies between the unit's crude rate and its neighbourhood's
    // pooled rate, so it is never further from the crude rate's side than the crude rate.
    std::size_t moved = 0;
    for (std::size_t i = 0; i < t.rows(); ++i) {
        if (t.column("eb_bijstand").is_null(i)) continue;
        moved += std::abs(t.column("eb_bijstand").as_double(i) - t.column("raw_bijstand").as_double(i)) > 1e-9 ? 1 : 0;
    }
    EXPECT_GT(moved, 10u);
}

TEST(SmoothingCli, BadSmoothingIsAClearError) {
    TempDir d;
    // Smoothing needs a rate: the participation percentage has no counts.
    test::write_file(d / "p.toml", project({{"column = \"Arbeid_Netto_arbeidsparticipatie\"\n", "column = \"Arbeid_Netto_arbeidsparticipatie\"\nsmoothing = \"eb\"\n"}}));
    auto r = run_leefbaar("run " + q(d / "p.toml") + " -o " + q(d / "x.gpkg") + " --runs 0");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("Arbeid_Netto_arbeidsparticipatie"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("per_1000"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(d / "x.gpkg"));
    // An unknown population column names the key.
    test::write_file(d / "q.toml", project({{"min_coverage = 0.5\n", "min_coverage = 0.5\npopulation = \"inwoners\"\nmin_population = 100\n"}}));
    auto e = run_leefbaar("run " + q(d / "q.toml") + " -o " + q(d / "y.gpkg") + " --runs 0");
    EXPECT_NE(e.exit_code, 0);
    EXPECT_NE(e.err.find("[index] population"), std::string::npos) << e.err;
    EXPECT_NE(e.err.find("inwoners"), std::string::npos) << e.err;
    EXPECT_FALSE(fs::exists(d / "y.gpkg"));
}
