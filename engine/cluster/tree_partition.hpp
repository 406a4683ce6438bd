#pragma once
// Cutting a spanning forest into k regions by repeatedly removing the edge that
// reduces the total heterogeneity most (the pruning step of SKATER, Assunção et
// al. 2006, also used by REDCAP, Guo 2008). Each tree of the forest is one
// connected component, so a region never spans two components.
#include <cstdint>
#include <vector>

#include "cluster/data.hpp"
#include "cluster/graph.hpp"
#include "core/progress.hpp"

namespace leefbaar::cluster {

// A lower bound on a region's sum of `weight` (weight 1 and floor m: at least m units).
struct RegionFloor {
    std::vector<double> weight;  // per data row
    double floor = 0;
    std::string what;            // "units" or the field name, for messages
};

struct TreeCutResult {
    std::vector<std::int32_t> labels;  // 0..k-1 per data row, numbered by first appearance
    std::vector<double> objective;     // total heterogeneity after 0, 1, ... cuts (from the components)
    std::int32_t components = 0;
};

// Heterogeneity of a set S of rows: TreeCost::Ssd = Σ ||x_i − mean(S)||²;
// TreeCost::Distance = Σ d(x_i, mean(S)) with the metric d (spdep's `ssw`).
double heterogeneity(const DataMatrix& m, const std::vector<std::int32_t>& rows, TreeCost cost, Distance d);

// Throws DataError when k is below the number of trees or no feasible cut is left before k.
TreeCutResult cut_forest(const DataMatrix& m, const std::vector<Edge>& forest, int k, TreeCost cost, Distance d,
                         const std::vector<RegionFloor>& floors, const Progress& progress = {});

}  // namespace leefbaar::cluster
