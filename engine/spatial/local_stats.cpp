#include "spatial/local_stats.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "spatial/weights_ops.hpp"

namespace leefbaar {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_input(const std::vector<double>& x, const SpatialWeights& w, const char* what) {
    if (x.size() != w.size()) throw UsageError(std::string(what) + ": " + std::to_string(x.size()) + " values for " + std::to_string(w.size()) + " units");
    if (x.size() < 3) throw DataError(std::string(what) + " needs at least 3 units with a value", {}, "use more units");
    for (double v : x)
        if (!std::isfinite(v)) throw DataError(std::string(what) + ": missing or infinite value", {}, "remove missing values first");
}

LocalResult make_result(const std::string& name, std::size_t n, const LocalInferenceOptions& inf) {
    LocalResult r;
    r.statistic = name;
    r.value.assign(n, kNaN);
    r.expected.assign(n, kNaN);
    r.variance.assign(n, kNaN);
    r.z.assign(n, kNaN);
    r.significant.assign(n, 0);
    r.category.assign(n, category::not_significant);
    r.inference = inf;
    return r;
}

void apply_inference(LocalResult& r, const PermutationResult& pr) {
    r.p = pr.p;
    r.z_sim = pr.z_sim;
    r.cutoff = significance_cutoff(r.p, r.inference.alpha, r.inference.adjust);
    for (std::size_t i = 0; i < r.p.size(); ++i) r.significant[i] = std::isfinite(r.p[i]) && r.p[i] <= r.cutoff ? 1 : 0;
}

bool self_in_row(const SpatialWeights& w, std::size_t i) {
    for (auto j : w.neighbours[i])
        if (static_cast<std::size_t>(j) == i) return true;
    return false;
}

}  // namespace

namespace {

// The analytic part of Local Moran; the permutation kernel and the categories come after.
struct MoranSetup {
    LocalResult r;
    std::vector<double> z, lag;
    double mean = 0, m2 = 0;
};

MoranSetup moran_setup(const std::vector<double>& x, const SpatialWeights& w, const LocalInferenceOptions& inf) {
    check_input(x, w, "Local Moran's I");
    MoranSetup m;
    const std::size_t n = x.size();
    const double nd = static_cast<double>(n);
    for (double v : x) m.mean += v;
    m.mean /= nd;
    m.z.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        m.z[i] = x[i] - m.mean;
        m.m2 += m.z[i] * m.z[i];
    }
    m.m2 /= nd;
    if (m.m2 == 0) throw DataError("Local Moran's I: the variable is constant", {}, "local autocorrelation is undefined for a constant");
    m.lag = spatial_lag(w, m.z);
    m.r = make_result("local_moran", n, inf);
    auto& r = m.r;
    r.convention = "I_i = z_i (Wz)_i / (sum z^2 / n) (spdep/GeoDa); E, Var, z: spdep localmoran conditional randomisation (Sokal et al. 1998)";
    for (std::size_t i = 0; i < n; ++i) {
        if (w.neighbours[i].empty()) {
            r.category[i] = category::no_neighbours;
            continue;
        }
        double wi = 0, wi2 = 0;
        for (double v : w.weights[i]) {
            wi += v;
            wi2 += v * v;
        }
        const double zi = m.z[i];
        r.value[i] = zi * m.lag[i] / m.m2;
        r.expected[i] = -(zi * zi * wi) / ((nd - 1.0) * m.m2);
        r.variance[i] = (zi / m.m2) * (zi / m.m2) * (nd / (nd - 2.0)) * (wi2 - wi * wi / (nd - 1.0)) * (m.m2 - zi * zi / (nd - 1.0));
        r.z[i] = (r.value[i] - r.expected[i]) / std::sqrt(r.variance[i]);
    }
    return m;
}

void moran_finish(MoranSetup& m, const SpatialWeights& w, const PermutationResult& pr) {
    auto& r = m.r;
    apply_inference(r, pr);
    r.quadrant.assign(r.value.size(), category::no_neighbours);
    for (std::size_t i = 0; i < r.value.size(); ++i) {
        if (w.neighbours[i].empty()) continue;
        const bool hi = m.z[i] > 0, lag_hi = m.lag[i] > 0;
        r.quadrant[i] = hi ? (lag_hi ? category::high_high : category::high_low) : (lag_hi ? category::low_high : category::low_low);
        if (r.significant[i]) r.category[i] = r.quadrant[i];
    }
}

