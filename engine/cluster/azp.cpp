#include "cluster/azp.hpp"

#include <algorithm>

#include "cluster/kmeans.hpp"
#include "cluster/skater.hpp"
#include "core/error.hpp"

namespace leefbaar::cluster {
namespace {

constexpr std::uint64_t kPurposeInit = 0x617a70ULL;  // "azp"
constexpr std::uint64_t kPurposeSearch = 0x617a7073ULL;

std::vector<std::int32_t> random_zoning(const Graph& g, int k, RandomEngine& rng) {
    const std::size_t n = g.size();
    std::int32_t parts = 0;
    const auto comp = components(g, &parts);
    if (k < parts)
        throw DataError("asked for " + std::to_string(k) + " regions but the contiguity graph has " + std::to_string(parts) +
                            " separate parts (islands count as parts); a region never spans two parts",
                        {}, "ask for at least " + std::to_string(parts) + " regions, or use weights that connect the parts");
    std::vector<std::int32_t> label(n, -1);
    std::vector<std::vector<std::int32_t>> frontier;
    std::int32_t r = 0;
    auto seed_at = [&](std::int32_t u) {
        label[u] = r++;
        frontier.emplace_back(g.adj[u].begin(), g.adj[u].end());
    };
    // One seed in every connected part (its random unit), then the rest at random.
    std::vector<std::vector<std::int32_t>> by_part(static_cast<std::size_t>(parts));
    for (std::size_t i = 0; i < n; ++i) by_part[comp[i]].push_back(static_cast<std::int32_t>(i));
    for (const auto& part : by_part) seed_at(part[uniform_below(rng, part.size())]);
    while (r < k) {
        const auto u = static_cast<std::int32_t>(uniform_below(rng, n));
        if (label[u] < 0) seed_at(u);
    }
    // Regions grow in turn by one random free neighbour each.
    std::size_t left = n - static_cast<std::size_t>(k);
    while (left > 0) {
        bool grew = false;
        for (std::int32_t reg = 0; reg < k; ++reg) {
            auto& f = frontier[reg];
            while (!f.empty()) {
                const std::size_t pick = uniform_below(rng, f.size());
                const auto v = f[pick];
                f[pick] = f.back();
                f.pop_back();
                if (label[v] >= 0) continue;
                label[v] = reg;
                --left;
                grew = true;
                for (auto w : g.adj[v])
                    if (label[w] < 0) f.push_back(w);
                break;
            }
        }
        if (!grew) break;
    }
    return label;
}

}  // namespace

AzpResult azp(const DataMatrix& m, const Graph& g, const std::vector<RegionFloor>& floors, const AzpOptions& options, const Progress& progress) {
    if (options.k < 1 || static_cast<std::size_t>(options.k) > m.n)
        throw UsageError("k = " + std::to_string(options.k) + " regions for " + std::to_string(m.n) + " units", {},
                         "choose k between 1 and the number of units");
    std::vector<std::int32_t> init;
    if (floors.empty()) {
        auto rng = stream_for(options.seed, 0, kPurposeInit);
        init = random_zoning(g, options.k, rng);
    } else {
        init = skater(m, g, options.k, TreeCost::Ssd, Distance::Euclidean, floors).labels;
    }
    progress.report(0.1, "AZP initial zoning");
    RegionState state(m, g, floors, init);
    AzpResult out;
    out.ssd_initial = state.objective();
    auto rng = stream_for(options.seed, 1, kPurposeSearch);
    out.moves = local_search(state, options.search, rng);
    out.ssd = state.objective();
    out.labels = state.labels();
    canonical_labels(out.labels);
    progress.report(1.0, "AZP local search");
    return out;
}

}  // namespace leefbaar::cluster
