// Validation statistics (index/validation.hpp): Spearman and Kendall tau-b against
// hand-worked and published values, Knight's algorithm against the O(n^2)
// definition, the coverage of the bootstrap intervals on bivariate normal data with
// known population values, thread independence, residuals and indicator signs.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "core/random.hpp"
#include "index/normalise.hpp"
#include "index/stats.hpp"
#include "index/validation.hpp"

using namespace leefbaar;
using namespace leefbaar::index;

namespace {

const double kNaN = std::nan("");

int sign(double v) { return (v > 0) - (v < 0); }

// Tau-b by its definition over all pairs, O(n^2): the reference for Knight's algorithm.
double brute_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
    double s = 0, untied_x = 0, untied_y = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j) {
            const int a = sign(x[i] - x[j]), b = sign(y[i] - y[j]);
            s += a * b;
            untied_x += a != 0;
            untied_y += b != 0;
        }
    return s / std::sqrt(untied_x * untied_y);
}

// Integer values in [0, levels): many ties.
std::vector<double> tied_values(std::size_t n, std::uint64_t levels, std::uint64_t seed) {
    auto rng = stream_for(seed, 0);
    std::vector<double> v(n);
    for (double& a : v) a = static_cast<double>(uniform_below(rng, levels));
    return v;
}

// n draws of a standard bivariate normal with correlation rho (Box-Muller on the
// portable uniform01, so the data are the same with every standard library).
void bivariate_normal(std::size_t n, double rho, std::uint64_t seed, std::vector<double>& x, std::vector<double>& y) {
    auto rng = stream_for(seed, 0, 99);
    x.resize(n);
    y.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double r = std::sqrt(-2.0 * std::log(1.0 - uniform01(rng))), t = 2 * std::numbers::pi * uniform01(rng);
        const double z1 = r * std::cos(t), z2 = r * std::sin(t);
        x[i] = z1;
        y[i] = rho * z1 + std::sqrt(1 - rho * rho) * z2;
    }
}

}  // namespace

// scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]) = 0.8207826816681233 (scipy docs).
// By hand: ranks of y are 1, 2, 3.5, 5, 3.5; deviations from 3 are (-2,-1,0,1,2) and
// (-2,-1,0.5,2,0.5): sxy = 8, sxx = 10, syy = 9.5, rho = 8 / sqrt(95).
TEST(ValidationCorrelation, SpearmanScipyExample) {
    EXPECT_NEAR(spearman({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7}), 0.8207826816681233, 1e-15);
    EXPECT_NEAR(spearman({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7}), 8 / std::sqrt(95.0), 1e-15);
}

// scipy.stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) = -0.47140452079103173
// (scipy docs). By hand: pairs (12,1) (2,4) (1,7) (12,1) (2,0); n0 = 10; tied in x:
// 12,12 and 2,2 (n1 = 2); in y: 1,1 (n2 = 1); concordant: 1-5, 4-5 (2); discordant:
// 1-2, 1-3, 2-3, 2-4, 3-4, 3-5 (6). tau-b = (2 - 6) / sqrt(8 * 9) = -4 / sqrt(72).
TEST(ValidationCorrelation, KendallScipyExample) {
    EXPECT_NEAR(kendall_tau_b({12, 2, 1, 12, 2}, {1, 4, 7, 1, 0}), -0.47140452079103173, 1e-15);
    EXPECT_NEAR(kendall_tau_b({12, 2, 1, 12, 2}, {1, 4, 7, 1, 0}), -4 / std::sqrt(72.0), 1e-15);
}

// Ties in both series, and rows missing in either left out. Matched pairs:
// (1,1) (2,3) (2,2) (3,2).
// Spearman: ranks x = 1, 2.5, 2.5, 4; y = 1, 4, 2.5, 2.5; deviations from 2.5:
// (-1.5, 0, 0, 1.5), (-1.5, 1.5, 0, 0): sxy = 2.25, sxx = syy = 4.5, rho = 0.5.
// Kendall: n0 = 6, n1 = 1 (x 2,2), n2 = 1 (y 2,2), concordant 1-2, 1-3, 1-4 (3),
// discordant 2-4 (1): tau-b = 2 / sqrt(5 * 5) = 0.4.
TEST(ValidationCorrelation, HandWorkedTiesAndMissing) {
    const std::vector<double> x{1, 2, kNaN, 2, 3, 5}, y{1, 3, 7, 2, 2, kNaN};
    EXPECT_NEAR(spearman(x, y), 0.5, 1e-15);
    EXPECT_NEAR(kendall_tau_b(x, y), 0.4, 1e-15);
    EXPECT_TRUE(std::isnan(spearman({1, 2}, {2, 1})));  // fewer than 3 pairs
    EXPECT_TRUE(std::isnan(kendall_tau_b({1, 1, 1}, {1, 2, 3})));  // constant x
}