// The analytic part of Gi / Gi*.
LocalResult g_setup(const std::vector<double>& x, const SpatialWeights& w, bool star, const LocalInferenceOptions& inf) {
    check_input(x, w, star ? "Getis-Ord Gi*" : "Getis-Ord Gi");
    const std::size_t n = x.size();
    const double nd = static_cast<double>(n);
    double sum = 0, sum2 = 0;
    for (double v : x) {
        sum += v;
        sum2 += v * v;
    }
    const double mean = sum / nd;
    double ss = 0;
    for (double v : x) ss += (v - mean) * (v - mean);
    LocalResult r = make_result(star ? "gi_star" : "gi", n, inf);
    r.convention = star ? "Gi* z as spdep localG with self included (Getis & Ord 1995); the z-score is the same for binary and row-standardised weights"
                        : "Gi z as spdep localG (Ord & Getis 1995), self excluded";
    const auto lag = spatial_lag(w, x);
    for (std::size_t i = 0; i < n; ++i) {
        if (!star && self_in_row(w, i)) throw UsageError("Gi (without star) needs weights without self-neighbours", {}, "use Gi* or weights without the diagonal");
        if (star && !self_in_row(w, i)) throw UsageError("Gi* needs weights that include each unit itself", {}, "build them with include_self()");
        const bool island = w.neighbours[i].size() == (star ? 1u : 0u);
        if (island) {
            r.category[i] = category::no_neighbours;
            continue;
        }
        double wi = 0, s1i = 0;
        for (double v : w.weights[i]) {
            wi += v;
            s1i += v * v;
        }
        double xbar, s2;
        if (star) {
            xbar = mean;
            s2 = ss / nd;
        } else {
            xbar = (sum - x[i]) / (nd - 1.0);
            s2 = (sum2 - x[i] * x[i]) / (nd - 1.0) - xbar * xbar;
        }
        const double var = star ? s2 * (nd * s1i - wi * wi) / (nd - 1.0) : s2 * ((nd - 1.0) * s1i - wi * wi) / (nd - 2.0);
        r.value[i] = lag[i];
        r.expected[i] = wi * xbar;
        r.variance[i] = var;
        r.z[i] = (lag[i] - wi * xbar) / std::sqrt(var);
    }
    return r;
}

void g_finish(LocalResult& r, const PermutationResult& pr) {
    apply_inference(r, pr);
    for (std::size_t i = 0; i < r.value.size(); ++i) {
        if (!std::isfinite(r.value[i])) continue;
        if (r.significant[i]) r.category[i] = r.z[i] > 0 ? "Hot spot" : "Cold spot";
    }
}

// The permuted statistics, written once so that computing a statistic alone or
// together with another performs the same floating-point operations in the same
// order (and so gives bit-identical p-values). v is x of a drawn unit.
struct MoranKernel {
    const double* self;
    const double* z;
    double mean, m2;
    double start(std::size_t) const { return 0.0; }
    double add(double s, double w, double v) const { return s + w * (v - mean); }
    double finish(std::size_t i, double s) const { return z[i] * (self[i] * z[i] + s) / m2; }
    // With k equal weights w the drawn terms sum to w (L - k mean), L the drawn values' sum.
    double at_sum(std::size_t i, double w, std::size_t k, double L) const { return finish(i, w * (L - static_cast<double>(k) * mean)); }
    double slope(std::size_t i, double w) const { return z[i] * w / m2; }
};
struct GKernel {
    const double* self;
    const double* x;
    double start(std::size_t i) const { return self[i] * x[i]; }
    double add(double s, double w, double v) const { return s + w * v; }
    double finish(std::size_t, double s) const { return s; }
    double at_sum(std::size_t i, double w, std::size_t, double L) const { return start(i) + w * L; }
    double slope(std::size_t, double w) const { return w; }
};

