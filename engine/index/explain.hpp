#pragma once
// Why a unit scores as it does, and what would move it up one class: per-unit
// explanations of the composite index (composite.hpp) for reports and maps.
//
// Reference point. The distance of a unit is index(unit) - index(baseline), where
// the baseline is "the mean unit": every normalised indicator at its mean over the
// scored units. The baseline is aggregated with the unit's own pattern of missing
// indicators, so the weights renormalise exactly as they do for the unit; with
// arithmetic aggregation and no missing values the distance is the unit's index
// minus the mean index.
//
// Contributions to the distance (they sum to it, per domain and per indicator):
//   arithmetic at both levels   exact linear decomposition: indicator i contributes
//                               W_ui (n_ui - mean_i), W_ui the unit's effective weight
//                               (within x domain weight, renormalised over what the
//                               unit has)
//   geometric/harmonic at       Shapley values with the domains as players: the value
//   either level                of a coalition is the index with those domains at
//                               the unit's domain scores and the others at the
//                               baseline's. Exact over all 2^D coalitions.
//   indicators, non-linear      a stated approximation, not a Shapley value of the
//                               whole index: within each domain, exact Shapley values
//                               of the indicators for the domain score (2^m
//                               coalitions), scaled so that they sum to the domain's
//                               Shapley value. When the within-domain differences
//                               cancel (their sum is below 1e-9 of their absolute
//                               sum) the scaling is undefined; then the indicators get
//                               their linear contributions W_ui (n_ui - mean_i) plus
//                               the rest of the domain's value in proportion to the
//                               absolute linear contributions.
//   many players                above max_exact_players (16) players, Shapley values
//                               are estimated from `permutations` random orders drawn
//                               from a stream keyed by (seed, unit, domain): the same
//                               for any thread count, and still summing exactly to the
//                               total (every order telescopes).
// Shift: geometric/harmonic means use the units' column shifts (aggregate.hpp), of
// the indicators for the domain scores and of the domain scores for the index.
//
// Next class. For a unit in class c < k the target is the next class's lower
// boundary, the upper bound of class c (classes.upper[c - 1]); bounds are
// inclusive, so the target itself is still class c and any value above it is
// class c + 1: the changes reported are the least ones (the infimum). For each
// indicator the one normalised value that puts the index exactly on the target,
// everything else fixed, comes from inverting the two means in one argument, in
// closed form for all three (arithmetic, geometric via exp/log, harmonic via the
// reciprocal); it is mapped back to a raw value through the units' fitted model
// (fitted_model.hpp): the inverse of the linear normalisation or goalposts, then of
// the outlier treatment (log: exp; winsorising/clipping: identity within its
// bounds). Rescoring that raw value with score_new() reproduces the target.
// Limits on a new raw value: the treatment's bounds (winsorising, clipping and log
// hold values at the units' range), goalposts at 0..100, and min-max at the best
// unit's value (the fitted 0..100 range: beyond it the scale would be refitted).
// An indicator that would need more is "not reachable". Rank normalisations have no
// value for a changed raw value: "not available for rank normalisation". Missing
// (also imputed) raw values and indicators with zero effective weight cannot move
// the index. The best indicator is the one with the smallest |raw change| / SD of
// the scored units' raw values (changes in comparable units). The same per domain:
// the domain score that reaches the target, capped at the domain score of its
// indicators at their limits (100 for min-max); the best domain is the one with the
// smallest change in score points (domain scores share the normalised scale).
// Indicator values used are the result's (imputed ones included), so the unit's
// index here is its index in the result; score_new() does not impute, so it
// reproduces the target for units without imputed values.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "index/composite.hpp"

namespace leefbaar::index {

inline constexpr std::size_t kNoIndicator = std::numeric_limits<std::size_t>::max();

struct ExplainOptions {
    std::uint64_t seed = 1;                // permutation sampling (more than max_exact_players players)
    std::size_t max_exact_players = 16;    // exact Shapley up to this many players (at most 20)
    std::size_t permutations = 2000;       // random orders above it
    bool shapley_always = false;           // Shapley even for arithmetic (equals the linear decomposition: a check)
    unsigned threads = 0;
};

enum class ContributionMethod { Linear, Shapley };

enum class MoveStatus {
    Reaches,            // this change puts the index on the target
    NotReachable,       // the indicator (domain score) saturates before the target
    NoEffect,           // missing or imputed for the unit, or zero effective weight
    RankNormalisation,  // not available for rank normalisation
    NotApplicable       // the unit is not scored or already in the top class
};
const char* to_string(MoveStatus s);

enum class NextClass {
    OneIndicator,       // at least one indicator alone reaches the next class
    NotReachable,       // no single indicator can
    RankNormalisation,  // none of the others can; the rank-normalised ones cannot be evaluated
    TopClass,           // nothing to reach
    NotScored
};
const char* to_string(NextClass s);

struct IndicatorMove {
    MoveStatus status = MoveStatus::NotApplicable;
    double norm_new = NAN;    // normalised value that puts the index on the target
    double raw_new = NAN;     // the raw value (own units and sign) with that normalised value
    double raw_change = NAN;  // raw_new - the unit's raw value
    double relative = NAN;    // |raw_change| / SD of the scored units' raw values (the criterion)
};

struct DomainMove {
    MoveStatus status = MoveStatus::NotApplicable;
    double score_new = NAN;  // domain score that puts the index on the target
    double change = NAN;     // score_new - the unit's domain score
};

struct UnitExplanation {
    double index = NAN;                     // as evaluated here (the result's index up to rounding)
    double baseline = NAN;                  // the mean unit, with the unit's missing indicators
    double distance = NAN;                  // index - baseline
    std::vector<double> domain;             // contribution per domain (0 where the unit has no score)
    std::vector<double> indicator;          // contribution per indicator (0 where missing)
    std::size_t strongest = kNoIndicator;   // largest positive contribution
    std::size_t weakest = kNoIndicator;     // most negative contribution
    int cls = 0;                            // the unit's class
    double target = NAN;                    // the next class's lower boundary
    std::vector<IndicatorMove> moves;       // per indicator
    std::vector<DomainMove> domain_moves;   // per domain
    std::size_t best_indicator = kNoIndicator;
    double raw_change = NAN, raw_new = NAN;  // of the best indicator
    std::size_t best_domain = kNoIndicator;
    double domain_change = NAN;             // of the best domain
    NextClass next = NextClass::NotScored;
    std::string status;                     // the next-class outcome in words
};

struct Explanation {
    ContributionMethod method = ContributionMethod::Linear;
    std::vector<double> baseline_norm;  // per indicator: mean normalised value over the scored units
    std::vector<double> raw_sd;         // per indicator: SD of the scored units' raw values
    std::vector<UnitExplanation> units; // per unit; a unit without index has only its status
};

// det: compute_index's result for `model`. Reports progress and honours cancellation.
Explanation explain_index(const IndexModel& model, const IndexResult& det, const ExplainOptions& options = {},
                          const Progress& progress = {});

}  // namespace leefbaar::index
