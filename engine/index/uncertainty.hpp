#pragma once
// Uncertainty and sensitivity analysis of the ranks (Nardo et al. 2008, section
// 1.8; Saltelli et al. 2008, 2010). The uncertain inputs ("factors") are the choices
// a user is unsure of: the weights (each indicator and domain weight multiplied by
// a factor uniform in [1 - r, 1 + r]), the normalisation, the aggregation and the
// imputation method (each drawn uniformly from a list of alternatives), and the
// measurement error of the inputs when one is stated.
//
// Sampling (Saltelli 2010): two independent N x k sample matrices A and B; for
// each factor i the matrix A_B^i equals A with factor i's columns taken from B.
// Row j of A is drawn from stream_for(seed, j, 0), of B from stream_for(seed, j, 1),
// so every run depends only on (seed, j): identical results for any thread count.
//
// Per unit: median and 5 % / 95 % quantiles (type 7) of its rank over the N runs of A.
// Sensitivity: the output is Y = mean over units of |rank in the run - rank in the
// deterministic index| (mean absolute rank shift). With f = Y,
//   V      = variance of Y over the 2N runs of A and B
//   S_i    = (1/N) sum_j f(B)_j (f(A_B^i)_j - f(A)_j) / V        (Saltelli et al. 2010, table 2 (b))
//   S_Ti   = (1/2N) sum_j (f(A)_j - f(A_B^i)_j)^2 / V            (Jansen 1999; Saltelli et al. 2010, table 2 (f))
// The design costs N (k + 2) index evaluations.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "core/timings.hpp"
#include "index/composite.hpp"

namespace leefbaar::index {

struct UncertaintyOptions {
    std::size_t runs = 0;  // N; 0 = no uncertainty analysis
    std::uint64_t seed = 1;
    double weight_range = 0.25;  // +-25 %; 0 = weights are not uncertain
    std::vector<Normalisation> normalisations;  // alternatives; < 2 = not uncertain
    std::vector<Aggregation> aggregations;      // applied at both levels
    std::vector<Imputation> imputations;
    bool sensitivity = true;
    unsigned threads = 0;
    // Measurement error of the inputs, per indicator (both empty: none). Each run draws
    // every raw value as x (1 + r u) + a v, u and v uniform on [-1, 1]: r the relative
    // error, a the absolute half-width per unit (e.g. CBS's rounding of a count to a
    // multiple of 5, seen through the unit's rate). Values stay >= 0 when they were.
    std::vector<double> error_relative;               // [indicator]
    std::vector<std::vector<double>> error_absolute;  // [indicator][unit]
    // Called with the index of every run of the main sample, once per run, from the
    // worker threads (the monitor's change intervals).
    std::function<void(std::size_t run, const std::vector<double>& index)> on_run;
    // Per-unit rank intervals (N x units ranks kept in memory); the monitor, which
    // wants the change per run instead, turns them off.
    bool rank_intervals = true;
    // The mean absolute rank shift per run (the report's summary of how much the ranks
    // move; the output of the sensitivity analysis, which needs it). The monitor, whose
    // ranks over all unit-years mean nothing, turns it off and saves a ranking per run.
    bool rank_shift = true;
};

struct UncertaintyResult {
    std::vector<double> rank_median, rank_p05, rank_p95;  // per unit; NaN if never ranked
    std::vector<std::string> factors;
    std::vector<double> first_order, total;  // per factor (empty without sensitivity)
    double output_variance = 0;
    std::vector<double> mean_shift_a;  // Y per run of A
    std::size_t evaluations = 0;
    // What was drawn: the options as run, for the report (index/index_report.hpp).
    std::size_t runs = 0;
    std::uint64_t seed = 0;
    double weight_range = 0;
    std::vector<std::string> alternative_normalisations, alternative_aggregations, alternative_imputations;
    // Seconds of preparing the variants, the runs and the rank intervals (the run
    // report's "timings").
    std::vector<PhaseTime> timings;
};

UncertaintyResult run_uncertainty(const IndexModel& model, const IndexResult& deterministic, const UncertaintyOptions& options,
                                  const Progress& progress = {});

// Adds rank_median, rank_p05, rank_p95 to the table.
void add_uncertainty_fields(FeatureTable& table, const UncertaintyResult& result);

}  // namespace leefbaar::index
