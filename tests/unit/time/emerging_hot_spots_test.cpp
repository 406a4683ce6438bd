// The Emerging Hot Spot step on a 7 x 7 rook lattice over six time steps with
// planted spots (values 1 everywhere else, so that only the planted spots can be
// unusual for their neighbourhood):
//   G, the corner units 0, 1, 7: 1 until step 3, then 4, 6, 8 (appears and grows);
//   N, the opposite corner 48, 47, 41: 8 in the final step only;
//   K, the corner 42, 35, 43: -3 in every step.
// The expected categories follow from ArcGIS's rules (emerging_categories_test.cpp)
// applied to the significance worked out for each spot below; the Gi* per step
// must be exactly the single-step Gi* (local_g) of that step.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "spatial/weights_ops.hpp"
#include "time/emerging_hot_spots.hpp"
#include "support/rook_lattice.hpp"

using namespace leefbaar;

namespace {

constexpr std::size_t kSteps = 6;

SpaceTimeValues planted() {
    SpaceTimeValues d;
    for (std::size_t t = 0; t < kSteps; ++t) d.steps.push_back(std::to_string(2015 + t));
    d.values.assign(49, std::vector<double>(kSteps, 1.0));
    const double g[kSteps] = {1, 1, 1, 4, 6, 8};
    for (std::size_t t = 0; t < kSteps; ++t) {
        for (std::size_t u : {0u, 1u, 7u}) d.values[u][t] = g[t];
        for (std::size_t u : {42u, 35u, 43u}) d.values[u][t] = -3;
    }
    for (std::size_t u : {48u, 47u, 41u}) d.values[u][kSteps - 1] = 8;
    return d;
}

EmergingHotSpotOptions options() { return {.permutations = 999, .seed = 2024}; }

// Runs the analysis on `data` and expects a DataError whose message names `what`.
void expect_data_error_naming(const SpaceTimeValues& data, const std::string& what) {
    try {
        emerging_hot_spots(test::rook_lattice(7), data, options());
        FAIL() << "expected a DataError naming " << what;
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
}

std::vector<double> column(const SpaceTimeValues& d, std::size_t t) {
    std::vector<double> x;
    for (const auto& row : d.values) x.push_back(row[t]);
    return x;
}

}  // namespace

TEST(EmergingHotSpots, PlantedSpots) {
    const auto w = test::rook_lattice(7);
    const auto r = emerging_hot_spots(w, planted(), options());
    ASSERT_EQ(r.gistar.size(), kSteps);
    // G's corner (unit 0; its Gi* neighbourhood is itself, 1 and 7): in steps 3-5 all
    // three are high, and only the 2 of 48 others drawn from the other high units
    // reach that sum: p about C(2,2)/C(48,2) = 0.001 (step 3, 4) and C(5,2)/C(48,2) =
    // 0.009 (step 5, with N); before, it is ordinary. Hot in the final three steps,
    // never before, 3 of 6 < 90 %: consecutive hot spot.
    EXPECT_EQ(unit_signs(r, 0), (std::vector<StepSign>{0, 0, 0, 1, 1, 1}));
    EXPECT_EQ(r.category[0], EmergingCategory::ConsecutiveHot);
    // N's corner (unit 48): significant in the final step only: new hot spot.
    EXPECT_EQ(unit_signs(r, 48), (std::vector<StepSign>{0, 0, 0, 0, 0, 1}));
    EXPECT_EQ(r.category[48], EmergingCategory::NewHot);
    // The centre (unit 24) is 1 like all its neighbours every step: no pattern.
    EXPECT_EQ(unit_signs(r, 24), (std::vector<StepSign>(kSteps, 0)));
    EXPECT_EQ(r.category[24], EmergingCategory::NoPattern);
    // K's corner (unit 42) is a significant cold spot every step. Its values never
    // change, but its Gi* z does: the hot spots raise the mean and the variance, so
    // its z rises towards 0 in steps 3-5 (z_0 = z_1 = z_2 < z_3 < z_4 < z_5: S = 9 +
    // 3 = 12, one group of 3 ties, Var = (6*5*17 - 3*2*11)/18 = 24.667, z = 11/4.967
    // = 2.2147, p = 0.0268): a significant weakening of the cold spot, "diminishing
    // cold spot". Gi* z is relative to the whole map in each step.
    EXPECT_EQ(unit_signs(r, 42), (std::vector<StepSign>(kSteps, -1)));
    EXPECT_DOUBLE_EQ(r.trend[42].s, 12);
    EXPECT_NEAR(r.trend[42].variance, 444.0 / 18.0, 1e-12);
    EXPECT_NEAR(r.trend[42].z, 11.0 / std::sqrt(444.0 / 18.0), 1e-12);
    EXPECT_EQ(r.category[42], EmergingCategory::DiminishingCold);
    // G's z series: identical in steps 0-2 (same data), rising after.
    EXPECT_GT(r.trend[0].z, 0);
    EXPECT_TRUE(r.warnings.empty());
}

TEST(EmergingHotSpots, EachStepIsTheSingleStepGiStar) {
    // Binary weights with the unit itself (spdep include.self), the same seed: the
    // numbers of `leefbaar hotspots` on that step's values.
    const auto w = test::rook_lattice(7);
    const auto data = planted();
    const auto r = emerging_hot_spots(w, data, options());
    auto wb = w;
    binarise(wb);
    const auto wstar = include_self(wb);
    const LocalInferenceOptions inf{.permutations = 999, .seed = 2024, .alpha = 0.10};
    for (std::size_t t = 0; t < kSteps; ++t) {
        const auto ref = local_g(column(data, t), wstar, true, inf);
        EXPECT_EQ(r.gistar[t].z, ref.z) << "step " << t;
        EXPECT_EQ(r.gistar[t].p, ref.p) << "step " << t;
        EXPECT_EQ(r.gistar[t].significant, ref.significant) << "step " << t;
    }
}

TEST(EmergingHotSpots, SameResultForAnyThreadCount) {
    const auto w = test::rook_lattice(7);
    auto o1 = options();
    o1.threads = 1;
    auto o2 = options();
    o2.threads = 2;
    const auto a = emerging_hot_spots(w, planted(), o1);
    const auto b = emerging_hot_spots(w, planted(), o2);
    for (std::size_t t = 0; t < kSteps; ++t) EXPECT_EQ(a.gistar[t].p, b.gistar[t].p);
    EXPECT_EQ(a.category, b.category);
}

TEST(EmergingHotSpots, MissingValueIsNotSignificantThatStep) {
    // G's corner without a value in the final step: NaN Gi* there, a warning naming
    // the step, the trend from the five other steps, and hot in steps 3 and 4 only,
    // then not significant: the rules need the final step, so no pattern.
    auto data = planted();
    data.values[0][kSteps - 1] = std::nan("");
    const auto r = emerging_hot_spots(test::rook_lattice(7), data, options());
    EXPECT_TRUE(std::isnan(r.gistar[kSteps - 1].z[0]));
    EXPECT_EQ(r.gistar[kSteps - 1].category[0], "Undefined");
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("2020"), std::string::npos);
    EXPECT_EQ(r.trend[0].n, kSteps - 1);
    EXPECT_EQ(r.category[0], EmergingCategory::NoPattern);
}

