// The area scores on four units worked by hand (min-max, equal weights, arithmetic):
// normalised a = (0, 33.3, 66.7, 100), b (lower is better) = (50, 50, 100, 0),
// c = (0, 100, 50, -); domain d1 = mean(a, b), d2 = c; index = mean(d1, d2):
// A 12.5, B 70.83, C 66.67, D 50 (D has d1 only).
#include <gtest/gtest.h>

#include <cmath>

#include "areas/area_job.hpp"
#include "index/composite.hpp"
#include "index/fitted_model.hpp"
#include "support/index_fixtures.hpp"

using namespace leefbaar;
using namespace leefbaar::areas;
using namespace leefbaar::index;
using test::set_column;
using test::ind;

namespace {

struct Fixture {
    FeatureTable t;
    IndexOptions o;
    Fixture() {
        t.resize(4);
        set_column(t, "a", {10, 20, 30, 40});
        set_column(t, "b", {5, 5, 0, 10});
        set_column(t, "c", {1, 3, 2, NAN});
        set_column(t, "pop", {100, 300, 200, 400});
        o.indicators = {ind("a", "d1"), ind("b", "d1", Direction::LowerIsBetter), ind("c", "d2")};
        o.domains = {{"d1", "Domain 1", 1}, {"d2", "Domain 2", 1}};
        o.outliers.method = OutlierMethod::None;
        o.classes.method = ClassMethod::Quantiles;
        o.classes.classes = 2;
    }
};

// X = {A, B}, Y = {C}, Z = {D}.
AreaLevel three_areas() {
    AreaLevel l;
    l.name = "area";
    l.codes = {"X", "Y", "Z"};
    l.names = l.codes;
    l.members = {{{0, 1.0}, {1, 1.0}}, {{2, 1.0}}, {{3, 1.0}}};
    l.main_area = {0, 0, 1, 2};
    l.parent_area = {-1, -1, -1};
    return l;
}

AreaJobOptions options() {
    AreaJobOptions o;
    o.population = "pop";
    o.low_class = 1;
    for (const char* n : {"a", "b", "c"}) o.indicators.push_back({n, Rule::Mean, n, "", 1.0, "pop", false});
    return o;
}

}  // namespace

TEST(AreaJob, TheTwoAreaScoresAndTheirRanks) {
    Fixture f;
    IndexModel m(f.t, f.o);
    FeatureTable t = f.t;
    const auto det = compute_index(t, m);
    ASSERT_NEAR(det.index[1], 70.0 + 5.0 / 6.0, 1e-12);
    const auto levels = std::vector<AreaLevel>{three_areas()};
    const auto r = run_area_job(f.t, m, det, levels, {}, options());
    const auto& x = r.levels[0];
    // index_mean X = (100 x 12.5 + 300 x 70.833) / 400 = 56.25.
    EXPECT_NEAR(x.index_mean[0], 56.25, 1e-12);
    // index_model X: a = (100 x 10 + 300 x 20) / 400 = 17.5 -> 25; b = 5 -> 50; c = 2.5 -> 75;
    // d1 = 37.5, d2 = 75, index 56.25 (equal to the mean here: every step is linear).
    EXPECT_NEAR(x.model.norm[0][0], 25.0, 1e-12);
    EXPECT_NEAR(x.model.norm[2][0], 75.0, 1e-12);
    EXPECT_NEAR(x.model.index[0], 56.25, 1e-12);
    // An area of one unit scores exactly as that unit.
    EXPECT_NEAR(x.model.index[1], 200.0 / 3.0, 1e-12);
    EXPECT_NEAR(x.index_mean[1], 200.0 / 3.0, 1e-12);
    EXPECT_EQ(x.rank, (std::vector<std::int32_t>{2, 1, 3}));
    EXPECT_DOUBLE_EQ(x.population[0], 400.0);
    EXPECT_DOUBLE_EQ(x.units[0], 2.0);
}

// Two classes split at the median of the index, (50 + 66.67) / 2: A and D low. X's
// residents: 100 of 400 in the low class.
TEST(AreaJob, ShareOfResidentsInTheLowClasses) {
    Fixture f;
    IndexModel m(f.t, f.o);
    FeatureTable t = f.t;
    const auto det = compute_index(t, m);
    const auto r = run_area_job(f.t, m, det, {three_areas()}, {}, options());
    EXPECT_DOUBLE_EQ(r.levels[0].low_residents[0], 0.25);
    EXPECT_DOUBLE_EQ(r.levels[0].low_residents[1], 0.0);
    EXPECT_DOUBLE_EQ(r.levels[0].low_residents[2], 1.0);
    EXPECT_EQ(r.levels[0].cls, (std::vector<int>{1, 2, 1}));  // 56.25 < 58.33 <= 66.67
}

// A reference row (say the gemeente) with a = 25, b = 2.5, c = 2: normalised 50, 75, 50;
// d1 = 62.5, d2 = 50, index 56.25.
TEST(AreaJob, AReferenceRowIsScoredByTheUnitsModel) {
    Fixture f;
    IndexModel m(f.t, f.o);
    FeatureTable t = f.t;
    const auto det = compute_index(t, m);
    const auto r = run_area_job(f.t, m, det, {three_areas()}, {{"GM", "Gemeente", {25.0, 2.5, 2.0}}}, options());
    EXPECT_NEAR(r.reference_scores.norm[1][0], 75.0, 1e-12);
    EXPECT_NEAR(r.reference_scores.index[0], 56.25, 1e-12);
    EXPECT_EQ(r.levels[0].compared_with[0], "reference Gemeente");
}

