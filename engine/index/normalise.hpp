#pragma once
// Normalisation to a common scale (Nardo et al. 2008, section 1.5; COINr
// Normalise()). After normalisation higher always means more liveable: for
// indicators where lower is better the scale is reversed (100 - v on the 0-100
// scales, n + 1 - rank for ranks, -v on the unbounded scales).
//   minmax       100 (x - min) / (max - min); a constant indicator gets 50
//   zscore       (x - mean) / sd (sd with n - 1); a constant indicator gets 0
//   rank         rank of x, 1 = lowest, ties get their average rank
//   percentile_rank 100 (rank - 1) / (n - 1), ties averaged (COINr n_prank)
//   distance_to_reference 100 (x - ref) / |ref|: percent above the reference value
//                (e.g. the national or municipal average)
//   goalposts    100 (x - low) / (high - low), clipped to 0..100
#include <vector>

#include "index/methods.hpp"

namespace leefbaar::index {

struct NormaliseParams {
    Normalisation method = Normalisation::MinMax;
    Direction direction = Direction::HigherIsBetter;
    double reference = 0;              // distance_to_reference
    double goal_low = 0, goal_high = 100;  // goalposts, in the indicator's own units
};

// NaN stays NaN. out is resized to x.size(). Throws UsageError for a zero
// reference or goalposts with low == high.
void normalise(const std::vector<double>& x, std::vector<double>& out, const NormaliseParams& p);

// Ranks 1..n of the present values, ties averaged (NaN stays NaN).
std::vector<double> average_ranks(const std::vector<double>& x);

}  // namespace leefbaar::index
