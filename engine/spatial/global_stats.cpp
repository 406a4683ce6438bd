#include "spatial/global_stats.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/random.hpp"
#include "spatial/local_inference.hpp"

namespace leefbaar {
namespace {

double weight_of(const SpatialWeights& w, std::size_t i, std::int32_t j) {
    const auto& nb = w.neighbours[i];
    auto it = std::lower_bound(nb.begin(), nb.end(), j);
    return it != nb.end() && *it == j ? w.weights[i][static_cast<std::size_t>(it - nb.begin())] : 0.0;
}

void check(const std::vector<double>& x, const SpatialWeights& w, const char* what) {
    if (x.size() != w.size()) throw UsageError(std::string(what) + ": " + std::to_string(x.size()) + " values for " + std::to_string(w.size()) + " units");
    if (x.size() < 4) throw DataError(std::string(what) + " needs at least 4 units with a value", {}, "use more units");
    for (double v : x)
        if (!std::isfinite(v)) throw DataError(std::string(what) + ": missing or infinite value", {}, "remove missing values first");
}

double mean_of(const std::vector<double>& x) { return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size()); }

// Permutations of the whole vector, each from its own stream (keyed by the
// permutation's number) so the result does not depend on the thread count.
// They are made kBatch at a time so that a statistic can evaluate a batch in one
// pass over the weights: at 10^6 units and 6 x 10^6 links that pass is bound by
// memory traffic, not arithmetic. `stat(ys, count, out)` writes the statistic of
// the permuted vectors ys[0..count) to out[0..count).
constexpr std::size_t kBatch = 4;

template <typename BatchStat>
void permute_batched(GlobalTest& t, const std::vector<double>& x, const PermutationOptions& p, std::uint64_t purpose, BatchStat&& stat) {
    t.permutations = std::max(0, p.permutations);
    t.seed = p.seed;
    if (t.permutations == 0) return;
    if (x.size() > 0xffffffffULL) throw DataError("too many units for the permutation test (at most 2^32)");
    std::vector<double> sims(static_cast<std::size_t>(t.permutations));
    const std::size_t batches = (sims.size() + kBatch - 1) / kBatch;
    parallel_for(batches, resolve_threads(p.threads), [&](std::size_t b, std::size_t e) {
        std::array<std::vector<double>, kBatch> ys;
        for (std::size_t g = b; g < e; ++g) {
            const std::size_t first = g * kBatch, count = std::min(kBatch, sims.size() - first);
            for (std::size_t c = 0; c < count; ++c) {
                auto& y = ys[c];
                y = x;
                auto rng = fast_stream_for(p.seed, first + c, purpose);
                for (std::size_t i = y.size() - 1; i > 0; --i) std::swap(y[i], y[uniform_below(rng, static_cast<std::uint32_t>(i + 1))]);
            }
            stat(ys.data(), count, sims.data() + first);
        }
    }, 1);
    // Tie-robust as the local tests (spatial/local_inference.hpp kTieTolerance): on
    // integer data many permutations give the observed statistic in exact arithmetic.
    double scale = std::fabs(t.statistic);
    for (double v : sims) scale = std::max(scale, std::fabs(v));
    const double tol = detail::kTieTolerance * scale;
    std::size_t larger = 0;
    for (double v : sims) larger += v >= t.statistic - tol ? 1 : 0;
    if (sims.size() - larger < larger) larger = sims.size() - larger;
    t.p_sim = static_cast<double>(larger + 1) / static_cast<double>(sims.size() + 1);
    t.mean_sim = mean_of(sims);
    double ss = 0;
    for (double v : sims) ss += (v - t.mean_sim) * (v - t.mean_sim);
    t.sd_sim = std::sqrt(ss / static_cast<double>(sims.size() - 1 > 0 ? sims.size() - 1 : 1));
    t.z_sim = t.sd_sim > 0 ? (t.statistic - t.mean_sim) / t.sd_sim : 0.0;
}

// The same for a statistic of one vector at a time.
template <typename Stat>
void permute(GlobalTest& t, const std::vector<double>& x, const PermutationOptions& p, std::uint64_t purpose, Stat&& stat) {
    permute_batched(t, x, p, purpose, [&](const std::vector<double>* ys, std::size_t count, double* out) {
        for (std::size_t c = 0; c < count; ++c) out[c] = stat(ys[c]);
    });
}

// Σ_ij w_ij y_i y_j = Σ_i w_ii y_i² + Σ_{i<j} (w_ij + w_ji) y_i y_j: each undirected
// link once, with the two directions' weights added, halves the pass over the links.
struct UpperLinks {
    std::vector<std::size_t> offsets;  // n + 1
    std::vector<std::int32_t> index;   // j > i
    std::vector<double> weight;        // w_ij + w_ji
    std::vector<double> diag;          // w_ii
};

UpperLinks upper_links(const SpatialWeights& w) {
    const std::size_t n = w.size();
    UpperLinks u;
    u.diag.assign(n, 0.0);
    std::vector<std::size_t> start(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i)
        for (auto j : w.neighbours[i])
            if (static_cast<std::size_t>(j) != i) ++start[std::min(i, static_cast<std::size_t>(j)) + 1];
    for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
    std::vector<std::pair<std::int32_t, double>> cell(start[n]);
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t a = 0; a < w.neighbours[i].size(); ++a) {
            const auto j = static_cast<std::size_t>(w.neighbours[i][a]);
            if (j == i) u.diag[i] += w.weights[i][a];
            else cell[fill[std::min(i, j)]++] = {static_cast<std::int32_t>(std::max(i, j)), w.weights[i][a]};
        }
    u.offsets.assign(n + 1, 0);
    u.index.reserve(cell.size() / 2 + 1);
    u.weight.reserve(cell.size() / 2 + 1);
    for (std::size_t i = 0; i < n; ++i) {
        std::sort(cell.begin() + static_cast<std::ptrdiff_t>(start[i]), cell.begin() + static_cast<std::ptrdiff_t>(start[i + 1]),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t a = start[i]; a < start[i + 1]; ++a) {
            if (a > start[i] && cell[a].first == cell[a - 1].first) u.weight.back() += cell[a].second;
            else {
                u.index.push_back(cell[a].first);
                u.weight.push_back(cell[a].second);
            }
        }
        u.offsets[i + 1] = u.index.size();
    }
    return u;
}

