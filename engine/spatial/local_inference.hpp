#pragma once
// The one inference base for every local statistic: conditional permutation
// (Anselin 1995): unit i keeps its value, its k neighbours' values are replaced by
// k values drawn without replacement from the other n-1 units. Each unit draws
// from its own random stream stream_for(seed, unit, statistic), so the result is
// identical for any thread count. Pseudo p = (extreme + 1) / (permutations + 1),
// except `doubled`, 2 (min(#>=, #<=) + 1) / (permutations + 1) capped at 1. Each
// estimates the exact conditional-permutation p-value (over all C(n-1, k) neighbour
// sets), defined in docs/methods/spatial-statistics.md and checked against full
// enumeration in tests/unit/spatial/local_enumeration_test.cpp.
// Multiple testing (Benjamini-Hochberg FDR, Bonferroni) is applied as a cut-off
// on the pseudo p-values. A statistic supplies only its formula.
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "core/random.hpp"
#include "spatial/weights.hpp"

namespace leefbaar {

enum class Alternative {
    TwoSided,  // |S - E(S)| >= |I - E(S)|, E(S) the exact conditional permutation mean (default)
    Folded,    // esda/GeoDa: min(#(S >= I), #(S < I)): the tail on the observed side
    Greater,   // #(S >= I)
    Less,      // #(S <= I)
    Doubled    // spdep localmoran_perm two.sided: 2 min(P(S >= I), P(S <= I)), capped at 1
};
enum class MultipleTesting { None, FDR, Bonferroni };

const char* to_string(Alternative a);
const char* to_string(MultipleTesting m);
// "two-sided", "doubled" (alias "two-sided-spdep"), "folded", "greater", "less"
Alternative parse_alternative(const std::string& s);
MultipleTesting parse_multiple_testing(const std::string& s);  // "none", "fdr", "bonferroni"

struct LocalInferenceOptions {
    int permutations = 999;
    std::uint64_t seed = 12345;
    Alternative alternative = Alternative::TwoSided;
    MultipleTesting adjust = MultipleTesting::None;
    double alpha = 0.05;
    unsigned threads = 0;
};

struct PermutationResult {
    std::vector<double> p;      // NaN for islands
    std::vector<double> mean;   // of the permuted statistics
    std::vector<double> sd;
    std::vector<double> z_sim;  // (observed - mean) / sd
};

namespace detail {
// Progress of a parallel loop over units, reported (serialised, at most every percent)
// from whichever worker finishes a block; a cancellation propagates through parallel_for.
class BlockProgress {
public:
    BlockProgress(const Progress& p, std::size_t n) : p_(p), n_(n) {}
    void add(std::size_t units);

private:
    const Progress& p_;
    std::size_t n_, done_ = 0;
    int percent_ = -1;
    std::mutex m_;
};
void check_inference_options(const LocalInferenceOptions& o);
PermutationResult empty_permutation_result(std::size_t n);
// Permuted statistics within this fraction of the largest magnitude involved
// (max(|I|, max |S|)) count as equal to the observed one. On integer or rounded
// data many neighbour sets give the same statistic in exact arithmetic, but the
// permuted and the observed values are summed in different orders (and Gi* with
// row-standardised weights differs from binary weights by rounding only), so an
// exact comparison would break those ties at random. 1e-10 lies far above the
// rounding of sums of thousands of terms (~1e-13) and far below any difference
// real data carry.
inline constexpr double kTieTolerance = 1e-10;
double tie_tolerance(double observed, const double* sims, std::size_t perms);
// Counts of permuted statistics S >= I - tol and S <= I + tol.
struct TailCounts {
    std::size_t ge = 0, le = 0;
};
TailCounts tail_counts(double observed, const double* sims, std::size_t perms, double tol);
// p, mean, sd and z_sim of unit i from its `perms` permuted statistics. `centre` is
// the exact mean of the conditional permutation distribution, which two-sided
// measures distances from (NaN: the mean of the permuted values instead, whose own
// sampling error then adds to the p-value's).
void summarise_permutations(PermutationResult& r, std::size_t i, double observed, const double* sims, std::size_t perms, Alternative a,
                            double centre = std::numeric_limits<double>::quiet_NaN());

// Draws k distinct units other than i, uniformly from the n - 1 others. While k is
// small relative to n (a few neighbours among many units) each draw is rejected if
// it repeats an earlier one, found in a bitmap of the units drawn so far (n bits:
// 125 KB at 10^6 units, cache-resident, unlike a scan of the earlier draws, which
// costs a mispredicted branch per comparison). Otherwise a partial Fisher-Yates
// shuffle of the others. One sampler per thread; start() for each unit.
class NeighbourSampler {
public:
    explicit NeighbourSampler(std::size_t n) : n_(static_cast<std::uint32_t>(n)), seen_((n + 63) / 64, 0) {}
    void start(std::size_t i, std::size_t k) {
        i_ = static_cast<std::uint32_t>(i);
        k_ = k;
        reject_ = 4 * k <= n_;
        if (!reject_) {
            pool_.clear();
            for (std::uint32_t j = 0; j < n_; ++j)
                if (j != i_) pool_.push_back(static_cast<std::int32_t>(j));
        }
    }
    // `values`, when given, is the array the statistic will read at the drawn
    // units: their cache lines are requested now, while the generator runs, rather
    // than waited for one by one when the statistic reads them.
    void draw(FastEngine& rng, std::int32_t* idx, const double* values = nullptr) {
        if (reject_) {
            for (std::size_t a = 0; a < k_; ++a) {
                std::uint32_t j;
                do {
                    j = uniform_below(rng, n_ - 1);
                    j += j >= i_ ? 1u : 0u;
                } while (seen_[j >> 6] >> (j & 63) & 1u);
                seen_[j >> 6] |= std::uint64_t{1} << (j & 63);
                idx[a] = static_cast<std::int32_t>(j);
                if (values) __builtin_prefetch(values + j);
            }
            for (std::size_t a = 0; a < k_; ++a) seen_[static_cast<std::uint32_t>(idx[a]) >> 6] = 0;
        } else {
            const auto m = static_cast<std::uint32_t>(pool_.size());
            for (std::size_t a = 0; a < k_; ++a) {
                const auto c = static_cast<std::uint32_t>(a) + uniform_below(rng, m - static_cast<std::uint32_t>(a));
                std::swap(pool_[a], pool_[c]);
                idx[a] = pool_[a];
            }
        }
    }

private:
    std::uint32_t n_, i_ = 0;
    std::size_t k_ = 0;
    bool reject_ = true;
    std::vector<std::uint64_t> seen_;  // all zero between draws
    std::vector<std::int32_t> pool_;
};
}  // namespace detail

// Per unit, its neighbours without itself: the k values a permutation replaces, in
// one flat array (CSR), and its self-weight (kernel weights and Gi* include the
// diagonal; the unit keeps its own value, so that term is added, not drawn).
struct PermutationRows {
    std::vector<std::size_t> offsets;  // n + 1
    std::vector<double> weight;        // w_ij, j != i
    std::vector<double> self;          // w_ii (0 when absent)
    std::size_t size() const { return self.size(); }
    std::size_t count(std::size_t i) const { return offsets[i + 1] - offsets[i]; }
    const double* row(std::size_t i) const { return weight.data() + offsets[i]; }
};
PermutationRows permutation_rows(const SpatialWeights& w);
// True when a and b replace the same neighbours (the same units, self aside), so
// their statistics can be evaluated on the same draws.
bool same_neighbours(const SpatialWeights& a, const SpatialWeights& b);

// The stream every local statistic of a unit draws from: Local Moran, Gi, Gi* and
// Local Geary of a unit see the same permutations, so computing them together
// (sharing the draws and the gathers) gives exactly what computing each alone gives.
inline constexpr std::uint64_t kLocalPermutationStream = 11;

// The inference base, for S statistics evaluated on the same draws. For unit i with
// k = rows.count(i) > 0 neighbours (self excluded), each permutation draws k distinct other units idx[0..k)
// and `stat(i, idx, k, out)` writes the S permuted statistics to out[0..S). Statistic
// s of unit i is summarised when observed[s][i] is finite; `gathered` (optional) is
// the array the statistic reads at the drawn units (see NeighbourSampler::draw). A template, not a
// std::function, because it runs n x permutations times (10^9 at 10^6 units) and
// must inline into the sampling loop. `centres[s]` (optional) holds statistic s's
// exact permutation mean per unit, the centre of the two-sided test.
template <std::size_t S, typename Stat>
std::array<PermutationResult, S> conditional_permutation(const PermutationRows& rows, const std::array<const std::vector<double>*, S>& observed,
                                                         const LocalInferenceOptions& o, Stat&& stat, const Progress& progress = {},
                                                         const double* gathered = nullptr,
                                                         const std::array<const std::vector<double>*, S>& centres = {}) {
    detail::check_inference_options(o);
    const std::size_t n = rows.size();
    const auto perms = static_cast<std::size_t>(o.permutations);
    std::array<PermutationResult, S> r;
    for (auto& x : r) x = detail::empty_permutation_result(n);
    if (n < 2) return r;
    if (n - 1 > 0xffffffffULL) throw DataError("too many units for the permutation test (at most 2^32)");
    detail::BlockProgress done(progress, n);
    parallel_for(n, resolve_threads(o.threads), [&](std::size_t b, std::size_t e) {
        std::vector<double> sims(perms * S);  // statistic-major: sims[s * perms + p]
        std::vector<std::int32_t> idx;        // all permutations of the unit, k per permutation
        detail::NeighbourSampler sampler(n);
        for (std::size_t i = b; i < e; ++i) {
            const std::size_t k = rows.count(i);
            bool any = false;
            for (std::size_t s = 0; s < S; ++s) any = any || std::isfinite((*observed[s])[i]);
            if (k == 0 || !any) continue;
            if (k > n - 1) throw DataError("a unit has more neighbours than there are other units");
            idx.resize(k * perms);
            auto rng = fast_stream_for(o.seed, i, kLocalPermutationStream);
            sampler.start(i, k);
            // Draw first, then evaluate: the gathers of the second loop no longer wait
            // behind the generator's dependency chain, so their cache misses overlap.
            for (std::size_t p = 0; p < perms; ++p) sampler.draw(rng, idx.data() + p * k, gathered);
            for (std::size_t p = 0; p < perms; ++p) {
                double out[S];
                stat(i, idx.data() + p * k, k, out);
                for (std::size_t s = 0; s < S; ++s) sims[s * perms + p] = out[s];
            }
            for (std::size_t s = 0; s < S; ++s) {
                const double obs = (*observed[s])[i];
                if (!std::isfinite(obs)) continue;
                const double centre = centres[s] ? (*centres[s])[i] : std::numeric_limits<double>::quiet_NaN();
                detail::summarise_permutations(r[s], i, obs, sims.data() + s * perms, perms, o.alternative, centre);
            }
        }
        done.add(e - b);
    }, 64);
    return r;
}

// The largest p counted as significant at `alpha` under the adjustment, given the
// p-values of the tested units (NaN ignored); 0 when none is significant under FDR.
double significance_cutoff(const std::vector<double>& p, double alpha, MultipleTesting adjust);

}  // namespace leefbaar
