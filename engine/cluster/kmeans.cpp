#include "cluster/kmeans.hpp"

#include <algorithm>
#include <limits>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/random.hpp"

namespace leefbaar::cluster {
namespace {

constexpr std::uint64_t kPurposeSeeding = 0x6b6d65616e73ULL;  // "kmeans"

struct Run {
    std::vector<std::int32_t> labels;
    double within_ss = std::numeric_limits<double>::infinity();
    int iterations = 0;
};

Run lloyd(const DataMatrix& m, std::size_t k, const std::vector<std::size_t>& seeds, int max_iterations) {
    const std::size_t n = m.n, p = m.p;
    std::vector<double> centre(k * p);
    for (std::size_t c = 0; c < k; ++c) std::copy(m.row(seeds[c]), m.row(seeds[c]) + p, centre.begin() + static_cast<std::ptrdiff_t>(c * p));
    Run r;
    r.labels.assign(n, -1);
    std::vector<double> dist(n);
    std::vector<std::size_t> count(k);
    for (r.iterations = 1; r.iterations <= max_iterations; ++r.iterations) {
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            std::int32_t best = 0;
            double bd = std::numeric_limits<double>::infinity();
            for (std::size_t c = 0; c < k; ++c) {
                const double d = squared_euclidean(m.row(i), centre.data() + c * p, p);
                if (d < bd) bd = d, best = static_cast<std::int32_t>(c);
            }
            dist[i] = bd;
            if (r.labels[i] != best) r.labels[i] = best, changed = true;
        }
        if (!changed && r.iterations > 1) break;
        std::fill(centre.begin(), centre.end(), 0.0);
        std::fill(count.begin(), count.end(), 0);
        for (std::size_t i = 0; i < n; ++i) {
            ++count[r.labels[i]];
            for (std::size_t j = 0; j < p; ++j) centre[r.labels[i] * p + j] += m.row(i)[j];
        }
        for (std::size_t c = 0; c < k; ++c) {
            if (count[c] == 0) {
                // An empty cluster takes the point farthest from its centre (lowest index on ties).
                const std::size_t far = static_cast<std::size_t>(std::max_element(dist.begin(), dist.end()) - dist.begin());
                --count[r.labels[far]];
                for (std::size_t j = 0; j < p; ++j) centre[r.labels[far] * p + j] -= m.row(far)[j];
                r.labels[far] = static_cast<std::int32_t>(c);
                dist[far] = 0;
                count[c] = 1;
                std::copy(m.row(far), m.row(far) + p, centre.begin() + static_cast<std::ptrdiff_t>(c * p));
            }
        }
        for (std::size_t c = 0; c < k; ++c)
            for (std::size_t j = 0; j < p; ++j) centre[c * p + j] /= static_cast<double>(count[c]);
    }
    r.iterations = std::min(r.iterations, max_iterations);
    r.within_ss = 0;
    for (std::size_t i = 0; i < n; ++i) r.within_ss += squared_euclidean(m.row(i), centre.data() + static_cast<std::size_t>(r.labels[i]) * p, p);
    return r;
}

}  // namespace

void canonical_labels(std::vector<std::int32_t>& labels) {
    std::int32_t k = 0;
    for (auto l : labels) k = std::max(k, l + 1);
    std::vector<std::int32_t> rename(static_cast<std::size_t>(k), -1);
    std::int32_t next = 0;
    for (auto& l : labels) {
        if (l < 0) continue;
        if (rename[l] < 0) rename[l] = next++;
        l = rename[l];
    }
}

std::vector<std::size_t> kmeanspp_seeds(const DataMatrix& m, int k, std::uint64_t seed, std::uint64_t restart) {
    auto rng = stream_for(seed, restart, kPurposeSeeding);
    std::vector<std::size_t> seeds{static_cast<std::size_t>(uniform_below(rng, m.n))};
    std::vector<double> d2(m.n);
    for (std::size_t i = 0; i < m.n; ++i) d2[i] = squared_euclidean(m.row(i), m.row(seeds[0]), m.p);
    while (static_cast<int>(seeds.size()) < k) {
        double total = 0;
        for (double v : d2) total += v;
        std::size_t pick = 0;
        if (total <= 0) {
            // Fewer distinct points than k: take the first point not yet a seed.
            while (std::find(seeds.begin(), seeds.end(), pick) != seeds.end()) ++pick;
        } else {
            // Draw with probability proportional to the squared distance to the nearest seed.
            double u = uniform01(rng) * total;
            for (pick = 0; pick + 1 < m.n; ++pick) {
                if (u < d2[pick]) break;
                u -= d2[pick];
            }
            while (d2[pick] <= 0 && pick > 0) --pick;  // rounding at the end must not pick a zero-weight point
        }
        seeds.push_back(pick);
        for (std::size_t i = 0; i < m.n; ++i) d2[i] = std::min(d2[i], squared_euclidean(m.row(i), m.row(pick), m.p));
    }
    return seeds;
}

KMeansResult kmeans(const DataMatrix& m, int k, int restarts, int max_iterations, std::uint64_t seed, unsigned threads, const Progress& progress) {
    if (k < 1 || static_cast<std::size_t>(k) > m.n)
        throw UsageError("k = " + std::to_string(k) + " clusters for " + std::to_string(m.n) + " units", {}, "choose k between 1 and the number of units");
    restarts = std::max(1, restarts);
    std::vector<Run> runs(static_cast<std::size_t>(restarts));
    parallel_for(runs.size(), resolve_threads(threads), [&](std::size_t b, std::size_t e) {
        for (std::size_t r = b; r < e; ++r) runs[r] = lloyd(m, static_cast<std::size_t>(k), kmeanspp_seeds(m, k, seed, r), max_iterations);
    }, 1);
    progress.report(1.0, "k-means");
    std::size_t best = 0;
    for (std::size_t r = 1; r < runs.size(); ++r)
        if (runs[r].within_ss < runs[best].within_ss) best = r;
    KMeansResult out;
    out.labels = std::move(runs[best].labels);
    canonical_labels(out.labels);
    out.within_ss = runs[best].within_ss;
    out.iterations = runs[best].iterations;
    out.restart = static_cast<int>(best);
    return out;
}

}  // namespace leefbaar::cluster
