// Weights from data (index/calibrate.hpp): NNLS by hand and against brute force,
// weights recovered from a synthetic reference, cross-validation, effective and
// optimised weights with the expected numbers worked out in the comments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include <Eigen/Dense>

#include "core/error.hpp"
#include "core/random.hpp"
#include "index/calibrate.hpp"
#include "index/stats.hpp"
#include "index/validation.hpp"

using namespace leefbaar;
using namespace leefbaar::index;

namespace {

using Columns = std::vector<std::vector<double>>;

std::vector<const std::vector<double>*> ptrs(const Columns& c) {
    std::vector<const std::vector<double>*> p;
    for (const auto& v : c) p.push_back(&v);
    return p;
}

// p columns of n values uniform on [lo, hi), from the stream (seed, column).
Columns uniform_columns(std::size_t n, std::size_t p, std::uint64_t seed, double lo = 0, double hi = 100) {
    Columns c(p, std::vector<double>(n));
    for (std::size_t j = 0; j < p; ++j) {
        RandomEngine rng = stream_for(seed, j);
        for (double& v : c[j]) v = lo + (hi - lo) * uniform01(rng);
    }
    return c;
}

// intercept + scale * sum_j w_j x_j + noise uniform on [-noise, noise).
std::vector<double> linear_reference(const Columns& x, const std::vector<double>& w, double intercept, double scale, double noise,
                                     std::uint64_t seed = 99) {
    RandomEngine rng = stream_for(seed, 1000);
    std::vector<double> y(x[0].size(), intercept);
    for (std::size_t i = 0; i < y.size(); ++i) {
        for (std::size_t j = 0; j < x.size(); ++j) y[i] += scale * w[j] * x[j][i];
        y[i] += noise * (2 * uniform01(rng) - 1);
    }
    return y;
}

// Best feasible least-squares solution over all 2^p passive sets: the NNLS solution
// is the least-squares solution on its own support, and it is feasible.
Eigen::VectorXd brute_force_nnls(const Eigen::MatrixXd& A, const Eigen::VectorXd& b) {
    const auto p = A.cols();
    Eigen::VectorXd best = Eigen::VectorXd::Zero(p);
    double best_res = b.norm();
    for (unsigned mask = 1; mask < (1u << p); ++mask) {
        std::vector<Eigen::Index> cols;
        for (Eigen::Index j = 0; j < p; ++j)
            if (mask & (1u << j)) cols.push_back(j);
        Eigen::MatrixXd sub(A.rows(), static_cast<Eigen::Index>(cols.size()));
        for (std::size_t k = 0; k < cols.size(); ++k) sub.col(static_cast<Eigen::Index>(k)) = A.col(cols[k]);
        const Eigen::VectorXd s = sub.colPivHouseholderQr().solve(b);
        if (s.minCoeff() < 0) continue;
        Eigen::VectorXd x = Eigen::VectorXd::Zero(p);
        for (std::size_t k = 0; k < cols.size(); ++k) x(cols[k]) = s(static_cast<Eigen::Index>(k));
        const double res = (A * x - b).norm();
        if (res < best_res) best_res = res, best = x;
    }
    return best;
}

}  // namespace

// ---- NNLS ----

TEST(CalibrateNnls, HandWorkedThreeByTwo) {
    // A = [1 0; 0 1; 1 1], b = (1, 2, 3). Normal equations: A'A = [2 1; 1 2], A'b = (4, 5);
    // inverse (1/3)[2 -1; -1 2] gives x = (1/3)(8 - 5, -4 + 10) = (1, 2), residual 0.
    // Both components are positive, so the NNLS solution is the least-squares one.
    Eigen::MatrixXd A(3, 2);
    A << 1, 0, 0, 1, 1, 1;
    Eigen::VectorXd b(3);
    b << 1, 2, 3;
    const NnlsResult r = nnls(A, b);
    ASSERT_TRUE(r.converged);
    EXPECT_NEAR(r.x(0), 1, 1e-12);
    EXPECT_NEAR(r.x(1), 2, 1e-12);
    EXPECT_NEAR(r.residual_norm, 0, 1e-12);
}

