#pragma once
// The monitor (several years): a project's [monitor] section and the per-indicator
// keys it adds to [indicator.<name>] (its column in years whose column name differs,
// how a missing year is filled, its measurement error). docs/methods/monitoring.md.
#include <optional>
#include <string>
#include <vector>

#include "core/param_list.hpp"
#include "monitor/long_table.hpp"
#include "monitor/monitor_job.hpp"

namespace leefbaar::steps {

struct MonitorStep {
    std::vector<double> years;         // the editions, e.g. [2016, 2017, 2018, 2019, 2020]
    std::string table;                 // path of each year's table, with {year} (resolved)
    monitor::YearFill fill = monitor::YearFill::None;
    monitor::Basis basis = monitor::Basis::Pooled;
    int reference_year = 0;
    std::vector<double> compare;       // [from, to]; empty: first and last year
    double level = 0.90;
    std::vector<double> development_thresholds;  // empty: 0.41 sd steps
    bool emerging = true;              // differential LISA and emerging hot spots ([spatial] weights)
    double alpha = 0.10;
    int permutations = 999;
    std::string years_layer = "units_years", change_layer = "units_change", coverage_layer = "monitor_coverage";
    // Boundary changes (docs/methods/boundary-changes.md): a year whose crosswalk or
    // polygons file exists is mapped onto the [input] polygons; other years are joined
    // to them directly.
    std::string crosswalk;  // path with {year}: columns from, to, share
    std::string polygons;   // path with {year}: that edition's own polygons
    std::string polygons_layer, polygons_key, population;
};

struct IndicatorMonitoring {
    std::vector<std::string> year_columns, year_denominators;  // "YEAR=COLUMN"
    std::optional<monitor::YearFill> fill;
    monitor::IndicatorError error;
    // Under a boundary change: whether the indicator's column is a count (apportioned)
    // or a rate (averaged); unset: a count when the indicator divides by a denominator
    // or an area, a rate otherwise. Denominators are always counts.
    std::optional<bool> extensive;
};

void declare_monitor(params::ParamList& list, MonitorStep& m);
// Checks across keys (a reference year with basis = reference, compare within years).
void check_monitor(const MonitorStep& m);
void declare_indicator_monitoring(params::ParamList& list, IndicatorMonitoring& m);
// "2016=Col" pairs, as checked by the declaration.
std::vector<std::pair<int, std::string>> year_pairs(const std::vector<std::string>& pairs);

}  // namespace leefbaar::steps
