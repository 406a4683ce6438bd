#include "cluster/graph.hpp"

#include <algorithm>
#include <numeric>

#include "core/error.hpp"

namespace leefbaar::cluster {

std::size_t Graph::edges() const {
    std::size_t n = 0;
    for (const auto& a : adj) n += a.size();
    return n / 2;
}

Graph induced_graph(const SpatialWeights& w, const std::vector<std::size_t>& table_row, std::size_t table_rows) {
    if (w.size() != table_rows)
        throw DataError("the spatial weights have " + std::to_string(w.size()) + " units but the table has " + std::to_string(table_rows) + " rows",
                        {}, "build the weights from the same polygons (or a GAL file with the same ids)");
    std::vector<std::int32_t> index(table_rows, -1);
    for (std::size_t i = 0; i < table_row.size(); ++i) index[table_row[i]] = static_cast<std::int32_t>(i);
    Graph g;
    g.adj.resize(table_row.size());
    for (std::size_t r = 0; r < table_rows; ++r) {
        if (index[r] < 0) continue;
        for (std::int32_t nb : w.neighbours[r]) {
            if (nb < 0 || static_cast<std::size_t>(nb) >= table_rows || index[nb] < 0 || static_cast<std::size_t>(nb) == r) continue;
            g.adj[index[r]].push_back(index[nb]);
            g.adj[index[nb]].push_back(index[r]);
        }
    }
    for (auto& a : g.adj) {
        std::sort(a.begin(), a.end());
        a.erase(std::unique(a.begin(), a.end()), a.end());
    }
    return g;
}

std::vector<std::int32_t> components(const Graph& g, std::int32_t* count) {
    std::vector<std::int32_t> label(g.size(), -1);
    std::vector<std::int32_t> stack;
    std::int32_t c = 0;
    for (std::size_t s = 0; s < g.size(); ++s) {
        if (label[s] >= 0) continue;
        label[s] = c;
        stack.push_back(static_cast<std::int32_t>(s));
        while (!stack.empty()) {
            const std::int32_t v = stack.back();
            stack.pop_back();
            for (std::int32_t u : g.adj[v])
                if (label[u] < 0) label[u] = c, stack.push_back(u);
        }
        ++c;
    }
    if (count) *count = c;
    return label;
}

std::vector<Edge> minimum_spanning_forest(const Graph& g, const DataMatrix& m, Distance d) {
    std::vector<Edge> edges;
    for (std::size_t a = 0; a < g.size(); ++a)
        for (std::int32_t b : g.adj[a])
            if (static_cast<std::size_t>(b) > a)
                edges.push_back({static_cast<std::int32_t>(a), b, distance(m.row(a), m.row(static_cast<std::size_t>(b)), m.p, d)});
    std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
        if (x.cost != y.cost) return x.cost < y.cost;
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    DisjointSets ds(g.size());
    std::vector<Edge> tree;
    for (const Edge& e : edges)
        if (ds.unite(static_cast<std::size_t>(e.a), static_cast<std::size_t>(e.b))) tree.push_back(e);
    return tree;
}

bool is_connected_subset(const Graph& g, const std::vector<std::int32_t>& labels, std::int32_t label) {
    std::size_t total = 0, start = g.size();
    for (std::size_t i = 0; i < g.size(); ++i)
        if (labels[i] == label) {
            ++total;
            if (start == g.size()) start = i;
        }
    if (total == 0) return true;
    std::vector<std::uint8_t> seen(g.size(), 0);
    std::vector<std::int32_t> stack{static_cast<std::int32_t>(start)};
    seen[start] = 1;
    std::size_t reached = 1;
    while (!stack.empty()) {
        const std::int32_t v = stack.back();
        stack.pop_back();
        for (std::int32_t u : g.adj[v])
            if (!seen[u] && labels[u] == label) seen[u] = 1, ++reached, stack.push_back(u);
    }
    return reached == total;
}

std::vector<bool> contiguous_labels(const Graph& g, const std::vector<std::int32_t>& labels, std::size_t k) {
    std::vector<std::size_t> size(k, 0), reached(k, 0);
    std::vector<std::int32_t> first(k, -1);
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (labels[i] < 0) continue;
        if (size[labels[i]]++ == 0) first[labels[i]] = static_cast<std::int32_t>(i);
    }
    std::vector<std::uint8_t> seen(g.size(), 0);
    std::vector<std::int32_t> stack;
    for (std::size_t c = 0; c < k; ++c) {
        if (first[c] < 0) continue;
        stack.assign(1, first[c]);
        seen[first[c]] = 1;
        reached[c] = 1;
        while (!stack.empty()) {
            const std::int32_t v = stack.back();
            stack.pop_back();
            for (std::int32_t u : g.adj[v])
                if (!seen[u] && labels[u] == static_cast<std::int32_t>(c)) seen[u] = 1, ++reached[c], stack.push_back(u);
        }
    }
    std::vector<bool> out(k);
    for (std::size_t c = 0; c < k; ++c) out[c] = reached[c] == size[c];
    return out;
}

DisjointSets::DisjointSets(std::size_t n) : parent_(n), size_(n, 1) { std::iota(parent_.begin(), parent_.end(), std::size_t{0}); }

std::size_t DisjointSets::find(std::size_t x) {
    while (parent_[x] != x) {
        parent_[x] = parent_[parent_[x]];
        x = parent_[x];
    }
    return x;
}

bool DisjointSets::unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
    return true;
}

}  // namespace leefbaar::cluster
