#include "cluster/skater.hpp"

namespace leefbaar::cluster {

TreeCutResult skater(const DataMatrix& m, const Graph& g, int k, TreeCost cost, Distance d, const std::vector<RegionFloor>& floors,
                     const Progress& progress) {
    const auto forest = minimum_spanning_forest(g, m, d);
    return cut_forest(m, forest, k, cost, d, floors, progress);
}

}  // namespace leefbaar::cluster
