// Hand-worked cases for the single steps of the index: normalisation, aggregation,
// imputation, outliers, transforms, ranking and quantiles. Every expected number is
// worked out in the comment next to it from the method's definition
// (docs/methods/composite-index.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "core/random.hpp"
#include "index/aggregate.hpp"
#include "index/imputation.hpp"
#include "index/normalise.hpp"
#include "index/outliers.hpp"
#include "index/ranking.hpp"
#include "index/stats.hpp"
#include "index/transform.hpp"

using namespace leefbaar;
using namespace leefbaar::index;

namespace {
const std::vector<double> kX{2, 4, 6, 8, 10};

std::vector<double> norm(const std::vector<double>& x, Normalisation m, Direction d = Direction::HigherIsBetter, double ref = 0,
                         double lo = 0, double hi = 100) {
    NormaliseParams p;
    p.method = m;
    p.direction = d;
    p.reference = ref;
    p.goal_low = lo;
    p.goal_high = hi;
    std::vector<double> out;
    normalise(x, out, p);
    return out;
}

void expect_near(const std::vector<double>& got, const std::vector<double>& want, double tol = 1e-9) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (std::isnan(want[i])) EXPECT_TRUE(std::isnan(got[i])) << "at " << i;
        else EXPECT_NEAR(got[i], want[i], tol) << "at " << i;
    }
}
}  // namespace

TEST(Normalise, MinMax) {
    // 100 (x - 2) / (10 - 2): 0, 25, 50, 75, 100; reversed 100 - v.
    expect_near(norm(kX, Normalisation::MinMax), {0, 25, 50, 75, 100});
    expect_near(norm(kX, Normalisation::MinMax, Direction::LowerIsBetter), {100, 75, 50, 25, 0});
    // Missing stays missing and does not enter min/max: {2, NaN, 10} -> 0, NaN, 100.
    expect_near(norm({2, NAN, 10}, Normalisation::MinMax), {0, NAN, 100});
    // A constant indicator carries no information: 50 for everyone.
    expect_near(norm({3, 3}, Normalisation::MinMax), {50, 50});
}

TEST(Normalise, ZScore) {
    // mean 6, deviations -4 -2 0 2 4, sum of squares 40, sd = sqrt(40 / 4) = sqrt(10) = 3.16227766.
    // z = -4/3.16227766 = -1.26491106, -2/3.16227766 = -0.63245553, 0, ...
    expect_near(norm(kX, Normalisation::ZScore), {-1.26491106, -0.63245553, 0, 0.63245553, 1.26491106}, 1e-8);
    expect_near(norm(kX, Normalisation::ZScore, Direction::LowerIsBetter), {1.26491106, 0.63245553, 0, -0.63245553, -1.26491106}, 1e-8);
}

TEST(Normalise, RankAndPercentileRankWithTies) {
    // {3, 1, 3, 2}: sorted 1 (rank 1), 2 (rank 2), 3, 3 (ranks 3 and 4 -> 3.5 each).
    expect_near(norm({3, 1, 3, 2}, Normalisation::Rank), {3.5, 1, 3.5, 2});
    // Lower is better: n + 1 - rank = 5 - r: 1.5, 4, 1.5, 3.
    expect_near(norm({3, 1, 3, 2}, Normalisation::Rank, Direction::LowerIsBetter), {1.5, 4, 1.5, 3});
    // Percentile rank 100 (r - 1) / (n - 1): (3.5-1)/3 = 83.333, 0, 83.333, (2-1)/3 = 33.333.
    expect_near(norm({3, 1, 3, 2}, Normalisation::PercentileRank), {250.0 / 3, 0, 250.0 / 3, 100.0 / 3});
    expect_near(norm(kX, Normalisation::PercentileRank), {0, 25, 50, 75, 100});
}

TEST(Normalise, DistanceToReference) {
    // reference 5: 100 (x - 5) / 5 = -60, -20, 20, 60, 100.
    expect_near(norm(kX, Normalisation::DistanceToReference, Direction::HigherIsBetter, 5), {-60, -20, 20, 60, 100});
    expect_near(norm(kX, Normalisation::DistanceToReference, Direction::LowerIsBetter, 5), {60, 20, -20, -60, -100});
    EXPECT_THROW(norm(kX, Normalisation::DistanceToReference, Direction::HigherIsBetter, 0), UsageError);
}

