#pragma once
// The Mann-Kendall test for a monotonic trend in one series (Mann 1945; Kendall
// 1975; Gilbert 1987, ch. 16), as Emerging Hot Spot Analysis applies it to each
// unit's series of Gi* z-scores. Values are in time order; NaN (a missing year) is
// left out and the series shortened, as Gilbert and pymannkendall do.
#include <cstddef>
#include <vector>

namespace leefbaar {

struct MannKendall {
    std::size_t n = 0;  // values used (NaN left out)
    double s = 0;       // S = Σ_{i<j} sign(x_j - x_i)
    double variance = 0;  // Var(S) with the correction for tied values
    double z = 0;       // (S - 1)/sd, 0, (S + 1)/sd for S > 0, = 0, < 0 (continuity correction)
    double p = 1;       // two-sided, normal approximation
    double tau = 0;     // Kendall's tau-b against time: S / sqrt(n0 (n0 - n1)), as R's Kendall::MannKendall
};

// The fewest values the test takes: with 3 the smallest two-sided p is 0.30, so a
// shorter series can never show a trend.
inline constexpr std::size_t kMannKendallMinValues = 3;

// Throws DataError when fewer than kMannKendallMinValues values are finite.
MannKendall mann_kendall(const std::vector<double>& series);

}  // namespace leefbaar
