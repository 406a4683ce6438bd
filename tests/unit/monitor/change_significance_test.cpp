// Significance of a change (monitor/change_significance.hpp) against a distribution
// worked by hand: with one indicator on an identity scale (goalposts 0..100), the index
// is the value, and measurement error of half-width a, independent in both years, makes
// the change delta + a (v2 - v1) with v1, v2 uniform on [-1, 1]: triangular on
// [delta - 2a, delta + 2a]. Its 5 % quantile t solves (t + 2a)^2 / (8 a^2) = 0.05, so
// the 90 % interval is delta -+ a (2 - sqrt(0.4)) = delta -+ 1.367544 a.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "monitor/change_significance.hpp"

using namespace leefbaar;
using namespace leefbaar::index;
using namespace leefbaar::monitor;

namespace {

struct Case {
    FeatureTable table;
    IndexOptions options;
};

// Three units, two years (rows year-major): changes +5, +0.5, -3.
Case two_years() {
    Case c;
    c.table.resize(6);
    auto& v = c.table.add_column("v", ColumnType::Float64);
    const double x[] = {40, 50, 60, 45, 50.5, 57};
    for (std::size_t r = 0; r < 6; ++r) v.set(r, x[r]);
    IndicatorSpec s;
    s.name = s.label = "v";
    s.domain = "d";
    s.source.column = "v";
    s.normalisation = Normalisation::Goalposts;
    s.goal_low = 0;
    s.goal_high = 100;
    c.options.indicators = {s};
    c.options.domains = {{"d", "d", 1.0}};
    c.options.outliers.method = OutlierMethod::None;
    return c;
}

}  // namespace

TEST(ChangeSignificance, IntervalOfTheChangeIsTheTriangularOneWorkedByHand) {
    Case c = two_years();
    const IndexModel model(c.table, c.options);
    FeatureTable scored = c.table;
    const IndexResult det = compute_index(scored, model);
    UncertaintyOptions u;
    u.runs = 20000;
    u.seed = 7;
    u.weight_range = 0;  // only the measurement error is uncertain
    u.error_absolute = {std::vector<double>(6, 1.0)};
    const ChangeMonteCarlo mc = change_intervals(model, det, u, {{0, 1}}, 3, 0.90);
    ASSERT_EQ(mc.pairs.size(), 1u);
    const auto& ci = mc.pairs[0];
    const double half = 2.0 - std::sqrt(0.4);  // 1.367544
    const double delta[] = {5, 0.5, -3};
    for (std::size_t u2 = 0; u2 < 3; ++u2) {
        // 20,000 runs: the quantile's standard error is ~0.01 here.
        EXPECT_NEAR(ci.low[u2], delta[u2] - half, 0.05) << u2;
        EXPECT_NEAR(ci.high[u2], delta[u2] + half, 0.05) << u2;
    }
    EXPECT_EQ(ci.significant, (std::vector<int>{1, 0, -1}));
    EXPECT_EQ(mc.uncertainty.factors, (std::vector<std::string>{"measurement"}));
}

TEST(ChangeSignificance, RelativeErrorAndTheSameResultForAnyThreadCount) {
    Case c = two_years();
    const IndexModel model(c.table, c.options);
    FeatureTable scored = c.table;
    const IndexResult det = compute_index(scored, model);
    UncertaintyOptions u;
    u.runs = 500;
    u.weight_range = 0;
    u.error_relative = {0.05};  // +-5 % of 40..60: +-2..3 points
    u.threads = 1;
    const auto one = change_intervals(model, det, u, {{0, 1}}, 3, 0.90);
    u.threads = 2;
    const auto two = change_intervals(model, det, u, {{0, 1}}, 3, 0.90);
    EXPECT_EQ(one.pairs[0].low, two.pairs[0].low);
    EXPECT_EQ(one.pairs[0].high, two.pairs[0].high);
    // Unit B: 50 -> 50.5 under +-2.5 points of error in each year: not significant.
    EXPECT_EQ(one.pairs[0].significant[1], 0);
    EXPECT_LT(one.pairs[0].low[1], 0);
    EXPECT_GT(one.pairs[0].high[1], 0);
    u.runs = 0;
    EXPECT_THROW(change_intervals(model, det, u, {{0, 1}}, 3, 0.90), UsageError);
}