TEST(CalibrateNnls, ActiveConstraintWhereLeastSquaresIsNegative) {
    // Same A, b = (2, -1, 0): A'b = (2, -1), unconstrained x = (1/3)(4 + 1, -2 - 2) = (5/3, -4/3).
    // With x2 = 0: minimise (x1 - 2)^2 + 1 + x1^2, so x1 = 1. KKT: residual b - Ax =
    // (1, -1, -1), A'r = (0, -2): zero on the free variable, negative on the bound one.
    // Residual norm sqrt(3).
    Eigen::MatrixXd A(3, 2);
    A << 1, 0, 0, 1, 1, 1;
    Eigen::VectorXd b(3);
    b << 2, -1, 0;
    const Eigen::VectorXd ls = A.colPivHouseholderQr().solve(b);
    EXPECT_NEAR(ls(1), -4.0 / 3, 1e-12);
    const NnlsResult r = nnls(A, b);
    ASSERT_TRUE(r.converged);
    EXPECT_NEAR(r.x(0), 1, 1e-12);
    EXPECT_EQ(r.x(1), 0.0);
    EXPECT_NEAR(r.residual_norm, std::sqrt(3.0), 1e-12);
}

TEST(CalibrateNnls, MatchesBruteForceOverAllActiveSets) {
    // p = 4, entries of A and b uniform on [-1, 1): most draws have constraints active.
    int with_active = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        RandomEngine rng = stream_for(seed, 7);
        Eigen::MatrixXd A(10, 4);
        Eigen::VectorXd b(10);
        for (Eigen::Index i = 0; i < 10; ++i) {
            for (Eigen::Index j = 0; j < 4; ++j) A(i, j) = 2 * uniform01(rng) - 1;
            b(i) = 2 * uniform01(rng) - 1;
        }
        const NnlsResult r = nnls(A, b);
        const Eigen::VectorXd expect = brute_force_nnls(A, b);
        ASSERT_TRUE(r.converged) << "seed " << seed;
        EXPECT_GE(r.x.minCoeff(), 0.0);
        for (Eigen::Index j = 0; j < 4; ++j) EXPECT_NEAR(r.x(j), expect(j), 1e-9) << "seed " << seed << " j " << j;
        with_active += (expect.array() == 0).any();
    }
    EXPECT_GE(with_active, 10);  // the constrained path was exercised
}

// ---- Calibrated weights ----

TEST(CalibrateWeights, RecoversKnownWeightsWithoutNoise) {
    // y = 10 + 3 (0.5 x1 + 0.3 x2 + 0.2 x3 + 0 x4): an exact non-negative fit exists, so
    // the slopes are 3 w*, the intercept 10 and the normalised weights w* itself.
    const std::vector<double> w{0.5, 0.3, 0.2, 0.0};
    const Columns x = uniform_columns(200, 4, 11);
    const auto r = calibrate_weights(ptrs(x), linear_reference(x, w, 10, 3, 0));
    for (std::size_t j = 0; j < 4; ++j) {
        EXPECT_NEAR(r.weights[j], w[j], 1e-9);
        EXPECT_NEAR(r.coefficients[j], 3 * w[j], 1e-9);
    }
    EXPECT_NEAR(r.intercept, 10, 1e-7);
    EXPECT_NEAR(r.rho_in_sample, 1, 1e-12);
    EXPECT_NEAR(r.rho_cross_validated, 1, 1e-12);
    EXPECT_EQ(r.rows_used, 200u);
    EXPECT_TRUE(r.warning.empty()) << r.warning;
    ASSERT_EQ(r.fold_weights.size(), 5u);
    for (const auto& fw : r.fold_weights)
        for (std::size_t j = 0; j < 4; ++j) EXPECT_NEAR(fw[j], w[j], 1e-9);
}

