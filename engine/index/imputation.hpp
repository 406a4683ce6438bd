#pragma once
// Filling missing indicator values (OECD/JRC Handbook, Nardo et al. 2008, step 3):
// the unconditional mean or median, or the mean of a unit's spatial neighbours
// (queen contiguity), which keeps the local level that a city-wide mean erases.
#include <cstdint>
#include <vector>

#include "index/methods.hpp"
#include "spatial/weights.hpp"

namespace leefbaar::index {

struct ImputeResult {
    std::vector<std::uint8_t> imputed;  // 1 where a value was filled in
    std::size_t filled = 0;
    std::size_t left_missing = 0;  // None, or neighbour mean without a neighbour that has a value
};

// x: NaN = missing; filled in place. Neighbour mean uses only observed (not
// imputed) neighbour values, weighted by w; a unit none of whose neighbours has a
// value stays missing (reported in left_missing) rather than getting a city-wide
// value silently. Throws UsageError for NeighbourMean without weights.
ImputeResult impute(std::vector<double>& x, Imputation method, const SpatialWeights* weights);

}  // namespace leefbaar::index