TEST(Normalise, Goalposts) {
    // goalposts 3..9: 100 (x - 3) / 6 = -16.7 (clipped to 0), 16.667, 50, 83.333, 116.7 (clipped to 100).
    expect_near(norm(kX, Normalisation::Goalposts, Direction::HigherIsBetter, 0, 3, 9), {0, 100.0 / 6, 50, 500.0 / 6, 100});
    expect_near(norm(kX, Normalisation::Goalposts, Direction::LowerIsBetter, 0, 3, 9), {100, 500.0 / 6, 50, 100.0 / 6, 0});
}

TEST(Aggregate, ArithmeticGeometricHarmonic) {
    const double v[] = {4, 9}, eq[] = {1, 1}, w31[] = {3, 1};
    EXPECT_DOUBLE_EQ(aggregate(v, eq, 2, Aggregation::Arithmetic), 6.5);  // (4 + 9) / 2
    EXPECT_NEAR(aggregate(v, eq, 2, Aggregation::Geometric), 6.0, 1e-12);   // sqrt(4 * 9) = 6
    EXPECT_NEAR(aggregate(v, eq, 2, Aggregation::Harmonic), 72.0 / 13, 1e-12);  // 2 / (1/4 + 1/9) = 2 / (13/36) = 72/13
    EXPECT_DOUBLE_EQ(aggregate(v, w31, 2, Aggregation::Arithmetic), 5.25);  // (3*4 + 9) / 4 = 21/4
    EXPECT_NEAR(aggregate(v, w31, 2, Aggregation::Geometric), std::sqrt(24.0), 1e-12);  // (4^3 * 9)^(1/4) = 576^(1/4) = sqrt(24)
    EXPECT_NEAR(aggregate(v, w31, 2, Aggregation::Harmonic), 144.0 / 31, 1e-12);  // 4 / (3/4 + 1/9) = 4 / (31/36) = 144/31
}

TEST(Aggregate, MissingValuesAreSkippedAndWeightsRescaled) {
    // {4, NaN, 9} with weights {1, 5, 1}: the missing value's weight drops out -> (4 + 9) / 2.
    const double v[] = {4, NAN, 9}, w[] = {1, 5, 1};
    EXPECT_DOUBLE_EQ(aggregate(v, w, 3, Aggregation::Arithmetic), 6.5);
    const double none[] = {NAN, NAN};
    EXPECT_TRUE(std::isnan(aggregate(none, w, 2, Aggregation::Arithmetic)));
}

TEST(Aggregate, ShiftForGeometricAndHarmonic) {
    // Documented shift: a column with minimum <= 0 is shifted by 1 - min.
    EXPECT_DOUBLE_EQ(column_shift({0, 50, 100}, Aggregation::Geometric), 1.0);  // min-max 0..100 -> 1..101
    EXPECT_DOUBLE_EQ(column_shift({-2, 3}, Aggregation::Harmonic), 3.0);       // -2 -> 1
    EXPECT_DOUBLE_EQ(column_shift({5, 7}, Aggregation::Geometric), 0.0);
    EXPECT_DOUBLE_EQ(column_shift({-2, 3}, Aggregation::Arithmetic), 0.0);
}

TEST(Impute, MeanAndMedian) {
    std::vector<double> x{1, NAN, 3, 10};
    auto r = impute(x, Imputation::Mean, nullptr);
    EXPECT_NEAR(x[1], 14.0 / 3, 1e-12);  // (1 + 3 + 10) / 3
    EXPECT_EQ(r.filled, 1u);
    EXPECT_EQ(r.imputed, (std::vector<std::uint8_t>{0, 1, 0, 0}));
    std::vector<double> y{1, NAN, 3, 10};
    impute(y, Imputation::Median, nullptr);
    EXPECT_DOUBLE_EQ(y[1], 3.0);  // median of {1, 3, 10}
    std::vector<double> z{1, NAN};
    auto rn = impute(z, Imputation::None, nullptr);
    EXPECT_TRUE(std::isnan(z[1]));
    EXPECT_EQ(rn.left_missing, 1u);
}

