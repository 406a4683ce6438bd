// Classification, PCA weights and Cronbach's alpha against values derived from
// their definitions. Fisher-Jenks is checked against exhaustive enumeration of
// every partition of the sorted values (the definition of the optimal breaks:
// least within-class sum of squares, Fisher 1958), which is independent of the
// dynamic programme under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "core/random.hpp"
#include "index/audit.hpp"
#include "index/classify.hpp"
#include "index/pca.hpp"

using namespace leefbaar;
using namespace leefbaar::index;

namespace {
// Least within-class sum of squares over all ways to cut the sorted distinct values into k groups.
double best_ss_by_enumeration(std::vector<double> x, int k) {
    std::sort(x.begin(), x.end());
    std::vector<double> d = x;
    d.erase(std::unique(d.begin(), d.end()), d.end());
    const int m = static_cast<int>(d.size());
    double best = std::numeric_limits<double>::infinity();
    std::vector<double> upper;
    std::function<void(int, int)> rec = [&](int from, int left) {
        if (left == 0) {
            best = std::min(best, within_ss(x, upper));
            return;
        }
        for (int i = from; i <= m - 1 - left; ++i) {  // cut after distinct value i
            upper.push_back(d[static_cast<std::size_t>(i)]);
            rec(i + 1, left - 1);
            upper.pop_back();
        }
    };
    rec(0, k - 1);
    return best;
}
}  // namespace

TEST(FisherJenks, ObviousGroups) {
    // Three well separated groups: the optimal 3-class breaks are after 3 and after 12.
    const std::vector<double> x{1, 2, 3, 10, 11, 12, 20, 21, 22};
    EXPECT_EQ(fisher_jenks_breaks(x, 3), (std::vector<double>{3, 12}));
}

TEST(FisherJenks, OptimalAgainstExhaustiveEnumeration) {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        auto rng = stream_for(seed, 0);
        const std::size_t n = 6 + uniform_below(rng, 9);
        std::vector<double> x;
        for (std::size_t i = 0; i < n; ++i) x.push_back(static_cast<double>(uniform_below(rng, 30)));  // ties happen
        for (int k = 2; k <= 5; ++k) {
            const auto b = fisher_jenks_breaks(x, k);
            std::vector<double> d = x;
            std::sort(d.begin(), d.end());
            d.erase(std::unique(d.begin(), d.end()), d.end());
            if (static_cast<int>(d.size()) < k) continue;
            ASSERT_EQ(b.size(), static_cast<std::size_t>(k - 1));
            EXPECT_NEAR(within_ss(x, b), best_ss_by_enumeration(x, k), 1e-9) << "seed " << seed << " k " << k;
        }
    }
}

TEST(Classify, QuantilesEqualIntervalAndUserBreaks) {
    std::vector<double> x;
    for (int i = 1; i <= 10; ++i) x.push_back(i);
    ClassOptions o;
    o.method = ClassMethod::Quantiles;
    o.classes = 5;
    // Type 7 quantile at p: h = 9p; 0.2 -> 1 + 1.8 = 2.8, 0.4 -> 4.6, 0.6 -> 6.4, 0.8 -> 8.2.
    auto q = classify(x, o);
    ASSERT_EQ(q.upper.size(), 4u);
    EXPECT_NEAR(q.upper[0], 2.8, 1e-12);
    EXPECT_NEAR(q.upper[1], 4.6, 1e-12);
    EXPECT_NEAR(q.upper[2], 6.4, 1e-12);
    EXPECT_NEAR(q.upper[3], 8.2, 1e-12);
    EXPECT_EQ(q.cls, (std::vector<int>{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}));
    // Equal interval on 0..10, 4 classes: 2.5, 5, 7.5; 5 is in class 2 (upper bounds inclusive).
    o.method = ClassMethod::EqualInterval;
    o.classes = 4;
    auto e = classify({0, 2.5, 5, 7.6, 10}, o);
    EXPECT_EQ(e.upper, (std::vector<double>{2.5, 5, 7.5}));
    EXPECT_EQ(e.cls, (std::vector<int>{1, 1, 2, 4, 4}));
    o.method = ClassMethod::UserBreaks;
    o.breaks = {40, 60};
    auto u = classify({10, 40, 41, 99, NAN}, o);
    EXPECT_EQ(u.cls, (std::vector<int>{1, 1, 2, 3, 0}));
}