bool equal_weights(const PermutationRows& rows, std::size_t i) {
    const double* w = rows.row(i);
    for (std::size_t a = 1; a < rows.count(i); ++a)
        if (w[a] != w[0]) return false;
    return rows.count(i) > 0;
}

// The kernels as functions of the drawn values' sum (NoLagForm in local_inference.hpp),
// for the units whose weights are equal: one kernel, or Local Moran and Gi* together.
template <typename Kernel>
struct KernelLag {
    const PermutationRows* rows;
    Kernel kernel;
    bool applies(std::size_t i) const { return equal_weights(*rows, i); }
    void value(std::size_t i, double L, double* out) const { out[0] = kernel.at_sum(i, rows->row(i)[0], rows->count(i), L); }
    void slope(std::size_t i, double* out) const { out[0] = kernel.slope(i, rows->row(i)[0]); }
};
struct MoranGLag {
    KernelLag<MoranKernel> m;
    KernelLag<GKernel> g;
    bool applies(std::size_t i) const { return m.applies(i) && g.applies(i); }
    void value(std::size_t i, double L, double* out) const {
        m.value(i, L, out);
        g.value(i, L, out + 1);
    }
    void slope(std::size_t i, double* out) const {
        m.slope(i, out);
        g.slope(i, out + 1);
    }
};

// The exact mean of a unit's conditional permutation distribution, the centre of
// the two-sided test: the kernels are linear in the drawn values, and each drawn
// value has expectation the mean of the other n - 1 values.
template <typename Kernel>
std::vector<double> permutation_centres(const std::vector<double>& x, const PermutationRows& rows, const Kernel& kernel) {
    const std::size_t n = x.size();
    double sum = 0;
    for (double v : x) sum += v;
    std::vector<double> c(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        double wsum = 0;
        for (std::size_t a = 0; a < rows.count(i); ++a) wsum += rows.row(i)[a];
        const double others = (sum - x[i]) / static_cast<double>(n - 1);
        c[i] = kernel.finish(i, kernel.add(kernel.start(i), wsum, others));
    }
    return c;
}

template <typename Kernel>
std::array<PermutationResult, 1> permute_one(const std::vector<double>& x, const PermutationRows& rows, const std::vector<double>& observed,
                                             const LocalInferenceOptions& inf, const Kernel& kernel, const Progress& progress) {
    const auto centres = permutation_centres(x, rows, kernel);
    const double* xp = x.data();
    const double* wt = rows.weight.data();
    const std::size_t* off = rows.offsets.data();
    return conditional_permutation<1>(rows, {&observed}, inf, [=](std::size_t i, const std::int32_t* idx, std::size_t k, double* out) {
        const double* w = wt + off[i];
        double s = kernel.start(i);
        for (std::size_t a = 0; a < k; ++a) s = kernel.add(s, w[a], xp[idx[a]]);
        out[0] = kernel.finish(i, s);
    }, progress, xp, {&centres}, KernelLag<Kernel>{&rows, kernel});
}

}  // namespace

LocalResult local_moran(const std::vector<double>& x, const SpatialWeights& w, const LocalInferenceOptions& inf, const Progress& progress) {
    auto m = moran_setup(x, w, inf);
    const auto rows = permutation_rows(w);
    const auto pr = permute_one(x, rows, m.r.value, inf, MoranKernel{rows.self.data(), m.z.data(), m.mean, m.m2}, progress);
    moran_finish(m, w, pr[0]);
    return std::move(m.r);
}

