#pragma once
// SKATER (Assunção, Neves, Câmara & Freitas 2006): the minimum spanning tree of
// the contiguity graph with dissimilarity edge costs, cut into k regions.
#include "cluster/tree_partition.hpp"

namespace leefbaar::cluster {

// Edge costs use `d`; the cut criterion is `cost` (see TreeCost).
TreeCutResult skater(const DataMatrix& m, const Graph& g, int k, TreeCost cost, Distance d, const std::vector<RegionFloor>& floors,
                     const Progress& progress = {});

}  // namespace leefbaar::cluster
