#pragma once
// Quality of a partition on the (scaled) clustering variables: total, within and
// between sums of squares, their ratio, the pseudo-F statistic (Caliński &
// Harabasz 1974), and per cluster its size, bound-field sum and contiguity.
#include <cstdint>
#include <vector>

#include "cluster/data.hpp"
#include "cluster/graph.hpp"

namespace leefbaar::cluster {

struct ClusterStats {
    std::int32_t label = 0;       // 0-based here; 1-based in outputs
    std::size_t size = 0;
    double bound_sum = 0;         // sum of the bound field (0 when none)
    double within_ss = 0;
    std::vector<double> mean;     // of the scaled variables
    bool contiguous = true;       // only checked when a graph is given
};

struct PartitionQuality {
    double total_ss = 0, within_ss = 0, between_ss = 0;
    double ratio = 0;             // between / total
    double pseudo_f = 0;          // (B/(k−1)) / (W/(n−k)); 0 when undefined
    std::size_t k = 0;
    bool all_contiguous = true;
    std::vector<ClusterStats> clusters;
};

// labels: 0..k-1 per data row (negative = not assigned, ignored). bound: per data row or empty.
PartitionQuality evaluate(const DataMatrix& m, const std::vector<std::int32_t>& labels, const std::vector<double>& bound = {},
                          const Graph* graph = nullptr);

}  // namespace leefbaar::cluster
