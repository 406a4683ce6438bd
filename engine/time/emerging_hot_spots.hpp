#pragma once
// Emerging Hot Spot Analysis of a variable observed over several time steps on the
// same units: Gi* per step on the same weights (conditional permutation, exactly
// as the single-step hot spot analysis computes it), the Mann-Kendall trend of each
// unit's Gi* z series, and ArcGIS Pro's categories (emerging_categories.hpp).
// ArcGIS and sfdep (its time lag k >= 1) also count the unit's neighbours in
// neighbouring time steps; this is the purely spatial Gi* per step, so that each
// step's hot spots are those of the single-step analysis of that year
// (docs/methods/emerging-hot-spots.md).
#include <cstdint>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "spatial/local_stats.hpp"
#include "spatial/weights.hpp"
#include "time/emerging_categories.hpp"
#include "time/mann_kendall.hpp"

namespace leefbaar {

struct EmergingHotSpotOptions {
    double alpha = 0.10;  // Gi* significance and trend significance (ArcGIS: 90 %)
    int permutations = 999;
    std::uint64_t seed = 12345;
    std::string alternative = "two-sided";  // as the spatial step: two-sided | doubled | folded | greater | less
    std::string multiple_testing = "none";  // none | fdr | bonferroni, per time step (ArcGIS applies FDR)
    std::string draws = "shared";           // shared | independent (local_inference.hpp)
    unsigned threads = 0;
};

struct SpaceTimeValues {
    std::vector<std::string> steps;           // one label per time step, in time order ("2016", ...)
    std::vector<std::vector<double>> values;  // values[unit][step]; NaN = no value
};

struct EmergingHotSpotResult {
    // Per step, over all units: Gi* (binary weights, self included); NaN and
    // "Undefined" where a unit has no value that step.
    std::vector<LocalResult> gistar;
    std::vector<MannKendall> trend;          // per unit; n = 0 where too few steps have a Gi* z
    std::vector<EmergingCategory> category;  // per unit
    std::vector<std::string> warnings;
    EmergingHotSpotOptions options;
};

// `raw` as from build_weights (transform not applied); its units are the rows of
// data.values. UsageError on bad options, DataError on a step with fewer than 4
// units with a value or a matrix that does not fit the weights.
EmergingHotSpotResult emerging_hot_spots(const SpatialWeights& raw, const SpaceTimeValues& data, const EmergingHotSpotOptions& options,
                                         const Progress& progress = {});

// The per-step significance signs of unit i (+1 hot, -1 cold, 0 neither), from
// each step's significance (its multiple-testing cut-off applied) and z.
std::vector<StepSign> unit_signs(const EmergingHotSpotResult& r, std::size_t i);

}  // namespace leefbaar
