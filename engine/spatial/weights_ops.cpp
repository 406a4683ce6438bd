#include "spatial/weights_ops.hpp"

#include <algorithm>
#include <numeric>

#include "core/error.hpp"

namespace leefbaar {

void row_standardise(SpatialWeights& w) {
    for (auto& row : w.weights) {
        double s = 0.0;
        for (double v : row) s += v;
        if (s != 0.0)
            for (double& v : row) v /= s;
    }
    w.transform = WeightsTransform::Row;
}

void binarise(SpatialWeights& w) {
    for (auto& row : w.weights) std::fill(row.begin(), row.end(), 1.0);
    w.transform = WeightsTransform::Binary;
}

void apply_transform(SpatialWeights& w, WeightsTransform t) {
    if (t == WeightsTransform::Row) row_standardise(w);
    else binarise(w);
}

void normalise_rows(SpatialWeights& w) {
    const auto n = static_cast<std::int64_t>(w.size());
    if (w.weights.size() != w.neighbours.size()) w.weights.assign(w.neighbours.size(), {});
    std::vector<std::pair<std::int32_t, double>> tmp;
    for (std::size_t i = 0; i < w.size(); ++i) {
        auto& nb = w.neighbours[i];
        auto& wt = w.weights[i];
        if (wt.size() != nb.size()) wt.assign(nb.size(), 1.0);
        tmp.clear();
        for (std::size_t k = 0; k < nb.size(); ++k) {
            if (nb[k] < 0 || nb[k] >= n) throw DataError("neighbour index out of range in spatial weights", {}, "internal: weights do not match the table");
            tmp.emplace_back(nb[k], wt[k]);
        }
        std::stable_sort(tmp.begin(), tmp.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        tmp.erase(std::unique(tmp.begin(), tmp.end(), [](const auto& a, const auto& b) { return a.first == b.first; }), tmp.end());
        nb.resize(tmp.size());
        wt.resize(tmp.size());
        for (std::size_t k = 0; k < tmp.size(); ++k) {
            nb[k] = tmp[k].first;
            wt[k] = tmp[k].second;
        }
    }
}

bool is_symmetric(const SpatialWeights& w) {
    for (std::size_t i = 0; i < w.size(); ++i)
        for (auto j : w.neighbours[i]) {
            const auto& r = w.neighbours[static_cast<std::size_t>(j)];
            if (!std::binary_search(r.begin(), r.end(), static_cast<std::int32_t>(i))) return false;
        }
    return true;
}

void symmetrise(SpatialWeights& w) {
    std::vector<std::vector<std::int32_t>> add(w.size());
    for (std::size_t i = 0; i < w.size(); ++i)
        for (auto j : w.neighbours[i]) {
            const auto& r = w.neighbours[static_cast<std::size_t>(j)];
            if (!std::binary_search(r.begin(), r.end(), static_cast<std::int32_t>(i))) add[static_cast<std::size_t>(j)].push_back(static_cast<std::int32_t>(i));
        }
    for (std::size_t i = 0; i < w.size(); ++i)
        for (auto j : add[i]) {
            w.neighbours[i].push_back(j);
            w.weights[i].push_back(1.0);
        }
    normalise_rows(w);
}

std::vector<std::size_t> islands(const SpatialWeights& w) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < w.size(); ++i)
        if (w.neighbours[i].empty()) out.push_back(i);
    return out;
}

std::vector<std::int32_t> components(const SpatialWeights& w, std::size_t* count) {
    // Union-find treats links as undirected without building the transpose.
    std::vector<std::int32_t> parent(w.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](std::int32_t x) {
        while (parent[static_cast<std::size_t>(x)] != x) {
            parent[static_cast<std::size_t>(x)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
            x = parent[static_cast<std::size_t>(x)];
        }
        return x;
    };
    for (std::size_t i = 0; i < w.size(); ++i)
        for (auto j : w.neighbours[i]) {
            auto a = find(static_cast<std::int32_t>(i)), b = find(j);
            if (a != b) parent[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
        }
    std::vector<std::int32_t> label(w.size(), -1), root_label(w.size(), -1);
    std::int32_t next = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const auto r = static_cast<std::size_t>(find(static_cast<std::int32_t>(i)));
        if (root_label[r] < 0) root_label[r] = next++;
        label[i] = root_label[r];
    }
    if (count) *count = static_cast<std::size_t>(next);
    return label;
}

WeightsSummary summarise(const SpatialWeights& w) {
    WeightsSummary s;
    s.units = w.size();
    s.links = w.links();
    if (w.size() == 0) return s;
    s.min_neighbours = w.neighbours[0].size();
    for (std::size_t i = 0; i < w.size(); ++i) {
        const auto k = w.neighbours[i].size();
        s.min_neighbours = std::min(s.min_neighbours, k);
        s.max_neighbours = std::max(s.max_neighbours, k);
        if (s.histogram.size() <= k) s.histogram.resize(k + 1, 0);
        ++s.histogram[k];
        if (k == 0) s.islands.push_back(i < w.ids.size() ? w.ids[i] : std::to_string(i));
    }
    s.mean_neighbours = static_cast<double>(s.links) / static_cast<double>(s.units);
    components(w, &s.components);
    s.symmetric = is_symmetric(w);
    if (s.units > 1) s.density_percent = 100.0 * static_cast<double>(s.links) / (static_cast<double>(s.units) * static_cast<double>(s.units - 1));
    return s;
}

SpatialWeights subset_weights(const SpatialWeights& w, const std::vector<std::size_t>& keep) {
    std::vector<std::int32_t> pos(w.size(), -1);
    for (std::size_t k = 0; k < keep.size(); ++k) pos[keep[k]] = static_cast<std::int32_t>(k);
    SpatialWeights out;
    out.kind = w.kind;
    out.transform = w.transform;
    out.neighbours.resize(keep.size());
    out.weights.resize(keep.size());
    for (std::size_t k = 0; k < keep.size(); ++k) {
        const auto i = keep[k];
        if (i < w.ids.size()) out.ids.push_back(w.ids[i]);
        for (std::size_t a = 0; a < w.neighbours[i].size(); ++a) {
            const auto p = pos[static_cast<std::size_t>(w.neighbours[i][a])];
            if (p < 0) continue;
            out.neighbours[k].push_back(p);
            out.weights[k].push_back(w.weights[i][a]);
        }
    }
    return out;
}

std::vector<double> spatial_lag(const SpatialWeights& w, const std::vector<double>& x) {
    std::vector<double> out(w.size(), 0.0);
    for (std::size_t i = 0; i < w.size(); ++i) {
        double s = 0.0;
        for (std::size_t k = 0; k < w.neighbours[i].size(); ++k) s += w.weights[i][k] * x[static_cast<std::size_t>(w.neighbours[i][k])];
        out[i] = s;
    }
    return out;
}

}  // namespace leefbaar
