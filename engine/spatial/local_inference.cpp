#include "spatial/local_inference.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace leefbaar {

const char* to_string(Alternative a) {
    switch (a) {
        case Alternative::TwoSided: return "two-sided";
        case Alternative::Folded: return "folded";
        case Alternative::Greater: return "greater";
        case Alternative::Less: return "less";
        case Alternative::Doubled: return "doubled";
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
    if (s == "doubled" || s == "two-sided-spdep") return Alternative::Doubled;
    if (s == "folded" || s == "one-sided") return Alternative::Folded;
    if (s == "greater") return Alternative::Greater;
    if (s == "less") return Alternative::Less;
    throw UsageError("unknown alternative '" + s + "'", {}, "use two-sided, doubled, folded, greater or less");
}
const char* to_string(PermutationDraws d) { return d == PermutationDraws::Shared ? "shared" : "independent"; }
PermutationDraws parse_draws(const std::string& s) {
    if (s == "shared" || s.empty()) return PermutationDraws::Shared;
    if (s == "independent") return PermutationDraws::Independent;
    throw UsageError("unknown permutation draws '" + s + "'", {}, "use shared or independent");
}
MultipleTesting parse_multiple_testing(const std::string& s) {
    if (s == "none" || s.empty()) return MultipleTesting::None;
    if (s == "fdr" || s == "bh") return MultipleTesting::FDR;
    if (s == "bonferroni") return MultipleTesting::Bonferroni;
    throw UsageError("unknown multiple-testing adjustment '" + s + "'", {}, "use none, fdr or bonferroni");
}

PermutationRows permutation_rows(const SpatialWeights& w) {
    PermutationRows r;
    const std::size_t n = w.size();
    r.offsets.assign(n + 1, 0);
    r.self.assign(n, 0.0);
    r.weight.reserve(w.links());
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t a = 0; a < w.neighbours[i].size(); ++a) {
            if (static_cast<std::size_t>(w.neighbours[i][a]) == i) r.self[i] = w.weights[i][a];
            else r.weight.push_back(w.weights[i][a]);
        }
        r.offsets[i + 1] = r.weight.size();
    }
    return r;
}

bool same_neighbours(const SpatialWeights& a, const SpatialWeights& b) {
    if (a.size() != b.size()) return false;
    std::vector<std::int32_t> ra, rb;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ra.clear();
        rb.clear();
        for (auto j : a.neighbours[i])
            if (static_cast<std::size_t>(j) != i) ra.push_back(j);
        for (auto j : b.neighbours[i])
            if (static_cast<std::size_t>(j) != i) rb.push_back(j);
        if (ra != rb) return false;
    }
    return true;
}

namespace detail {

void BlockProgress::add(std::size_t units) {
    if (!p_.active()) return;
    std::lock_guard<std::mutex> lock(m_);
    done_ += units;
    const int percent = static_cast<int>(100 * done_ / n_);
    if (percent == percent_) return;
    percent_ = percent;
    p_.report(static_cast<double>(done_) / static_cast<double>(n_), "permutations: " + std::to_string(done_) + " of " + std::to_string(n_) + " units");
}

void check_inference_options(const LocalInferenceOptions& o) {
    if (o.permutations < 1) throw UsageError("the number of permutations must be at least 1", {}, "use e.g. {{permutations 999}}");
    if (!(o.alpha > 0 && o.alpha < 1)) throw UsageError("alpha must lie between 0 and 1", {}, "use e.g. {{alpha 0.05}}");
}

PermutationResult empty_permutation_result(std::size_t n) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    PermutationResult r;
    r.p.assign(n, nan);
    r.mean.assign(n, nan);
    r.sd.assign(n, nan);
    r.z_sim.assign(n, nan);
    return r;
}

double tie_tolerance(double obs, const double* sims, std::size_t perms) {
    double scale = std::fabs(obs);
    for (std::size_t s = 0; s < perms; ++s) scale = std::max(scale, std::fabs(sims[s]));
    return kTieTolerance * scale;
}

TailCounts tail_counts(double obs, const double* sims, std::size_t perms, double tol) {
    TailCounts t;
    for (std::size_t s = 0; s < perms; ++s) {
        t.ge += sims[s] >= obs - tol ? 1 : 0;
        t.le += sims[s] <= obs + tol ? 1 : 0;
    }
    return t;
}

void summarise_permutations(PermutationResult& r, std::size_t i, double obs, const double* sims, std::size_t perms, Alternative a, double centre) {
    // Four partial sums: the loops run for every unit and statistic, and one
    // accumulator would make each a chain of dependent additions.
    double m4[4] = {0, 0, 0, 0};
    std::size_t s4 = 0;
    for (; s4 + 4 <= perms; s4 += 4)
        for (int q = 0; q < 4; ++q) m4[q] += sims[s4 + static_cast<std::size_t>(q)];
    for (std::size_t s = s4; s < perms; ++s) m4[0] += sims[s];
    const double mean = ((m4[0] + m4[1]) + (m4[2] + m4[3])) / static_cast<double>(perms);
    double v4[4] = {0, 0, 0, 0};
    for (s4 = 0; s4 + 4 <= perms; s4 += 4)
        for (int q = 0; q < 4; ++q) {
            const double d = sims[s4 + static_cast<std::size_t>(q)] - mean;
            v4[q] += d * d;
        }
    for (std::size_t s = s4; s < perms; ++s) v4[0] += (sims[s] - mean) * (sims[s] - mean);
    const double ss = (v4[0] + v4[1]) + (v4[2] + v4[3]);
    const double sd = perms > 1 ? std::sqrt(ss / static_cast<double>(perms - 1)) : 0.0;
    const double tol = tie_tolerance(obs, sims, perms);
    const auto tails = tail_counts(obs, sims, perms, tol);
    PermutationSummary sum{mean, sd, 0};
    switch (a) {
        case Alternative::TwoSided: {
            const double c = std::isfinite(centre) ? centre : mean;
            const double d = std::fabs(obs - c) - tol;
            for (std::size_t s = 0; s < perms; ++s) sum.extreme += std::fabs(sims[s] - c) >= d ? 1 : 0;
            break;
        }
        // esda's and GeoDa's count: #(S >= I), replaced by #(S < I) when that is smaller.
        case Alternative::Folded: sum.extreme = std::min(tails.ge, perms - tails.ge); break;
        case Alternative::Greater: sum.extreme = tails.ge; break;
        case Alternative::Less: sum.extreme = tails.le; break;
        // spdep's rank-based two.sided p (localmoran_perm): 2 min(rank, nsim + 2 - rank) / (nsim + 1).
        case Alternative::Doubled: sum.extreme = std::min(tails.ge, tails.le); break;
    }
    store_summary(r, i, obs, sum, perms, a);
}

void store_summary(PermutationResult& r, std::size_t i, double obs, const PermutationSummary& s, std::size_t perms, Alternative a) {
    double p = static_cast<double>(s.extreme + 1) / static_cast<double>(perms + 1);
    if (a == Alternative::Doubled) p = std::min(1.0, 2.0 * p);
    r.p[i] = p;
    r.mean[i] = s.mean;
    r.sd[i] = s.sd;
    r.z_sim[i] = s.sd > 0 ? (obs - s.mean) / s.sd : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace detail

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
