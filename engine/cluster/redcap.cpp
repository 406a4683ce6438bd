#include "cluster/redcap.hpp"

#include <map>
#include <queue>

#include "core/error.hpp"

namespace leefbaar::cluster {
namespace {

struct Link {
    double pair_sum = -1;  // average linkage: Σ d(a, b) over member pairs; −1 = not known yet
    Edge edge;             // cheapest contiguity edge between the two clusters
};

struct Candidate {
    double value;
    std::int32_t a, b;
    std::uint32_t va, vb;
    bool operator>(const Candidate& o) const {
        if (value != o.value) return value > o.value;
        return a != o.a ? a > o.a : b > o.b;
    }
};

}  // namespace

std::vector<Edge> redcap_forest(const DataMatrix& m, const Graph& g, RedcapLinkage linkage, Distance d, const Progress& progress) {
    const std::size_t n = m.n, p = m.p;
    std::vector<std::vector<std::int32_t>> members(n);
    std::vector<std::vector<double>> centroid(n);
    std::vector<std::map<std::int32_t, Link>> links(n);  // ordered: deterministic iteration
    std::vector<std::uint32_t> version(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        members[i] = {static_cast<std::int32_t>(i)};
        centroid[i].assign(m.row(i), m.row(i) + p);
        for (auto j : g.adj[i]) {
            const double c = distance(m.row(i), m.row(static_cast<std::size_t>(j)), p, d);
            links[i][j] = Link{c, Edge{std::min<std::int32_t>(static_cast<std::int32_t>(i), j), std::max<std::int32_t>(static_cast<std::int32_t>(i), j), c}};
        }
    }
    auto pair_sum = [&](std::int32_t a, std::int32_t b) {
        double s = 0;
        for (auto u : members[a])
            for (auto v : members[b]) s += distance(m.row(u), m.row(v), p, d);
        return s;
    };
    auto value = [&](std::int32_t a, std::int32_t b, Link& l) {
        const double na = static_cast<double>(members[a].size()), nb = static_cast<double>(members[b].size());
        if (linkage == RedcapLinkage::Ward) return na * nb / (na + nb) * squared_euclidean(centroid[a].data(), centroid[b].data(), p);
        if (l.pair_sum < 0) l.pair_sum = pair_sum(a, b);
        return l.pair_sum / (na * nb);
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
    for (std::size_t i = 0; i < n; ++i)
        for (auto& [j, l] : links[i])
            if (static_cast<std::size_t>(j) > i) heap.push({value(static_cast<std::int32_t>(i), j, l), static_cast<std::int32_t>(i), j, 0, 0});
    std::vector<Edge> tree;
    while (!heap.empty()) {
        const Candidate c = heap.top();
        heap.pop();
        if (members[c.a].empty() || members[c.b].empty() || version[c.a] != c.va || version[c.b] != c.vb) continue;
        // Merge b into a.
        const std::int32_t a = c.a, b = c.b;
        tree.push_back(links[a][b].edge);
        const double na = static_cast<double>(members[a].size()), nb = static_cast<double>(members[b].size());
        for (std::size_t j = 0; j < p; ++j) centroid[a][j] = (na * centroid[a][j] + nb * centroid[b][j]) / (na + nb);
        links[a].erase(b);
        links[b].erase(a);
        for (auto& [cc, lb] : links[b]) {
            auto& la = links[a];
            auto it = la.find(cc);
            if (it == la.end()) {
                Link nl;
                nl.edge = lb.edge;
                if (linkage == RedcapLinkage::Average && lb.pair_sum >= 0) nl.pair_sum = lb.pair_sum + pair_sum(a, cc);
                la[cc] = nl;
            } else {
                if (lb.edge.cost < it->second.edge.cost) it->second.edge = lb.edge;
                if (linkage == RedcapLinkage::Average) {
                    const double sa = it->second.pair_sum >= 0 ? it->second.pair_sum : pair_sum(a, cc);
                    const double sb = lb.pair_sum >= 0 ? lb.pair_sum : pair_sum(b, cc);
                    it->second.pair_sum = sa + sb;
                }
            }
            links[cc].erase(b);
        }
        // The pair sums of a's old neighbours not adjacent to b must now include b's members.
        if (linkage == RedcapLinkage::Average)
            for (auto& [cc, la] : links[a])
                if (links[b].find(cc) == links[b].end() && la.pair_sum >= 0) la.pair_sum += pair_sum(b, cc);
        members[a].insert(members[a].end(), members[b].begin(), members[b].end());
        members[b].clear();
        links[b].clear();
        ++version[a];
        // Only pairs with a changed; pairs among other clusters keep their values and versions.
        for (auto& [cc, la] : links[a]) {
            links[cc][a] = la;
            const auto lo = std::min(a, cc), hi = std::max(a, cc);
            heap.push({value(a, cc, la), lo, hi, version[lo], version[hi]});
        }
        if (tree.size() % 1024 == 0) progress.report(static_cast<double>(tree.size()) / static_cast<double>(n), "REDCAP tree");
    }
    return tree;
}

TreeCutResult redcap(const DataMatrix& m, const Graph& g, int k, RedcapLinkage linkage, TreeCost cost, Distance d,
                     const std::vector<RegionFloor>& floors, const Progress& progress) {
    if (linkage == RedcapLinkage::Ward && d != Distance::Euclidean)
        throw UsageError("REDCAP's Ward linkage is defined for Euclidean distance only", {}, "use {{distance euclidean}} or {{redcap_linkage average}}");
    const auto forest = redcap_forest(m, g, linkage, d, progress.scaled(0, 0.5));
    return cut_forest(m, forest, k, cost, d, floors, progress.scaled(0.5, 1));
}

}  // namespace leefbaar::cluster
