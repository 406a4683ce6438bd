#pragma once
// The monitor's editions as the same units: each year's table joined to the [input]
// polygons, or, under a boundary change, mapped onto them first: through that year's
// crosswalk (old code -> new code, share) or by areal interpolation from that year's
// own polygons (docs/methods/boundary-changes.md, "In a project").
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "monitor/long_table.hpp"
#include "project/project.hpp"

namespace leefbaar::project {

struct YearEdition {
    int year = 0;
    std::string file;     // the year's table
    FeatureTable table;   // the [input] polygons' units with the year's values
    std::string mapping;  // how: "joined", "crosswalk '<file>'", "areal interpolation from '<file>' (<weighting>)"
};

// Sorted by year; every edition has the rows of `units` (the [input] join) in its
// order. Warnings (the join's, unknown crosswalk codes, slivers) are prefixed with
// the year. UsageError when a year has both a crosswalk and polygons; DataError
// naming the year and file for a crosswalk whose shares do not sum to 1 and for
// polygons in another CRS than the [input] polygons.
std::vector<YearEdition> year_editions(const Project& p, const FeatureTable& units, std::vector<std::string>& warnings, const Progress& progress = {});

// The long table's field per indicator: the share of each value that came through
// the boundary mapping (0 joined or carried over unchanged, 1 wholly interpolated;
// null where the value is missing or filled from another year).
std::string interp_column(const std::string& indicator);  // i_<name>

// Adds interp_column() of every indicator to the long table built from `editions`.
void add_interp_fields(monitor::LongTable& lt, const std::vector<YearEdition>& editions, const std::vector<monitor::YearlyIndicator>& indicators);

}  // namespace leefbaar::project
