#pragma once
// k-means (Lloyd's iterations) with k-means++ seeding (Arthur & Vassilvitskii 2007)
// and several restarts; the restart with the smallest within-cluster sum of squares
// wins (ties: the lowest restart number). Restart r draws only from
// stream_for(seed, r), so the result is the same for any number of threads.
#include <cstdint>
#include <vector>

#include "cluster/data.hpp"
#include "core/progress.hpp"

namespace leefbaar::cluster {

struct KMeansResult {
    std::vector<std::int32_t> labels;  // 0..k-1, numbered by first appearance
    double within_ss = 0;
    int iterations = 0;                // of the winning restart
    int restart = 0;                   // which restart won
};

KMeansResult kmeans(const DataMatrix& m, int k, int restarts, int max_iterations, std::uint64_t seed, unsigned threads,
                    const Progress& progress = {});

// The k-means++ seeding alone (exposed for tests): indices of the k initial centres.
std::vector<std::size_t> kmeanspp_seeds(const DataMatrix& m, int k, std::uint64_t seed, std::uint64_t restart);

// Renumbers labels 0.. by order of first appearance (a canonical form for partitions).
void canonical_labels(std::vector<std::int32_t>& labels);

}  // namespace leefbaar::cluster