// Σ_ij w_ij y_i y_j of `count` (<= kBatch) vectors in one pass over the links.
void cross_products(const std::vector<double>* ys, std::size_t count, const UpperLinks& u, double* out) {
    std::array<const double*, kBatch> y{};
    for (std::size_t c = 0; c < kBatch; ++c) y[c] = ys[c < count ? c : 0].data();
    std::array<double, kBatch> num{};
    const std::size_t n = u.diag.size();
    for (std::size_t i = 0; i < n; ++i) {
        std::array<double, kBatch> s{};
        for (std::size_t a = u.offsets[i]; a < u.offsets[i + 1]; ++a) {
            const auto j = static_cast<std::size_t>(u.index[a]);
            const double cw = u.weight[a];
            for (std::size_t c = 0; c < kBatch; ++c) s[c] += cw * y[c][j];
        }
        for (std::size_t c = 0; c < kBatch; ++c) num[c] += y[c][i] * (u.diag[i] * y[c][i] + s[c]);
    }
    for (std::size_t c = 0; c < count; ++c) out[c] = num[c];
}

double moran_raw(const std::vector<double>& z, const SpatialWeights& w, double s0) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        double lag = 0;
        for (std::size_t k = 0; k < w.neighbours[i].size(); ++k) lag += w.weights[i][k] * z[static_cast<std::size_t>(w.neighbours[i][k])];
        num += z[i] * lag;
        den += z[i] * z[i];
    }
    return static_cast<double>(z.size()) / s0 * num / den;
}