TEST(Impute, NeighbourMeanUsesObservedNeighboursOnly) {
    // A chain 0 - 1 - 2 - 3 - 4 with binary weights; unit 4 is an island.
    SpatialWeights w;
    w.neighbours = {{1}, {0, 2}, {1, 3}, {2}, {}};
    w.weights = {{1}, {1, 1}, {1, 1}, {1}, {}};
    std::vector<double> x{1, NAN, 3, NAN, NAN};
    auto r = impute(x, Imputation::NeighbourMean, &w);
    EXPECT_DOUBLE_EQ(x[1], 2.0);  // (1 + 3) / 2
    EXPECT_DOUBLE_EQ(x[3], 3.0);  // neighbour 2 only (4 has no value); not the imputed x[1]
    EXPECT_TRUE(std::isnan(x[4]));  // island: left missing, reported
    EXPECT_EQ(r.filled, 2u);
    EXPECT_EQ(r.left_missing, 1u);
    // Row-standardised weights 0.25 / 0.75 for unit 1: 0.25 * 1 + 0.75 * 3 = 2.5.
    w.weights[1] = {0.25, 0.75};
    std::vector<double> y{1, NAN, 3, 4, 5};
    impute(y, Imputation::NeighbourMean, &w);
    EXPECT_DOUBLE_EQ(y[1], 2.5);
    std::vector<double> q{NAN, 1};
    EXPECT_THROW(impute(q, Imputation::NeighbourMean, nullptr), UsageError);
}

TEST(Outliers, SkewnessAndKurtosisFromTheDefinition) {
    // {0,0,0,0,10}: mean 2; deviations -2 (x4), 8. m2 = (4*4 + 64)/5 = 16; m3 = (4*-8 + 512)/5 = 96;
    // m4 = (4*16 + 4096)/5 = 832. skew = 96 / 16^1.5 = 1.5; excess kurtosis = 832 / 256 - 3 = 0.25.
    EXPECT_DOUBLE_EQ(skewness({0, 0, 0, 0, 10}), 1.5);
    EXPECT_DOUBLE_EQ(excess_kurtosis({0, 0, 0, 0, 10}), 0.25);
    OutlierOptions o;
    EXPECT_FALSE(coinr_rule_fails(1.5, 0.25, o));
    EXPECT_TRUE(coinr_rule_fails(-2.0, 3.5, o));  // both thresholds are inclusive (>=)
    EXPECT_FALSE(coinr_rule_fails(2.5, 3.0, o));
}

TEST(Outliers, CoinrWinsorisesOnePointThenPasses) {
    // 1..19 and 1000: one far outlier. Step 1 sets 1000 to the next value inwards, 19;
    // {1..19, 19} is nearly symmetric (skew about -0.1), so the rule passes after 1 point.
    std::vector<double> x;
    for (int i = 1; i <= 19; ++i) x.push_back(i);
    x.push_back(1000);
    OutlierOptions o;
    auto r = treat_outliers(x, o);
    EXPECT_TRUE(r.flagged);
    EXPECT_EQ(r.treatment, "winsorised");
    EXPECT_EQ(r.points_changed, 1);
    EXPECT_DOUBLE_EQ(x.back(), 19.0);
    EXPECT_LT(std::abs(r.skew_after), 2.0);
}

TEST(Outliers, CoinrFallsBackToLogWhenWinsorisingIsNotAllowed) {
    std::vector<double> x;
    for (int i = 1; i <= 19; ++i) x.push_back(i);
    x.push_back(1000);
    OutlierOptions o;
    o.winsor_max = 0;
    auto r = treat_outliers(x, o);
    EXPECT_EQ(r.treatment, "log");
    // ln(x - min + 0.01 (max - min)) = ln(1 - 1 + 9.99) for x = 1, ln(999 + 9.99) for x = 1000.
    EXPECT_NEAR(x.front(), std::log(9.99), 1e-12);
    EXPECT_NEAR(x.back(), std::log(1008.99), 1e-12);
}

TEST(Outliers, PercentileClip) {
    // 1..11, clip at the 10 % and 90 % type-7 quantiles: h = 10 * 0.1 = 1 -> 2; h = 9 -> 10.
    std::vector<double> x;
    for (int i = 1; i <= 11; ++i) x.push_back(i);
    OutlierOptions o;
    o.method = OutlierMethod::PercentileClip;
    o.clip_low = 0.1;
    o.clip_high = 0.9;
    auto r = treat_outliers(x, o);
    EXPECT_EQ(r.points_changed, 2);
    EXPECT_DOUBLE_EQ(x.front(), 2.0);
    EXPECT_DOUBLE_EQ(x.back(), 10.0);
}