// Spearman is Pearson on the average ranks (index/normalise.hpp, index/stats.hpp).
TEST(ValidationCorrelation, SpearmanIsPearsonOfAverageRanks) {
    const auto x = tied_values(300, 12, 1), y = tied_values(300, 7, 2);
    EXPECT_NEAR(spearman(x, y), pearson(average_ranks(x), average_ranks(y)), 1e-12);
}

TEST(ValidationCorrelation, KnightEqualsBruteForceWithTies) {
    for (std::uint64_t seed = 0; seed < 4; ++seed) {
        auto x = tied_values(500, 20, 10 + seed), y = tied_values(500, 15, 20 + seed);
        for (std::size_t i = 0; i < x.size(); ++i) y[i] += std::floor(x[i] / 4);  // some dependence
        EXPECT_NEAR(kendall_tau_b(x, y), brute_tau_b(x, y), 1e-12) << "seed " << seed;
    }
}

// n = 100,000: the O(n^2) definition would take 5e9 pair comparisons; Knight's is fast.
// A monotone relation gives +1, a reversed one -1 (ties in x only, where y ties too).
TEST(ValidationCorrelation, KendallLargeN) {
    std::vector<double> x(100000), up(x.size()), down(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = static_cast<double>((i * 7919) % 50000);  // every value twice, shuffled
        up[i] = 2 * x[i] + 1;
        down[i] = -x[i];
    }
    EXPECT_NEAR(kendall_tau_b(x, up), 1.0, 1e-12);
    EXPECT_NEAR(kendall_tau_b(x, down), -1.0, 1e-12);
}

// A replicate computed from the counts of the drawn pairs equals the statistics of the
// resample itself (the matched pairs at the drawn positions, as the header documents).
TEST(ValidationBootstrap, ReplicateEqualsExplicitResample) {
    auto x = tied_values(60, 9, 3), y = tied_values(60, 6, 4);
    x[5] = kNaN;
    y[17] = kNaN;
    std::vector<double> px, py;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]) && !std::isnan(y[i])) {
            px.push_back(x[i]);
            py.push_back(y[i]);
        }
    for (std::uint64_t b = 0; b < 20; ++b) {
        auto rng = stream_for(7, b, detail::kBootstrapPurpose);
        std::vector<double> rx, ry;
        for (std::size_t k = 0; k < px.size(); ++k) {
            const auto i = uniform_below(rng, px.size());
            rx.push_back(px[i]);
            ry.push_back(py[i]);
        }
        const auto r = detail::bootstrap_replicate(x, y, 7, b);
        EXPECT_NEAR(r.spearman, spearman(rx, ry), 1e-12) << "replicate " << b;
        EXPECT_NEAR(r.kendall, kendall_tau_b(rx, ry), 1e-12) << "replicate " << b;
    }
}

// Bivariate normal with rho = 0.6: population Spearman (6/pi) asin(rho/2) = 0.5821,
// Kendall (2/pi) asin(rho) = 0.4097 (Kruskal 1958, JASA 53(284), 814-861). 200
// simulations of n = 100 with B = 500. If the true coverage is 0.95 the count of
// covering intervals is Binomial(200, 0.95): sd = sqrt(200 * 0.95 * 0.05) = 3.1, so
// [0.88, 0.99] (176..198 of 200) is -4.5 to +2.6 sd; the percentile bootstrap of a
// rank correlation undercovers a little at n = 100, which the wider lower side allows.
// (With these seeds: 0.940 for Spearman, 0.945 for Kendall.)
TEST(ValidationBootstrap, IntervalsCoverPopulationValues) {
    const double rho = 0.6;
    const double rho_s = 6 / std::numbers::pi * std::asin(rho / 2), tau = 2 / std::numbers::pi * std::asin(rho);
    ValidationOptions o;
    o.replicates = 500;
    const int sims = 200;
    int cover_s = 0, cover_k = 0;
    std::vector<double> x, y;
    for (int sim = 0; sim < sims; ++sim) {
        bivariate_normal(100, rho, 1000 + static_cast<std::uint64_t>(sim), x, y);
        o.seed = 5000 + static_cast<std::uint64_t>(sim);
        const Correlation c = correlate(x, y, o);
        ASSERT_EQ(c.replicates_used, o.replicates);
        cover_s += c.spearman_interval.lower <= rho_s && rho_s <= c.spearman_interval.upper;
        cover_k += c.kendall_interval.lower <= tau && tau <= c.kendall_interval.upper;
    }
    const double cs = cover_s / double(sims), ck = cover_k / double(sims);
    EXPECT_GE(cs, 0.88);
    EXPECT_LE(cs, 0.99);
    EXPECT_GE(ck, 0.88);
    EXPECT_LE(ck, 0.99);
}

