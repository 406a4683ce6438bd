#pragma once
// Several editions of the same units in one table: the long table (unit x year) that
// the monitor scores in one go, so that outlier treatment, normalisation and class
// breaks are shared by every year and a change in score is a change in the unit, not
// in the scaling (docs/methods/monitoring.md).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "index/transform.hpp"

namespace leefbaar::monitor {

// How a year in which an indicator is missing is filled from the unit's other years.
// Only observed values are used as sources, never filled ones.
//   none            stays missing
//   carry_forward   the latest earlier observed value
//   carry_backward  the earliest later observed value
//   interpolate     linear in the year between the observed years before and after
//                   (the first and last years stay missing without a neighbour)
//   nearest         the observed value of the nearest year (the earlier one on a tie)
enum class YearFill { None, CarryForward, CarryBackward, Interpolate, Nearest };
YearFill parse_year_fill(const std::string& s);  // throws UsageError
const char* to_string(YearFill f);
std::vector<std::string> names_year_fill();

struct YearlyIndicator {
    std::string name;
    index::TransformSpec source;                // column and denominator of every year ...
    std::map<int, std::string> column_in;       // ... unless the year names its own
    std::map<int, std::string> denominator_in;
    std::optional<YearFill> fill;               // default: LongTableOptions::fill
};

// One edition: the units joined with that year's table. Every edition has the same
// units in the same order (the same polygons; boundary changes are mapped first).
struct Edition {
    int year = 0;
    const FeatureTable* units = nullptr;
    std::string file;  // the year's table, for messages
    std::string mapping = "joined";  // how its units were mapped onto the polygons (crosswalk, areal interpolation)
};

struct LongTableOptions {
    std::vector<YearlyIndicator> indicators;
    YearFill fill = YearFill::None;
    std::vector<std::string> keep;  // columns of the first edition copied to every year (e.g. the name)
    // For smoothing = "spatial_eb" (the same units every year) and the default
    // population of min_population ([index] population).
    const SpatialWeights* neighbours = nullptr;
    std::string population;
};

// What is present per indicator and year, before and after filling.
struct Coverage {
    std::vector<std::string> indicators;
    std::vector<int> years;
    std::vector<std::string> mapping;                    // [year]: Edition::mapping
    std::vector<std::vector<std::string>> column;        // [indicator][year]: column read, "" if absent
    std::vector<std::vector<std::size_t>> observed, filled;  // [indicator][year]: units
    std::size_t units = 0;
};

struct LongTable {
    FeatureTable table;  // row = year_index * units + unit; columns key, year, date, keep, v_*, f_*
    std::vector<int> years;  // ascending
    std::size_t units = 0;
    Coverage coverage;
    // [indicator][row]: how much the value moves when its count (the numerator) moves
    // by 1: 1000 / denominator for per_1000, 100 / total for share, 1 / area for
    // per_km2, 1 / (count + 1) for log, 1 otherwise; NaN where the value is missing.
    // The Monte Carlo turns a count's rounding into an error of the value with it.
    std::vector<std::vector<double>> count_scale;
    std::vector<std::string> warnings;
    std::size_t row(std::size_t year_index, std::size_t unit) const { return year_index * units + unit; }
};

// The long table's field names: the indicator's value (already derived: per_1000 ...)
// and how a filled value was filled ("carried forward from 2018"; null if observed).
std::string value_column(const std::string& indicator);  // v_<name>
std::string fill_column(const std::string& indicator);   // f_<name>
extern const char* const kYearColumn;  // "year"
extern const char* const kDateColumn;  // "date": YYYY-01-01, for QGIS's temporal controller

// Throws DataError naming the year and file when an edition's units differ from the
// first's, a column a year names is not there, or an indicator has no column in any
// year; UsageError for fewer than two editions or a year given twice.
LongTable build_long_table(const std::vector<Edition>& editions, const LongTableOptions& options, const Progress& progress = {});

}  // namespace leefbaar::monitor