double geary_raw(const std::vector<double>& x, const SpatialWeights& w, double s0) {
    const double m = mean_of(x);
    double num = 0, den = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        for (std::size_t k = 0; k < w.neighbours[i].size(); ++k) {
            const double d = x[i] - x[static_cast<std::size_t>(w.neighbours[i][k])];
            num += w.weights[i][k] * d * d;
        }
        den += (x[i] - m) * (x[i] - m);
    }
    return static_cast<double>(x.size() - 1) * num / (2.0 * s0 * den);
}

double g_raw(const std::vector<double>& x, const SpatialWeights& w) {
    double num = 0, sum = 0, sum2 = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        for (std::size_t k = 0; k < w.neighbours[i].size(); ++k) {
            const auto j = static_cast<std::size_t>(w.neighbours[i][k]);
            if (j != i) num += w.weights[i][k] * x[i] * x[j];
        }
        sum += x[i];
        sum2 += x[i] * x[i];
    }
    return num / (sum * sum - sum2);
}

}  // namespace

double normal_sf(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }
double two_sided_p(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

WeightsMoments weights_moments(const SpatialWeights& w) {
    WeightsMoments m;
    std::vector<double> row(w.size(), 0.0), col(w.size(), 0.0);
    for (std::size_t i = 0; i < w.size(); ++i)
        for (std::size_t k = 0; k < w.neighbours[i].size(); ++k) {
            const auto j = w.neighbours[i][k];
            const double wij = w.weights[i][k];
            m.s0 += wij;
            row[i] += wij;
            col[static_cast<std::size_t>(j)] += wij;
            // S1 sums over ordered pairs: a two-way link is stored twice and counts half
            // from each side; a one-way link stands for both (i,j) and (j,i).
            const auto& back = w.neighbours[static_cast<std::size_t>(j)];
            const bool both = std::binary_search(back.begin(), back.end(), static_cast<std::int32_t>(i));
            const double s = wij + (both ? weight_of(w, static_cast<std::size_t>(j), static_cast<std::int32_t>(i)) : 0.0);
            m.s1 += both ? 0.5 * s * s : s * s;
        }
    for (std::size_t i = 0; i < w.size(); ++i) m.s2 += (row[i] + col[i]) * (row[i] + col[i]);
    return m;
}

GlobalTest moran_i(const std::vector<double>& x, const SpatialWeights& w, const PermutationOptions& perm, bool adjust_n) {
    check(x, w, "Moran's I");
    const auto wm = weights_moments(w);
    if (wm.s0 == 0) throw DataError("Moran's I: the weights have no links", {}, "every unit is an island: choose other weights");
    const double units = static_cast<double>(x.size());
    std::size_t islands = 0;
    for (std::size_t i = 0; i < w.size(); ++i) islands += w.neighbours[i].empty() ? 1 : 0;
    // spdep's spweights.constants(adjust.n = TRUE): n counts only units with neighbours.
    const double n = adjust_n ? units - static_cast<double>(islands) : units;
    if (adjust_n && n < 4) throw DataError("Moran's I needs at least 4 units with neighbours", {}, "choose weights that leave fewer islands");
    const double m = mean_of(x);
    std::vector<double> z(x.size());
    double m2 = 0, m4 = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        z[i] = x[i] - m;
        m2 += z[i] * z[i];
        m4 += z[i] * z[i] * z[i] * z[i];
    }
    if (m2 == 0) throw DataError("Moran's I: the variable is constant", {}, "autocorrelation is undefined for a constant");
    m2 /= units;
    m4 /= units;
    GlobalTest t;
    t.n = n;
    t.islands = islands;
    t.n_convention = adjust_n ? "n excludes units without neighbours (spdep moran.test adjust.n = TRUE)"
                              : "n includes units without neighbours (esda; spdep moran.test adjust.n = FALSE)";
    t.statistic = moran_raw(z, w, wm.s0) * (n / units);
    t.expected = -1.0 / (n - 1.0);
    const double s02 = wm.s0 * wm.s0, e2 = t.expected * t.expected;
    t.var_norm = (n * n * wm.s1 - n * wm.s2 + 3.0 * s02) / (s02 * (n * n - 1.0)) - e2;
    const double k = m4 / (m2 * m2);
    t.var_rand = (n * ((n * n - 3.0 * n + 3.0) * wm.s1 - n * wm.s2 + 3.0 * s02) - k * ((n * n - n) * wm.s1 - 2.0 * n * wm.s2 + 6.0 * s02)) /
                     ((n - 1.0) * (n - 2.0) * (n - 3.0) * s02) - e2;
    t.z_norm = (t.statistic - t.expected) / std::sqrt(t.var_norm);
    t.z_rand = (t.statistic - t.expected) / std::sqrt(t.var_rand);
    t.p_norm = two_sided_p(t.z_norm);
    t.p_rand = two_sided_p(t.z_rand);
    const auto links = upper_links(w);
    const double scale = n / wm.s0 / (m2 * units);  // Σ z² is the same for every permutation
    permute_batched(t, z, perm, 1, [&](const std::vector<double>* ys, std::size_t count, double* out) {
        cross_products(ys, count, links, out);
        for (std::size_t c = 0; c < count; ++c) out[c] *= scale;
    });
    return t;
}