TEST(CalibrateWeights, RecoversKnownWeightsWithNoise) {
    // Noise uniform on [-2, 2) against a signal with sd ~ 20: the weights move by well
    // under 0.02 (least-squares slope error ~ noise sd / (sd_x sqrt(n))).
    const std::vector<double> w{0.5, 0.3, 0.2, 0.0};
    const Columns x = uniform_columns(200, 4, 12);
    const auto r = calibrate_weights(ptrs(x), linear_reference(x, w, 10, 1, 2));
    for (std::size_t j = 0; j < 4; ++j) EXPECT_NEAR(r.weights[j], w[j], 0.02) << j;
    EXPECT_NEAR(std::accumulate(r.weights.begin(), r.weights.end(), 0.0), 1.0, 1e-12);
    EXPECT_GT(r.rho_cross_validated, 0.99);
    EXPECT_TRUE(r.warning.empty()) << r.warning;
}

TEST(CalibrateWeights, SkipsAndCountsMissingRows) {
    const std::vector<double> w{0.6, 0.4};
    Columns x = uniform_columns(30, 2, 13);
    auto y = linear_reference(x, w, 0, 1, 0);
    x[0][3] = NAN;  // reference present, a column missing: skipped
    x[1][4] = NAN;
    y[5] = NAN;     // no reference
    const auto r = calibrate_weights(ptrs(x), y);
    EXPECT_EQ(r.rows_used, 27u);
    EXPECT_EQ(r.rows_skipped, 2u);
    EXPECT_EQ(r.rows_without_reference, 1u);
    EXPECT_EQ(r.fold[3], -1);
    EXPECT_EQ(r.fold[5], -1);
    EXPECT_GE(r.fold[0], 0);
    EXPECT_NEAR(r.weights[0], 0.6, 1e-9);
}

TEST(CalibrateWeights, PureNoiseOverfitsAndWarns) {
    // 25 predictors, 30 units, a reference unrelated to all of them: in sample the fit
    // picks up chance correlations (rho 0.36..0.80 over these seeds, as run), out of
    // fold they do not repeat (rho -0.31..0.16; the gap is at least 0.55).
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        Columns x = uniform_columns(30, 26, seed * 100);
        const std::vector<double> noise = x.back();
        x.pop_back();
        const auto r = calibrate_weights(ptrs(x), noise);
        EXPECT_GT(r.rho_in_sample, 0.3) << "seed " << seed;
        EXPECT_LT(r.rho_cross_validated, r.rho_in_sample - 0.3) << "seed " << seed;
        EXPECT_NE(r.warning.find("overfit"), std::string::npos) << r.warning;
    }
}

TEST(CalibrateWeights, CleanLinearReferenceDoesNotWarn) {
    const std::vector<double> w{0.25, 0.25, 0.25, 0.25};
    const Columns x = uniform_columns(100, 4, 23);
    const auto r = calibrate_weights(ptrs(x), linear_reference(x, w, 0, 1, 1));
    EXPECT_NEAR(r.rho_cross_validated, r.rho_in_sample, 0.01);
    EXPECT_GT(r.rho_in_sample, 0.99);
    EXPECT_TRUE(r.warning.empty()) << r.warning;
}

TEST(CalibrateWeights, OneColumnCarryingEverythingWarns) {
    // y = x1 exactly: the exact fit puts all weight on x1 and 0 elsewhere.
    const Columns x = uniform_columns(50, 3, 24);
    const auto r = calibrate_weights(ptrs(x), x[0]);
    EXPECT_NEAR(r.weights[0], 1, 1e-12);
    EXPECT_EQ(r.weights[1], 0.0);
    EXPECT_EQ(r.weights[2], 0.0);
    EXPECT_NE(r.warning.find("all weights but one are 0"), std::string::npos) << r.warning;
}

