#pragma once
// A partition of the units into contiguous regions that can be changed one unit
// at a time, with O(p) updates of each region's sum of squared deviations (SSD)
// and bound sums. Shared by the local searches of max-p and AZP.
#include <cstdint>
#include <vector>

#include "cluster/data.hpp"
#include "cluster/graph.hpp"
#include "cluster/tree_partition.hpp"
#include "core/random.hpp"

namespace leefbaar::cluster {

class RegionState {
public:
    // labels: region 0..k-1 per unit, or −1 for units outside every region (left alone).
    RegionState(const DataMatrix& m, const Graph& g, const std::vector<RegionFloor>& floors, std::vector<std::int32_t> labels);

    const std::vector<std::int32_t>& labels() const { return labels_; }
    std::size_t regions() const { return count_.size(); }
    double objective() const;  // total SSD
    double ssd(std::size_t r) const;
    double bound(std::size_t f, std::size_t r) const { return bound_[f][r]; }

    // Change in total SSD if unit u moved to region `to`.
    double move_delta(std::int32_t u, std::int32_t to) const;
    // Whether u may leave its region: the rest stays non-empty, connected and above every floor.
    bool can_leave(std::int32_t u) const;
    void move(std::int32_t u, std::int32_t to);
    void reset(std::vector<std::int32_t> labels);
    // Regions adjacent to u other than its own (sorted, unique).
    std::vector<std::int32_t> neighbour_regions(std::int32_t u) const;

private:
    const DataMatrix& m_;
    const Graph& g_;
    const std::vector<RegionFloor>& floors_;
    std::vector<std::int32_t> labels_;
    std::vector<double> centre_;  // global mean: sums are of x − centre, to keep Σx² − (Σx)²/n accurate
    std::vector<double> sum_;   // regions × p
    std::vector<double> sq_;    // per region Σ||x||²
    std::vector<std::size_t> count_;
    std::vector<std::vector<double>> bound_;  // floors × regions
    mutable std::vector<std::uint32_t> mark_;  // BFS marks (stamp per call)
    mutable std::uint32_t stamp_ = 0;
};

struct LocalSearchOptions {
    AzpSearch search = AzpSearch::Greedy;
    int max_passes = 100;
    double cooling = 0.85;
    int tabu_length = 10;
};

// Improves the partition in place; returns the number of accepted moves. Draws from rng only.
std::size_t local_search(RegionState& state, const LocalSearchOptions& options, RandomEngine& rng);

}  // namespace leefbaar::cluster