GlobalTest geary_c(const std::vector<double>& x, const SpatialWeights& w, const PermutationOptions& perm) {
    check(x, w, "Geary's C");
    const auto wm = weights_moments(w);
    if (wm.s0 == 0) throw DataError("Geary's C: the weights have no links", {}, "choose other weights");
    const double n = static_cast<double>(x.size());
    const double m = mean_of(x);
    double m2 = 0, m4 = 0;
    for (double v : x) {
        m2 += (v - m) * (v - m);
        m4 += std::pow(v - m, 4);
    }
    if (m2 == 0) throw DataError("Geary's C: the variable is constant", {}, "autocorrelation is undefined for a constant");
    const double k = (m4 / n) / ((m2 / n) * (m2 / n));
    GlobalTest t;
    t.statistic = geary_raw(x, w, wm.s0);
    t.expected = 1.0;
    const double s02 = wm.s0 * wm.s0;
    t.var_norm = ((2.0 * wm.s1 + wm.s2) * (n - 1.0) - 4.0 * s02) / (2.0 * (n + 1.0) * s02);
    t.var_rand = ((n - 1.0) * wm.s1 * (n * n - 3.0 * n + 3.0 - (n - 1.0) * k) - 0.25 * (n - 1.0) * wm.s2 * (n * n + 3.0 * n - 6.0 - (n * n - n + 2.0) * k) +
                  s02 * (n * n - 3.0 - (n - 1.0) * (n - 1.0) * k)) /
                 (n * (n - 2.0) * (n - 3.0) * s02);
    t.z_norm = (t.statistic - t.expected) / std::sqrt(t.var_norm);
    t.z_rand = (t.statistic - t.expected) / std::sqrt(t.var_rand);
    t.p_norm = two_sided_p(t.z_norm);
    t.p_rand = two_sided_p(t.z_rand);
    permute(t, x, perm, 2, [&](const std::vector<double>& y) { return geary_raw(y, w, wm.s0); });
    return t;
}