TEST(Classify, LeefbaarometerNineClassesFromStandardDeviations) {
    // {-2,-1,0,1,2}: mean 0, sd = sqrt(10/4) = 1.5811; z = -1.265, -0.632, 0, 0.632, 1.265.
    // Bounds at -1.75 -1.25 -0.75 -0.25 0.25 0.75 1.25 1.75 sd:
    // -1.265 -> class 2 (ruim onvoldoende), -0.632 -> 4 (zwak), 0 -> 5 (voldoende),
    // 0.632 -> 6 (ruim voldoende), 1.265 -> 8 (zeer goed).
    ClassOptions o;
    o.method = ClassMethod::Leefbaarometer;
    auto c = classify({-2, -1, 0, 1, 2}, o);
    EXPECT_EQ(c.cls, (std::vector<int>{2, 4, 5, 6, 8}));
    ASSERT_EQ(c.labels.size(), 9u);
    EXPECT_EQ(c.labels.front(), "zeer onvoldoende");
    EXPECT_EQ(c.labels[4], "voldoende");
    EXPECT_EQ(c.labels.back(), "uitstekend");
}

TEST(Classify, StandardDeviations) {
    // Same data: bounds at mean + {-2,-1,0,1,2} sd = -3.162, -1.581, 0, 1.581, 3.162.
    // -2 -> class 2, -1 -> 3, 0 -> 3 (inclusive upper bound), 1 -> 4, 2 -> 5.
    ClassOptions o;
    o.method = ClassMethod::StdDev;
    auto c = classify({-2, -1, 0, 1, 2}, o);
    EXPECT_EQ(c.cls, (std::vector<int>{2, 3, 3, 4, 5}));
    EXPECT_EQ(c.labels.size(), 6u);
}

TEST(Pca, WeightsFromTheFirstComponentOfTheCorrelationMatrix) {
    // x2 = 2 x1 (correlation 1); x3 = (1,-1,-1,1) is uncorrelated with x1 (centred x1 =
    // -1.5,-0.5,0.5,1.5; dot product -1.5+0.5-0.5+1.5 = 0). Correlation matrix
    // [[1,1,0],[1,1,0],[0,0,1]]: eigenvalues 2, 1, 0; first eigenvector (1,1,0)/sqrt 2,
    // so squared loadings (weights) 0.5, 0.5, 0 and explained shares 2/3, 1/3, 0.
    const std::vector<double> x1{1, 2, 3, 4}, x2{2, 4, 6, 8}, x3{1, -1, -1, 1};
    auto p = principal_components({&x1, &x2, &x3});
    ASSERT_EQ(p.weights.size(), 3u);
    EXPECT_NEAR(p.weights[0], 0.5, 1e-12);
    EXPECT_NEAR(p.weights[1], 0.5, 1e-12);
    EXPECT_NEAR(p.weights[2], 0.0, 1e-12);
    EXPECT_NEAR(p.explained[0], 2.0 / 3, 1e-12);
    EXPECT_NEAR(p.explained[1], 1.0 / 3, 1e-12);
    EXPECT_EQ(p.rows_used, 4u);
}

TEST(Pca, TwoVariablesSplitEquallyAndExplainHalfOnePlusR) {
    // For two standardised variables with correlation r the eigenvalues are 1 +- r and
    // the first eigenvector is (1,1)/sqrt 2. a = 1,2,3,4; b = 1,3,2,4: r = 0.8
    // (centred: -1.5,-0.5,0.5,1.5 and -1.5,0.5,-0.5,1.5; dot product 2.25-0.25-0.25+2.25 = 4,
    // sums of squares 5 and 5, r = 4/5).
    const std::vector<double> a{1, 2, 3, 4}, b{1, 3, 2, 4};
    auto p = principal_components({&a, &b});
    EXPECT_NEAR(p.weights[0], 0.5, 1e-12);
    EXPECT_NEAR(p.explained[0], 0.9, 1e-12);  // (1 + 0.8) / 2
}

TEST(Audit, CronbachAlphaByHand) {
    // x = 1,2,3 (variance 1); y = 2,2,5 (mean 3, deviations -1,-1,2, variance 6/2 = 3);
    // total 3,4,8 (mean 5, deviations -2,-1,3, variance 14/2 = 7).
    // alpha = 2/(2-1) (1 - (1 + 3)/7) = 2 * 3/7 = 6/7.
    const std::vector<double> x{1, 2, 3}, y{2, 2, 5};
    EXPECT_NEAR(cronbach_alpha({&x, &y}), 6.0 / 7, 1e-12);
}
