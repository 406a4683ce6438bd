#include "cluster/quality.hpp"

#include <algorithm>

namespace leefbaar::cluster {

PartitionQuality evaluate(const DataMatrix& m, const std::vector<std::int32_t>& labels, const std::vector<double>& bound, const Graph* graph) {
    PartitionQuality q;
    std::int32_t k = 0;
    for (auto l : labels) k = std::max(k, l + 1);
    q.k = static_cast<std::size_t>(k);
    q.clusters.resize(q.k);
    std::vector<double> grand(m.p, 0.0);
    std::size_t n = 0;
    for (std::size_t i = 0; i < m.n; ++i) {
        if (labels[i] < 0) continue;
        auto& c = q.clusters[labels[i]];
        if (c.mean.empty()) c.mean.assign(m.p, 0.0);
        ++c.size;
        if (!bound.empty()) c.bound_sum += bound[i];
        for (std::size_t j = 0; j < m.p; ++j) c.mean[j] += m.row(i)[j], grand[j] += m.row(i)[j];
        ++n;
    }
    for (std::size_t c = 0; c < q.k; ++c) {
        q.clusters[c].label = static_cast<std::int32_t>(c);
        if (q.clusters[c].mean.empty()) q.clusters[c].mean.assign(m.p, 0.0);
        for (auto& v : q.clusters[c].mean) v /= static_cast<double>(std::max<std::size_t>(1, q.clusters[c].size));
    }
    for (auto& v : grand) v /= static_cast<double>(std::max<std::size_t>(1, n));
    for (std::size_t i = 0; i < m.n; ++i) {
        if (labels[i] < 0) continue;
        auto& c = q.clusters[labels[i]];
        const double w = squared_euclidean(m.row(i), c.mean.data(), m.p);
        c.within_ss += w;
        q.within_ss += w;
        q.total_ss += squared_euclidean(m.row(i), grand.data(), m.p);
    }
    q.between_ss = q.total_ss - q.within_ss;
    q.ratio = q.total_ss > 0 ? q.between_ss / q.total_ss : 0.0;
    if (q.k > 1 && n > q.k && q.within_ss > 0)
        q.pseudo_f = (q.between_ss / static_cast<double>(q.k - 1)) / (q.within_ss / static_cast<double>(n - q.k));
    if (graph) {
        const auto ok = contiguous_labels(*graph, labels, q.k);
        for (auto& c : q.clusters) {
            c.contiguous = ok[static_cast<std::size_t>(c.label)];
            q.all_contiguous = q.all_contiguous && c.contiguous;
        }
    }
    return q;
}

}  // namespace leefbaar::cluster
