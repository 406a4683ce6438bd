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
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "core/random.hpp"
#include "spatial/permutation_draws.hpp"
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
// Where a unit's permutations come from (permutation_draws.hpp): a table shared by
// the units with as many neighbours, each draw containing the unit replaced (exact,
// the default), or the unit's own stream for every draw.
enum class PermutationDraws { Shared, Independent };

const char* to_string(Alternative a);
const char* to_string(MultipleTesting m);
// "two-sided", "doubled" (alias "two-sided-spdep"), "folded", "greater", "less"
Alternative parse_alternative(const std::string& s);
MultipleTesting parse_multiple_testing(const std::string& s);  // "none", "fdr", "bonferroni"
const char* to_string(PermutationDraws d);
PermutationDraws parse_draws(const std::string& s);  // "shared", "independent"

struct LocalInferenceOptions {
    int permutations = 999;
    std::uint64_t seed = 12345;
    Alternative alternative = Alternative::TwoSided;
    MultipleTesting adjust = MultipleTesting::None;
    double alpha = 0.05;
    unsigned threads = 0;
    PermutationDraws draws = PermutationDraws::Shared;
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
// What a p-value needs from a unit's permuted statistics, however they were obtained.
struct PermutationSummary {
    double mean = 0, sd = 0;
    std::size_t extreme = 0;  // the count of the alternative (before the + 1)
};
void store_summary(PermutationResult& r, std::size_t i, double observed, const PermutationSummary& s, std::size_t perms, Alternative a);

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

// A statistic's permuted values as an affine function of the sum L of the drawn
// units' `gathered` values, where that holds: `applies(i)` when unit i's weights are
// all equal (self aside), `value(i, L, out)` the S statistics at L, `slope(i, out)`
// their slopes. With it the shared draws are evaluated by binary search
// (detail::summarise_lag). NoLagForm: every draw is evaluated by the statistic.
struct NoLagForm {
    bool applies(std::size_t) const { return false; }
    void value(std::size_t, double, double*) const {}
    void slope(std::size_t, double*) const {}
};

namespace detail {

// Unit i's permuted statistic is f(L), affine in the sum L of its drawn values with
// slope `slope`. Over the table's draws sorted by L, any predicate that is monotone
// in the statistic is monotone in the rank, so each count is a binary search (f is
// evaluated as in the loop it replaces, so the comparisons are the same); the
// moments follow from the table's centred sums. The table's draws `removed_ids`
// (with sums `removed`) contain the unit itself: they leave the counts and moments,
// and the statistics `added` of their replacements join them.
template <typename F>
PermutationSummary summarise_lag(const F& f, double slope, double obs, double centre, const DrawTable& t,
                                 const std::vector<std::uint32_t>& removed_ids, const std::vector<double>& removed,
                                 const std::vector<double>& added, Alternative a) {
    const std::vector<double>& L = t.sorted;
    const std::size_t perms = L.size();
    const auto count = [&](const auto& pred) {
        const auto holds = [&](double l) { return pred(f(l)); };
        const bool first = holds(L.front()), last = holds(L.back());
        std::size_t c = first == last ? (first ? perms : 0)
                        : first      ? static_cast<std::size_t>(std::partition_point(L.begin(), L.end(), holds) - L.begin())
                                     : perms - static_cast<std::size_t>(std::partition_point(L.begin(), L.end(), [&](double l) { return !holds(l); }) - L.begin());
        for (double l : removed) c -= holds(l) ? 1 : 0;
        for (double v : added) c += pred(v) ? 1 : 0;
        return c;
    };
    PermutationSummary out;
    const double at_centre = f(t.centre);
    double dev = slope * t.offset, ss = slope * slope * t.spread;
    for (double l : removed) {
        const double d = f(l) - at_centre;
        dev -= d;
        ss -= d * d;
    }
    for (double v : added) {
        dev += v - at_centre;
        ss += (v - at_centre) * (v - at_centre);
    }
    out.mean = at_centre + dev / static_cast<double>(perms);
    ss -= static_cast<double>(perms) * (out.mean - at_centre) * (out.mean - at_centre);
    out.sd = perms > 1 ? std::sqrt(std::max(ss, 0.0) / static_cast<double>(perms - 1)) : 0.0;
    // The tie tolerance from the largest magnitude among the draws used: the extreme
    // sums, skipping draws that contain the unit.
    double scale = std::fabs(obs);
    const auto used = [&](std::size_t rank) { return !std::binary_search(removed_ids.begin(), removed_ids.end(), t.order[rank]); };
    for (std::size_t r = 0; r < perms; ++r)
        if (used(r)) { scale = std::max(scale, std::fabs(f(L[r]))); break; }
    for (std::size_t r = perms; r-- > 0;)
        if (used(r)) { scale = std::max(scale, std::fabs(f(L[r]))); break; }
    for (double v : added) scale = std::max(scale, std::fabs(v));
    const double tol = kTieTolerance * scale;
    const std::size_t ge = count([&](double v) { return v >= obs - tol; });
    const std::size_t le = count([&](double v) { return v <= obs + tol; });
    switch (a) {
        case Alternative::TwoSided: {
            const double c = std::isfinite(centre) ? centre : out.mean;
            const double d = std::fabs(obs - c) - tol;
            out.extreme = d <= 0 ? perms : count([&](double v) { return v - c >= d; }) + count([&](double v) { return v - c <= -d; });
            break;
        }
        case Alternative::Folded: out.extreme = std::min(ge, perms - ge); break;
        case Alternative::Greater: out.extreme = ge; break;
        case Alternative::Less: out.extreme = le; break;
        case Alternative::Doubled: out.extreme = std::min(ge, le); break;
    }
    return out;
}

// One unit's draws under the shared scheme: the table's, with those containing the
// unit (`removed`, ascending) replaced in order by the private draws `replacement`.
struct UnitDraws {
    const DrawTable* table = nullptr;
    std::vector<std::uint32_t> removed;
    std::vector<std::int32_t> replacement;  // removed.size() x k
    void prepare(const DrawTable& t, std::size_t i, std::uint64_t seed, NeighbourSampler& sampler) {
        table = &t;
        removed = t.draws_containing(i);
        replacement.resize(removed.size() * t.k);
        if (removed.empty()) return;
        auto rng = fast_stream_for(seed, i, kLocalPermutationStream);
        sampler.start(i, t.k);
        for (std::size_t q = 0; q < removed.size(); ++q) sampler.draw(rng, replacement.data() + q * t.k);
    }
};

// S statistics of unit i evaluated on every draw it uses, then summarised.
template <std::size_t S, typename Stat>
void evaluate_draws(std::array<PermutationResult, S>& r, std::size_t i, const UnitDraws& d, const std::array<double, S>& obs,
                    const std::array<double, S>& centre, std::size_t perms, Alternative alt, const Stat& stat, std::vector<double>& sims) {
    const std::size_t k = d.table->k;
    std::size_t q = 0;
    for (std::size_t p = 0; p < perms; ++p) {
        const bool replaced = q < d.removed.size() && d.removed[q] == p;
        const std::int32_t* draw = replaced ? d.replacement.data() + (q++) * k : d.table->draw(p);
        double out[S];
        stat(i, draw, k, out);
        for (std::size_t s = 0; s < S; ++s) sims[s * perms + p] = out[s];
    }
    for (std::size_t s = 0; s < S; ++s)
        if (std::isfinite(obs[s])) summarise_permutations(r[s], i, obs[s], sims.data() + s * perms, perms, alt, centre[s]);
}

// The same through the lag form: the replaced draws' sums leave the table's counts
// and moments, the replacements' statistics join them.
template <std::size_t S, typename Stat, typename Lag>
void evaluate_lag(std::array<PermutationResult, S>& r, std::size_t i, const UnitDraws& d, const std::array<double, S>& obs,
                  const std::array<double, S>& centre, Alternative alt, const Stat& stat, const Lag& lag) {
    const DrawTable& t = *d.table;
    std::vector<double> removed(d.removed.size());
    for (std::size_t q = 0; q < removed.size(); ++q) removed[q] = t.sum[d.removed[q]];
    std::array<std::vector<double>, S> added;
    for (std::size_t q = 0; q < d.removed.size(); ++q) {
        double out[S];
        stat(i, d.replacement.data() + q * t.k, t.k, out);
        for (std::size_t s = 0; s < S; ++s) added[s].push_back(out[s]);
    }
    double slope[S];
    lag.slope(i, slope);
    for (std::size_t s = 0; s < S; ++s) {
        if (!std::isfinite(obs[s])) continue;
        const auto f = [&](double L) {
            double out[S];
            lag.value(i, L, out);
            return out[s];
        };
        store_summary(r[s], i, obs[s], summarise_lag(f, slope[s], obs[s], centre[s], t, d.removed, removed, added[s], alt), t.sorted.size(), alt);
    }
}

// The independent scheme: every draw from the unit's own stream (draw first, then
// evaluate: the gathers of the second loop no longer wait behind the generator's
// dependency chain, so their cache misses overlap).
template <std::size_t S, typename Stat>
void permute_independent(std::array<PermutationResult, S>& r, std::size_t i, std::size_t k, const std::array<double, S>& obs,
                         const std::array<double, S>& centre, const LocalInferenceOptions& o, const Stat& stat, const double* gathered,
                         NeighbourSampler& sampler, std::vector<std::int32_t>& idx, std::vector<double>& sims) {
    const auto perms = static_cast<std::size_t>(o.permutations);
    idx.resize(k * perms);
    auto rng = fast_stream_for(o.seed, i, kLocalPermutationStream);
    sampler.start(i, k);
    for (std::size_t p = 0; p < perms; ++p) sampler.draw(rng, idx.data() + p * k, gathered);
    for (std::size_t p = 0; p < perms; ++p) {
        double out[S];
        stat(i, idx.data() + p * k, k, out);
        for (std::size_t s = 0; s < S; ++s) sims[s * perms + p] = out[s];
    }
    for (std::size_t s = 0; s < S; ++s)
        if (std::isfinite(obs[s])) summarise_permutations(r[s], i, obs[s], sims.data() + s * perms, perms, o.alternative, centre[s]);
}

}  // namespace detail

// The inference base, for S statistics evaluated on the same draws. For unit i with
// k = rows.count(i) > 0 neighbours (self excluded), each permutation draws k distinct
// other units idx[0..k) and `stat(i, idx, k, out)` writes the S permuted statistics
// to out[0..S). Statistic s of unit i is summarised when observed[s][i] is finite;
// `gathered` (optional) is the array the statistic reads at the drawn units: the
// independent scheme prefetches it, the lag form sums it. A template, not a
// std::function, because it runs n x permutations times (10^9 at 10^6 units) and
// must inline into the sampling loop. `centres[s]` (optional) holds statistic s's
// exact permutation mean per unit, the centre of the two-sided test. The draws come
// from o.draws (PermutationDraws); `lag` (optional) evaluates shared draws by sums.
template <std::size_t S, typename Stat, typename Lag = NoLagForm>
std::array<PermutationResult, S> conditional_permutation(const PermutationRows& rows, const std::array<const std::vector<double>*, S>& observed,
                                                         const LocalInferenceOptions& o, Stat&& stat, const Progress& progress = {},
                                                         const double* gathered = nullptr,
                                                         const std::array<const std::vector<double>*, S>& centres = {}, const Lag& lag = Lag{}) {
    detail::check_inference_options(o);
    const std::size_t n = rows.size();
    const auto perms = static_cast<std::size_t>(o.permutations);
    std::array<PermutationResult, S> r;
    for (auto& x : r) x = detail::empty_permutation_result(n);
    if (n < 2) return r;
    if (n - 1 > 0xffffffffULL) throw DataError("too many units for the permutation test (at most 2^32)");
    std::vector<char> tested(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t s = 0; s < S; ++s) tested[i] = tested[i] || std::isfinite((*observed[s])[i]);
        tested[i] = tested[i] && rows.count(i) > 0;
        if (tested[i] && rows.count(i) > n - 1) throw DataError("a unit has more neighbours than there are other units");
    }
    const bool shared = o.draws == PermutationDraws::Shared;
    const bool sums = shared && gathered && !std::is_same_v<std::decay_t<Lag>, NoLagForm>;
    std::optional<detail::DrawTables> tables;
    if (shared) tables.emplace(rows, tested, perms, o.seed, sums ? gathered : nullptr);
    detail::BlockProgress done(progress, n);
    parallel_for(n, resolve_threads(o.threads), [&](std::size_t b, std::size_t e) {
        std::vector<double> sims(perms * S);  // statistic-major: sims[s * perms + p]
        std::vector<std::int32_t> idx;
        detail::NeighbourSampler sampler(n);
        detail::UnitDraws draws;
        for (std::size_t i = b; i < e; ++i) {
            if (!tested[i]) continue;
            std::array<double, S> obs, centre;
            for (std::size_t s = 0; s < S; ++s) {
                obs[s] = (*observed[s])[i];
                centre[s] = centres[s] ? (*centres[s])[i] : std::numeric_limits<double>::quiet_NaN();
            }
            if (!shared) {
                detail::permute_independent<S>(r, i, rows.count(i), obs, centre, o, stat, gathered, sampler, idx, sims);
                continue;
            }
            draws.prepare(tables->of(rows.count(i)), i, o.seed, sampler);
            if (sums && lag.applies(i)) detail::evaluate_lag<S>(r, i, draws, obs, centre, o.alternative, stat, lag);
            else detail::evaluate_draws<S>(r, i, draws, obs, centre, perms, o.alternative, stat, sims);
        }
        done.add(e - b);
    }, 64);
    return r;
}

// The largest p counted as significant at `alpha` under the adjustment, given the
// p-values of the tested units (NaN ignored); 0 when none is significant under FDR.
double significance_cutoff(const std::vector<double>& p, double alpha, MultipleTesting adjust);

}  // namespace leefbaar