TEST(ValidationBootstrap, SameSeedSameIntervalsForAnyThreadCount) {
    std::vector<double> x, y;
    bivariate_normal(400, 0.3, 77, x, y);
    x[3] = kNaN;
    ValidationOptions o;
    o.seed = 42;
    o.replicates = 1000;
    o.threads = 1;
    const Correlation one = correlate(x, y, o);
    o.threads = 4;
    const Correlation four = correlate(x, y, o);
    EXPECT_EQ(one.n, 399u);
    EXPECT_EQ(one.spearman_interval.lower, four.spearman_interval.lower);
    EXPECT_EQ(one.spearman_interval.upper, four.spearman_interval.upper);
    EXPECT_EQ(one.kendall_interval.lower, four.kendall_interval.lower);
    EXPECT_EQ(one.kendall_interval.upper, four.kendall_interval.upper);
    // The point estimates lie inside their intervals and match the plain functions.
    EXPECT_EQ(one.spearman, spearman(x, y));
    EXPECT_EQ(one.kendall, kendall_tau_b(x, y));
    EXPECT_EQ(one.pearson, pearson(x, y));
    EXPECT_LT(one.spearman_interval.lower, one.spearman);
    EXPECT_GT(one.spearman_interval.upper, one.spearman);
    o.seed = 43;  // another seed, other resamples
    EXPECT_NE(correlate(x, y, o).spearman_interval.lower, one.spearman_interval.lower);
}

TEST(ValidationBootstrap, ProgressReachesOneAndCancels) {
    std::vector<double> x, y;
    bivariate_normal(50, 0.5, 3, x, y);
    double last = -1;
    correlate(x, y, {}, Progress([&](double f, const std::string&) { last = f; return true; }));
    EXPECT_EQ(last, 1.0);
    EXPECT_THROW(correlate(x, y, {}, Progress([](double, const std::string&) { return false; })), Cancelled);
}

// A constant series: NaN statistics and a status saying which, no exception.
TEST(ValidationCorrelation, ConstantSeriesReportsStatus) {
    const Correlation c = correlate({2, 2, 2, 2}, {1, 2, 3, 4});
    EXPECT_EQ(c.status, SeriesStatus::own_constant);
    EXPECT_EQ(c.n, 4u);
    EXPECT_TRUE(std::isnan(c.spearman) && std::isnan(c.kendall) && std::isnan(c.pearson));
    EXPECT_TRUE(std::isnan(c.spearman_interval.lower));
    EXPECT_EQ(correlate({1, 2, 3}, {5, 5, 5}).status, SeriesStatus::reference_constant);
    EXPECT_EQ(correlate({1, 1, 1}, {5, 5, 5}).status, SeriesStatus::both_constant);
    EXPECT_STREQ(status_text(SeriesStatus::own_constant), "constant over the matched areas");
}

TEST(ValidationErrors, FewerThanThreePairs) {
    try {
        correlate({1, 2, kNaN, 4}, {1, kNaN, 3, 5});
        FAIL() << "expected UsageError";
    } catch (const UsageError& e) {
        EXPECT_NE(e.message().find("only 2 area(s)"), std::string::npos) << e.message();
        EXPECT_FALSE(e.hint().empty());
    }
    EXPECT_THROW(standardised_residuals({1, 2}, {1, 2}), UsageError);
    EXPECT_THROW(correlate({1, 2, 3}, {1, 2}), UsageError);  // different lengths
    ValidationOptions o;
    o.replicates = 1;
    EXPECT_THROW(correlate({1, 2, 3}, {1, 3, 2}, o), UsageError);
    o = {};
    o.level = 1.0;
    EXPECT_THROW(correlate({1, 2, 3}, {1, 3, 2}, o), UsageError);
    EXPECT_THROW(indicator_signs({{1, 2, 3}}, {}, {1, 2, 3}, Direction::HigherIsBetter), UsageError);
}

// own = 1, 2, 3, 6 and reference = 1, 3, 2, 6 over rows 0..3 (row 4 has no own value).
// Both have mean 3 and sum of squares 14, so sd = sqrt(14/3) for both and
// residual = (d_own - d_ref) / sd with deviations (-2,-1,0,3) and (-2,0,-1,3):
// 0, -1/sd, 1/sd, 0. Largest: rows 1 and 2 (tied, by row), then 0 and 3.
TEST(ValidationResiduals, HandWorked) {
    const Residuals r = standardised_residuals({1, 2, 3, 6, kNaN}, {1, 3, 2, 6, 5});
    const double sd = std::sqrt(14.0 / 3.0);
    ASSERT_EQ(r.residual.size(), 5u);
    EXPECT_EQ(r.n, 4u);
    EXPECT_NEAR(r.residual[0], 0.0, 1e-15);
    EXPECT_NEAR(r.residual[1], -1 / sd, 1e-15);
    EXPECT_NEAR(r.residual[2], 1 / sd, 1e-15);
    EXPECT_NEAR(r.residual[3], 0.0, 1e-15);
    EXPECT_TRUE(std::isnan(r.residual[4]));
    EXPECT_EQ(r.largest, (std::vector<std::size_t>{1, 2, 0, 3}));
}