TEST(CalibrateWeights, ReferenceAgainstEveryColumnGivesNoWeights) {
    // y = -(x1 + x2): raising any weight worsens the fit, so NNLS keeps all slopes at 0.
    const Columns x = uniform_columns(40, 2, 26);
    const auto r = calibrate_weights(ptrs(x), linear_reference(x, {1, 1}, 0, -1, 0));
    EXPECT_EQ(r.weights, (std::vector<double>{0, 0}));
    EXPECT_TRUE(std::isnan(r.rho_in_sample));
    EXPECT_NE(r.warning.find("no column has a positive weight"), std::string::npos) << r.warning;
}

TEST(CalibrateSpearman, TiesAveragedAndMissingPairsDropped) {
    // Pairs 1..4 (the fifth has a missing a): ranks a (1, 2.5, 2.5, 4), b (1, 3, 2, 4).
    // Deviations (-1.5, 0, 0, 1.5) and (-1.5, .5, -.5, 1.5): S_ab 4.5, S_aa 4.5, S_bb 5,
    // rho = 4.5 / sqrt(22.5) = 0.9486833 (R: cor(c(1,2,2,4), c(10,30,20,40), method = "spearman")).
    EXPECT_NEAR(spearman({1, 2, 2, 4, NAN}, {10, 30, 20, 40, 5}), 4.5 / std::sqrt(22.5), 1e-12);
    EXPECT_NEAR(spearman({1, 2, 3, 4}, {1, 4, 9, 16}), 1.0, 1e-12);
}

TEST(CalibrateFolds, DependOnlyOnTheSeed) {
    const auto a = assign_folds(53, 5, 7), b = assign_folds(53, 5, 7), c = assign_folds(53, 5, 8);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    // Balanced: 53 = 5 x 10 + 3, so three folds of 11 and two of 10.
    std::vector<int> size(5, 0);
    for (int f : a) ++size[static_cast<std::size_t>(f)];
    std::sort(size.begin(), size.end());
    EXPECT_EQ(size, (std::vector<int>{10, 10, 11, 11, 11}));
    // The same through calibrate_weights, and a different seed changes the folds.
    const Columns x = uniform_columns(53, 2, 25);
    const auto y = linear_reference(x, {0.5, 0.5}, 0, 1, 5);
    CalibrationOptions o;
    o.seed = 7;
    const auto r1 = calibrate_weights(ptrs(x), y, o), r2 = calibrate_weights(ptrs(x), y, o);
    EXPECT_EQ(r1.fold, a);
    EXPECT_EQ(r1.fold, r2.fold);
    EXPECT_EQ(r1.rho_cross_validated, r2.rho_cross_validated);
    o.seed = 8;
    EXPECT_NE(calibrate_weights(ptrs(x), y, o).fold, r1.fold);
}

TEST(CalibrateErrors, FewerUnitsThanWeights) {
    // 3 predictors need 5 units; 4 have a reference.
    const Columns x = uniform_columns(4, 3, 31);
    const std::vector<double> y{1, 2, 3, 4};
    try {
        calibrate_weights(ptrs(x), y);
        FAIL() << "expected UsageError";
    } catch (const UsageError& e) {
        EXPECT_NE(e.message().find("calibration with fewer units than weights"), std::string::npos) << e.message();
        EXPECT_FALSE(e.hint().empty());
    }
}

TEST(CalibrateErrors, ConstantReference) {
    const Columns x = uniform_columns(20, 2, 32);
    const std::vector<double> y(20, 7.0);
    try {
        calibrate_weights(ptrs(x), y);
        FAIL() << "expected UsageError";
    } catch (const UsageError& e) {
        EXPECT_NE(e.message().find("same for every usable unit"), std::string::npos) << e.message();
    }
}

