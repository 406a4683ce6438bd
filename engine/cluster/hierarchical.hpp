#pragma once
// Hierarchical agglomerative clustering with Ward (Ward 1963), average, complete
// or single linkage, by the nearest-neighbour chain algorithm on a condensed
// dissimilarity matrix with Lance–Williams updates (all four linkages are
// reducible, so the chain yields the exact dendrogram). O(n²) memory: refused
// above kMaxHierarchicalUnits units with a hint to use k-means.
#include <cstdint>
#include <vector>

#include "cluster/data.hpp"
#include "core/progress.hpp"

namespace leefbaar::cluster {

enum class Linkage { Ward, Average, Complete, Single };
inline constexpr std::size_t kMaxHierarchicalUnits = 20000;

struct Merge {
    std::int32_t a = 0, b = 0;  // representative data rows of the merged clusters
    double height = 0;          // Ward: sqrt of the Lance–Williams value on squared distances (as scipy/R "ward.D2")
    std::size_t size = 0;       // of the new cluster
};

// The n−1 merges in increasing height.
std::vector<Merge> agglomerate(const DataMatrix& m, Linkage linkage, Distance d, const Progress& progress = {});

// Labels 0..k-1 (first appearance) after applying the n−k lowest merges.
std::vector<std::int32_t> cut_dendrogram(const std::vector<Merge>& merges, std::size_t n, int k);

}  // namespace leefbaar::cluster