TEST(Transform, RatesSharesAndLog) {
    FeatureTable t;
    t.resize(3);
    auto set = [&](const char* name, std::vector<double> v) {
        auto& c = t.add_column(name, ColumnType::Float64);
        for (std::size_t i = 0; i < v.size(); ++i)
            if (!std::isnan(v[i])) c.set(i, v[i]);
    };
    set("x", {5, 10, NAN});
    set("pop", {1000, 0, 500});
    set("area_km2", {2, 0.5, 1});
    TransformSpec s;
    s.column = "x";
    s.transform = Transform::Per1000;
    s.denominator = "pop";
    expect_near(derive(t, s), {5, NAN, NAN});  // 1000*5/1000; zero denominator -> missing
    s.transform = Transform::Share;
    expect_near(derive(t, s), {0.5, NAN, NAN});  // 100*5/1000
    s.transform = Transform::PerKm2;
    expect_near(derive(t, s), {2.5, 20, NAN});  // 5/2, 10/0.5
    s.transform = Transform::Log;
    expect_near(derive(t, s), {std::log(6.0), std::log(11.0), NAN});
    s.column = "nope";
    EXPECT_THROW(derive(t, s), DataError);
}

TEST(Ranking, CompetitionRanksAndPercentiles) {
    // scores 3, 5, 5, 1, NaN: 5 and 5 share rank 1, then 3 is rank 3, 1 is rank 4; NaN unranked.
    std::vector<std::int32_t> r;
    EXPECT_EQ(competition_ranks({3, 5, 5, 1, NAN}, r), 4u);
    EXPECT_EQ(r, (std::vector<std::int32_t>{3, 1, 1, 4, 0}));
    EXPECT_DOUBLE_EQ(rank_percentile(1, 4), 100.0);
    EXPECT_DOUBLE_EQ(rank_percentile(3, 4), 100.0 / 3);  // (4 - 3) / 3
    EXPECT_DOUBLE_EQ(rank_percentile(4, 4), 0.0);
}

TEST(Quantiles, UnsortedGivesTheSortedValuesQuantilesExactly) {
    // By hand: {5, 1, 4, 2, 3} sorted is 1..5; type 7 at p = 0.05: h = 0.2, 1 + 0.2 (2 - 1);
    // p = 0.5: 3; p = 0.95: h = 3.8, 4 + 0.8 (5 - 4).
    std::vector<double> x{5, 1, 4, 2, 3};
    const auto q = quantiles_unsorted(x, {0.05, 0.5, 0.95});
    ASSERT_EQ(q.size(), 3u);
    EXPECT_DOUBLE_EQ(q[0], 1.2);
    EXPECT_DOUBLE_EQ(q[1], 3.0);
    EXPECT_DOUBLE_EQ(q[2], 4.8);
    std::vector<double> none;
    EXPECT_TRUE(std::isnan(quantiles_unsorted(none, {0.5})[0]));
    // Against quantile_sorted on the sorted values, bit for bit: sizes 1 to 1,000, many
    // ties (ranks drawn from a small range, as the Monte Carlo's), probabilities that
    // share an order statistic, the ends 0 and 1.
    auto rng = stream_for(3, 0);
    for (std::size_t n : {1u, 2u, 3u, 7u, 20u, 21u, 100u, 999u, 1000u}) {
        std::vector<double> v(n);
        for (auto& e : v) e = static_cast<double>(1 + uniform_below(rng, n < 10 ? 3 : 40));
        for (const std::vector<double>& ps : {std::vector<double>{0.05, 0.5, 0.95}, std::vector<double>{0.0, 0.25, 0.25, 0.5, 1.0}}) {
            std::vector<double> sorted = v, work = v;
            std::sort(sorted.begin(), sorted.end());
            const auto got = quantiles_unsorted(work, ps);
            ASSERT_EQ(got.size(), ps.size());
            for (std::size_t i = 0; i < ps.size(); ++i) EXPECT_EQ(got[i], quantile_sorted(sorted, ps[i])) << "n " << n << " p " << ps[i];
        }
    }
}
