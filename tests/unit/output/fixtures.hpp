#pragma once
// Heerlen's 57 buurt polygons with synthetic result fields named as the analysis
// stages name them (core/field_names.hpp). Values are arithmetic on the row number so
// every expected class count below can be worked out by hand.
#include <map>
#include <set>
#include <string>

#include "core/feature_table.hpp"

namespace leefbaar::test {

std::string heerlen_gpkg();  // tests/data/output/heerlen_buurten.gpkg
// Units: index = (r * 37) % 57 (a permutation of 0..56), d_wonen = r, d_veiligheid = 56 - r,
// index_class = 1 + index / 19 (three classes of 19), lisa_index_cl cycling through the
// seven labels, gi_index_bin = r % 7 - 3, cluster = 1 + r % 4.
FeatureTable heerlen_units();
// The first 8 units as "regions" with cluster 1..8.
FeatureTable heerlen_regions();

// Every colour ("#rrggbb") in a PNG, decoded by GDAL's PNG driver.
std::set<std::string> png_colours(const std::string& png);
// The number of pixels of each colour.
std::map<std::string, std::size_t> png_colour_counts(const std::string& png);

}  // namespace leefbaar::test
