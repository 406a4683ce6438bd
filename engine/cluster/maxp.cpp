#include "cluster/maxp.hpp"

#include <algorithm>
#include <limits>

#include "core/error.hpp"
#include "core/parallel.hpp"

namespace leefbaar::cluster {
namespace {

constexpr std::uint64_t kPurposeConstruct = 0x6d617870ULL;  // "maxp"
constexpr std::uint64_t kPurposeSearch = 0x6d61787073ULL;

bool meets(const std::vector<RegionFloor>& floors, const std::vector<double>& sums) {
    for (std::size_t f = 0; f < floors.size(); ++f)
        if (sums[f] < floors[f].floor) return false;
    return true;
}

struct Construction {
    std::vector<std::int32_t> labels;
    std::size_t p = 0;
    double ssd = std::numeric_limits<double>::infinity();
};

// One greedy construction: grow a region from each still-free unit (random order)
// by adding random free neighbours until every floor is met; a growth that gets
// stuck releases its units as enclaves, which finally join the adjacent region
// whose SSD grows least.
Construction construct(const DataMatrix& m, const Graph& g, const std::vector<RegionFloor>& floors, const std::vector<std::uint8_t>& usable,
                       RandomEngine rng) {
    const std::size_t n = m.n;
    constexpr std::int32_t kFree = -1, kEnclave = -2, kOff = -3;
    std::vector<std::int32_t> label(n, kFree);
    for (std::size_t i = 0; i < n; ++i)
        if (!usable[i]) label[i] = kOff;
    std::vector<std::int32_t> order;
    for (std::size_t i = 0; i < n; ++i)
        if (usable[i]) order.push_back(static_cast<std::int32_t>(i));
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[uniform_below(rng, i)]);
    std::int32_t p = 0;
    std::vector<std::int32_t> members, frontier;
    std::vector<double> sums(floors.size());
    std::vector<std::uint32_t> in_frontier(n, 0);
    std::uint32_t stamp = 0;
    for (auto seed : order) {
        if (label[seed] != kFree) continue;
        ++stamp;
        members.assign(1, seed);
        label[seed] = p;
        for (std::size_t f = 0; f < floors.size(); ++f) sums[f] = floors[f].weight[seed];
        frontier.clear();
        auto add_frontier = [&](std::int32_t v) {
            for (auto w : g.adj[v])
                if ((label[w] == kFree || label[w] == kEnclave) && in_frontier[w] != stamp) in_frontier[w] = stamp, frontier.push_back(w);
        };
        add_frontier(seed);
        while (!meets(floors, sums) && !frontier.empty()) {
            const std::size_t pick = uniform_below(rng, frontier.size());
            const auto v = frontier[pick];
            frontier[pick] = frontier.back();
            frontier.pop_back();
            if (label[v] != kFree && label[v] != kEnclave) continue;
            label[v] = p;
            members.push_back(v);
            for (std::size_t f = 0; f < floors.size(); ++f) sums[f] += floors[f].weight[v];
            add_frontier(v);
        }
        if (meets(floors, sums)) ++p;
        else
            for (auto v : members) label[v] = kEnclave;
    }
    Construction c;
    c.p = static_cast<std::size_t>(p);
    if (p == 0) return c;
    // Enclaves join an adjacent region, cheapest SSD increase first; repeat until none is adjacent to a region.
    std::vector<std::int32_t> work(n, -1);
    for (std::size_t i = 0; i < n; ++i) work[i] = label[i] >= 0 ? label[i] : -1;
    std::vector<RegionFloor> none;
    std::vector<std::int32_t> enclaves;
    for (std::size_t i = 0; i < n; ++i)
        if (label[i] == kEnclave) enclaves.push_back(static_cast<std::int32_t>(i));
    // Enclaves are outside every region, so the cost of joining is computed from the region sums directly.
    std::vector<double> sum(static_cast<std::size_t>(p) * m.p, 0.0), sq(static_cast<std::size_t>(p), 0.0);
    std::vector<std::size_t> cnt(static_cast<std::size_t>(p), 0);
    std::vector<double> centre(m.p, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m.p; ++j) centre[j] += m.row(i)[j] / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (work[i] < 0) continue;
        ++cnt[work[i]];
        for (std::size_t j = 0; j < m.p; ++j) sum[work[i] * m.p + j] += m.row(i)[j] - centre[j];
    }
    auto join_cost = [&](std::int32_t u, std::int32_t r) {
        // SSD increase of adding x to a region with n units and centred sum s: n/(n+1)·||x − s/n||².
        const double nr = static_cast<double>(cnt[r]);
        double d2 = 0;
        for (std::size_t j = 0; j < m.p; ++j) {
            const double diff = (m.row(u)[j] - centre[j]) - sum[r * m.p + j] / nr;
            d2 += diff * diff;
        }
        return nr / (nr + 1) * d2;
    };
    bool progress = true;
    while (!enclaves.empty() && progress) {
        progress = false;
        std::vector<std::int32_t> rest;
        for (auto u : enclaves) {
            std::int32_t best = -1;
            double bc = std::numeric_limits<double>::infinity();
            for (auto v : g.adj[u]) {
                const auto r = work[v];
                if (r < 0) continue;
                const double c2 = join_cost(u, r);
                if (c2 < bc || (c2 == bc && r < best)) bc = c2, best = r;
            }
            if (best < 0) {
                rest.push_back(u);
                continue;
            }
            work[u] = best;
            ++cnt[best];
            for (std::size_t j = 0; j < m.p; ++j) sum[best * m.p + j] += m.row(u)[j] - centre[j];
            progress = true;
        }
        enclaves.swap(rest);
    }
    c.labels = std::move(work);
    RegionState final_state(m, g, none, c.labels);
    c.ssd = final_state.objective();
    return c;
}

}  // namespace

