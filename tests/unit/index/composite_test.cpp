// The whole index on a four-unit table, worked by hand, and the Monte Carlo
// properties the issue asks for.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "core/random.hpp"
#include "index/audit.hpp"
#include "index/composite.hpp"
#include "index/index_report.hpp"
#include "index/uncertainty.hpp"
#include "support/index_fixtures.hpp"

using namespace leefbaar;
using namespace leefbaar::index;
using test::set_column;
using test::ind;

namespace {

// Units A, B, C, D. Domain d1: a (higher is better), b (lower is better); domain d2: c, missing for D.
FeatureTable four_units() {
    FeatureTable t;
    t.resize(4);
    auto& k = t.add_column("code", ColumnType::Text);
    for (const char* s : {"A", "B", "C", "D"}) k.set(static_cast<std::size_t>(s[0] - 'A'), std::string(s));
    t.set_key_column("code");
    set_column(t, "a", {10, 20, 30, 40});
    set_column(t, "b", {5, 5, 0, 10});
    set_column(t, "c", {1, 3, 2, NAN});
    return t;
}

IndexOptions four_unit_options() {
    IndexOptions o;
    o.indicators = {ind("a", "d1"), ind("b", "d1", Direction::LowerIsBetter), ind("c", "d2")};
    o.domains = {{"d1", "Domain 1", 1}, {"d2", "Domain 2", 1}};
    o.outliers.method = OutlierMethod::None;
    o.classes.method = ClassMethod::Quantiles;
    o.classes.classes = 2;
    return o;
}

double value(const FeatureTable& t, const std::string& col, std::size_t row) { return t.column(col).as_double(row); }

}  // namespace

TEST(CompositeIndex, FourUnitsByHand) {
    // Min-max: a -> 0, 33.33, 66.67, 100; b -> 50, 50, 0, 100 reversed -> 50, 50, 100, 0;
    // c over {1,3,2} -> 0, 100, 50, missing.
    // d1 = (a + b)/2: A 25, B 41.667, C 83.333, D 50. d2 = c: A 0, B 100, C 50, D missing.
    // index = mean of present domains: A 12.5, B 70.833, C 66.667, D 50 (d1 only).
    // Ranks: B 1, C 2, D 3, A 4; percentile 100 (n - r)/(n - 1): 100, 66.67, 33.33, 0.
    FeatureTable t = four_units();
    IndexModel m(t, four_unit_options());
    auto r = compute_index(t, m);
    EXPECT_NEAR(value(t, fields::normalised("b"), 2), 100, 1e-9);
    EXPECT_NEAR(value(t, fields::domain_score("d1"), 1), 125.0 / 3, 1e-9);
    EXPECT_TRUE(t.column(fields::domain_score("d2")).is_null(3));
    const double idx[] = {12.5, 425.0 / 6, 200.0 / 3, 50};
    const std::int64_t rank[] = {4, 1, 2, 3};
    const double pct[] = {0, 100, 200.0 / 3, 100.0 / 3};
    for (std::size_t u = 0; u < 4; ++u) {
        EXPECT_NEAR(value(t, fields::index_score, u), idx[u], 1e-9) << u;
        EXPECT_EQ(t.column(fields::index_rank).ints[u], rank[u]) << u;
        EXPECT_NEAR(value(t, fields::index_percentile, u), pct[u], 1e-9) << u;
        EXPECT_EQ(t.column(fields::index_status).texts[u], "ok");
        EXPECT_EQ(t.column(fields::imputed_flag("c")).ints[u], 0);
    }
    // Two quantile classes split at the median of {12.5, 70.83, 66.67, 50} = (50 + 66.67)/2 = 58.33.
    EXPECT_EQ(t.column(fields::index_class).ints[0], 1);
    EXPECT_EQ(t.column(fields::index_class).ints[1], 2);
    // Equal weights: each domain 1/2, each indicator of d1 1/2 x 1/2 = 1/4, c 1/2.
    EXPECT_DOUBLE_EQ(r.effective_weights[0], 0.25);
    EXPECT_DOUBLE_EQ(r.effective_weights[2], 0.5);
    EXPECT_FALSE(t.column(fields::index_score).title.empty());
}