// Different scales: own = 10 x reference except row 2 (+10) and row 0 (-5). Own
// 5, 20, 40, 40, 50: mean 31, deviations -26 -11 9 9 19, ss 1320, sd sqrt(330).
// Reference 1..5: mean 3, sd sqrt(2.5). Residuals (d_own / sqrt(330) - d_ref / sqrt(2.5)).
TEST(ValidationResiduals, LargestDisagreementsOrder) {
    const std::vector<double> own{5, 20, 40, 40, 50}, ref{1, 2, 3, 4, 5};
    const Residuals r = standardised_residuals(own, ref);
    const double so = std::sqrt(330.0), sr = std::sqrt(2.5);
    const std::vector<double> d_own{-26, -11, 9, 9, 19}, d_ref{-2, -1, 0, 1, 2};
    for (std::size_t i = 0; i < 5; ++i) EXPECT_NEAR(r.residual[i], d_own[i] / so - d_ref[i] / sr, 1e-14) << i;
    // Residuals -26/18.166 + 2/1.5811 = -0.1663, -0.6055 + 0.6325 = 0.0269, 0.4954,
    // 0.4954 - 0.6325 = -0.1370, 1.0459 - 1.2649 = -0.2190 -> by size rows 2, 4, 0, 3, 1.
    EXPECT_EQ(r.largest, (std::vector<std::size_t>{2, 4, 0, 3, 1}));
    EXPECT_GT(r.residual[2], 0);  // the index rates row 2 better than the reference does
}

TEST(ValidationSigns, ReversedAndUnrelatedColumns) {
    std::vector<double> ref, noise, other;
    bivariate_normal(300, 0.0, 11, ref, noise);
    bivariate_normal(300, 0.0, 12, other, noise);
    std::vector<double> good(ref.size()), reversed(ref.size());
    for (std::size_t i = 0; i < ref.size(); ++i) {
        good[i] = ref[i] + 0.5 * noise[i];
        reversed[i] = -ref[i] + 0.5 * noise[i];  // oriented the wrong way
    }
    const std::vector<double> constant(ref.size(), 3.0);
    std::vector<double> sparse(ref.size(), kNaN);  // two matched rows only
    sparse[0] = 1;
    sparse[1] = 2;
    ValidationOptions o;
    o.replicates = 500;
    const auto s = indicator_signs({good, reversed, other, constant, sparse}, {"good", "reversed", "other", "constant", "sparse"},
                                   ref, Direction::HigherIsBetter, o);
    ASSERT_EQ(s.size(), 5u);
    EXPECT_EQ(s[0].name, "good");
    EXPECT_EQ(s[0].verdict, SignVerdict::agrees);
    EXPECT_GT(s[0].interval.lower, 0);
    EXPECT_EQ(s[1].verdict, SignVerdict::reversed);
    EXPECT_LT(s[1].interval.upper, 0);
    EXPECT_STREQ(verdict_text(s[1].verdict), "wrongly oriented or measuring something else");
    EXPECT_EQ(s[2].verdict, SignVerdict::unrelated);
    EXPECT_LT(s[2].interval.lower, 0);
    EXPECT_GT(s[2].interval.upper, 0);
    EXPECT_EQ(s[3].status, SeriesStatus::own_constant);
    EXPECT_EQ(s[3].verdict, SignVerdict::undefined);
    EXPECT_EQ(s[4].status, SeriesStatus::too_few_pairs);  // reported, not thrown
    EXPECT_EQ(s[4].n, 2u);
    EXPECT_THROW(indicator_signs({{1, 2}}, {"x"}, ref, Direction::HigherIsBetter, o), UsageError);  // length
    // The same column alone gets the same interval (same seed, same resamples).
    const auto alone = indicator_signs({reversed}, {"reversed"}, ref, Direction::HigherIsBetter, o);
    EXPECT_EQ(alone[0].interval.lower, s[1].interval.lower);
    // A lower-is-better reference expects negative correlations: the roles swap.
    const auto low = indicator_signs({good, reversed}, {"good", "reversed"}, ref, Direction::LowerIsBetter, o);
    EXPECT_EQ(low[0].verdict, SignVerdict::reversed);
    EXPECT_EQ(low[1].verdict, SignVerdict::agrees);
}
