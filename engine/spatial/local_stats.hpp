#pragma once
// Local statistics on complete data (the caller subsets units with missing values
// and their weights first): Local Moran's I (LISA), Getis-Ord Gi and Gi*, Local
// Geary (uni- and multivariate). Analytic moments follow spdep 1.2 (localmoran
// with conditional = TRUE, mlvar = TRUE; localG); permutation inference comes from
// local_inference. Islands get NaN and the category "No neighbours".
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/progress.hpp"
#include "spatial/local_inference.hpp"
#include "spatial/weights.hpp"

namespace leefbaar {

namespace category {
inline const std::string high_high = "High-High";
inline const std::string low_low = "Low-Low";
inline const std::string low_high = "Low-High";
inline const std::string high_low = "High-Low";
inline const std::string not_significant = "Not significant";
inline const std::string no_neighbours = "No neighbours";
inline const std::string undefined = "Undefined";
inline const std::string positive = "Positive association";  // local Geary: similar to neighbours
inline const std::string negative = "Negative association";
}  // namespace category

struct LocalResult {
    std::string statistic;
    std::vector<double> value;     // I_i, G_i z input (lag), c_i
    std::vector<double> expected;  // analytic, where defined
    std::vector<double> variance;
    std::vector<double> z;         // analytic z
    std::vector<double> p;         // pseudo p from conditional permutation
    std::vector<double> z_sim;
    std::vector<std::uint8_t> significant;  // p <= cutoff
    std::vector<std::string> category;
    std::vector<std::string> quadrant;  // local Moran: the quadrant whether significant or not
    double cutoff = 0;             // p cut-off after the multiple-testing adjustment
    LocalInferenceOptions inference;
    std::string convention;        // the scaling/definition used, for reports
};

// I_i = z_i (Wz)_i / m2, m2 = Σz²/n (spdep/GeoDa scaling; esda's I_i is (n-1)/n times this).
// Quadrants from the signs of z_i and (Wz)_i (GeoDa/esda).
LocalResult local_moran(const std::vector<double>& x, const SpatialWeights& w, const LocalInferenceOptions& inference, const Progress& progress = {});

// Getis-Ord Gi (self excluded) and Gi* (self included with weight `self_weight`
// when w has no diagonal; w_ii = 1 binary, or 1/(k+1) after row standardisation
// as spdep's include.self + style "W"). z is spdep's localG; value = Σ_j w_ij x_j.
// Categories: "Hot spot", "Cold spot", "Not significant".
LocalResult local_g(const std::vector<double>& x, const SpatialWeights& w, bool star, const LocalInferenceOptions& inference,
                    const Progress& progress = {});

// Local Moran on w and Gi* on w_star (w_star includes the diagonal), evaluated on the
// same permutation draws: the result is identical to local_moran + local_g(star), in
// about half the time when the two have the same neighbours (self aside).
struct MoranAndGiStar {
    LocalResult lisa, gistar;
};
MoranAndGiStar local_moran_and_gistar(const std::vector<double>& x, const SpatialWeights& w, const SpatialWeights& w_star,
                                      const LocalInferenceOptions& inference, const Progress& progress = {});

// Adds the diagonal (self-neighbour) to every unit, weight 1 (before any transform).
// Pass an rvalue to reuse w's memory.
SpatialWeights include_self(SpatialWeights w);

// c_i = Σ_j w_ij (z_i - z_j)², z standardised with the population sd (esda Geary_Local);
// multivariate: the mean over the variables (Anselin 2019). Significant small c_i =
// positive association, large = negative.
LocalResult local_geary(const std::vector<std::vector<double>>& variables, const SpatialWeights& w, const LocalInferenceOptions& inference,
                        const Progress& progress = {});

// Confidence bin per unit of a Gi/Gi* result: ±3 (99 %), ±2 (95 %), ±1 (90 %), 0,
// the sign of z, significance from the pseudo p with the result's adjustment.
std::vector<int> confidence_bins(const LocalResult& r);

nlohmann::json summary_json(const LocalResult& r);

}  // namespace leefbaar
