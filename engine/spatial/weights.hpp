#pragma once
// Spatial weights: for each unit its neighbours and their weights (a sparse row
// of W). Shared by the spatial statistics and the spatially constrained
// clustering. Built by spatial/contiguity.*, spatial/distance_weights.* or read
// from GAL/GWT files (spatial/weights_io.*).
#include <cstdint>
#include <string>
#include <vector>

namespace leefbaar {

enum class WeightsTransform { Binary, Row };

struct SpatialWeights {
    // ids[i] is the key of unit i (matching the feature table's row i).
    std::vector<std::string> ids;
    // neighbours[i] sorted ascending, no self unless a kernel includes the diagonal.
    std::vector<std::vector<std::int32_t>> neighbours;
    // weights[i][k] is w(i, neighbours[i][k]) after the transform.
    std::vector<std::vector<double>> weights;
    WeightsTransform transform = WeightsTransform::Binary;
    std::string kind;  // "queen", "rook", "knn k=6", "gal file ..." (for reports)

    std::size_t size() const { return neighbours.size(); }
    std::size_t links() const;  // number of directed (i, j) pairs
    bool is_island(std::size_t i) const { return neighbours[i].empty(); }
};

}  // namespace leefbaar
