#pragma once
// Ranks of the composite index: 1 = most liveable. Tied scores share the best rank
// of the tie ("1224" competition ranking), so equal scores never get different ranks.
#include <cstdint>
#include <vector>

namespace leefbaar::index {

// NaN scores get rank 0 (no rank). Returns the number of ranked units.
std::size_t competition_ranks(const std::vector<double>& score, std::vector<std::int32_t>& rank);
// Percentile from a rank among n ranked units: 100 for rank 1, 0 for rank n.
double rank_percentile(std::int32_t rank, std::size_t n);

}  // namespace leefbaar::index
