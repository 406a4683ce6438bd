#include "index/calibrate.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

#include <Eigen/Dense>

#include "core/error.hpp"
#include "core/random.hpp"
#include "index/stats.hpp"
#include "index/validation.hpp"

namespace leefbaar::index {
namespace {
using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using Columns = std::vector<const std::vector<double>*>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Purpose of the fold permutation's random stream (core/random.hpp), so that the same
// seed used elsewhere (the Monte Carlo) does not give correlated draws.
constexpr std::uint64_t kFoldPurpose = 0xca11b8a7e;

std::size_t uz(Index i) { return static_cast<std::size_t>(i); }
Index ix(std::size_t i) { return static_cast<Index>(i); }

std::string column_name(const std::vector<std::string>& names, std::size_t j) {
    return j < names.size() ? "'" + names[j] + "'" : "column " + std::to_string(j + 1);
}

std::vector<double> to_std(const VectorXd& v) { return {v.data(), v.data() + v.size()}; }

// ---- NNLS ----

// Least squares on the passive columns only, the others held at 0. Column-pivoting QR
// gives a basic solution when passive columns are (nearly) dependent, where the
// normal equations would fail.
VectorXd solve_passive(const MatrixXd& A, const VectorXd& b, const std::vector<char>& passive) {
    std::vector<Index> cols;
    for (Index j = 0; j < A.cols(); ++j)
        if (passive[uz(j)]) cols.push_back(j);
    MatrixXd sub(A.rows(), ix(cols.size()));
    for (std::size_t k = 0; k < cols.size(); ++k) sub.col(ix(k)) = A.col(cols[k]);
    const VectorXd s = sub.colPivHouseholderQr().solve(b);
    VectorXd z = VectorXd::Zero(A.cols());
    for (std::size_t k = 0; k < cols.size(); ++k) z(cols[k]) = s(ix(k));
    return z;
}

// Lawson & Hanson's inner loop (steps 6-11): while the passive solution s has a
// component <= 0, move x toward s as far as x stays feasible; the variables that
// reach 0 go back to the active set. Ends with x = s, all passive components > 0.
void feasible_step(const MatrixXd& A, const VectorXd& b, VectorXd& x, std::vector<char>& passive, VectorXd s) {
    // Each pass removes at least one passive variable, so p + 1 passes always suffice.
    for (Index pass = 0; pass <= A.cols(); ++pass) {
        double alpha = 2;
        Index limiting = -1;
        for (Index j = 0; j < A.cols(); ++j)
            if (passive[uz(j)] && s(j) <= 0) {
                const double a = x(j) / (x(j) - s(j));
                if (a < alpha) alpha = a, limiting = j;
            }
        if (limiting < 0) break;
        x += alpha * (s - x);
        x(limiting) = 0;  // exactly, not the rounding of x + alpha (s - x)
        for (Index j = 0; j < A.cols(); ++j)
            if (passive[uz(j)] && x(j) <= 0) passive[uz(j)] = 0, x(j) = 0;
        s = solve_passive(A, b, passive);
    }
    x = s;
}

}  // namespace

NnlsResult nnls(const MatrixXd& A, const VectorXd& b) {
    if (A.rows() != b.size()) throw UsageError("nnls: A has " + std::to_string(A.rows()) + " rows but b has " + std::to_string(b.size()));
    const Index p = A.cols();
    NnlsResult r;
    r.x = VectorXd::Zero(p);
    // Dual-feasibility tolerance as SciPy's nnls: 10 eps max(n, p) ||A||_1.
    const double norm1 = p ? A.cwiseAbs().colwise().sum().maxCoeff() : 0.0;
    const double tol = 10 * std::numeric_limits<double>::epsilon() * static_cast<double>(std::max(A.rows(), p)) * norm1;
    std::vector<char> passive(uz(p), 0), blocked(uz(p), 0);
    while (r.iterations < 3 * p) {
        // The dual (negative gradient): a positive w_j means raising x_j lowers the residual.
        const VectorXd w = A.transpose() * (b - A * r.x);
        Index t = -1;
        for (Index j = 0; j < p; ++j)
            if (!passive[uz(j)] && !blocked[uz(j)] && w(j) > tol && (t < 0 || w(j) > w(t))) t = j;
        if (t < 0) {
            r.converged = true;
            break;
        }
        passive[uz(t)] = 1;
        const VectorXd s = solve_passive(A, b, passive);
        if (s(t) <= 0) {
            // Rounding: t looked worth adding but its own least-squares value is not
            // positive. Lawson & Hanson set w_t = 0 and choose again.
            passive[uz(t)] = 0;
            blocked[uz(t)] = 1;
            continue;
        }
        std::fill(blocked.begin(), blocked.end(), 0);
        ++r.iterations;
        feasible_step(A, b, r.x, passive, s);
    }
    r.residual_norm = (A * r.x - b).norm();
    return r;
}

// ---- Calibration ----

namespace {

struct Complete {
    MatrixXd x;  // used rows x columns
    VectorXd y;
    std::vector<std::size_t> rows;  // input row of each used row
};

// The rows with the reference and every column present, counted into r.
Complete complete_rows(const Columns& columns, const std::vector<double>& y, const CalibrationOptions& o, CalibrationResult& r) {
    for (std::size_t j = 0; j < columns.size(); ++j) {
        bool any = false;
        for (std::size_t i = 0; i < y.size() && !any; ++i) any = !std::isnan(y[i]) && !std::isnan((*columns[j])[i]);
        if (!any)
            throw UsageError("calibration: " + column_name(o.names, j) + " has no value for any unit with a reference score", {},
                             "leave that column out of the calibration or check that its units match the reference's");
    }
    Complete c;
    for (std::size_t i = 0; i < y.size(); ++i) {
        if (std::isnan(y[i])) {
            ++r.rows_without_reference;
            continue;
        }
        bool ok = true;
        for (const auto* col : columns) ok = ok && !std::isnan((*col)[i]);
        if (ok) c.rows.push_back(i);
        else ++r.rows_skipped;
    }
    c.x.resize(ix(c.rows.size()), ix(columns.size()));
    c.y.resize(ix(c.rows.size()));
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
        c.y(ix(i)) = y[c.rows[i]];
        for (std::size_t j = 0; j < columns.size(); ++j) c.x(ix(i), ix(j)) = (*columns[j])[c.rows[i]];
    }
    r.rows_used = c.rows.size();
    return c;
}

void check_calibration_size(const Complete& c, std::size_t p, std::size_t k) {
    const std::size_t n = c.rows.size();
    if (n < p + 2)
        throw UsageError("calibration with fewer units than weights: " + std::to_string(n) +
                             " units have a reference score and every column, " + std::to_string(p) +
                             " weights need at least " + std::to_string(p + 2),
                         {}, "calibrate fewer weights (the domain weights instead of the indicator weights) or give more units a reference score");
    if (n < k)
        throw UsageError("calibration: " + std::to_string(n) + " usable units are fewer than the " + std::to_string(k) +
                             " cross-validation folds",
                         {}, "use fewer folds (at least 2) or give more units a reference score");
    if (c.y.maxCoeff() == c.y.minCoeff())
        throw UsageError("calibration: the reference score is the same for every usable unit, so no weights can reproduce its ranking", {},
                         "check the reference column (is it the right field, joined on the right key?)");
}

struct Fit {
    VectorXd coef;
    double intercept = 0;
};

// Centring on the training rows makes the intercept free: it is not constrained to be
// >= 0 as it would be as one more NNLS column, and it is not part of the weights.
Fit fit_rows(const MatrixXd& x, const VectorXd& y, const std::vector<Index>& rows) {
    MatrixXd xs(ix(rows.size()), x.cols());
    VectorXd ys(ix(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        xs.row(ix(i)) = x.row(rows[i]);
        ys(ix(i)) = y(rows[i]);
    }
    const Eigen::RowVectorXd mx = xs.colwise().mean();
    const double my = ys.mean();
    xs.rowwise() -= mx;
    Fit f;
    f.coef = nnls(xs, ys.array() - my).x;
    f.intercept = my - mx.dot(f.coef);
    return f;
}

// The slopes as weights of a weighted mean; all 0 when there is no positive slope.
std::vector<double> normalised(const VectorXd& coef) {
    const double s = coef.sum();
    std::vector<double> w(uz(coef.size()), 0.0);
    if (s > 0)
        for (Index j = 0; j < coef.size(); ++j) w[uz(j)] = coef(j) / s;
    return w;
}

// Out-of-fold predictions: each fold predicted by weights fitted on the other folds.
VectorXd cross_validate(const Complete& c, const std::vector<int>& folds, std::size_t k, CalibrationResult& r, const Progress& progress) {
    VectorXd pred(c.y.size());
    for (std::size_t f = 0; f < k; ++f) {
        std::vector<Index> train, test;
        for (std::size_t i = 0; i < folds.size(); ++i) (folds[i] == static_cast<int>(f) ? test : train).push_back(ix(i));
        const Fit fit = fit_rows(c.x, c.y, train);
        for (Index i : test) pred(i) = fit.intercept + c.x.row(i).dot(fit.coef);
        r.fold_weights.push_back(normalised(fit.coef));
        progress.report(static_cast<double>(f + 1) / static_cast<double>(k + 1), "cross-validating the weights");
    }
    return pred;
}

std::string overfit_warning(const CalibrationResult& r, double gap) {
    std::vector<std::string> why;
    const auto positive = std::count_if(r.weights.begin(), r.weights.end(), [](double w) { return w > 0; });
    if (positive == 0) why.push_back("no column has a positive weight: the reference is not a weighted mean of these columns");
    else if (positive == 1 && r.weights.size() > 1) why.push_back("all weights but one are 0: the reference is reproduced by one column alone");
    if (std::isnan(r.rho_cross_validated))
        why.push_back("the cross-validated rank correlation is undefined (constant out-of-fold predictions)");
    else if (r.rho_cross_validated < r.rho_in_sample - gap)
        why.push_back("the cross-validated rank correlation " + std::to_string(r.rho_cross_validated) + " is more than " +
                      std::to_string(gap) + " below the in-sample " + std::to_string(r.rho_in_sample) + ": the weights fit noise");
    if (why.empty()) return {};
    std::string s = "calibration may overfit: ";
    for (std::size_t i = 0; i < why.size(); ++i) s += (i ? "; " : "") + why[i];
    return s + ". Consider fewer weights (domains instead of indicators), more reference units, or keeping the nominal weights";
}

}  // namespace

std::vector<int> assign_folds(std::size_t n, std::size_t k, std::uint64_t seed) {
    std::vector<std::size_t> perm(n);
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    // Fisher-Yates with the portable bounded draw, so folds are the same on every platform.
    RandomEngine rng = stream_for(seed, 0, kFoldPurpose);
    for (std::size_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[uniform_below(rng, i)]);
    std::vector<int> fold(n, 0);
    for (std::size_t i = 0; i < n; ++i) fold[perm[i]] = static_cast<int>(i % std::max<std::size_t>(k, 1));
    return fold;
}

CalibrationResult calibrate_weights(const Columns& columns, const std::vector<double>& reference, const CalibrationOptions& o,
                                    const Progress& progress) {
    if (columns.empty()) throw UsageError("calibration needs at least one column to weight", {}, "give the domain scores or normalised indicators");
    for (std::size_t j = 0; j < columns.size(); ++j)
        if (columns[j]->size() != reference.size())
            throw UsageError("calibration: " + column_name(o.names, j) + " has " + std::to_string(columns[j]->size()) +
                             " values but the reference has " + std::to_string(reference.size()), {}, "give one value per unit in every column");
    if (o.folds < 2) throw UsageError("calibration needs at least 2 cross-validation folds", {}, "use e.g. 5 folds");
    if (!(o.overfit_gap >= 0)) throw UsageError("the overfit gap must be zero or positive", {}, "use e.g. 0.1");
    CalibrationResult r;
    const Complete c = complete_rows(columns, reference, o, r);
    check_calibration_size(c, columns.size(), o.folds);

    std::vector<Index> all(c.rows.size());
    std::iota(all.begin(), all.end(), Index{0});
    const Fit fit = fit_rows(c.x, c.y, all);
    r.coefficients = to_std(fit.coef);
    r.intercept = fit.intercept;
    r.weights = normalised(fit.coef);
    // Spearman's rho is invariant to the intercept and scale, so the raw slopes do.
    r.rho_in_sample = fit.coef.sum() > 0 ? spearman(to_std(c.x * fit.coef), to_std(c.y)) : kNaN;

    const std::vector<int> folds = assign_folds(c.rows.size(), o.folds, o.seed);
    r.fold.assign(reference.size(), -1);
    for (std::size_t i = 0; i < c.rows.size(); ++i) r.fold[c.rows[i]] = folds[i];
    r.rho_cross_validated = spearman(to_std(cross_validate(c, folds, o.folds, r, progress)), to_std(c.y));
    r.warning = overfit_warning(r, o.overfit_gap);
    progress.report(1.0);
    return r;
}

// ---- Effective weights ----

EffectiveWeights effective_weights(const Columns& columns, const std::vector<double>& index, const std::vector<double>& nominal) {
    if (!nominal.empty() && nominal.size() != columns.size())
        throw UsageError("effective weights: " + std::to_string(nominal.size()) + " nominal weights for " + std::to_string(columns.size()) +
                         " columns", {}, "give one nominal weight per column, or none");
    EffectiveWeights e;
    double positive = 0;
    for (const auto* col : columns) {
        if (col->size() != index.size())
            throw UsageError("effective weights: a column has " + std::to_string(col->size()) + " values but the index has " +
                             std::to_string(index.size()), {}, "give one value per unit in every column");
        const double r = pearson(*col, index);
        e.correlation.push_back(r);
        if (r > 0) positive += r;
        std::size_t n = 0;
        for (std::size_t i = 0; i < index.size(); ++i) n += !std::isnan((*col)[i]) && !std::isnan(index[i]);
        e.pairs.push_back(n);
    }
    // Shares of the positive correlations, as COINr normalises correlations to sum 1; a
    // negative correlation (a column that works against the index) keeps its sign.
    for (double r : e.correlation) e.share.push_back(positive > 0 ? r / positive : kNaN);
    if (nominal.empty()) return e;
    double total = 0;
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const double sd = sample_sd(*columns[j]);
        e.variance_share.push_back(nominal[j] * nominal[j] * sd * sd);
        total += e.variance_share.back();
    }
    for (double& v : e.variance_share) v = total > 0 ? v / total : kNaN;
    return e;
}

