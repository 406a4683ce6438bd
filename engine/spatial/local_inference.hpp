#pragma once
// The one inference base for every local statistic: conditional permutation
// (Anselin 1995): unit i keeps its value, its k neighbours' values are replaced by
// k values drawn without replacement from the other n-1 units. Each unit draws
// from its own random stream stream_for(seed, unit, statistic), so the result is
// identical for any thread count. Pseudo p = (extreme + 1) / (permutations + 1).
// Multiple testing (Benjamini-Hochberg FDR, Bonferroni) is applied as a cut-off
// on the pseudo p-values. A statistic supplies only its formula.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "spatial/weights.hpp"

namespace leefbaar {

enum class Alternative {
    TwoSided,  // extreme = at least as far from the permutation mean as observed (default)
    Folded,    // esda/GeoDa: count on the side of the observed value (min of the two tails)
    Greater,
    Less
};
enum class MultipleTesting { None, FDR, Bonferroni };

const char* to_string(Alternative a);
const char* to_string(MultipleTesting m);
Alternative parse_alternative(const std::string& s);         // "two-sided", "folded", "greater", "less"
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

// Permuted statistic of unit i: `idx[0..k)` are the drawn units standing in for
// the neighbours whose weights are `wk[0..k)` (self-weights excluded from the draw;
// the statistic adds them itself).
using PermutedStatistic = std::function<double(std::size_t i, const std::int32_t* idx, const double* wk, std::size_t k)>;

PermutationResult conditional_permutation(const SpatialWeights& w, const std::vector<double>& observed, const LocalInferenceOptions& options,
                                          std::uint64_t purpose, const PermutedStatistic& stat);

// The largest p counted as significant at `alpha` under the adjustment, given the
// p-values of the tested units (NaN ignored); 0 when none is significant under FDR.
double significance_cutoff(const std::vector<double>& p, double alpha, MultipleTesting adjust);

}  // namespace leefbaar
