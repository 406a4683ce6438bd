#include "spatial/local_inference.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/random.hpp"

namespace leefbaar {

const char* to_string(Alternative a) {
    switch (a) {
        case Alternative::TwoSided: return "two-sided";
        case Alternative::Folded: return "folded";
        case Alternative::Greater: return "greater";
        case Alternative::Less: return "less";
    }
    return "?";
}
const char* to_string(MultipleTesting m) {
    switch (m) {
        case MultipleTesting::None: return "none";
        case MultipleTesting::FDR: return "fdr";
        case MultipleTesting::Bonferroni: return "bonferroni";
    }
    return "?";
}
Alternative parse_alternative(const std::string& s) {
    if (s == "two-sided" || s == "two_sided") return Alternative::TwoSided;
    if (s == "folded" || s == "one-sided") return Alternative::Folded;
    if (s == "greater") return Alternative::Greater;
    if (s == "less") return Alternative::Less;
    throw UsageError("unknown alternative '" + s + "'", {}, "use two-sided, folded, greater or less");
}
MultipleTesting parse_multiple_testing(const std::string& s) {
    if (s == "none" || s.empty()) return MultipleTesting::None;
    if (s == "fdr" || s == "bh") return MultipleTesting::FDR;
    if (s == "bonferroni") return MultipleTesting::Bonferroni;
    throw UsageError("unknown multiple-testing adjustment '" + s + "'", {}, "use none, fdr or bonferroni");
}

PermutationResult conditional_permutation(const SpatialWeights& w, const std::vector<double>& observed, const LocalInferenceOptions& o,
                                          std::uint64_t purpose, const PermutedStatistic& stat) {
    const std::size_t n = w.size();
    if (o.permutations < 1) throw UsageError("the number of permutations must be at least 1", {}, "use e.g. --permutations 999");
    if (!(o.alpha > 0 && o.alpha < 1)) throw UsageError("alpha must lie between 0 and 1", {}, "use e.g. --alpha 0.05");
    const auto perms = static_cast<std::size_t>(o.permutations);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    PermutationResult r;
    r.p.assign(n, nan);
    r.mean.assign(n, nan);
    r.sd.assign(n, nan);
    r.z_sim.assign(n, nan);
    parallel_for(n, resolve_threads(o.threads), [&](std::size_t b, std::size_t e) {
        std::vector<double> sims(perms), wk;
        std::vector<std::int32_t> idx, pool;
        for (std::size_t i = b; i < e; ++i) {
            if (!std::isfinite(observed[i])) continue;
            wk.clear();
            for (std::size_t k = 0; k < w.neighbours[i].size(); ++k)
                if (static_cast<std::size_t>(w.neighbours[i][k]) != i) wk.push_back(w.weights[i][k]);
            const std::size_t k = wk.size();
            if (k == 0 || n < 2) continue;
            if (k > n - 1) throw DataError("a unit has more neighbours than there are other units");
            idx.resize(k);
            auto rng = stream_for(o.seed, i, purpose);
            // Rejection sampling is fast while k is small relative to n; otherwise a
            // partial Fisher-Yates shuffle of all other units.
            const bool reject = 4 * k <= n;
            if (!reject) {
                pool.clear();
                for (std::size_t j = 0; j < n; ++j)
                    if (j != i) pool.push_back(static_cast<std::int32_t>(j));
            }
            for (std::size_t s = 0; s < perms; ++s) {
                if (reject) {
                    for (std::size_t a = 0; a < k; ++a) {
                        for (;;) {
                            auto j = static_cast<std::int32_t>(uniform_below(rng, n - 1));
                            if (static_cast<std::size_t>(j) >= i) ++j;
                            bool dup = false;
                            for (std::size_t c = 0; c < a && !dup; ++c) dup = idx[c] == j;
                            if (!dup) {
                                idx[a] = j;
                                break;
                            }
                        }
                    }
                } else {
                    for (std::size_t a = 0; a < k; ++a) {
                        const auto c = a + uniform_below(rng, pool.size() - a);
                        std::swap(pool[a], pool[c]);
                        idx[a] = pool[a];
                    }
                }
                sims[s] = stat(i, idx.data(), wk.data(), k);
            }
            double mean = 0;
            for (double v : sims) mean += v;
            mean /= static_cast<double>(perms);
            double ss = 0;
            for (double v : sims) ss += (v - mean) * (v - mean);
            const double sd = perms > 1 ? std::sqrt(ss / static_cast<double>(perms - 1)) : 0.0;
            const double obs = observed[i];
            std::size_t extreme = 0;
            switch (o.alternative) {
                case Alternative::TwoSided: {
                    const double d = std::fabs(obs - mean);
                    for (double v : sims) extreme += std::fabs(v - mean) >= d ? 1 : 0;
                    break;
                }
                case Alternative::Folded: {
                    std::size_t ge = 0;
                    for (double v : sims) ge += v >= obs ? 1 : 0;
                    extreme = std::min(ge, perms - ge);
                    break;
                }
                case Alternative::Greater:
                    for (double v : sims) extreme += v >= obs ? 1 : 0;
                    break;
                case Alternative::Less:
                    for (double v : sims) extreme += v <= obs ? 1 : 0;
                    break;
            }
            r.p[i] = static_cast<double>(extreme + 1) / static_cast<double>(perms + 1);
            r.mean[i] = mean;
            r.sd[i] = sd;
            r.z_sim[i] = sd > 0 ? (obs - mean) / sd : nan;
        }
    }, 64);
    return r;
}

double significance_cutoff(const std::vector<double>& p, double alpha, MultipleTesting adjust) {
    std::vector<double> v;
    for (double x : p)
        if (std::isfinite(x)) v.push_back(x);
    if (v.empty()) return 0.0;
    const double m = static_cast<double>(v.size());
    switch (adjust) {
        case MultipleTesting::None: return alpha;
        case MultipleTesting::Bonferroni: return alpha / m;
        case MultipleTesting::FDR: {
            // Benjamini & Hochberg (1995): the largest p_(k) with p_(k) <= k alpha / m.
            std::sort(v.begin(), v.end());
            double cut = 0.0;
            for (std::size_t k = 0; k < v.size(); ++k)
                if (v[k] <= static_cast<double>(k + 1) * alpha / m) cut = v[k];
            return cut;
        }
    }
    return alpha;
}

}  // namespace leefbaar
