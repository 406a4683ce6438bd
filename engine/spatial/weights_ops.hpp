#pragma once
// Transforms and structural facts of a SpatialWeights: row standardisation,
// binary weights, symmetry, islands and connected components, summaries.
#include <cstdint>
#include <string>
#include <vector>

#include "spatial/weights.hpp"

namespace leefbaar {

// Every weight divided by its row sum (islands stay empty). Marks transform = Row.
void row_standardise(SpatialWeights& w);
// Every link weight 1. Marks transform = Binary.
void binarise(SpatialWeights& w);
void apply_transform(SpatialWeights& w, WeightsTransform t);

// Sorts each row by neighbour index (keeping weights paired), removes duplicate
// links (keeping the first) and checks indices; throws DataError on an index out of range.
void normalise_rows(SpatialWeights& w);

// Every link (i, j) has a link (j, i) (weights not compared).
bool is_symmetric(const SpatialWeights& w);
// Adds missing reverse links (weight 1 before any transform), e.g. for KNN.
void symmetrise(SpatialWeights& w);

std::vector<std::size_t> islands(const SpatialWeights& w);
// Component label per unit, 0..count-1 in order of the first unit of each component;
// links are taken as undirected.
std::vector<std::int32_t> components(const SpatialWeights& w, std::size_t* count = nullptr);

struct WeightsSummary {
    std::size_t units = 0;
    std::size_t links = 0;  // directed pairs
    std::size_t min_neighbours = 0, max_neighbours = 0;
    double mean_neighbours = 0.0;
    std::vector<std::size_t> histogram;  // histogram[k] = units with k neighbours
    std::vector<std::string> islands;    // ids
    std::size_t components = 0;
    bool symmetric = true;
    double density_percent = 0.0;        // links / (n (n-1)) * 100
};
WeightsSummary summarise(const SpatialWeights& w);

// The weights among the units `keep` (table row numbers, ascending): links to
// units not kept are dropped; weights as stored (re-apply a transform after).
SpatialWeights subset_weights(const SpatialWeights& w, const std::vector<std::size_t>& keep);

// Spatial lag (W x)_i = Σ_j w_ij x_j.
std::vector<double> spatial_lag(const SpatialWeights& w, const std::vector<double>& x);

}  // namespace leefbaar