TEST(CalibrateErrors, AllMissingColumnAndTooFewFolds) {
    Columns x = uniform_columns(20, 2, 33);
    const auto y = linear_reference(x, {0.5, 0.5}, 0, 1, 0);
    x[1].assign(20, NAN);
    CalibrationOptions o;
    o.names = {"groen", "geluid"};
    try {
        calibrate_weights(ptrs(x), y, o);
        FAIL() << "expected UsageError";
    } catch (const UsageError& e) {
        EXPECT_NE(e.message().find("'geluid' has no value"), std::string::npos) << e.message();
    }
    const Columns small = uniform_columns(6, 1, 34);
    o.folds = 10;
    EXPECT_THROW(calibrate_weights(ptrs(small), small[0], o), UsageError);
    o.folds = 1;
    EXPECT_THROW(calibrate_weights(ptrs(x), y, o), UsageError);
}

// ---- Effective weights ----

TEST(EffectiveWeights, FourRowsByHand) {
    // x1 = (1, 2, 3, 4), x2 = (2, 0, 4, 2), index = (x1 + x2) / 2 = (1.5, 1, 3.5, 3);
    // x3 = (4, 3, 2, 1) is not in the index (nominal weight 0).
    // Deviations: x1 (-1.5, -.5, .5, 1.5), Sxx 5; x2 (0, -2, 2, 0), Sxx 8;
    // index (-.75, -1.25, 1.25, .75), S 4.25.
    // S(x1, I) = 1.125 + .625 + .625 + 1.125 = 3.5: r1 = 3.5 / sqrt(5 x 4.25) = 0.7592566;
    // S(x2, I) = 0 + 2.5 + 2.5 + 0 = 5: r2 = 5 / sqrt(8 x 4.25) = 0.8574929;
    // x3 = 5 - x1, so r3 = -r1.
    // Shares over the positive sum 1.6167495: 0.4696191, 0.5303809, -0.4696191.
    // Variance shares w^2 var: .25 x 5/3 : .25 x 8/3 : 0 -> 5/13, 8/13, 0.
    const Columns x{{1, 2, 3, 4}, {2, 0, 4, 2}, {4, 3, 2, 1}};
    const std::vector<double> index{1.5, 1, 3.5, 3};
    const auto e = effective_weights(ptrs(x), index, {0.5, 0.5, 0});
    EXPECT_NEAR(e.correlation[0], 3.5 / std::sqrt(21.25), 1e-12);
    EXPECT_NEAR(e.correlation[0], 0.7592566, 1e-7);
    EXPECT_NEAR(e.correlation[1], 0.8574929, 1e-7);
    EXPECT_NEAR(e.correlation[2], -0.7592566, 1e-7);
    EXPECT_NEAR(e.share[0], 0.4696191, 1e-7);
    EXPECT_NEAR(e.share[1], 0.5303809, 1e-7);
    EXPECT_NEAR(e.share[2], -0.4696191, 1e-7);
    EXPECT_NEAR(e.variance_share[0], 5.0 / 13, 1e-12);
    EXPECT_NEAR(e.variance_share[1], 8.0 / 13, 1e-12);
    EXPECT_EQ(e.variance_share[2], 0.0);
    EXPECT_EQ(e.pairs, (std::vector<std::size_t>{4, 4, 4}));
    // Without nominal weights there is no variance share.
    EXPECT_TRUE(effective_weights(ptrs(x), index).variance_share.empty());
}

TEST(EffectiveWeights, IndexEqualToAColumnHasCorrelationOne) {
    const Columns x = uniform_columns(30, 3, 41);
    std::vector<double> index = x[1];
    index[0] = NAN;  // pairwise: the row is left out, not the column
    const auto e = effective_weights(ptrs(x), index);
    EXPECT_NEAR(e.correlation[1], 1, 1e-12);
    EXPECT_EQ(e.pairs[1], 29u);
}

// ---- Optimised weights ----

namespace {

// Two columns, sd about 2.9 and 29 (uniform on [0, 10) and [0, 100)).
Columns two_spreads() {
    Columns x = uniform_columns(500, 1, 51, 0, 10);
    x.push_back(uniform_columns(500, 1, 52, 0, 100)[0]);
    return x;
}

}  // namespace

