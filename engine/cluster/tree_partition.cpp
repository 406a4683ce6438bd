#include "cluster/tree_partition.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "core/error.hpp"

namespace leefbaar::cluster {
namespace {

struct TreeAdj {
    std::int32_t to;
    std::int32_t edge;
};

struct BestCut {
    double gain = -std::numeric_limits<double>::infinity();
    std::int32_t edge = -1;  // -1: no feasible cut
    double cost = 0;         // heterogeneity of the whole group
};

class ForestCutter {
public:
    ForestCutter(const DataMatrix& m, const std::vector<Edge>& forest, TreeCost cost, Distance d, const std::vector<RegionFloor>& floors)
        : m_(m), forest_(forest), cost_(cost), d_(d), floors_(floors), adj_(m.n), active_(forest.size(), 1), pos_(m.n), size_(m.n),
          parent_edge_(m.n) {
        for (std::size_t e = 0; e < forest.size(); ++e) {
            adj_[forest[e].a].push_back({forest[e].b, static_cast<std::int32_t>(e)});
            adj_[forest[e].b].push_back({forest[e].a, static_cast<std::int32_t>(e)});
        }
    }

    // Nodes reachable from `start` over active edges, in preorder; fills pos_, parent_edge_, size_.
    std::vector<std::int32_t> tree_of(std::int32_t start) {
        std::vector<std::int32_t> order;
        std::vector<std::pair<std::int32_t, std::int32_t>> stack{{start, -1}};
        while (!stack.empty()) {
            auto [v, pe] = stack.back();
            stack.pop_back();
            pos_[v] = static_cast<std::int32_t>(order.size());
            parent_edge_[v] = pe;
            order.push_back(v);
            // Reverse so children are visited in adjacency order (deterministic preorder).
            for (auto it = adj_[v].rbegin(); it != adj_[v].rend(); ++it)
                if (active_[it->edge] && it->edge != pe) stack.push_back({it->to, it->edge});
        }
        for (std::size_t i = order.size(); i-- > 0;) {
            const std::int32_t v = order[i];
            size_[v] = 1;
            for (const auto& a : adj_[v])
                if (active_[a.edge] && a.edge != parent_edge_[v]) size_[v] += size_[a.to];
        }
        return order;
    }

    BestCut best_cut(const std::vector<std::int32_t>& order) {
        const std::size_t n = order.size(), p = m_.p;
        BestCut best;
        best.cost = heterogeneity(m_, order, cost_, d_);
        if (n < 2) return best;
        // Per floor, subtree sums of its weight (in preorder position space).
        std::vector<std::vector<double>> wsub(floors_.size(), std::vector<double>(n, 0.0));
        std::vector<double> wtot(floors_.size(), 0.0);
        for (std::size_t f = 0; f < floors_.size(); ++f) {
            for (std::size_t i = n; i-- > 0;) {
                const std::int32_t v = order[i];
                wsub[f][i] += floors_[f].weight[v];
                if (parent_edge_[v] >= 0) wsub[f][pos_[parent_of(v)]] += wsub[f][i];
            }
            wtot[f] = wsub[f][0];
        }
        auto feasible = [&](std::size_t i) {
            for (std::size_t f = 0; f < floors_.size(); ++f)
                if (wsub[f][i] < floors_[f].floor || wtot[f] - wsub[f][i] < floors_[f].floor) return false;
            return true;
        };
        // Subtree sums of the data centred on the group mean (centring keeps Σx² − (Σx)²/n accurate).
        std::vector<double> mean(p, 0.0);
        for (std::int32_t v : order)
            for (std::size_t j = 0; j < p; ++j) mean[j] += m_.row(v)[j];
        for (auto& x : mean) x /= static_cast<double>(n);
        std::vector<double> sum(n * p, 0.0), sq(n, 0.0);
        for (std::size_t i = n; i-- > 0;) {
            const std::int32_t v = order[i];
            for (std::size_t j = 0; j < p; ++j) {
                const double c = m_.row(v)[j] - mean[j];
                sum[i * p + j] += c;
                sq[i] += c * c;
            }
            if (parent_edge_[v] >= 0) {
                const std::size_t pi = static_cast<std::size_t>(pos_[parent_of(v)]);
                for (std::size_t j = 0; j < p; ++j) sum[pi * p + j] += sum[i * p + j];
                sq[pi] += sq[i];
            }
        }
        std::vector<double> ma(p), mb(p);
        for (std::size_t i = 1; i < n; ++i) {
            if (!feasible(i)) continue;
            const std::int32_t v = order[i];
            const double na = size_[v], nb = static_cast<double>(n) - na;
            double after = 0;
            if (cost_ == TreeCost::Ssd) {
                double s2a = 0, s2b = 0;
                for (std::size_t j = 0; j < p; ++j) {
                    const double sa = sum[i * p + j], sb = -sa;  // the group's centred sum is 0
                    s2a += sa * sa;
                    s2b += sb * sb;
                }
                after = (sq[i] - s2a / na) + (sq[0] - sq[i] - s2b / nb);
            } else {
                for (std::size_t j = 0; j < p; ++j) {
                    ma[j] = mean[j] + sum[i * p + j] / na;
                    mb[j] = mean[j] - sum[i * p + j] / nb;
                }
                const std::size_t lo = i, hi = i + static_cast<std::size_t>(size_[v]);
                for (std::size_t q = 0; q < n; ++q) after += distance(m_.row(order[q]), (q >= lo && q < hi) ? ma.data() : mb.data(), p, d_);
            }
            const double gain = best.cost - after;
            if (gain > best.gain) {
                best.gain = gain;
                best.edge = parent_edge_[v];
            }
        }
        return best;
    }

