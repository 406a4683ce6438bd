#pragma once
// max-p regions (Duque, Anselin & Rey 2012): as many contiguous regions as
// possible, each with a sum of the bound field at least the floor; among
// solutions with the same p the smallest within-region SSD. Greedy randomised
// construction repeated `construction_iterations` times (each from its own random
// stream, so the result does not depend on the thread count), then local search
// on the best construction keeping p, contiguity and the floor.
#include <cstdint>
#include <vector>

#include "cluster/region_state.hpp"
#include "core/progress.hpp"

namespace leefbaar::cluster {

struct MaxPOptions {
    int construction_iterations = 100;
    LocalSearchOptions search;
    std::uint64_t seed = 1;
    unsigned threads = 0;
};

struct MaxPResult {
    std::vector<std::int32_t> labels;  // −1: in a connected part whose total is below the floor
    std::size_t p = 0;
    double ssd_construction = 0, ssd = 0;
    std::size_t unassigned = 0;
    std::size_t moves = 0;
};

// floors[0] is the bound (required); further floors (e.g. a minimum count) also hold for every region.
MaxPResult max_p(const DataMatrix& m, const Graph& g, const std::vector<RegionFloor>& floors, const MaxPOptions& options,
                 const Progress& progress = {});

}  // namespace leefbaar::cluster