TEST(CompositeIndex, MeanImputationIsFlagged) {
    // c for D imputed with mean(1, 3, 2) = 2 -> min-max 50 -> d2 = 50; index D = (50 + 50)/2 = 50.
    FeatureTable t = four_units();
    auto o = four_unit_options();
    o.missing = Imputation::Mean;
    IndexModel m(t, o);
    compute_index(t, m);
    EXPECT_EQ(t.column(fields::imputed_flag("c")).ints[3], 1);
    EXPECT_EQ(t.column(fields::imputed_flag("c")).ints[0], 0);
    EXPECT_NEAR(value(t, fields::domain_score("d2"), 3), 50, 1e-9);
    EXPECT_NEAR(value(t, fields::index_score, 3), 50, 1e-9);
}

TEST(CompositeIndex, GeometricAggregationUsesTheDocumentedShift) {
    // Geometric: every min-max column has minimum 0 and is shifted by 1.
    // d1 for A = sqrt((0 + 1) (50 + 1)) = sqrt(51).
    FeatureTable t = four_units();
    auto o = four_unit_options();
    o.domain_aggregation = Aggregation::Geometric;
    IndexModel m(t, o);
    compute_index(t, m);
    EXPECT_NEAR(value(t, fields::domain_score("d1"), 0), std::sqrt(51.0), 1e-9);
}

TEST(CompositeIndex, UnitsWithTooLittleDataGetAReasonAndNoScore) {
    // D has 2 of 3 indicators (67 %) < 90 %: no score. The other three are normalised without D.
    FeatureTable t = four_units();
    auto o = four_unit_options();
    o.min_coverage = 0.9;
    IndexModel m(t, o);
    auto r = compute_index(t, m);
    EXPECT_EQ(r.ranked, 3u);
    EXPECT_TRUE(t.column(fields::index_score).is_null(3));
    EXPECT_TRUE(t.column(fields::index_rank).is_null(3));
    EXPECT_NE(t.column(fields::index_status).texts[3].find("2 of 3 indicators"), std::string::npos);
    EXPECT_NEAR(value(t, fields::normalised("a"), 1), 50, 1e-9);  // a over {10,20,30}: (20-10)/20
    EXPECT_EQ(index_json(t, m, r)["unscored"].size(), 1u);
}

TEST(CompositeIndex, BadSpecificationsAreUsageErrors) {
    FeatureTable t = four_units();
    auto o = four_unit_options();
    o.domains.push_back({"empty", "", 1});
    EXPECT_THROW(IndexModel(t, o), UsageError);  // a domain without indicators
    o = four_unit_options();
    o.indicators[0].weight = -1;
    EXPECT_THROW(IndexModel(t, o), UsageError);
    o = four_unit_options();
    o.weighting = Weighting::Explicit;
    o.domains[0].weight = o.domains[1].weight = 0;
    EXPECT_THROW(IndexModel(t, o), UsageError);
    o = four_unit_options();
    o.indicators[0].source.column = "nope";
    EXPECT_THROW(IndexModel(t, o), DataError);
}

namespace {
// 40 units, 6 indicators in 3 domains, values from a seeded stream (no missing values).
FeatureTable random_table(std::size_t n = 40) {
    FeatureTable t;
    t.resize(n);
    for (int i = 0; i < 6; ++i) {
        auto rng = stream_for(99, static_cast<std::uint64_t>(i));
        std::vector<double> v(n);
        for (auto& x : v) x = uniform01(rng) * 100;
        set_column(t, "x" + std::to_string(i), v);
    }
    return t;
}
IndexOptions random_options() {
    IndexOptions o;
    for (int i = 0; i < 6; ++i) o.indicators.push_back(ind("x" + std::to_string(i), "d" + std::to_string(i / 2)));
    o.domains = {{"d0", "", 1}, {"d1", "", 1}, {"d2", "", 1}};
    return o;
}
// 64 runs of four uncertain choices (weights, normalisation, aggregation, imputation)
// on the random table, with the sensitivity design.
UncertaintyResult four_factor_run(unsigned threads, std::uint64_t seed = 2019) {
    FeatureTable t = random_table();
    IndexModel m(t, random_options());
    auto det = compute_index(t, m);
    UncertaintyOptions u;
    u.runs = 64;
    u.seed = seed;
    u.normalisations = {Normalisation::MinMax, Normalisation::ZScore, Normalisation::Rank};
    u.aggregations = {Aggregation::Arithmetic, Aggregation::Geometric};
    u.imputations = {Imputation::None, Imputation::Mean};
    u.threads = threads;
    return run_uncertainty(m, det, u);
}
}  // namespace

