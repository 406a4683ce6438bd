#pragma once
// Weights from data instead of by decree: weights estimated from a reference score,
// the importance the nominal weights actually give each column, and weights that
// give the columns a chosen importance. Pure computation on columns (NaN = missing);
// the columns are normalised indicators or domain scores, all on one scale, so
// weights are comparable between them. Nothing here changes an IndexModel: the
// results are proposals a user can copy into the weights of the index.
//
// Nominal weights are not importance (Paruolo, Saisana & Saltelli 2013, "Ratings and
// rankings: voodoo or science?", J. R. Stat. Soc. A 176(3), 609-634). In a weighted
// mean a column with a larger spread, or one correlated with the others, moves the
// index more than its weight says. Importance is measured here, as in COINr (Becker
// et al. 2022, "COINr: An R package for developing composite indicators", JOSS 7(78),
// 4567; its weights vignette and get_opt_weights), by the correlation of a column with
// the index. COINr's get_eff_wts gives the nominal effective weight (the product of the
// weights along the hierarchy): that is IndexResult::effective_weights, not this.
//
// 1. nnls: non-negative least squares, min ||A x - b|| subject to x >= 0, by the
//    active-set algorithm of Lawson & Hanson (1974), "Solving Least Squares Problems",
//    Prentice-Hall, ch. 23 (the algorithm of R's nnls and SciPy's optimize.nnls).
// 2. calibrate_weights: y ~ c + sum_j w_j x_j with w >= 0, for a reference score y
//    (e.g. a survey's liveability rating per neighbourhood). X and y are centred, so
//    the intercept is free, and the slopes come from nnls. Weights are the slopes
//    divided by their sum: the index is a weighted mean and only the ratios of the
//    weights matter. Fit is judged by Spearman's rho (the index is used as a ranking)
//    in sample and by k-fold cross-validation; folds are a random permutation from the
//    stream (seed, 0, purpose) of core/random.hpp, so they depend only on the seed.
// 3. effective_weights: Pearson correlation of each column with the index (pairwise
//    complete rows) and its share of the sum of the positive correlations; with the
//    nominal weights also the variance share w_j^2 var(x_j) / sum_k w_k^2 var(x_k).
//    The variance share ignores covariances: it is the share of var(index) due to
//    column j only when the columns are uncorrelated (a linear index).
// 4. optimise_weights (COINr get_opt_weights, optype "balance"): non-negative
//    weights summing to 1 such that the correlations of the columns with their
//    weighted arithmetic mean, divided by their sum, match a target (default: equal
//    importance). Minimises sum_j (r_j / sum_k r_k - t_j)^2 (COINr minimises the log
//    of its mean; the minimiser is the same) by Nelder-Mead (Nelder & Mead 1965, as
//    COINr through R's optim) on a softmax parametrisation w = softmax(theta),
//    theta_last = 0, so every trial point is a valid weight vector. Deterministic:
//    fixed start (the target, as COINr), fixed steps, restarts from the best point.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/progress.hpp"

namespace leefbaar::index {

// ---- 1. Non-negative least squares ----------------------------------------------

struct NnlsResult {
    Eigen::VectorXd x;           // >= 0
    double residual_norm = 0;    // ||A x - b||
    int iterations = 0;          // variables added to the passive set
    bool converged = false;      // the KKT conditions hold (false: iteration cap 3p hit)
};

// A: n x p (columns = predictors), b: n. Dense; meant for p up to ~50.
NnlsResult nnls(const Eigen::MatrixXd& A, const Eigen::VectorXd& b);

// ---- 2. Weights estimated from a reference ----------------------------------------

struct CalibrationOptions {
    std::size_t folds = 5;           // k of the k-fold cross-validation (>= 2)
    std::uint64_t seed = 1;          // fold assignment
    double overfit_gap = 0.1;        // warn when CV rho < in-sample rho - overfit_gap
    std::vector<std::string> names;  // per column, for messages (default "column <j+1>")
};

struct CalibrationResult {
    std::vector<double> weights;       // coefficients / their sum (all 0 if all are 0)
    std::vector<double> coefficients;  // raw slopes on the columns' own scale, >= 0
    double intercept = 0;              // y ~ intercept + sum coefficients_j x_j
    std::size_t rows_used = 0;         // reference and every column present
    std::size_t rows_skipped = 0;      // reference present, some column missing
    std::size_t rows_without_reference = 0;
    double rho_in_sample = 0;          // Spearman(sum w_j x_j, y); NaN if all weights are 0
    double rho_cross_validated = 0;    // Spearman(out-of-fold predictions, y)
    std::vector<std::vector<double>> fold_weights;  // per fold, normalised as `weights`
    std::vector<int> fold;             // per input row: its fold 0..k-1, -1 if not used
    std::string warning;               // empty unless the calibration looks overfitted
};

// columns: the predictors, each of the reference's length. Throws UsageError for
// columns of other lengths, a column without any value where the reference has one,
// fewer usable rows than predictors + 2 or than folds, and a constant reference.
CalibrationResult calibrate_weights(const std::vector<const std::vector<double>*>& columns, const std::vector<double>& reference,
                                    const CalibrationOptions& options = {}, const Progress& progress = {});

// Fold 0..k-1 of each of n positions: position perm[i] gets fold i mod k, perm a
// seeded Fisher-Yates permutation, so fold sizes differ by at most 1.
std::vector<int> assign_folds(std::size_t n, std::size_t k, std::uint64_t seed);

// ---- 3. Effective weights -----------------------------------------------------------

struct EffectiveWeights {
    std::vector<double> correlation;     // Pearson r(x_j, index); NaN below 3 pairs or constant
    std::vector<double> share;           // r_j / sum of the positive r_k (negative r: negative share)
    std::vector<double> variance_share;  // w_j^2 var(x_j) share; empty without nominal weights
    std::vector<std::size_t> pairs;      // rows with both x_j and the index
};

// nominal (optional): the weights the index used, per column, for variance_share.
EffectiveWeights effective_weights(const std::vector<const std::vector<double>*>& columns, const std::vector<double>& index,
                                   const std::vector<double>& nominal = {});

// ---- 4. Optimised weights -----------------------------------------------------------

struct OptimiseOptions {
    int max_iterations = 5000;   // Nelder-Mead iterations over all restarts
    double tolerance = 1e-14;    // converged when the simplex's objective values differ by less
    std::vector<std::string> names;
};

struct OptimisedWeights {
    std::vector<double> weights;                 // >= 0, sum 1
    std::vector<double> target;                  // as given, divided by its sum
    std::vector<double> correlation;             // r_j with the weighted mean at `weights`
    std::vector<double> normalised_correlation;  // r_j / sum_k r_k
    double objective = 0;                        // sum_j (normalised r_j - target_j)^2
    int iterations = 0;
    bool converged = false;
};

// The weighted mean of a row is over its present columns, weights renormalised, as
// the index aggregates. target: per column, >= 0, not all 0; empty = equal importance.
// Throws UsageError for a column that is constant or has fewer than 3 values.
OptimisedWeights optimise_weights(const std::vector<const std::vector<double>*>& columns, const std::vector<double>& target = {},
                                  const OptimiseOptions& options = {}, const Progress& progress = {});

// The weighted arithmetic mean of the present columns per row (NaN where none is).
std::vector<double> weighted_mean(const std::vector<const std::vector<double>*>& columns, const std::vector<double>& weights);

}  // namespace leefbaar::index