    void deactivate(std::int32_t e) { active_[e] = 0; }

private:
    std::int32_t parent_of(std::int32_t v) const {
        const Edge& e = forest_[parent_edge_[v]];
        return e.a == v ? e.b : e.a;
    }

    const DataMatrix& m_;
    const std::vector<Edge>& forest_;
    TreeCost cost_;
    Distance d_;
    const std::vector<RegionFloor>& floors_;
    std::vector<std::vector<TreeAdj>> adj_;
    std::vector<std::uint8_t> active_;
    std::vector<std::int32_t> pos_, size_, parent_edge_;
};

}  // namespace

double heterogeneity(const DataMatrix& m, const std::vector<std::int32_t>& rows, TreeCost cost, Distance d) {
    if (rows.empty()) return 0;
    std::vector<double> mean(m.p, 0.0);
    for (std::int32_t v : rows)
        for (std::size_t j = 0; j < m.p; ++j) mean[j] += m.row(v)[j];
    for (auto& x : mean) x /= static_cast<double>(rows.size());
    double s = 0;
    for (std::int32_t v : rows)
        s += cost == TreeCost::Ssd ? squared_euclidean(m.row(v), mean.data(), m.p) : distance(m.row(v), mean.data(), m.p, d);
    return s;
}

TreeCutResult cut_forest(const DataMatrix& m, const std::vector<Edge>& forest, int k, TreeCost cost, Distance d,
                         const std::vector<RegionFloor>& floors, const Progress& progress) {
    ForestCutter cutter(m, forest, cost, d, floors);
    struct Group {
        std::vector<std::int32_t> nodes;
        BestCut cut;
    };
    std::vector<Group> groups;
    std::vector<std::uint8_t> seen(m.n, 0);
    for (std::size_t s = 0; s < m.n; ++s) {
        if (seen[s]) continue;
        Group g;
        g.nodes = cutter.tree_of(static_cast<std::int32_t>(s));
        for (auto v : g.nodes) seen[v] = 1;
        for (const auto& f : floors) {
            double w = 0;
            for (auto v : g.nodes) w += f.weight[v];
            if (w < f.floor)
                throw DataError("a connected part of " + std::to_string(g.nodes.size()) + " unit(s) has " + f.what + " " + number_text(w) +
                                    ", below the floor " + number_text(f.floor) + "; a region cannot span two parts",
                                {}, "lower the floor, join islands to the mainland with other weights (e.g. k nearest neighbours), or leave them out");
        }
        g.cut = cutter.best_cut(g.nodes);
        groups.push_back(std::move(g));
    }
    TreeCutResult out;
    out.components = static_cast<std::int32_t>(groups.size());
    if (k < out.components)
        throw DataError("asked for " + std::to_string(k) + " regions but the contiguity graph has " + std::to_string(out.components) +
                            " separate parts (islands count as parts); a region never spans two parts",
                        {}, "ask for at least " + std::to_string(out.components) + " regions, or use weights that connect the parts");
    auto total = [&] {
        double t = 0;
        for (const auto& g : groups) t += g.cut.cost;
        return t;
    };
    out.objective.push_back(total());
    while (static_cast<int>(groups.size()) < k) {
        progress.report(static_cast<double>(groups.size()) / k, "cutting the tree");
        std::size_t gi = groups.size();
        for (std::size_t i = 0; i < groups.size(); ++i)
            if (groups[i].cut.edge >= 0 && (gi == groups.size() || groups[i].cut.gain > groups[gi].cut.gain)) gi = i;
        if (gi == groups.size())
            throw DataError("only " + std::to_string(groups.size()) + " of the " + std::to_string(k) +
                                " regions can be formed while every region meets the minimum size",
                            {}, "ask for fewer regions or lower the floor / minimum size");
        const Edge e = forest[groups[gi].cut.edge];
        cutter.deactivate(groups[gi].cut.edge);
        Group a, b;
        a.nodes = cutter.tree_of(e.a);
        a.cut = cutter.best_cut(a.nodes);
        b.nodes = cutter.tree_of(e.b);
        b.cut = cutter.best_cut(b.nodes);
        groups[gi] = std::move(a);
        groups.push_back(std::move(b));
        out.objective.push_back(total());
    }
    // Number regions by their smallest row so labels do not depend on the cut order.
    std::vector<std::int32_t> raw(m.n, -1);
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (auto v : groups[g].nodes) raw[v] = static_cast<std::int32_t>(g);
    std::vector<std::int32_t> rename(groups.size(), -1);
    std::int32_t next = 0;
    out.labels.resize(m.n);
    for (std::size_t i = 0; i < m.n; ++i) {
        if (rename[raw[i]] < 0) rename[raw[i]] = next++;
        out.labels[i] = rename[raw[i]];
    }
    return out;
}

}  // namespace leefbaar::cluster
