#pragma once
// The contiguity graph the spatially constrained methods work on: undirected,
// on the included units only (data rows), built from SpatialWeights. Links are
// symmetrised (i~j if either lists the other) because a region's contiguity is a
// symmetric notion even when the weights (e.g. k nearest neighbours) are not.
#include <cstdint>
#include <vector>

#include "cluster/data.hpp"
#include "spatial/weights.hpp"

namespace leefbaar::cluster {

struct Graph {
    std::vector<std::vector<std::int32_t>> adj;  // sorted, no self links
    std::size_t size() const { return adj.size(); }
    std::size_t edges() const;  // undirected
};

// table_row[i] = feature-table row of data row i; weights are indexed by table row.
Graph induced_graph(const SpatialWeights& w, const std::vector<std::size_t>& table_row, std::size_t table_rows);

// Connected components: label per node (0..c-1, numbered by their smallest node).
std::vector<std::int32_t> components(const Graph& g, std::int32_t* count = nullptr);

struct Edge {
    std::int32_t a = 0, b = 0;
    double cost = 0;
};

// Minimum spanning forest (Kruskal) with dissimilarity costs d(x_a, x_b); ties by
// (a, b) so the tree is the same on every platform.
std::vector<Edge> minimum_spanning_forest(const Graph& g, const DataMatrix& m, Distance d);

// True when the nodes with labels[i] == label form one connected piece of g.
bool is_connected_subset(const Graph& g, const std::vector<std::int32_t>& labels, std::int32_t label);

// For every label 0..k-1: is its set of nodes connected in g? One pass, O(n + links).
std::vector<bool> contiguous_labels(const Graph& g, const std::vector<std::int32_t>& labels, std::size_t k);

// Small union-find with path halving and union by size.
class DisjointSets {
public:
    explicit DisjointSets(std::size_t n);
    std::size_t find(std::size_t x);
    bool unite(std::size_t a, std::size_t b);
    std::size_t size_of(std::size_t x) { return size_[find(x)]; }

private:
    std::vector<std::size_t> parent_, size_;
};

}  // namespace leefbaar::cluster
