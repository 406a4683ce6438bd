// REDCAP, max-p and AZP: hand-checkable cases on a path and a lattice, and the
// invariants the methods promise (contiguity, floors, determinism).
#include <gtest/gtest.h>

#include "cluster/azp.hpp"
#include "cluster/maxp.hpp"
#include "cluster/quality.hpp"
#include "cluster/redcap.hpp"
#include "cluster/skater.hpp"
#include "core/error.hpp"
#include "test_data.hpp"

using namespace leefbaar;
using namespace leefbaar::cluster;

namespace {

// rows × cols rook lattice; unit id = r * cols + c.
Graph lattice(int rows, int cols) {
    Graph g;
    g.adj.resize(static_cast<std::size_t>(rows * cols));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int i = r * cols + c;
            if (c + 1 < cols) g.adj[i].push_back(i + 1), g.adj[i + 1].push_back(i);
            if (r + 1 < rows) g.adj[i].push_back(i + cols), g.adj[i + cols].push_back(i);
        }
    for (auto& a : g.adj) std::sort(a.begin(), a.end());
    return g;
}

// Value = quadrant number × 10 plus a small deterministic wobble.
DataMatrix quadrant_values(int rows, int cols) {
    DataMatrix m;
    m.p = 1;
    m.n = static_cast<std::size_t>(rows * cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) m.x.push_back((r < rows / 2 ? 0 : 20) + (c < cols / 2 ? 0 : 10) + 0.1 * ((r * 7 + c * 3) % 5));
    return m;
}

std::vector<int> quadrants(int rows, int cols) {
    std::vector<int> q;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) q.push_back((r < rows / 2 ? 0 : 2) + (c < cols / 2 ? 0 : 1));
    return q;
}

RegionFloor population(std::size_t n, double floor) {
    RegionFloor f;
    f.what = "population";
    f.floor = floor;
    for (std::size_t i = 0; i < n; ++i) f.weight.push_back(100.0 + static_cast<double>((i * 37) % 11) * 50.0);  // 100…600
    return f;
}

}  // namespace

TEST(Redcap, PathSplitsAtTheJump) {
    // A path 0–1–2–3–4–5 with values 0, 1, 2, 10, 11, 12: both linkages build the path
    // itself (the only spanning tree), and the best single cut is between 2 and 3:
    // SSD {0,1,2} = 2, {10,11,12} = 2 → 4, against e.g. cutting 1–2: {0,1} 0.5 + {2,10,11,12} 66.75.
    Graph g;
    g.adj = {{1}, {0, 2}, {1, 3}, {2, 4}, {3, 5}, {4}};
    DataMatrix m;
    m.n = 6;
    m.p = 1;
    m.x = {0, 1, 2, 10, 11, 12};
    for (auto l : {RedcapLinkage::Ward, RedcapLinkage::Average}) {
        auto r = redcap(m, g, 2, l, TreeCost::Ssd, Distance::Euclidean, {});
        EXPECT_EQ(r.labels, (std::vector<std::int32_t>{0, 0, 0, 1, 1, 1}));
        EXPECT_DOUBLE_EQ(r.objective.back(), 4.0);
        EXPECT_EQ(redcap_forest(m, g, l, Distance::Euclidean).size(), 5u);
    }
}

TEST(Redcap, LatticeQuadrantsRecovered) {
    const auto g = lattice(8, 8);
    const auto m = quadrant_values(8, 8);
    for (auto l : {RedcapLinkage::Ward, RedcapLinkage::Average}) {
        auto r = redcap(m, g, 4, l, TreeCost::Ssd, Distance::Euclidean, {});
        EXPECT_TRUE(testdata::same_partition(r.labels, quadrants(8, 8))) << to_string(l);
    }
    auto s = skater(m, g, 4, TreeCost::Ssd, Distance::Euclidean, {});
    EXPECT_TRUE(testdata::same_partition(s.labels, quadrants(8, 8)));
}