TEST(Uncertainty, RankIntervalContainsTheDeterministicRank) {
    // Weights perturbed +-25 % around the deterministic weights: the 5-95 % interval of
    // every unit's rank must contain the rank with the unperturbed weights.
    FeatureTable t = random_table();
    IndexModel m(t, random_options());
    auto det = compute_index(t, m);
    UncertaintyOptions u;
    u.runs = 300;
    u.seed = 42;
    u.weight_range = 0.25;
    u.threads = 2;
    auto r = run_uncertainty(m, det, u);
    for (std::size_t i = 0; i < t.rows(); ++i) {
        EXPECT_LE(r.rank_p05[i], det.rank[i]) << i;
        EXPECT_GE(r.rank_p95[i], det.rank[i]) << i;
        EXPECT_LE(r.rank_p05[i], r.rank_median[i]);
        EXPECT_LE(r.rank_median[i], r.rank_p95[i]);
    }
}

TEST(Uncertainty, SameSeedSameResultWithOneAndTwoThreads) {
    const auto one = four_factor_run(1), two = four_factor_run(2);
    EXPECT_EQ(one.rank_median, two.rank_median);
    EXPECT_EQ(one.rank_p05, two.rank_p05);
    EXPECT_EQ(one.rank_p95, two.rank_p95);
    EXPECT_EQ(one.first_order, two.first_order);
    EXPECT_EQ(one.total, two.total);
    EXPECT_EQ(one.mean_shift_a, two.mean_shift_a);
    EXPECT_EQ(one.evaluations, 64u * (4 + 2));  // N (k + 2) with 4 factors
    EXPECT_NE(one.mean_shift_a, four_factor_run(2, 2020).mean_shift_a);
}

TEST(Uncertainty, RowsRepeatingADrawOfAOrBAreNotEvaluatedAgainAndChangeNothing) {
    // A row A_B^i whose choices all equal A's (factor i picked the same alternative in
    // A and B) or B's (every other factor did) has the same index, so it is not
    // evaluated again: 300 of the 64 x 6 rows are. The values below were computed before
    // rows were reused, with all 384 rows evaluated (the code of 41d227a): reusing must
    // not change them.
    const auto r = four_factor_run(2);
    ASSERT_EQ(r.factors, (std::vector<std::string>{"weights", "normalisation", "aggregation", "imputation"}));
    const double first[] = {-0.009085158750206131, 0.28615281057021863, 0.72307175229581921, 0};
    const double total[] = {0.20263466820312753, 0.36557372448133452, 0.53385699178907464, 0};
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_DOUBLE_EQ(r.first_order[i], first[i]) << r.factors[i];
        EXPECT_DOUBLE_EQ(r.total[i], total[i]) << r.factors[i];
    }
    EXPECT_DOUBLE_EQ(r.output_variance, 0.65783798217773404);
    ASSERT_EQ(r.timings.size(), 3u);
    EXPECT_EQ(r.timings[1].name, "runs: 384 evaluations, 300 computed");
}

TEST(Uncertainty, AFactorWithoutEffectHasZeroSensitivity) {
    // Without missing values the imputation method changes nothing, so f(A_B^i) = f(A)
    // exactly and both estimators are exactly 0 (numerators vanish by definition);
    // the weights then carry all the variance: their total index is large.
    FeatureTable t = random_table();
    IndexModel m(t, random_options());
    auto det = compute_index(t, m);
    UncertaintyOptions u;
    u.runs = 200;
    u.seed = 3;
    u.imputations = {Imputation::None, Imputation::Median};
    auto r = run_uncertainty(m, det, u);
    ASSERT_EQ(r.factors, (std::vector<std::string>{"weights", "imputation"}));
    EXPECT_DOUBLE_EQ(r.first_order[1], 0.0);
    EXPECT_DOUBLE_EQ(r.total[1], 0.0);
    EXPECT_GT(r.total[0], 0.5);
}

TEST(Audit, TableHasARowPerIndicatorAndDomain) {
    FeatureTable t = random_table();
    IndexModel m(t, random_options());
    auto det = compute_index(t, m);
    auto a = audit_index(m, det);
    EXPECT_EQ(a.table.rows(), 6u + 3u);
    EXPECT_FALSE(a.table.has_geometry());
    EXPECT_EQ(audit_json(m, a)["correlation"]["matrix"].size(), 6u);
    // An indicator with half of its domain's weight correlates positively with its domain.
    EXPECT_GT(a.table.column("corr_domain").as_double(0), 0.0);
    // Importance shares: each positive correlation with the index over their sum, so the
    // shares of the positive ones sum to 1.
    const auto j = audit_json(m, a);
    double pos = 0, sum = 0;
    for (const auto& i : a.indicators) pos += i.corr_index > 0 ? i.corr_index : 0.0;
    for (std::size_t k = 0; k < a.indicators.size(); ++k) {
        const double share = j["indicators"][k]["importance_share"].get<double>();
        EXPECT_NEAR(share, a.indicators[k].corr_index / pos, 1e-15);
        sum += a.indicators[k].corr_index > 0 ? share : 0.0;
    }
    EXPECT_NEAR(sum, 1.0, 1e-12);
}

