#pragma once
// REDCAP (Guo 2008), full-order variants: contiguity-constrained agglomerative
// clustering where the linkage between two adjacent clusters uses all pairs of
// their members (average linkage) or Ward's criterion; each merge adds the
// cheapest contiguity edge between the two clusters to a spanning tree, which is
// then cut into k regions as in SKATER (tree_partition).
#include "cluster/tree_partition.hpp"

namespace leefbaar::cluster {

// The spanning forest built by full-order agglomeration (one tree per connected part).
std::vector<Edge> redcap_forest(const DataMatrix& m, const Graph& g, RedcapLinkage linkage, Distance d, const Progress& progress = {});

TreeCutResult redcap(const DataMatrix& m, const Graph& g, int k, RedcapLinkage linkage, TreeCost cost, Distance d,
                     const std::vector<RegionFloor>& floors, const Progress& progress = {});

}  // namespace leefbaar::cluster