// Compared with all units (population-weighted mean normalised values a 63.33, b 40,
// c 66.67, SDs of the units' values 43.03, 40.82, 50): X deviates by a -0.89, b +0.24,
// c +0.17 SD.
TEST(AreaJob, StrengthsAndWeaknessesInSdUnits) {
    Fixture f;
    IndexModel m(f.t, f.o);
    FeatureTable t = f.t;
    const auto det = compute_index(t, m);
    const auto r = run_area_job(f.t, m, det, {three_areas()}, {}, options());
    const auto& x = r.levels[0];
    ASSERT_EQ(x.strengths[0].size(), 2u);
    EXPECT_EQ(x.strengths[0][0].indicator, 1u);
    EXPECT_NEAR(x.strengths[0][0].deviation, 10.0 / std::sqrt(5000.0 / 3.0), 1e-9);
    EXPECT_EQ(x.strengths[0][1].indicator, 2u);
    EXPECT_NEAR(x.strengths[0][1].deviation, (75.0 - 200.0 / 3.0) / 50.0, 1e-9);
    ASSERT_EQ(x.weaknesses[0].size(), 1u);
    EXPECT_EQ(x.weaknesses[0][0].indicator, 0u);
    EXPECT_NEAR(x.weaknesses[0][0].deviation, (25.0 - 190.0 / 3.0) / std::sqrt(50000.0 / 27.0), 1e-9);
    EXPECT_EQ(x.compared_with[0], "all units");
}

// The Monte Carlo collector: runs equal to the deterministic index give degenerate
// intervals at the deterministic rank and share.
TEST(AreaJob, MonteCarloIntervalsFromTheRuns) {
    Fixture f;
    IndexModel m(f.t, f.o);
    FeatureTable t = f.t;
    const auto det = compute_index(t, m);
    const auto levels = std::vector<AreaLevel>{three_areas()};
    AreaRuns runs({&levels[0]}, {100, 300, 200, 400}, {}, f.o.classes, 1, 3);
    for (std::size_t j = 0; j < 3; ++j) runs.add(j, det.index);
    const auto r = run_area_job(f.t, m, det, levels, {}, options(), &runs);
    EXPECT_EQ(r.levels[0].rank_p05, (std::vector<double>{2, 1, 3}));
    EXPECT_EQ(r.levels[0].rank_p95, (std::vector<double>{2, 1, 3}));
    EXPECT_DOUBLE_EQ(r.levels[0].low_p05[0], 0.25);
    EXPECT_DOUBLE_EQ(r.levels[0].low_p95[2], 1.0);
}

// The units' outlier treatment and normalisation applied to new rows reproduce the
// units' own scores: an area of one unit scores exactly as that unit, whether the
// indicator was log transformed (COINr's rule fails and winsorising five points does not
// fix it), winsorised, z-scored, or left alone.
TEST(AreaJob, AnAreaOfOneUnitScoresAsTheUnitUnderEveryTreatment) {
    const std::size_t n = 30;
    FeatureTable t;
    t.resize(n);
    std::vector<double> skewed(n), one_outlier(n), plain(n), pop(n, 100.0);
    for (std::size_t u = 0; u < n; ++u) {
        skewed[u] = u < 22 ? 1.0 + 0.01 * static_cast<double>(u) : std::pow(10.0, static_cast<double>(u) - 21.0);  // 8 extremes: log
        one_outlier[u] = u == 7 ? 400.0 : 10.0 + static_cast<double>(u % 7);  // one extreme: winsorised
        plain[u] = static_cast<double>((u * 7) % 11);
    }
    set_column(t, "s", skewed);
    set_column(t, "w", one_outlier);
    set_column(t, "p", plain);
    set_column(t, "pop", pop);
    for (const auto norm : {Normalisation::MinMax, Normalisation::ZScore}) {
        IndexOptions o;
        o.indicators = {ind("s", "d1"), ind("w", "d1", Direction::LowerIsBetter), ind("p", "d2")};
        o.domains = {{"d1", "Domain 1", 1}, {"d2", "Domain 2", 1}};
        o.outliers.method = OutlierMethod::Coinr;
        o.normalisation = norm;
        IndexModel m(t, o);
        FeatureTable scored = t;
        const auto det = compute_index(scored, m);
        ASSERT_EQ(det.variant.outliers[0].treatment, "log");
        ASSERT_EQ(det.variant.outliers[1].treatment, "winsorised");
        AreaLevel l;
        l.name = "one";
        for (std::size_t u = 0; u < n; ++u) {
            l.codes.push_back("A" + std::to_string(100 + u));
            l.members.push_back({{u, 1.0}});
        }
        l.names = l.codes;
        l.main_area.resize(n);
        for (std::size_t u = 0; u < n; ++u) l.main_area[u] = static_cast<std::int64_t>(u);
        l.parent_area.assign(n, -1);
        AreaJobOptions ao;
        ao.population = "pop";
        for (const char* c : {"s", "w", "p"}) ao.indicators.push_back({c, Rule::Mean, c, "", 1.0, "pop", false});
        const auto r = run_area_job(t, m, det, {l}, {}, ao);
        for (std::size_t u = 0; u < n; ++u) {
            EXPECT_NEAR(r.levels[0].model.index[u], det.index[u], 1e-9) << "unit " << u << " " << to_string(norm);
            for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(r.levels[0].model.norm[i][u], det.variant.norm[i][u], 1e-9) << i;
        }
    }
}