TEST(CompositeIndex, AnIndicatorMissingForEveryUnitGetsEffectiveWeightZeroAndAWarning) {
    // z = 1000 * a / n with n = 0 everywhere: per 1000 is undefined for every unit (issue 11,
    // item 12). The aggregation skips missing values, so d1 is a alone and the index is
    // (a + c)/2 as if z did not exist: effective weights a 1/2, z 0, c 1/2 (not 1/4 for z).
    FeatureTable t = four_units();
    set_column(t, "n", {0, 0, 0, 0});
    auto o = four_unit_options();
    IndicatorSpec z = ind("z", "d1");
    z.source.column = "a";
    z.source.transform = Transform::Per1000;
    z.source.denominator = "n";
    o.indicators = {ind("a", "d1"), z, ind("c", "d2")};
    IndexModel m(t, o);
    EXPECT_TRUE(m.observed(0));
    EXPECT_FALSE(m.observed(1));
    auto r = compute_index(t, m);
    EXPECT_DOUBLE_EQ(r.effective_weights[0], 0.5);
    EXPECT_DOUBLE_EQ(r.effective_weights[1], 0.0);
    EXPECT_DOUBLE_EQ(r.effective_weights[2], 0.5);
    EXPECT_DOUBLE_EQ(index_json(t, m, r)["indicators"][1]["effective_weight"].get<double>(), 0.0);
    EXPECT_DOUBLE_EQ(index_json(t, m, r)["indicators"][0]["weight_in_domain"].get<double>(), 1.0);
    // z still counts in the coverage: D has 1 of 3 indicators (a) < 50 % and is not scored,
    // so a is normalised over A, B, C: d1 of B = (20 - 10)/20 = 50; c of B = 100;
    // index of B = (50 + 100)/2 = 75.
    EXPECT_TRUE(t.column(fields::index_score).is_null(3));
    EXPECT_NEAR(value(t, fields::domain_score("d1"), 1), 50, 1e-9);
    EXPECT_NEAR(value(t, fields::index_score, 1), 75, 1e-9);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("indicator 'z'"), std::string::npos) << r.warnings[0];
    EXPECT_NE(r.warnings[0].find("denominator 'n'"), std::string::npos) << r.warnings[0];
    EXPECT_NE(r.warnings[0].find("effective weight is 0"), std::string::npos) << r.warnings[0];
    EXPECT_EQ(index_json(t, m, r)["warnings"].size(), 1u);
}

TEST(CompositeIndex, ADomainWithoutAnyObservedIndicatorHandsItsWeightToTheOthers) {
    // Domain d2 holds only z (missing everywhere): no unit has a d2 score, so the index is d1
    // alone; d2's effective weight is 0 and d1's is 1 (not the nominal 1/2 each).
    FeatureTable t = four_units();
    set_column(t, "n", {0, 0, 0, 0});
    auto o = four_unit_options();
    IndicatorSpec z = ind("z", "d2");
    z.source.column = "a";
    z.source.transform = Transform::Share;
    z.source.denominator = "n";
    o.indicators = {ind("a", "d1"), ind("b", "d1", Direction::LowerIsBetter), z};
    o.weighting = Weighting::Pca;
    IndexModel m(t, o);
    auto r = compute_index(t, m);
    EXPECT_DOUBLE_EQ(r.effective_domain_weights[0], 1.0);
    EXPECT_DOUBLE_EQ(r.effective_domain_weights[1], 0.0);
    EXPECT_DOUBLE_EQ(r.effective_weights[2], 0.0);
    EXPECT_NEAR(r.effective_weights[0] + r.effective_weights[1], 1.0, 1e-12);
    EXPECT_DOUBLE_EQ(index_json(t, m, r)["domains"][1]["effective_weight"].get<double>(), 0.0);
    EXPECT_DOUBLE_EQ(index_json(t, m, r)["domains"][1]["weight"].get<double>(), 0.5);  // as given
    for (std::size_t u = 0; u < 4; ++u) EXPECT_NEAR(value(t, fields::index_score, u), value(t, fields::domain_score("d1"), u), 1e-9) << u;
    EXPECT_EQ(r.warnings.size(), 1u);
}
