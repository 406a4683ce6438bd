#pragma once
// Is a change significant? The Monte Carlo of the index (index/uncertainty.hpp) is run
// on the long table, so every run perturbs both years the same way (the same weights
// and method choices) and adds independent measurement error to each year's inputs.
// Each run gives every unit's change; its central `level` interval (type 7 quantiles,
// 5 % and 95 % for 90 %) is the interval of the change, and the change is significant
// when that interval excludes zero.
#include <utility>
#include <vector>

#include "core/progress.hpp"
#include "index/composite.hpp"
#include "index/uncertainty.hpp"

namespace leefbaar::monitor {

struct ChangeInterval {
    std::vector<double> low, high;  // per unit; NaN where a year has no score in too many runs
    std::vector<int> significant;   // +1 better, -1 worse, 0 not significant or no interval
};

struct ChangeMonteCarlo {
    std::vector<ChangeInterval> pairs;  // in the order asked
    index::UncertaintyResult uncertainty;
};

// `pairs` are (from, to) year indexes of a long table with `units` units per year.
ChangeMonteCarlo change_intervals(const index::IndexModel& model, const index::IndexResult& deterministic, index::UncertaintyOptions options,
                                  const std::vector<std::pair<std::size_t, std::size_t>>& pairs, std::size_t units, double level,
                                  const Progress& progress = {});

}  // namespace leefbaar::monitor