TEST(Skater, MinimumSizeAndComponents) {
    // Two separate paths (0–1–2 and 3–4): regions never span both, so k = 1 is refused
    // and k = 2 gives exactly the two parts.
    Graph g;
    g.adj = {{1}, {0, 2}, {1}, {4}, {3}};
    DataMatrix m;
    m.n = 5;
    m.p = 1;
    m.x = {0, 0, 9, 0, 9};
    EXPECT_THROW(skater(m, g, 1, TreeCost::Ssd, Distance::Euclidean, {}), DataError);
    auto two = skater(m, g, 2, TreeCost::Ssd, Distance::Euclidean, {});
    EXPECT_EQ(two.components, 2);
    EXPECT_EQ(two.labels, (std::vector<std::int32_t>{0, 0, 0, 1, 1}));
    // k = 3 without a minimum size cuts off the 9 in the first path ({0,0},{9}: SSD drops by 54);
    // with at least 2 units per region no cut is feasible any more (3 = 1 + 2 or 2 + 1, and {3,4} has 2).
    auto three = skater(m, g, 3, TreeCost::Ssd, Distance::Euclidean, {});
    EXPECT_EQ(three.labels, (std::vector<std::int32_t>{0, 0, 1, 2, 2}));
    RegionFloor two_units{std::vector<double>(5, 1.0), 2, "units"};
    EXPECT_THROW(skater(m, g, 3, TreeCost::Ssd, Distance::Euclidean, {two_units}), DataError);
}

TEST(MaxP, NeverARegionBelowTheFloorOverManySeeds) {
    const auto g = lattice(10, 12);
    const auto m = quadrant_values(10, 12);
    const auto floor = population(m.n, 1500);
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        MaxPOptions o;
        o.seed = seed;
        o.construction_iterations = 10;
        o.threads = 1;
        auto r = max_p(m, g, {floor}, o);
        auto q = evaluate(m, r.labels, floor.weight, &g);
        ASSERT_EQ(q.k, r.p);
        EXPECT_TRUE(q.all_contiguous) << "seed " << seed;
        EXPECT_EQ(r.unassigned, 0u);
        for (const auto& c : q.clusters) EXPECT_GE(c.bound_sum, 1500) << "seed " << seed << " region " << c.label;
        EXPECT_LE(r.ssd, r.ssd_construction + 1e-9);
        // Total population is Σ(100 + 50·((37 i) mod 11)) over 120 units; p·floor cannot exceed it.
        double total = 0;
        for (double w : floor.weight) total += w;
        EXPECT_LE(static_cast<double>(r.p) * 1500, total);
        EXPECT_GT(r.p, 10u);
    }
}

TEST(MaxP, SameSeedSameResultForOneAndTwoThreads) {
    const auto g = lattice(12, 12);
    const auto m = quadrant_values(12, 12);
    const auto floor = population(m.n, 2000);
    MaxPOptions o;
    o.seed = 7;
    o.construction_iterations = 16;
    o.threads = 1;
    auto a = max_p(m, g, {floor}, o);
    o.threads = 2;
    auto b = max_p(m, g, {floor}, o);
    EXPECT_EQ(a.labels, b.labels);
    EXPECT_EQ(a.p, b.p);
}

TEST(MaxP, ImpossibleFloorAndLeftOutParts) {
    Graph g;
    g.adj = {{1}, {0}, {}};  // a pair and an island
    DataMatrix m;
    m.n = 3;
    m.p = 1;
    m.x = {1, 2, 3};
    RegionFloor f{{5, 5, 4}, 10, "population"};
    MaxPOptions o;
    auto r = max_p(m, g, {f}, o);  // the pair (10) is one region; the island (4) cannot be one
    EXPECT_EQ(r.p, 1u);
    EXPECT_EQ(r.labels, (std::vector<std::int32_t>{0, 0, -1}));
    EXPECT_EQ(r.unassigned, 1u);
    f.floor = 11;
    EXPECT_THROW(max_p(m, g, {f}, o), DataError);
}

TEST(Azp, AllSearchesKeepRegionsContiguousAndImprove) {
    const auto g = lattice(8, 8);
    const auto m = quadrant_values(8, 8);
    for (auto s : {AzpSearch::Greedy, AzpSearch::Annealing, AzpSearch::Tabu}) {
        AzpOptions o;
        o.k = 4;
        o.seed = 3;
        o.search.search = s;
        o.search.max_passes = 30;
        auto r = azp(m, g, {}, o);
        auto q = evaluate(m, r.labels, {}, &g);
        EXPECT_EQ(q.k, 4u) << to_string(s);
        EXPECT_TRUE(q.all_contiguous) << to_string(s);
        EXPECT_LE(r.ssd, r.ssd_initial + 1e-9) << to_string(s);
        EXPECT_NEAR(r.ssd, q.within_ss, 1e-6);
    }
    // With a floor, the start is SKATER's zoning and every move keeps the floor.
    AzpOptions o;
    o.k = 4;
    const auto floor = population(m.n, 3000);
    auto r = azp(m, g, {floor}, o);
    auto q = evaluate(m, r.labels, floor.weight, &g);
    EXPECT_TRUE(q.all_contiguous);
    for (const auto& c : q.clusters) EXPECT_GE(c.bound_sum, 3000);
}
