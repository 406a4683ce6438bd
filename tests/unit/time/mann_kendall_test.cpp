// The Mann-Kendall test against hand-worked series and a published worked example.
// Formulas (Gilbert 1987, "Statistical Methods for Environmental Pollution
// Monitoring", §16.4): S = Σ_{i<j} sign(x_j - x_i); Var(S) = [n(n-1)(2n+5) -
// Σ t(t-1)(2t+5)]/18 over groups of t tied values; z = (S-1)/sd for S > 0, (S+1)/sd
// for S < 0; p = 2(1 - Φ(|z|)). tau-b = S / sqrt(n0 (n0 - n1)), n0 = n(n-1)/2,
// n1 = Σ t(t-1)/2 (R Kendall::MannKendall). The p-values below are
// erfc(|z|/√2), evaluated with Python's math.erfc from the hand-worked z.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "time/mann_kendall.hpp"

using namespace leefbaar;

TEST(MannKendall, StrictlyIncreasingFive) {
    // 1..5: all 10 pairs increase, S = 10; Var = 5*4*15/18 = 16.667;
    // z = 9/sqrt(16.667) = 2.2045407685; p = 0.0274863361; tau = 1.
    const auto r = mann_kendall({1, 2, 3, 4, 5});
    EXPECT_EQ(r.n, 5u);
    EXPECT_DOUBLE_EQ(r.s, 10);
    EXPECT_NEAR(r.variance, 300.0 / 18.0, 1e-12);
    EXPECT_NEAR(r.z, 2.2045407685048604, 1e-12);
    EXPECT_NEAR(r.p, 0.027486336111510353, 1e-12);
    EXPECT_DOUBLE_EQ(r.tau, 1.0);
}

TEST(MannKendall, TiesCorrectVarianceAndTau) {
    // 1, 2, 2, 3: pairs (1,2)+ (1,2)+ (1,3)+ (2,2)0 (2,3)+ (2,3)+, S = 5. One pair of
    // ties (t = 2): Var = (4*3*13 - 2*1*9)/18 = 138/18 = 7.667; z = 4/sqrt(7.667) =
    // 1.4446302370; p = 0.1485617749; tau-b = 5/sqrt(6 (6 - 1)) = 0.9128709292.
    const auto r = mann_kendall({1, 2, 2, 3});
    EXPECT_DOUBLE_EQ(r.s, 5);
    EXPECT_NEAR(r.variance, 138.0 / 18.0, 1e-12);
    EXPECT_NEAR(r.z, 1.4446302370292303, 1e-12);
    EXPECT_NEAR(r.p, 0.1485617748918687, 1e-12);
    EXPECT_NEAR(r.tau, 0.9128709291752769, 1e-12);
}

TEST(MannKendall, DecreasingWithTripleTie) {
    // 5, 3, 3, 3, 1, 2: rows of sign(x_j - x_i) sum to -5, -2, -2, -2, +1: S = -10.
    // A group of three ties: Var = (6*5*17 - 3*2*11)/18 = 444/18 = 24.667;
    // z = (S + 1)/sd = -9/4.96655 = -1.8121213491; p = 0.0699674483;
    // tau-b = -10/sqrt(15 (15 - 3)) = -0.7453559925.
    const auto r = mann_kendall({5, 3, 3, 3, 1, 2});
    EXPECT_DOUBLE_EQ(r.s, -10);
    EXPECT_NEAR(r.variance, 444.0 / 18.0, 1e-12);
    EXPECT_NEAR(r.z, -1.8121213490778656, 1e-12);
    EXPECT_NEAR(r.p, 0.06996744829844564, 1e-12);
    EXPECT_NEAR(r.tau, -0.7453559924999299, 1e-12);
}

TEST(MannKendall, PublishedWorkedExample) {
    // J. Little, "A Mann-Kendall Example ('By Hand')", College of the Holy Cross
    // (mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt): 14 values,
    // 72 increases, 18 decreases, one tie: S = 54; V = 14*13*33/18 - 2*1*9/18 =
    // 332.667; Z = 53/sqrt(V) = 2.9058 "approximately"; one-sided p about .0018.
    // Our two-sided p is twice the one-sided: erfc(2.905837/√2) = 0.0036627238.
    const auto r = mann_kendall({12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7});
    EXPECT_DOUBLE_EQ(r.s, 54);
    EXPECT_NEAR(r.variance, 332.0 + 2.0 / 3.0, 1e-9);
    EXPECT_NEAR(r.z, 2.9058, 5e-5);
    EXPECT_NEAR(r.z, 2.905836845996537, 1e-12);
    EXPECT_NEAR(r.p, 0.003662723762882436, 1e-12);
    EXPECT_NEAR(r.p / 2, 0.0018, 5e-5);
    // tau-b = 54/sqrt(91 (91 - 1)) = 0.5966941897.
    EXPECT_NEAR(r.tau, 0.5966941897186163, 1e-12);
}

TEST(MannKendall, MissingValuesAreLeftOut) {
    // NaN is dropped and the series shortened (Gilbert 1987; pymannkendall): the same
    // as 1, 2, 2, 3 above.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto r = mann_kendall({1, nan, 2, 2, nan, 3});
    EXPECT_EQ(r.n, 4u);
    EXPECT_DOUBLE_EQ(r.s, 5);
    EXPECT_NEAR(r.z, 1.4446302370292303, 1e-12);
}

TEST(MannKendall, ConstantSeriesHasNoTrend) {
    // All values tied: Var(S) = (n(n-1)(2n+5) - n(n-1)(2n+5))/18 = 0; S = 0.
    const auto r = mann_kendall({2, 2, 2, 2});
    EXPECT_DOUBLE_EQ(r.s, 0);
    EXPECT_DOUBLE_EQ(r.z, 0);
    EXPECT_DOUBLE_EQ(r.p, 1);
    EXPECT_DOUBLE_EQ(r.tau, 0);
}

TEST(MannKendall, TooShortSeriesIsADataError) {
    EXPECT_THROW(mann_kendall({1, 2}), DataError);
    EXPECT_THROW(mann_kendall({1, std::nan(""), 2}), DataError);
    // Three values are enough; strictly increasing gives S = 3, Var = 3*2*11/18,
    // z = 2/sqrt(3.667) = 1.0444659357, p = 0.2962699 (never significant at 10 %).
    const auto r = mann_kendall({1, 2, 3});
    EXPECT_NEAR(r.z, 2.0 / std::sqrt(66.0 / 18.0), 1e-12);
    EXPECT_GT(r.p, 0.29);
}
