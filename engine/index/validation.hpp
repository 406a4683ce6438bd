#pragma once
// The statistics of validating an index against a reference score (e.g. the
// national Leefbaarometer, a resident survey), both at the reference's level.
// Pure functions over columns where NaN means missing: only the rows where both
// series are present ("matched pairs") are used. No p-values: with thousands of
// areas every correlation is "significant"; the intervals say how precise it is.
//
// Methods
//   spearman       Pearson correlation of the mid-ranks (ties get the average of
//                  the ranks they span), as R's cor(method = "spearman") and
//                  scipy.stats.spearmanr.
//   kendall_tau_b  tau-b = (n_c - n_d) / sqrt((n0 - n1)(n0 - n2)) with n0 = n(n-1)/2,
//                  n1, n2 the pairs tied in x, in y (Kendall 1945, "The treatment of
//                  ties in ranking problems", Biometrika 33(3)). Computed in
//                  O(n log n) with Knight's algorithm (Knight 1966, "A computer method
//                  for calculating Kendall's tau with ungrouped data", JASA 61(314)):
//                  sort by (x, y), then count the exchanges a merge sort by y makes;
//                  S = n0 - n1 - n2 + n3 - 2 * exchanges, n3 the pairs tied in both.
//                  As scipy.stats.kendalltau (variant 'b') and R's cor(method = "kendall").
//   pearson        index/stats.hpp (included here).
//   intervals      percentile bootstrap over the matched pairs (Efron & Tibshirani
//                  1993, "An Introduction to the Bootstrap", ch. 13): B replicates,
//                  each n pairs drawn with replacement; the interval is the type 7
//                  quantiles (1 - level)/2 and (1 + level)/2 of the replicates'
//                  statistic. Replicate b draws from stream_for(seed, b,
//                  kBootstrapPurpose) and nothing else, so the intervals are identical
//                  for any thread count, and every series compared with the same
//                  reference under one seed gets the same resampled rows when it has
//                  the same matched rows. A replicate whose resample is constant in
//                  either series (possible for tiny n) is left out of the quantiles.
//
// A constant series (over the matched pairs) has no correlation: correlate() then
// returns NaN statistics and says which series in `status` rather than throwing, so
// the caller can report "indicator X is constant at the reference level" and go on
// with the other indicators. Fewer than 3 matched pairs is a UsageError for one
// comparison (correlate, standardised_residuals); indicator_signs reports it per
// column (status too_few_pairs) instead.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "index/methods.hpp"
#include "index/stats.hpp"

namespace leefbaar::index {

// The fewest matched pairs a correlation takes (with 2 every correlation is +-1).
inline constexpr std::size_t kMinValidationPairs = 3;

struct ValidationOptions {
    std::uint64_t seed = 1;
    std::size_t replicates = 2000;  // B; at least 2
    double level = 0.95;            // of the bootstrap intervals, in (0, 1)
    unsigned threads = 0;           // 0 = all cores; results do not depend on it
};

// Whether the correlations are defined over the matched pairs.
enum class SeriesStatus {
    ok,
    too_few_pairs,       // fewer than kMinValidationPairs (indicator_signs only; correlate throws)
    own_constant,        // the index, domain score or indicator is constant
    reference_constant,  // the reference score is constant
    both_constant,
};
// "constant over the matched areas (own score)", ...; "" for ok.
const char* status_text(SeriesStatus s);

struct Interval {
    double lower = std::numeric_limits<double>::quiet_NaN();
    double upper = std::numeric_limits<double>::quiet_NaN();
};

struct Correlation {
    std::size_t n = 0;  // matched pairs used
    double spearman = std::numeric_limits<double>::quiet_NaN();
    double kendall = std::numeric_limits<double>::quiet_NaN();  // tau-b
    double pearson = std::numeric_limits<double>::quiet_NaN();
    Interval spearman_interval, kendall_interval;  // percentile bootstrap at options.level
    std::size_t replicates_used = 0;  // replicates with a defined correlation (of options.replicates)
    SeriesStatus status = SeriesStatus::ok;
};

// Over the rows where both are present; NaN below 3 pairs or for a constant series.
double spearman(const std::vector<double>& x, const std::vector<double>& y);
double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y);

// Spearman, Kendall tau-b and Pearson of own with reference, with bootstrap
// intervals for Spearman and Kendall. Throws UsageError for series of different
// lengths, fewer than 3 matched pairs or bad options.
Correlation correlate(const std::vector<double>& own, const std::vector<double>& reference,
                      const ValidationOptions& options = {}, const Progress& progress = {});

struct Residuals {
    std::size_t n = 0;              // matched pairs
    std::vector<double> residual;   // per row: z_own - z_reference; NaN where either is missing
    // Every row with a residual, by |residual| descending, ties by row: the largest
    // disagreements first (the caller shows as many as it wants).
    std::vector<std::size_t> largest;
    SeriesStatus status = SeriesStatus::ok;  // not ok: every residual NaN, largest empty
};

// Both series z-standardised over the matched pairs (mean 0, sample sd 1, n - 1
// denominator), residual = z_own - z_reference: positive where the index rates an
// area better than the reference does. Throws as correlate.
Residuals standardised_residuals(const std::vector<double>& own, const std::vector<double>& reference);

// Whether an indicator's relation to the reference has the expected sign.
enum class SignVerdict {
    agrees,     // the whole interval on the expected side of 0
    unrelated,  // the interval contains 0: "unrelated at this level"
    reversed,   // the whole interval on the wrong side: "wrongly oriented or measuring something else"
    undefined,  // too few pairs or a constant series (see status)
};
const char* verdict_text(SignVerdict v);
// The verdict of a bootstrap interval of Spearman against the reference's orientation.
SignVerdict verdict_of(const Interval& interval, Direction orientation);

struct IndicatorSign {
    std::string name;
    std::size_t n = 0;  // matched pairs
    double spearman = std::numeric_limits<double>::quiet_NaN();
    Interval interval;  // bootstrap, as correlate's spearman_interval
    SeriesStatus status = SeriesStatus::ok;
    SignVerdict verdict = SignVerdict::undefined;
};

// Per column (a normalised indicator score, oriented so that higher = more liveable):
// Spearman with the reference and its bootstrap interval, and the verdict against
// the expected sign: positive when the reference is HigherIsBetter (the
// Leefbaarometer), negative when it is LowerIsBetter. Every column uses the same
// seed, so columns with the same matched rows are compared on the same resamples.
// Throws UsageError when columns and names differ in number or a column's length
// differs from the reference's, or for bad options.
std::vector<IndicatorSign> indicator_signs(const std::vector<std::vector<double>>& columns,
                                           const std::vector<std::string>& names,
                                           const std::vector<double>& reference, Direction orientation,
                                           const ValidationOptions& options = {}, const Progress& progress = {});

namespace detail {
// The purpose of the bootstrap streams: stream_for(seed, b, kBootstrapPurpose).
inline constexpr std::uint64_t kBootstrapPurpose = 0x7661;
struct ReplicateValues {
    double spearman, kendall;
};
// Replicate b of the bootstrap as correlate computes it (from counts of the drawn
// pairs, without sorting each resample): for tests against the resample itself,
// which is the matched pairs (in row order) at positions uniform_below(rng, n),
// drawn n times from stream_for(seed, b, kBootstrapPurpose).
ReplicateValues bootstrap_replicate(const std::vector<double>& x, const std::vector<double>& y, std::uint64_t seed,
                                    std::uint64_t b);
}  // namespace detail

}  // namespace leefbaar::index