// ---- Optimised weights ----

std::vector<double> weighted_mean(const Columns& columns, const std::vector<double>& weights) {
    if (weights.size() != columns.size())
        throw UsageError("weighted mean: " + std::to_string(weights.size()) + " weights for " + std::to_string(columns.size()) + " columns", {},
                         "give one weight per column");
    const std::size_t n = columns.empty() ? 0 : columns[0]->size();
    std::vector<double> out(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0, ws = 0;
        for (std::size_t j = 0; j < columns.size(); ++j) {
            const double v = (*columns[j])[i];
            if (std::isnan(v) || weights[j] <= 0) continue;
            s += weights[j] * v;
            ws += weights[j];
        }
        if (ws > 0) out[i] = s / ws;
    }
    return out;
}

namespace {

// w = softmax(theta, 0): every theta is a valid weight vector (positive, sum 1), so the
// optimiser needs no constraints; the last logit is fixed to remove the scale freedom.
std::vector<double> softmax_weights(const VectorXd& theta) {
    std::vector<double> w(uz(theta.size()) + 1);
    const double top = std::max(0.0, theta.size() ? theta.maxCoeff() : 0.0);
    double s = 0;
    for (std::size_t j = 0; j < w.size(); ++j) s += w[j] = std::exp((j < uz(theta.size()) ? theta(ix(j)) : 0.0) - top);
    for (double& v : w) v /= s;
    return w;
}

struct Balance {
    const Columns& columns;
    const std::vector<double>& target;
    std::vector<double> corr, norm;  // at the last evaluation
    // Returned where the correlations do not sum to a positive number: worse than any
    // attainable value (normalised shares and targets both lie in [0, 1] then).
    static constexpr double kInfeasible = 1e6;

