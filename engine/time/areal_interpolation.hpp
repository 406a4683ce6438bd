#pragma once
// Areal interpolation (areal weighting) from one edition's polygons (sources) to
// another's (targets) by their area of overlap, optionally with population weights
// for the intensive variables (Goodchild & Lam 1980; docs/methods/boundary-changes.md).
#include <string>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "time/apportion.hpp"

namespace leefbaar {

struct ArealInterpolationOptions {
    // A numeric field of the source table; empty: an intensive value is weighted by
    // overlap area alone, otherwise by overlap share x population.
    std::string population_field;
    // Links that carry less than this share of a source are dropped as slivers (two
    // editions digitised slightly differently) and the source's other shares scaled
    // up so that its covered share is unchanged. 0: keep every overlap.
    double sliver_share = 0.0;
    unsigned threads = 0;
};

// w_ij = area(source_i ∩ target_j) / area(source_i); mass_ij = the overlap area (or
// w_ij x population_i). Unit codes are the tables' key columns. DataError when the
// editions' CRSs differ (naming both) and on a bad population value; sources not
// wholly covered and targets not reached are warnings, the uncovered share per
// source is in the matrix.
ApportionMatrix areal_weights(const FeatureTable& source, const FeatureTable& target, const ArealInterpolationOptions& options = {},
                              const Progress& progress = {});

}  // namespace leefbaar