MaxPResult max_p(const DataMatrix& m, const Graph& g, const std::vector<RegionFloor>& floors, const MaxPOptions& options, const Progress& progress) {
    if (floors.empty()) throw UsageError("max-p needs a floor", {}, "give {{floor_field}} and {{floor}} (e.g. {{floor_field inwoners}} with {{floor 5000}})");
    // Connected parts whose total is below a floor can hold no region: leave them out.
    std::int32_t parts = 0;
    const auto comp = components(g, &parts);
    std::vector<std::vector<double>> totals(floors.size(), std::vector<double>(static_cast<std::size_t>(parts), 0.0));
    for (std::size_t i = 0; i < m.n; ++i)
        for (std::size_t f = 0; f < floors.size(); ++f) totals[f][comp[i]] += floors[f].weight[i];
    std::vector<std::uint8_t> usable(m.n, 1);
    std::size_t unusable = 0;
    for (std::size_t i = 0; i < m.n; ++i)
        for (std::size_t f = 0; f < floors.size(); ++f)
            if (totals[f][comp[i]] < floors[f].floor) {
                usable[i] = 0;
                ++unusable;
                break;
            }
    if (unusable == m.n) {
        const double largest = *std::max_element(totals[0].begin(), totals[0].end());
        throw DataError("no region can reach the floor: the largest connected part has " + floors[0].what + " " + number_text(largest) +
                            " in total, below the floor " + number_text(floors[0].floor),
                        {}, "lower {{floor}}, or check the field and the weights (islands form parts of their own)");
    }
    const std::size_t iters = static_cast<std::size_t>(std::max(1, options.construction_iterations));
    std::vector<Construction> runs(iters);
    parallel_for(iters, resolve_threads(options.threads), [&](std::size_t b, std::size_t e) {
        for (std::size_t it = b; it < e; ++it) runs[it] = construct(m, g, floors, usable, stream_for(options.seed, it, kPurposeConstruct));
    }, 1);
    progress.report(0.5, "max-p construction");
    std::size_t best = 0;
    for (std::size_t it = 1; it < iters; ++it)
        if (runs[it].p > runs[best].p || (runs[it].p == runs[best].p && runs[it].ssd < runs[best].ssd)) best = it;
    MaxPResult out;
    out.p = runs[best].p;
    out.ssd_construction = runs[best].ssd;
    RegionState state(m, g, floors, runs[best].labels);
    auto rng = stream_for(options.seed, 0, kPurposeSearch);
    out.moves = local_search(state, options.search, rng);
    out.ssd = state.objective();
    out.labels = state.labels();
    for (auto l : out.labels) out.unassigned += l < 0;
    progress.report(1.0, "max-p local search");
    return out;
}

}  // namespace leefbaar::cluster