TEST(EmergingHotSpots, BadInput) {
    const auto w = test::rook_lattice(7);
    auto two = planted();
    two.steps.resize(2);
    for (auto& row : two.values) row.resize(2);
    EXPECT_THROW(emerging_hot_spots(w, two, options()), DataError);  // too short for Mann-Kendall

    auto ragged = planted();
    ragged.values[5].pop_back();
    expect_data_error_naming(ragged, "unit '5'");
    auto empty_step = planted();
    for (auto& row : empty_step.values) row[2] = std::nan("");
    expect_data_error_naming(empty_step, "2017");

    auto o = options();
    o.alpha = 1.5;
    EXPECT_THROW(emerging_hot_spots(w, planted(), o), UsageError);
    o = options();
    o.alternative = "sideways";
    EXPECT_THROW(emerging_hot_spots(w, planted(), o), UsageError);
}

TEST(EmergingHotSpots, ProgressReportsAndCancels) {
    // Fractions rise to 1; a callback returning false stops the analysis (Cancelled).
    std::vector<double> seen;
    const Progress record([&](double f, const std::string&) {
        seen.push_back(f);
        return true;
    });
    emerging_hot_spots(test::rook_lattice(7), planted(), options(), record);
    ASSERT_FALSE(seen.empty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_DOUBLE_EQ(seen.back(), 1.0);
    const Progress stop([](double, const std::string&) { return false; });
    EXPECT_THROW(emerging_hot_spots(test::rook_lattice(7), planted(), options(), stop), Cancelled);
}
