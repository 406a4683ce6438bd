#include "cluster/hierarchical.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cluster/graph.hpp"
#include "cluster/kmeans.hpp"
#include "core/error.hpp"

namespace leefbaar::cluster {
namespace {

class Condensed {
public:
    explicit Condensed(std::size_t n) : n_(n), v_(n * (n - 1) / 2) {}
    double& at(std::size_t i, std::size_t j) {
        if (i > j) std::swap(i, j);
        return v_[n_ * i - i * (i + 1) / 2 + (j - i - 1)];
    }

private:
    std::size_t n_;
    std::vector<double> v_;
};

}  // namespace

std::vector<Merge> agglomerate(const DataMatrix& m, Linkage linkage, Distance d, const Progress& progress) {
    const std::size_t n = m.n;
    if (n > kMaxHierarchicalUnits)
        throw UsageError("hierarchical clustering of " + std::to_string(n) + " units needs an n×n matrix (" +
                             std::to_string(n * (n - 1) / 2 * 8 / (1u << 20)) + " MiB)",
                         {}, "use {{method kmeans}}, or a spatially constrained method, for more than " + std::to_string(kMaxHierarchicalUnits) + " units");
    if (linkage == Linkage::Ward && d != Distance::Euclidean)
        throw UsageError("Ward linkage is defined for Euclidean distance only", {}, "use {{distance euclidean}} or another linkage");
    std::vector<Merge> merges;
    if (n < 2) return merges;
    Condensed D(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            D.at(i, j) = linkage == Linkage::Ward ? squared_euclidean(m.row(i), m.row(j), m.p) : distance(m.row(i), m.row(j), m.p, d);
    std::vector<std::size_t> size(n, 1);
    std::vector<std::uint8_t> active(n, 1);
    std::vector<std::size_t> chain;
    merges.reserve(n - 1);
    while (merges.size() < n - 1) {
        if (chain.empty())
            for (std::size_t i = 0; i < n; ++i)
                if (active[i]) {
                    chain.push_back(i);
                    break;
                }
        const std::size_t a = chain.back();
        // Nearest active neighbour of a; prefer the previous chain element on ties so the chain terminates.
        std::size_t b = n;
        double bd = std::numeric_limits<double>::infinity();
        if (chain.size() >= 2) b = chain[chain.size() - 2], bd = D.at(a, b);
        for (std::size_t c = 0; c < n; ++c) {
            if (!active[c] || c == a) continue;
            const double v = D.at(a, c);
            if (v < bd) bd = v, b = c;
        }
        if (chain.size() >= 2 && b == chain[chain.size() - 2]) {
            chain.pop_back();
            chain.pop_back();
            const std::size_t keep = std::min(a, b), gone = std::max(a, b);
            const double ni = static_cast<double>(size[keep]), nj = static_cast<double>(size[gone]);
            for (std::size_t c = 0; c < n; ++c) {
                if (!active[c] || c == keep || c == gone) continue;
                const double dik = D.at(keep, c), djk = D.at(gone, c), nk = static_cast<double>(size[c]);
                double v = 0;
                switch (linkage) {
                    case Linkage::Ward: v = ((ni + nk) * dik + (nj + nk) * djk - nk * bd) / (ni + nj + nk); break;
                    case Linkage::Average: v = (ni * dik + nj * djk) / (ni + nj); break;
                    case Linkage::Complete: v = std::max(dik, djk); break;
                    case Linkage::Single: v = std::min(dik, djk); break;
                }
                D.at(keep, c) = v;
            }
            active[gone] = 0;
            size[keep] += size[gone];
            merges.push_back({static_cast<std::int32_t>(keep), static_cast<std::int32_t>(gone),
                              linkage == Linkage::Ward ? std::sqrt(std::max(0.0, bd)) : bd, size[keep]});
            if (merges.size() % 256 == 0) progress.report(static_cast<double>(merges.size()) / static_cast<double>(n - 1), "agglomerating");
        } else {
            chain.push_back(b);
        }
    }
    std::stable_sort(merges.begin(), merges.end(), [](const Merge& x, const Merge& y) { return x.height < y.height; });
    return merges;
}

std::vector<std::int32_t> cut_dendrogram(const std::vector<Merge>& merges, std::size_t n, int k) {
    if (k < 1 || static_cast<std::size_t>(k) > n)
        throw UsageError("k = " + std::to_string(k) + " clusters for " + std::to_string(n) + " units", {}, "choose k between 1 and the number of units");
    DisjointSets ds(n);
    for (std::size_t i = 0; i + static_cast<std::size_t>(k) < n; ++i) ds.unite(static_cast<std::size_t>(merges[i].a), static_cast<std::size_t>(merges[i].b));
    std::vector<std::int32_t> labels(n);
    for (std::size_t i = 0; i < n; ++i) labels[i] = static_cast<std::int32_t>(ds.find(i));
    canonical_labels(labels);
    return labels;
}

}  // namespace leefbaar::cluster
