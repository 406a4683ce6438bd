#pragma once
// Global spatial autocorrelation: Moran's I, Geary's C, Getis-Ord General G and the
// bivariate Moran's I, with moments under normality and randomisation
// (Cliff & Ord 1981; Getis & Ord 1992) and permutation pseudo p-values.
// Inputs are complete: the caller removes units with missing values and subsets
// the weights first (spatial/subset.hpp). The weights are used as given (apply the
// transform before).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "spatial/weights.hpp"

namespace leefbaar {

// S0 = Σ w_ij, S1 = ½ Σ (w_ij + w_ji)², S2 = Σ_i (w_i. + w_.i)².
struct WeightsMoments {
    double s0 = 0, s1 = 0, s2 = 0;
};
WeightsMoments weights_moments(const SpatialWeights& w);

struct PermutationOptions {
    int permutations = 999;  // 0 = none
    std::uint64_t seed = 12345;
    unsigned threads = 0;
};

struct GlobalTest {
    double statistic = 0, expected = 0;
    double var_norm = 0, z_norm = 0, p_norm = 0;  // p two-sided
    double var_rand = 0, z_rand = 0, p_rand = 0;
    int permutations = 0;
    double p_sim = 0;      // (extreme + 1) / (permutations + 1), folded toward the observed side (as esda)
    double mean_sim = 0, sd_sim = 0, z_sim = 0;
    std::uint64_t seed = 0;
    // Moran's I: the n in I = (n/S0) ..., E(I) and the variances, the islands among
    // the units, and which convention that n follows (for the report).
    double n = 0;
    std::size_t islands = 0;
    std::string n_convention;
};

// I = (n/S0) Σ_i z_i (Wz)_i / Σ z_i². Islands (units without neighbours) stay in n
// by default, as esda does; adjust_n removes them from n in I, E(I) and both
// variances, as spdep's moran.test(adjust.n = TRUE) (its default) does: I is multiplied by
// (n - islands) / n. The mean, Σ z² and the kurtosis keep every unit in both.
GlobalTest moran_i(const std::vector<double>& x, const SpatialWeights& w, const PermutationOptions& perm = {}, bool adjust_n = false);
// C = (n-1) Σ w_ij (x_i - x_j)² / (2 S0 Σ z²); z = (C - 1)/sd (negative for positive autocorrelation, as esda).
GlobalTest geary_c(const std::vector<double>& x, const SpatialWeights& w, const PermutationOptions& perm = {});
// G = Σ_{i≠j} w_ij x_i x_j / Σ_{i≠j} x_i x_j; moments under randomisation only (var_norm = var_rand).
GlobalTest getis_ord_g(const std::vector<double>& x, const SpatialWeights& w, const PermutationOptions& perm = {});
// I_xy = (n/S0) Σ zx_i (W zy)_i / (n-1), z standardised with the sample sd (esda Moran_BV).
// Moments are not defined analytically here; permutations shuffle y.
GlobalTest bivariate_moran(const std::vector<double>& x, const std::vector<double>& y, const SpatialWeights& w, const PermutationOptions& perm = {});

// Standard normal upper tail and two-sided p.
double normal_sf(double z);
double two_sided_p(double z);

nlohmann::json to_json(const GlobalTest& t);

}  // namespace leefbaar
