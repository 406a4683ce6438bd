// Differential Local Moran (GeoDa's "Differential Moran's I"; Anselin, GeoDa
// workbook "Local Spatial Autocorrelation": Local Moran of the change) against a
// hand-worked case and against Local Moran on the precomputed change.
#include <gtest/gtest.h>

#include <cmath>

#include "spatial/weights_ops.hpp"
#include "time/differential_moran.hpp"
#include "support/rook_lattice.hpp"

using namespace leefbaar;

namespace {

// The path 0 - 1 - 2 - 3, binary.
SpatialWeights path4() {
    SpatialWeights w;
    w.neighbours = {{1}, {0, 2}, {1, 3}, {2}};
    w.weights = {{1}, {1, 1}, {1, 1}, {1}};
    w.ids = {"a", "b", "c", "d"};
    return w;
}

LocalInferenceOptions inference() { return {.permutations = 499, .seed = 7}; }

}  // namespace

TEST(DifferentialMoran, HandWorkedPath) {
    // before = 1, 2, 3, 4; after = 2, 4, 3, 8; change d = 1, 2, 0, 4.
    // mean d = 7/4; deviations z = -0.75, 0.25, -1.75, 2.25; m2 = Σz²/n =
    // (0.5625 + 0.0625 + 3.0625 + 5.0625)/4 = 2.1875. Row-standardised lag of z:
    // 0.25, (-0.75 - 1.75)/2 = -1.25, (0.25 + 2.25)/2 = 1.25, -1.75.
    // I_i = z_i lag_i / m2 (spdep/GeoDa scaling): -0.1875/2.1875 = -3/35,
    // -0.3125/2.1875 = -1/7, -2.1875/2.1875 = -1, -3.9375/2.1875 = -1.8.
    const auto r = differential_local_moran({1, 2, 3, 4}, {2, 4, 3, 8}, path4(), WeightsTransform::Row, inference());
    EXPECT_EQ(r.change, (std::vector<double>{1, 2, 0, 4}));
    EXPECT_NEAR(r.lisa.value[0], -3.0 / 35.0, 1e-12);
    EXPECT_NEAR(r.lisa.value[1], -1.0 / 7.0, 1e-12);
    EXPECT_NEAR(r.lisa.value[2], -1.0, 1e-12);
    EXPECT_NEAR(r.lisa.value[3], -1.8, 1e-12);
    // Quadrants from the signs of z_i and its lag: d (-,+) Low-High, (+,-) High-Low,
    // (-,+) Low-High, (+,-) High-Low.
    EXPECT_EQ(r.lisa.quadrant, (std::vector<std::string>{"Low-High", "High-Low", "Low-High", "High-Low"}));
}

TEST(DifferentialMoran, EqualsLocalMoranOfTheChange) {
    // On a 5 x 5 rook lattice the result is Local Moran of the precomputed change,
    // number for number (same draws: the same seed and units).
    const auto w = test::rook_lattice(5);
    std::vector<double> before(25), after(25), change(25);
    for (int i = 0; i < 25; ++i) {
        before[static_cast<std::size_t>(i)] = (i * 7) % 11;
        after[static_cast<std::size_t>(i)] = (i * 5) % 13 + (i < 10 ? 3.0 : 0.0);
        change[static_cast<std::size_t>(i)] = after[static_cast<std::size_t>(i)] - before[static_cast<std::size_t>(i)];
    }
    const auto r = differential_local_moran(before, after, w, WeightsTransform::Row, inference());
    auto wr = w;
    row_standardise(wr);
    const auto ref = local_moran(change, wr, inference());
    EXPECT_EQ(r.change, change);
    EXPECT_EQ(r.lisa.value, ref.value);
    EXPECT_EQ(r.lisa.z, ref.z);
    EXPECT_EQ(r.lisa.p, ref.p);
    EXPECT_EQ(r.lisa.category, ref.category);
}

TEST(DifferentialMoran, MissingValueLeavesTheUnitOut) {
    // Unit b has no value after: the change is analysed among a, c, d on the weights
    // among them (a is then an island), as Local Moran of (1, 0, 4) on {c - d}.
    const double nan = std::nan("");
    const auto r = differential_local_moran({1, 2, 3, 4}, {2, nan, 3, 8}, path4(), WeightsTransform::Row, inference());
    EXPECT_TRUE(std::isnan(r.change[1]));
    EXPECT_TRUE(std::isnan(r.lisa.value[1]));
    EXPECT_EQ(r.lisa.category[1], "Undefined");
    EXPECT_EQ(r.lisa.category[0], "No neighbours");
    // d = 1, 0, 4 (a, c, d): mean 5/3, z = -2/3, -5/3, 7/3, m2 = (4 + 25 + 49)/27 =
    // 78/27; I_c = z_c z_d / m2 = (-35/9)/(78/27) = -35/26; I_d = the same.
    EXPECT_NEAR(r.lisa.value[2], -35.0 / 26.0, 1e-12);
    EXPECT_NEAR(r.lisa.value[3], -35.0 / 26.0, 1e-12);
}