    double operator()(const std::vector<double>& w) {
        const std::vector<double> idx = weighted_mean(columns, w);
        corr.clear();
        double s = 0;
        for (const auto* c : columns) s += corr.emplace_back(pearson(*c, idx));
        norm.assign(corr.size(), kNaN);
        if (!(s > 0)) return kInfeasible;
        double obj = 0;
        for (std::size_t j = 0; j < corr.size(); ++j) {
            norm[j] = corr[j] / s;
            obj += (norm[j] - target[j]) * (norm[j] - target[j]);
        }
        return obj;
    }
};

struct Simplex {
    std::vector<VectorXd> x;
    std::vector<double> f;
};

Simplex start_simplex(const std::function<double(const VectorXd&)>& fn, const VectorXd& x0, double step) {
    Simplex s;
    s.x.push_back(x0);
    for (Index j = 0; j < x0.size(); ++j) {
        VectorXd v = x0;
        v(j) += step;
        s.x.push_back(v);
    }
    for (const auto& v : s.x) s.f.push_back(fn(v));
    return s;
}

// One Nelder-Mead iteration with the standard coefficients (reflection 1, expansion 2,
// contraction 1/2, shrink 1/2); the simplex is sorted best first on entry.
void nelder_mead_step(const std::function<double(const VectorXd&)>& fn, Simplex& s) {
    const std::size_t n = s.x.size() - 1;
    VectorXd c = VectorXd::Zero(s.x[0].size());
    for (std::size_t i = 0; i < n; ++i) c += s.x[i] / static_cast<double>(n);
    const VectorXd xr = c + (c - s.x[n]);
    const double fr = fn(xr);
    auto replace = [&](const VectorXd& v, double fv) { s.x[n] = v, s.f[n] = fv; };
    if (fr < s.f[0]) {
        const VectorXd xe = c + 2.0 * (c - s.x[n]);
        const double fe = fn(xe);
        return fe < fr ? replace(xe, fe) : replace(xr, fr);
    }
    if (fr < s.f[n - 1]) return replace(xr, fr);
    // Contract outside when the reflection beat the worst point, inside otherwise.
    const bool outside = fr < s.f[n];
    const VectorXd xc = outside ? VectorXd(c + 0.5 * (xr - c)) : VectorXd(c + 0.5 * (s.x[n] - c));
    const double fc = fn(xc);
    if (fc < (outside ? fr : s.f[n])) return replace(xc, fc);
    for (std::size_t i = 1; i <= n; ++i) {
        s.x[i] = s.x[0] + 0.5 * (s.x[i] - s.x[0]);
        s.f[i] = fn(s.x[i]);
    }
}

void sort_simplex(Simplex& s) {
    std::vector<std::size_t> order(s.x.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s.f[a] < s.f[b]; });
    Simplex t;
    for (auto i : order) t.x.push_back(s.x[i]), t.f.push_back(s.f[i]);
    s = std::move(t);
}