SpatialWeights include_self(SpatialWeights w) {
    // Each row is rebuilt at its exact size: growing it in place would double its
    // capacity, a third more memory for the whole Gi* weights at 10^6 units.
    bool sorted = true;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (self_in_row(w, i)) continue;
        auto& nb = w.neighbours[i];
        auto& wt = w.weights[i];
        sorted = sorted && std::is_sorted(nb.begin(), nb.end());
        const auto self = static_cast<std::int32_t>(i);
        const auto at = static_cast<std::size_t>(std::lower_bound(nb.begin(), nb.end(), self) - nb.begin());
        std::vector<std::int32_t> n2;
        std::vector<double> w2;
        n2.reserve(nb.size() + 1);
        w2.reserve(nb.size() + 1);
        n2.insert(n2.end(), nb.begin(), nb.begin() + static_cast<std::ptrdiff_t>(at));
        w2.insert(w2.end(), wt.begin(), wt.begin() + static_cast<std::ptrdiff_t>(at));
        n2.push_back(self);
        w2.push_back(1.0);
        n2.insert(n2.end(), nb.begin() + static_cast<std::ptrdiff_t>(at), nb.end());
        w2.insert(w2.end(), wt.begin() + static_cast<std::ptrdiff_t>(at), wt.end());
        nb.swap(n2);
        wt.swap(w2);
    }
    if (!sorted) normalise_rows(w);
    w.kind += " + self";
    return w;
}

LocalResult local_g(const std::vector<double>& x, const SpatialWeights& w, bool star, const LocalInferenceOptions& inf, const Progress& progress) {
    auto g = g_setup(x, w, star, inf);
    const auto rows = permutation_rows(w);
    const auto pr = permute_one(x, rows, g.value, inf, GKernel{rows.self.data(), x.data()}, progress);
    g_finish(g, pr[0]);
    return g;
}

MoranAndGiStar local_moran_and_gistar(const std::vector<double>& x, const SpatialWeights& w, const SpatialWeights& w_star, const LocalInferenceOptions& inf,
                                      const Progress& progress) {
    if (!same_neighbours(w, w_star)) return {local_moran(x, w, inf, progress.scaled(0, 0.5)), local_g(x, w_star, true, inf, progress.scaled(0.5, 1))};
    auto m = moran_setup(x, w, inf);
    auto g = g_setup(x, w_star, true, inf);
    const auto rm = permutation_rows(w), rg = permutation_rows(w_star);
    const MoranKernel km{rm.self.data(), m.z.data(), m.mean, m.m2};
    const GKernel kg{rg.self.data(), x.data()};
    const auto cm = permutation_centres(x, rm, km), cg = permutation_centres(x, rg, kg);
    const double* xp = x.data();
    const double *wm = rm.weight.data(), *wg = rg.weight.data();
    const std::size_t* off = rm.offsets.data();  // the same rows in both (same_neighbours)
    const auto pr = conditional_permutation<2>(rm, {&m.r.value, &g.value}, inf, [=](std::size_t i, const std::int32_t* idx, std::size_t k, double* out) {
        const double* w1 = wm + off[i];
        const double* w2 = wg + off[i];
        double s1 = km.start(i), s2 = kg.start(i);
        for (std::size_t a = 0; a < k; ++a) {
            const double v = xp[idx[a]];
            s1 = km.add(s1, w1[a], v);
            s2 = kg.add(s2, w2[a], v);
        }
        out[0] = km.finish(i, s1);
        out[1] = kg.finish(i, s2);
    }, progress, xp, {&cm, &cg}, MoranGLag{{&rm, km}, {&rg, kg}});
    moran_finish(m, w, pr[0]);
    g_finish(g, pr[1]);
    return {std::move(m.r), std::move(g)};
}

