#pragma once
// Empirical Bayes smoothing of rates of small populations (Marshall 1991, "Mapping
// disease and mortality rates using empirical Bayes estimators", Applied Statistics
// 40(2); Anselin, GeoDa workbook "Rate mapping"). A crude rate r_i = x_i / n_i of a
// small population swings with a single event; the EB rate moves it toward a
// reference rate b, the more so the smaller n_i:
//   b    = sum x / sum n                           (the reference's pooled rate)
//   s2   = sum n (r - b)^2 / sum n                 (population-weighted variance)
//   a    = s2 - b / n_bar, set to 0 when negative  (n_bar = mean population)
//   w_i  = a / (a + b / n_i)
//   eb_i = w_i r_i + (1 - w_i) b
// global: the reference is every unit with a rate (method of moments, Marshall).
// spatial: the reference of unit i is i and its neighbours (GeoDa's and esda's
// Spatial_Empirical_Bayes: binary window including i itself).
// Units with a missing count or population, or a population <= 0, are left out of
// every reference and get no rate (NaN).
#include <string>
#include <vector>

#include "spatial/weights.hpp"

namespace leefbaar::index {

enum class Smoothing { None, Eb, SpatialEb };
Smoothing parse_smoothing(const std::string& s);  // throws UsageError
const char* to_string(Smoothing s);
std::vector<std::string> names_smoothing();

// Rates times `scale` (1000 for per 1,000, 100 for a percentage).
std::vector<double> eb_global(const std::vector<double>& events, const std::vector<double>& population, double scale);
std::vector<double> eb_spatial(const std::vector<double>& events, const std::vector<double>& population, const SpatialWeights& w,
                               double scale);

}  // namespace leefbaar::index