struct Minimum {
    VectorXd x;
    double f = 0;
    int iterations = 0;
    bool converged = false;
};

// Nelder-Mead until the objective values of the simplex differ by less than tol. A
// simplex can collapse before reaching the minimum, so on convergence it restarts
// from the best point with a fresh simplex and stops when a restart gains nothing.
Minimum minimise(const std::function<double(const VectorXd&)>& fn, const VectorXd& x0, int max_iter, double tol, const Progress& progress) {
    Minimum m{x0, fn(x0), 0, false};
    double step = 1.0;  // in logits: the first simplex spans weight ratios of e
    while (m.iterations < max_iter) {
        Simplex s = start_simplex(fn, m.x, step);
        sort_simplex(s);
        bool flat = false;
        while (m.iterations < max_iter && !(flat = s.f.back() - s.f.front() <= tol)) {
            nelder_mead_step(fn, s);
            sort_simplex(s);
            if (++m.iterations % 100 == 0) progress.report(static_cast<double>(m.iterations) / max_iter, "optimising the weights");
        }
        const bool gained = s.f.front() < m.f - tol;
        m.x = s.x.front();
        m.f = s.f.front();
        if (flat && !gained) {
            m.converged = true;
            break;
        }
        step = std::max(step * 0.5, 1e-3);
    }
    return m;
}