LocalResult local_geary(const std::vector<std::vector<double>>& variables, const SpatialWeights& w, const LocalInferenceOptions& inf,
                        const Progress& progress) {
    if (variables.empty()) throw UsageError("Local Geary needs at least one variable");
    const std::size_t n = w.size();
    const std::size_t p = variables.size();
    std::vector<std::vector<double>> z(p, std::vector<double>(n));
    for (std::size_t v = 0; v < p; ++v) {
        check_input(variables[v], w, "Local Geary");
        double mean = 0;
        for (double a : variables[v]) mean += a;
        mean /= static_cast<double>(n);
        double ss = 0;
        for (double a : variables[v]) ss += (a - mean) * (a - mean);
        const double sd = std::sqrt(ss / static_cast<double>(n));
        if (sd == 0) throw DataError("Local Geary: a variable is constant");
        for (std::size_t i = 0; i < n; ++i) z[v][i] = (variables[v][i] - mean) / sd;
    }
    LocalResult r = make_result(p == 1 ? "local_geary" : "local_geary_multivariate", n, inf);
    r.convention = "c_i = (1/p) sum_v sum_j w_ij (z_vi - z_vj)^2, z standardised with the population sd (Anselin 2019; esda Geary_Local)";
    for (std::size_t i = 0; i < n; ++i) {
        if (w.neighbours[i].empty()) {
            r.category[i] = category::no_neighbours;
            continue;
        }
        double c = 0;
        for (std::size_t v = 0; v < p; ++v)
            for (std::size_t k = 0; k < w.neighbours[i].size(); ++k) {
                const double d = z[v][i] - z[v][static_cast<std::size_t>(w.neighbours[i][k])];
                c += w.weights[i][k] * d * d;
            }
        r.value[i] = c / static_cast<double>(p);
    }
    // The self term (z_i - z_i)^2 is zero, so only the drawn neighbours count.
    const auto rows = permutation_rows(w);
    // Exact permutation means: a drawn j contributes w (z_i^2 - 2 z_i z_j + z_j^2), whose
    // expectation uses the mean of z_j and of z_j^2 over the other n - 1 units.
    std::vector<double> centres(n, 0.0);
    for (std::size_t v = 0; v < p; ++v) {
        double s1 = 0, s2 = 0;
        for (double a : z[v]) {
            s1 += a;
            s2 += a * a;
        }
        for (std::size_t i = 0; i < n; ++i) {
            double wsum = 0;
            for (std::size_t a = 0; a < rows.count(i); ++a) wsum += rows.row(i)[a];
            const double zi = z[v][i], m1 = (s1 - zi) / static_cast<double>(n - 1), m2 = (s2 - zi * zi) / static_cast<double>(n - 1);
            centres[i] += wsum * (zi * zi - 2 * zi * m1 + m2) / static_cast<double>(p);
        }
    }
    const double* wt = rows.weight.data();
    const std::size_t* off = rows.offsets.data();
    const auto pr = conditional_permutation<1>(rows, {&r.value}, inf, [&, wt, off, p](std::size_t i, const std::int32_t* idx, std::size_t k, double* out) {
        const double* wk = wt + off[i];
        double c = 0;
        for (std::size_t v = 0; v < p; ++v)
            for (std::size_t a = 0; a < k; ++a) {
                const double d = z[v][i] - z[v][static_cast<std::size_t>(idx[a])];
                c += wk[a] * d * d;
            }
        out[0] = c / static_cast<double>(p);
    }, progress, nullptr, {&centres});
    apply_inference(r, pr[0]);
    for (std::size_t i = 0; i < n; ++i)
        if (r.significant[i]) r.category[i] = r.value[i] < pr[0].mean[i] ? category::positive : category::negative;
    return r;
}

std::vector<int> confidence_bins(const LocalResult& r) {
    const double c99 = significance_cutoff(r.p, 0.01, r.inference.adjust);
    const double c95 = significance_cutoff(r.p, 0.05, r.inference.adjust);
    const double c90 = significance_cutoff(r.p, 0.10, r.inference.adjust);
    std::vector<int> out(r.p.size(), 0);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double z = r.z[i], p = r.p[i];
        if (!std::isfinite(z) || !std::isfinite(p)) continue;
        const int sign = z > 0 ? 1 : -1;
        out[i] = p <= c99 ? 3 * sign : p <= c95 ? 2 * sign : p <= c90 ? sign : 0;
    }
    return out;
}

nlohmann::json summary_json(const LocalResult& r) {
    std::map<std::string, std::size_t> counts;
    for (const auto& c : r.category) ++counts[c];
    return {{"statistic", r.statistic},
            {"convention", r.convention},
            {"permutations", r.inference.permutations},
            {"seed", r.inference.seed},
            {"alternative", to_string(r.inference.alternative)},
            {"alpha", r.inference.alpha},
            {"multiple_testing", to_string(r.inference.adjust)},
            {"draws", to_string(r.inference.draws)},
            {"p_cutoff", r.cutoff},
            {"categories", counts}};
}

}  // namespace leefbaar
