#pragma once
// The monitor as one engine step: several editions of the same units -> the long
// table -> one index over all years (comparable scale) -> per year ranks -> the
// change between two years with its Monte Carlo interval and development class ->
// the spatial pattern of change (differential Local Moran of the change, Emerging
// Hot Spot Analysis of the index over the years). docs/methods/monitoring.md.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "index/composite.hpp"
#include "index/uncertainty.hpp"
#include "monitor/change.hpp"
#include "monitor/change_significance.hpp"
#include "monitor/long_table.hpp"
#include "spatial/weights.hpp"
#include "time/differential_moran.hpp"
#include "time/emerging_hot_spots.hpp"

namespace leefbaar::monitor {

// What the normalisation is computed on (docs/methods/monitoring.md, "Comparable scale").
//   pooled     every unit in every year at once (the default)
//   reference  the units of one year; min-max then becomes fixed goalposts at that
//              year's minimum and maximum (later values outside them are clipped)
enum class Basis { Pooled, Reference };

struct IndicatorError {
    double relative = 0;  // uniform +- share of the value
    double absolute = 0;  // uniform +- in the indicator's units
    double rounding = 0;  // the numerator count is rounded to a multiple of this (CBS: 5)
};

struct MonitorJobOptions {
    std::vector<Edition> editions;
    LongTableOptions table;
    index::IndexOptions index;        // the project's model; its sources are replaced by the long table's v_* values
    Basis basis = Basis::Pooled;
    int reference_year = 0;
    index::UncertaintyOptions uncertainty;  // runs, seed, weights, alternatives; errors filled from `errors`
    std::vector<IndicatorError> errors;     // per indicator of `table` (empty: none)
    int from = 0, to = 0;                   // the change compared (0: first and last year)
    double level = 0.90;
    std::optional<Thresholds> thresholds;   // default: default_thresholds() of the index
    const SpatialWeights* neighbours = nullptr;  // units' contiguity, for missing = "neighbours"
    const SpatialWeights* weights = nullptr;     // raw weights for the spatial pattern of change (null: none)
    WeightsTransform transform = WeightsTransform::Row;
    EmergingHotSpotOptions emerging;
    unsigned threads = 0;
};

struct MonitorJobResult {
    double level = 0.90;
    LongTable long_table;  // with the index fields; rank and percentile within each year
    // The model on the long table (for the report), and the per-year neighbours it
    // points to: held by pointer so that they stay where the model expects them.
    std::unique_ptr<SpatialWeights> neighbours;
    std::unique_ptr<index::IndexModel> model;
    index::IndexResult index;
    Thresholds thresholds{};
    YearChange change;
    std::optional<ChangeInterval> interval;  // when there are Monte Carlo runs
    std::optional<index::UncertaintyResult> uncertainty;
    std::optional<DifferentialMoranResult> differential;
    std::optional<EmergingHotSpotResult> emerging;
    FeatureTable change_table;    // one row per unit: the change layer
    FeatureTable coverage_table;  // one row per indicator and year
    std::vector<std::string> warnings;
};

MonitorJobResult run_monitor_job(const MonitorJobOptions& options, const Progress& progress = {});

// The Monte Carlo's measurement error per indicator and row of the long table
// (`options.errors`, a count's rounding seen through LongTable::count_scale); sets
// `u.error_relative` and `u.error_absolute`, leaves them empty without errors.
void add_measurement_errors(const MonitorJobOptions& options, const LongTable& lt, index::UncertaintyOptions& u);

// The differential Local Moran's inference: the permutations, seed, alternative and
// multiple testing of the emerging hot spot options, so both agree.
LocalInferenceOptions change_inference(const MonitorJobOptions& options);

}  // namespace leefbaar::monitor
