// Aggregation to areas, worked by hand: a rate recomputed from its summed parts is not
// the mean of the units' rates; population weights; a unit split between two drawn
// areas; conservation of counts (sum over areas = sum over units, to 1e-9).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

#include "areas/aggregate.hpp"
#include "core/error.hpp"
#include "support/index_fixtures.hpp"

using namespace leefbaar;
using namespace leefbaar::areas;
using test::set_column;

namespace {

// Two units in one area: A, 100 inhabitants of whom 10 on benefits (100 per 1,000);
// B, 1,000 inhabitants of whom 1 (1 per 1,000).
FeatureTable two_units() {
    FeatureTable t;
    t.resize(2);
    set_column(t, "benefits", {10, 1});
    set_column(t, "inhabitants", {100, 1000});
    set_column(t, "woz", {200, 300});
    set_column(t, "dwellings", {50, 150});
    return t;
}

AreaLevel one_area(std::size_t units, const std::vector<double>& shares = {}) {
    AreaLevel l;
    l.name = "area";
    l.codes = {"X"};
    l.names = {"X"};
    l.members.resize(1);
    for (std::size_t u = 0; u < units; ++u) l.members[0].push_back({u, shares.empty() ? 1.0 : shares[u]});
    l.main_area.assign(units, 0);
    l.parent_area = {-1};
    return l;
}

}  // namespace

TEST(AreaAggregate, ARateIsRecomputedFromItsPartsNotAveraged) {
    const auto t = two_units();
    AreaIndicator ind{"bijstand", Rule::Ratio, "benefits", "inhabitants", 1000.0, "", false};
    const auto r = aggregate_indicator(t, one_area(2), ind);
    // 1000 x (10 + 1) / (100 + 1000) = 10 per 1,000; the mean of the rates is (100 + 1) / 2 = 50.5.
    EXPECT_DOUBLE_EQ(r.value[0], 10.0);
    EXPECT_DOUBLE_EQ(r.coverage[0], 1.0);
}

TEST(AreaAggregate, AMeanIsWeightedAsStated) {
    const auto t = two_units();
    // (50 x 200 + 150 x 300) / 200 = 275 (mean WOZ value per dwelling); unweighted 250.
    const auto weighted = aggregate_indicator(t, one_area(2), {"woz", Rule::Mean, "woz", "", 1.0, "dwellings", false});
    EXPECT_DOUBLE_EQ(weighted.value[0], 275.0);
    const auto plain = aggregate_indicator(t, one_area(2), {"woz", Rule::Mean, "woz", "", 1.0, "", false});
    EXPECT_DOUBLE_EQ(plain.value[0], 250.0);
    EXPECT_DOUBLE_EQ(area_mean(one_area(2), {2.0, 5.0}, {1.0, 3.0})[0], 4.25);  // (2 + 15) / 4
}

TEST(AreaAggregate, MissingPartsLeaveBothSumsAndLowerTheCoverage) {
    auto t = two_units();
    t.column("benefits").set_null(1);
    const auto r = aggregate_indicator(t, one_area(2), {"bijstand", Rule::Ratio, "benefits", "inhabitants", 1000.0, "", false});
    EXPECT_DOUBLE_EQ(r.value[0], 100.0);  // unit A alone: 1000 x 10 / 100
    EXPECT_DOUBLE_EQ(r.coverage[0], 0.5);
}

TEST(AreaAggregate, ARatioWithoutDenominatorIsRefused) {
    const auto t = two_units();
    try {
        aggregate_indicator(t, one_area(2), {"bijstand", Rule::Ratio, "benefits", "", 1000.0, "", false});
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("needs a denominator"), std::string::npos) << e.what();
    }
}

// Unit 0 (100 inhabitants, 10 on benefits) lies 30 % in P and 70 % in Q; unit 1
// (1,000, 1) wholly in Q. Split by area share: P gets 30 inhabitants and 3 recipients,
// Q 1,070 and 8; the rate of each area is the rate of its parts.
TEST(AreaAggregate, AUnitSplitBetweenTwoDrawnAreasIsApportioned) {
    const auto t = two_units();
    AreaLevel l;
    l.codes = {"P", "Q"};
    l.members = {{{0, 0.3}}, {{0, 0.7}, {1, 1.0}}};
    const auto inh = aggregate_indicator(t, l, {"inh", Rule::Sum, "inhabitants", "", 1.0, "", false});
    EXPECT_NEAR(inh.value[0], 30.0, 1e-12);
    EXPECT_NEAR(inh.value[1], 1070.0, 1e-12);
    const auto rate = aggregate_indicator(t, l, {"bijstand", Rule::Ratio, "benefits", "inhabitants", 1000.0, "", false});
    EXPECT_NEAR(rate.value[0], 100.0, 1e-12);             // 1000 x 3 / 30
    EXPECT_NEAR(rate.value[1], 1000.0 * 8 / 1070, 1e-12);  // 1000 x (7 + 1) / (70 + 1000)
}

TEST(AreaAggregate, CountsAreConservedOverAreas) {
    std::mt19937_64 rng(7);
    const std::size_t n = 5000, areas = 37;
    std::vector<double> x(n);
    std::uniform_real_distribution<double> val(0, 5000), u01(0, 1);
    for (auto& v : x) v = std::floor(val(rng));
    FeatureTable t;
    t.resize(n);
    set_column(t, "count", x);
    AreaLevel l;
    l.members.resize(areas);
    for (std::size_t a = 0; a < areas; ++a) l.codes.push_back("A" + std::to_string(a));
    for (std::size_t u = 0; u < n; ++u) {
        // A third of the units split over two areas by a random share.
        const std::size_t a = rng() % areas, b = (a + 1 + rng() % (areas - 1)) % areas;
        const double s = u % 3 == 0 ? u01(rng) : 1.0;
        l.members[a].push_back({u, s});
        if (s < 1.0) l.members[b].push_back({u, 1.0 - s});
    }
    const auto r = aggregate_indicator(t, l, {"count", Rule::Sum, "count", "", 1.0, "", false});
    double units = 0, over_areas = 0;
    for (double v : x) units += v;
    for (double v : r.value) over_areas += v;
    EXPECT_NEAR(over_areas, units, 1e-9 * units);
    EXPECT_NEAR(over_areas / units, 1.0, 1e-12);
}