void check_optimise_input(const Columns& columns, const std::vector<double>& target, const OptimiseOptions& o) {
    if (columns.empty()) throw UsageError("optimising weights needs at least one column", {}, "give the domain scores or normalised indicators");
    for (std::size_t j = 0; j < columns.size(); ++j) {
        if (columns[j]->size() != columns[0]->size())
            throw UsageError("optimising weights: the columns differ in length", {}, "give one value per unit in every column");
        const double sd = sample_sd(*columns[j]);
        if (count_present(*columns[j]) < 3 || !(sd > 0))
            throw UsageError("optimising weights: " + column_name(o.names, j) + " is constant or has fewer than 3 values, so no weight changes its correlation with the index",
                             {}, "leave that column out of the optimisation");
    }
    if (!target.empty() && target.size() != columns.size())
        throw UsageError("optimising weights: " + std::to_string(target.size()) + " target importances for " + std::to_string(columns.size()) + " columns", {},
                         "give one target per column, or none for equal importance");
    double sum = 0;
    for (double t : target) {
        if (!(t >= 0) || !std::isfinite(t)) throw UsageError("optimising weights: a target importance is negative or not a number", {}, "use targets >= 0");
        sum += t;
    }
    if (!target.empty() && !(sum > 0)) throw UsageError("optimising weights: all target importances are 0", {}, "give at least one positive target");
    if (o.max_iterations < 1 || !(o.tolerance >= 0)) throw UsageError("optimising weights: the iteration cap must be >= 1 and the tolerance >= 0");
}

}  // namespace