GlobalTest getis_ord_g(const std::vector<double>& x, const SpatialWeights& w, const PermutationOptions& perm) {
    check(x, w, "Getis-Ord G");
    for (double v : x)
        if (v < 0) throw DataError("Getis-Ord G needs non-negative values", {}, "G is defined for positive variables (counts, rates); use Moran's I");
    const auto wm = weights_moments(w);
    const double n = static_cast<double>(x.size());
    GlobalTest t;
    t.statistic = g_raw(x, w);
    t.expected = wm.s0 / (n * (n - 1.0));
    double y1 = 0, y2 = 0, y3 = 0, y4 = 0;
    for (double v : x) {
        y1 += v;
        y2 += v * v;
        y3 += v * v * v;
        y4 += v * v * v * v;
    }
    const double s02 = wm.s0 * wm.s0, s1 = wm.s1, s2 = wm.s2, n2 = n * n;
    // Getis & Ord (1992) eq. 9, in esda's arrangement.
    const double b0 = (n2 - 3.0 * n + 3.0) * s1 - n * s2 + 3.0 * s02;
    const double b1 = -((n2 - n) * s1 - 2.0 * n * s2 + 6.0 * s02);
    const double b2 = -(2.0 * n * s1 - (n + 3.0) * s2 + 6.0 * s02);
    const double b3 = 4.0 * (n - 1.0) * s1 - 2.0 * (n + 1.0) * s2 + 8.0 * s02;
    const double b4 = s1 - s2 + s02;
    const double eg2 = (b0 * y2 * y2 + b1 * y4 + b2 * y1 * y1 * y2 + b3 * y1 * y3 + b4 * std::pow(y1, 4)) /
                       (std::pow(y1 * y1 - y2, 2) * n * (n - 1.0) * (n - 2.0) * (n - 3.0));
    t.var_rand = t.var_norm = eg2 - t.expected * t.expected;
    t.z_rand = t.z_norm = (t.statistic - t.expected) / std::sqrt(t.var_rand);
    t.p_rand = t.p_norm = two_sided_p(t.z_norm);
    permute(t, x, perm, 3, [&](const std::vector<double>& y) { return g_raw(y, w); });
    return t;
}

GlobalTest bivariate_moran(const std::vector<double>& x, const std::vector<double>& y, const SpatialWeights& w, const PermutationOptions& perm) {
    check(x, w, "bivariate Moran's I");
    check(y, w, "bivariate Moran's I");
    const auto wm = weights_moments(w);
    const double n = static_cast<double>(x.size());
    auto standardise = [&](const std::vector<double>& v) {
        const double m = mean_of(v);
        double ss = 0;
        for (double a : v) ss += (a - m) * (a - m);
        const double sd = std::sqrt(ss / (n - 1.0));
        if (sd == 0) throw DataError("bivariate Moran's I: a variable is constant");
        std::vector<double> z(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) z[i] = (v[i] - m) / sd;
        return z;
    };
    const auto zx = standardise(x), zy = standardise(y);
    auto stat = [&](const std::vector<double>& zyy) {
        double num = 0;
        for (std::size_t i = 0; i < zx.size(); ++i) {
            double lag = 0;
            for (std::size_t k = 0; k < w.neighbours[i].size(); ++k) lag += w.weights[i][k] * zyy[static_cast<std::size_t>(w.neighbours[i][k])];
            num += zx[i] * lag;
        }
        return n / wm.s0 * num / (n - 1.0);
    };
    GlobalTest t;
    t.statistic = stat(zy);
    t.expected = -1.0 / (n - 1.0);
    t.var_norm = t.var_rand = std::nan("");
    t.z_norm = t.z_rand = t.p_norm = t.p_rand = std::nan("");
    permute(t, zy, perm, 4, stat);
    return t;
}

nlohmann::json to_json(const GlobalTest& t) {
    auto num = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
    nlohmann::json j = {{"statistic", num(t.statistic)}, {"expected", num(t.expected)},
                        {"normality", {{"variance", num(t.var_norm)}, {"z", num(t.z_norm)}, {"p_two_sided", num(t.p_norm)}}},
                        {"randomisation", {{"variance", num(t.var_rand)}, {"z", num(t.z_rand)}, {"p_two_sided", num(t.p_rand)}}}};
    if (t.permutations > 0)
        j["permutation"] = {{"permutations", t.permutations}, {"seed", t.seed}, {"p_pseudo", num(t.p_sim)},
                            {"mean", num(t.mean_sim)}, {"sd", num(t.sd_sim)}, {"z", num(t.z_sim)}};
    if (!t.n_convention.empty()) {
        j["n"] = t.n;
        j["units_without_neighbours"] = t.islands;
        j["n_convention"] = t.n_convention;
    }
    return j;
}

}  // namespace leefbaar
