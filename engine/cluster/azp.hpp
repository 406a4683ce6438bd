#pragma once
// AZP, the Automatic Zoning Procedure (Openshaw 1977; Openshaw & Rao 1995): k
// contiguous regions minimising the within-region SSD. A random initial zoning
// (k seeds, at least one per connected part, grown in turn), then local search
// moving border units between adjacent regions while keeping every region
// contiguous: greedy descent (basic AZP), simulated annealing or tabu search.
#include <cstdint>
#include <vector>

#include "cluster/region_state.hpp"
#include "core/progress.hpp"

namespace leefbaar::cluster {

struct AzpOptions {
    int k = 5;
    LocalSearchOptions search;
    std::uint64_t seed = 1;
};

struct AzpResult {
    std::vector<std::int32_t> labels;
    double ssd_initial = 0, ssd = 0;
    std::size_t moves = 0;
};

// Floors are kept by every move. With floors the initial zoning is SKATER's (which
// meets them), because a random zoning rarely does; without floors it is random.
AzpResult azp(const DataMatrix& m, const Graph& g, const std::vector<RegionFloor>& floors, const AzpOptions& options,
              const Progress& progress = {});

}  // namespace leefbaar::cluster