OptimisedWeights optimise_weights(const Columns& columns, const std::vector<double>& target, const OptimiseOptions& o, const Progress& progress) {
    check_optimise_input(columns, target, o);
    const std::size_t p = columns.size();
    OptimisedWeights r;
    r.target = target.empty() ? std::vector<double>(p, 1.0) : target;
    const double tsum = std::accumulate(r.target.begin(), r.target.end(), 0.0);
    for (double& t : r.target) t /= tsum;

    Balance balance{columns, r.target, {}, {}};
    auto fn = [&](const VectorXd& theta) { return balance(softmax_weights(theta)); };
    // Start at the target as weights, as COINr: right when the columns are alike. A zero
    // target starts at a small weight instead (a logit cannot be -infinity).
    const double floor = 1e-3 * *std::max_element(r.target.begin(), r.target.end());
    VectorXd theta0(ix(p - 1));
    for (std::size_t j = 0; j + 1 < p; ++j) theta0(ix(j)) = std::log(std::max(r.target[j], floor) / std::max(r.target[p - 1], floor));
    const Minimum m = minimise(fn, theta0, o.max_iterations, o.tolerance, progress);

    r.weights = softmax_weights(m.x);
    r.objective = balance(r.weights);
    r.correlation = balance.corr;
    r.normalised_correlation = balance.norm;
    r.iterations = m.iterations;
    r.converged = m.converged && r.objective < Balance::kInfeasible;
    progress.report(1.0);
    return r;
}

}  // namespace leefbaar::index
