// The application of an apportion matrix, on matrices written by hand: the policy
// for missing source values (docs/methods/boundary-changes.md, "Missing values")
// and targets whose sources carry no weight.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "time/apportion.hpp"

using namespace leefbaar;

namespace {

// A (area 1) and B (area 3) merge into a unit coded A; C (area 2) is unchanged.
// Masses are the overlap areas, as areal interpolation makes them.
ApportionMatrix merge() {
    ApportionMatrix m;
    m.source_codes = {"A", "B", "C"};
    m.target_codes = {"A", "C"};
    m.weighting = "area";
    m.links = {{0, 0, 1.0, 1.0}, {1, 0, 1.0, 3.0}, {2, 1, 1.0, 2.0}};
    finalise(m);
    return m;
}

}  // namespace

// Nothing missing: A' = 10 + 30 = 40; the rate (1 x 0.1 + 3 x 0.3) / 4 = 0.25.
TEST(Apportion, MergeWithoutMissingValues) {
    const auto m = merge();
    const auto c = apportion(m, {10, 30, 7}, VariableKind::Extensive);
    EXPECT_DOUBLE_EQ(c.values[0], 40);
    EXPECT_DOUBLE_EQ(c.values[1], 7);
    EXPECT_EQ(c.missing_share, (std::vector<double>{0, 0}));
    EXPECT_DOUBLE_EQ(c.interp_share[0], 0.75);  // 30 of 40 came from B
    EXPECT_DOUBLE_EQ(c.interp_share[1], 0.0);   // C carried over
    EXPECT_DOUBLE_EQ(apportion(m, {0.1, 0.3, 0.5}, VariableKind::Intensive).values[0], 0.25);
}

// A missing: it carries 1/4 of A' (by area). The default (0) makes A' missing and
// leaves C alone; with max_missing_share 0.25 the present B stands for the whole:
// the count 30 / (1 - 1/4) = 40, the rate 0.3 (B's alone), wholly interpolated.
// With 0.2 the share 1/4 is too much: missing again.
TEST(Apportion, MissingSourcePolicy) {
    const auto m = merge();
    const double nan = std::nan("");
    const auto strict = apportion(m, {nan, 30, 7}, VariableKind::Extensive);
    EXPECT_TRUE(std::isnan(strict.values[0]));
    EXPECT_TRUE(std::isnan(strict.interp_share[0]));
    EXPECT_DOUBLE_EQ(strict.missing_share[0], 0.25);
    EXPECT_DOUBLE_EQ(strict.values[1], 7);

    const auto lenient = apportion(m, {nan, 30, 7}, VariableKind::Extensive, {.max_missing_share = 0.25});
    EXPECT_DOUBLE_EQ(lenient.values[0], 40);
    EXPECT_DOUBLE_EQ(lenient.interp_share[0], 1.0);
    const auto rate = apportion(m, {nan, 0.3, 0.5}, VariableKind::Intensive, {.max_missing_share = 0.25});
    EXPECT_DOUBLE_EQ(rate.values[0], 0.3);
    EXPECT_TRUE(std::isnan(apportion(m, {nan, 0.3, 0.5}, VariableKind::Intensive, {.max_missing_share = 0.2}).values[0]));
}

// With population weights and nobody living in A or B, A' has no rate (0/0) but
// still its counts; the missing share then falls back to the shares.
TEST(Apportion, ZeroPopulationLeavesRatesUndefined) {
    auto m = merge();
    weight_by_population(m, {0, 0, 50});
    EXPECT_EQ(m.weighting, "area x population");
    const auto r = apportion(m, {0.1, 0.3, 0.5}, VariableKind::Intensive);
    EXPECT_TRUE(std::isnan(r.values[0]));
    EXPECT_DOUBLE_EQ(r.values[1], 0.5);
    EXPECT_DOUBLE_EQ(apportion(m, {2, 3, 5}, VariableKind::Extensive).values[0], 5);
    // B has no mass but its count is missing: A' is missing, not 2.
    const auto c = apportion(m, {2, std::nan(""), 5}, VariableKind::Extensive);
    EXPECT_DOUBLE_EQ(c.missing_share[0], 0.5);
    EXPECT_TRUE(std::isnan(c.values[0]));
}

TEST(Apportion, BadOptionsAndSizes) {
    const auto m = merge();
    EXPECT_THROW(apportion(m, {1, 2, 3}, VariableKind::Extensive, {.max_missing_share = 1.0}), UsageError);
    EXPECT_THROW(apportion(m, {1, 2}, VariableKind::Extensive), UsageError);
}