TEST(CalibrateOptimisedWeights, EqualImportanceShiftsWeightToTheNarrowColumn) {
    const Columns x = two_spreads();
    // Equal nominal weights: the wide column dominates the index.
    const auto nominal = effective_weights(ptrs(x), weighted_mean(ptrs(x), {0.5, 0.5}));
    EXPECT_LT(nominal.correlation[0], 0.3);
    EXPECT_GT(nominal.correlation[1], 0.9);

    const auto r = optimise_weights(ptrs(x));
    ASSERT_TRUE(r.converged);
    EXPECT_NEAR(r.correlation[0], r.correlation[1], 1e-3);
    EXPECT_NEAR(r.normalised_correlation[0], 0.5, 1e-3);
    EXPECT_LT(r.objective, 1e-8);
    // By hand: r1 = r2 <=> cov(x1, I)/s1 = cov(x2, I)/s2 <=> (w1 s1^2 + w2 c)/s1 =
    // (w2 s2^2 + w1 c)/s2, c = rho s1 s2 <=> w1 s1 (1 - rho) = w2 s2 (1 - rho): weights
    // inversely proportional to the sample sds, whatever the sample correlation.
    const double s1 = sample_sd(x[0]), s2 = sample_sd(x[1]);
    EXPECT_NEAR(r.weights[0], s2 / (s1 + s2), 1e-3);
    EXPECT_GT(r.weights[0], 0.85);
    EXPECT_NEAR(r.weights[0] + r.weights[1], 1, 1e-12);
    // The reported correlations are those of the index at the optimised weights.
    const auto check = effective_weights(ptrs(x), weighted_mean(ptrs(x), r.weights));
    EXPECT_NEAR(check.correlation[0], r.correlation[0], 1e-12);
}

TEST(CalibrateOptimisedWeights, UnequalTargetIsRespected) {
    // Target 2:1. With u = w1 s1, v = w2 s2 and sample correlation rho, r1 = 2 r2 means
    // u + rho v = 2 (v + rho u), so u / v = (2 - rho) / (1 - 2 rho).
    const Columns x = two_spreads();
    const auto r = optimise_weights(ptrs(x), {2, 1});
    ASSERT_TRUE(r.converged);
    EXPECT_NEAR(r.target[0], 2.0 / 3, 1e-15);
    EXPECT_NEAR(r.normalised_correlation[0], 2.0 / 3, 1e-3);
    EXPECT_NEAR(r.normalised_correlation[1], 1.0 / 3, 1e-3);
    const double s1 = sample_sd(x[0]), s2 = sample_sd(x[1]), rho = pearson(x[0], x[1]);
    const double ratio = (2 - rho) / (1 - 2 * rho);  // u / v
    const double w1 = ratio / s1 / (ratio / s1 + 1 / s2);
    EXPECT_NEAR(r.weights[0], w1, 1e-3);
}

TEST(CalibrateOptimisedWeights, ThreeColumnsAndErrors) {
    // Spreads 10, 30, 100: equal importance reachable; all three end up equal.
    Columns x = uniform_columns(400, 1, 61, 0, 10);
    x.push_back(uniform_columns(400, 1, 62, 0, 30)[0]);
    x.push_back(uniform_columns(400, 1, 63, 0, 100)[0]);
    const auto r = optimise_weights(ptrs(x));
    ASSERT_TRUE(r.converged);
    for (double c : r.normalised_correlation) EXPECT_NEAR(c, 1.0 / 3, 1e-3);
    EXPECT_GT(r.weights[0], r.weights[1]);
    EXPECT_GT(r.weights[1], r.weights[2]);
    // Deterministic: the same input gives bit-identical weights.
    EXPECT_EQ(optimise_weights(ptrs(x)).weights, r.weights);

    Columns bad = x;
    bad[1].assign(400, 5.0);
    EXPECT_THROW(optimise_weights(ptrs(bad)), UsageError);
    EXPECT_THROW(optimise_weights(ptrs(x), {1, 1}), UsageError);
    EXPECT_THROW(optimise_weights(ptrs(x), {1, -1, 1}), UsageError);
}
