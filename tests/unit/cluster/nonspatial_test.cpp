// Scaling, k-means and hierarchical clustering on small data worked out by hand
// (the arithmetic is in the comments).
#include <gtest/gtest.h>

#include <cmath>

#include "cluster/data.hpp"
#include "cluster/hierarchical.hpp"
#include "cluster/kmeans.hpp"
#include "cluster/quality.hpp"
#include "core/error.hpp"
#include "test_data.hpp"

using namespace leefbaar;
using namespace leefbaar::cluster;

namespace {
DataMatrix column(const std::vector<double>& v) {
    DataMatrix m;
    m.n = v.size();
    m.p = 1;
    m.x = v;
    return m;
}
DataMatrix points2d(const std::vector<std::pair<double, double>>& pts) {
    DataMatrix m;
    m.n = pts.size();
    m.p = 2;
    for (auto [a, b] : pts) m.x.push_back(a), m.x.push_back(b);
    return m;
}
FeatureTable table_with(const std::vector<std::optional<double>>& a, const std::vector<std::optional<double>>& b) {
    FeatureTable t;
    t.resize(a.size());
    t.add_column("a", ColumnType::Float64);
    t.add_column("b", ColumnType::Float64);
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i]) t.column("a").set(i, *a[i]);
        if (b[i]) t.column("b").set(i, *b[i]);
    }
    return t;
}
}  // namespace

TEST(Scaling, ZScoreMadRangeByHand) {
    // x = 1, 2, 3, 4, 100: mean 22; deviations −21, −20, −19, −18, 78;
    // Σd² = 441 + 400 + 361 + 324 + 6084 = 7610, sd (n−1) = sqrt(7610/4) = sqrt(1902.5);
    // mean absolute deviation = (21+20+19+18+78)/5 = 31.2; range 99.
    const std::vector<double> x{1, 2, 3, 4, 100};
    auto z = column(x);
    scale_columns(z, Scaling::ZScore);
    EXPECT_NEAR(z.x[0], -21 / std::sqrt(1902.5), 1e-12);
    EXPECT_NEAR(z.x[4], 78 / std::sqrt(1902.5), 1e-12);
    auto mad = column(x);
    scale_columns(mad, Scaling::Mad);
    EXPECT_NEAR(mad.x[0], -21 / 31.2, 1e-12);
    auto r = column(x);
    scale_columns(r, Scaling::Range);
    EXPECT_NEAR(r.x[1], 1.0 / 99, 1e-12);
    EXPECT_DOUBLE_EQ(r.x[4], 1.0);
    auto d = column(x);
    scale_columns(d, Scaling::Demean);
    EXPECT_DOUBLE_EQ(d.x[2], -19);
    auto none = column(x);
    scale_columns(none, Scaling::None);
    EXPECT_DOUBLE_EQ(none.x[4], 100);
    auto constant = column({5, 5, 5});
    scale_columns(constant, Scaling::ZScore);  // no division by zero
    EXPECT_DOUBLE_EQ(constant.x[0], 0.0);
}

TEST(Scaling, MissingValuesExcludedWithReasonOrImputedByMean) {
    auto t = table_with({1, std::nullopt, 3, 5}, {10, 20, std::nullopt, 40});
    auto ex = prepare_data(t, {"a", "b"}, Scaling::None, MissingPolicy::Exclude);
    EXPECT_EQ(ex.data.n, 2u);
    EXPECT_EQ(ex.table_row, (std::vector<std::size_t>{0, 3}));
    EXPECT_EQ(ex.status[1], "excluded: missing a");
    EXPECT_EQ(ex.status[2], "excluded: missing b");
    EXPECT_EQ(ex.status[0], "ok");
    // Mean of a over present values = (1+3+5)/3 = 3; of b = (10+20+40)/3 = 70/3.
    auto im = prepare_data(t, {"a", "b"}, Scaling::None, MissingPolicy::ImputeMean);
    EXPECT_EQ(im.data.n, 4u);
    EXPECT_DOUBLE_EQ(im.data.row(1)[0], 3.0);
    EXPECT_DOUBLE_EQ(im.data.row(2)[1], 70.0 / 3);
    EXPECT_EQ(im.status[1], "imputed: a");
    EXPECT_EQ(im.imputed_values, 2u);
    EXPECT_THROW(prepare_data(t, {"a", "nope"}, Scaling::None, MissingPolicy::Exclude), DataError);
}

TEST(KMeans, TwoSquaresByHand) {
    // Two unit squares of side 2 around (1,1) and (11,11): every point is at squared
    // distance 1² + 1² = 2 from its centre, so W = 8 × 2 = 16.
    auto m = points2d({{0, 0}, {10, 10}, {0, 2}, {2, 0}, {12, 12}, {2, 2}, {10, 12}, {12, 10}});
    auto r = kmeans(m, 2, 5, 100, 42, 1);
    EXPECT_DOUBLE_EQ(r.within_ss, 16.0);
    EXPECT_EQ(r.labels, (std::vector<std::int32_t>{0, 1, 0, 0, 1, 0, 1, 1}));
    auto q = evaluate(m, r.labels);
    // Grand mean (6,6): each point's squared distance: e.g. (0,0) → 72; total = 4×(72+50+50+32)/… computed:
    // group 1 points to (6,6): 72, 52, 52, 32 → 208; group 2 symmetric → 208; T = 416, B = 400.
    EXPECT_DOUBLE_EQ(q.total_ss, 416.0);
    EXPECT_DOUBLE_EQ(q.between_ss, 400.0);
    // pseudo-F = (400/1) / (16/6) = 150.
    EXPECT_DOUBLE_EQ(q.pseudo_f, 150.0);
}

TEST(KMeans, ThreeGroupsOnALine) {
    // 0,1,2 | 10,11,12 | 20,21,22: each group contributes 1 + 0 + 1 = 2, W = 6.
    auto m = column({0, 1, 2, 10, 11, 12, 20, 21, 22});
    auto r = kmeans(m, 3, 10, 100, 7, 1);
    EXPECT_DOUBLE_EQ(r.within_ss, 6.0);
    EXPECT_TRUE(testdata::same_partition(r.labels, std::vector<int>{0, 0, 0, 1, 1, 1, 2, 2, 2}));
}

TEST(KMeans, SameSeedSameResultForOneAndTwoThreads) {
    DataMatrix m;
    m.p = 3;
    m.n = 500;
    for (std::size_t i = 0; i < m.n * m.p; ++i) m.x.push_back(std::sin(static_cast<double>(i) * 1.7) * 10 + static_cast<double>(i % 7));
    for (std::uint64_t seed : {1u, 2u, 99u}) {
        auto a = kmeans(m, 6, 8, 100, seed, 1);
        auto b = kmeans(m, 6, 8, 100, seed, 2);
        EXPECT_EQ(a.labels, b.labels);
        EXPECT_EQ(a.within_ss, b.within_ss);
        EXPECT_EQ(a.restart, b.restart);
    }
    EXPECT_THROW(kmeans(m, 501, 1, 10, 1, 1), UsageError);
}

TEST(KMeans, PlusPlusSeedsAreDistinctPoints) {
    auto m = column({0, 0, 0, 5});  // only two distinct values: the third seed is the first unused row
    auto s = kmeanspp_seeds(m, 3, 1, 0);
    ASSERT_EQ(s.size(), 3u);
    EXPECT_NE(s[0], s[1]);
    EXPECT_NE(s[1], s[2]);
    EXPECT_NE(s[0], s[2]);
}

// x = 0, 1, 10, 11, 25 (one variable).
TEST(Hierarchical, MergeHeightsByHand) {
    auto m = column({0, 1, 10, 11, 25});
    auto heights = [&](Linkage l) {
        std::vector<double> h;
        for (const auto& mg : agglomerate(m, l, Distance::Euclidean)) h.push_back(mg.height);
        return h;
    };
    // Single: gaps 1, 1, then {0,1}–{10,11} = 9, then {…11}–{25} = 14.
    auto s = heights(Linkage::Single);
    EXPECT_EQ(s, (std::vector<double>{1, 1, 9, 14}));
    // Complete: {0,1}–{10,11} = |0−11| = 11; {0..11}–{25} = 25.
    EXPECT_EQ(heights(Linkage::Complete), (std::vector<double>{1, 1, 11, 25}));
    // Average: {0,1}–{10,11} = (10+11+9+10)/4 = 10; {0..11}–{25} = (25+24+15+14)/4 = 19.5.
    EXPECT_EQ(heights(Linkage::Average), (std::vector<double>{1, 1, 10, 19.5}));
    // Ward (scipy/R ward.D2 heights): sqrt(2·nA·nB/(nA+nB))·|cA − cB|:
    // {0,1}–{10,11}: sqrt(2·2·2/4)·10 = sqrt(200); {0..11} (mean 5.5)–{25}: sqrt(2·4/5)·19.5 = sqrt(608.4).
    auto w = heights(Linkage::Ward);
    ASSERT_EQ(w.size(), 4u);
    EXPECT_DOUBLE_EQ(w[0], 1);
    EXPECT_NEAR(w[2], std::sqrt(200.0), 1e-12);
    EXPECT_NEAR(w[3], std::sqrt(608.4), 1e-12);
    // k = 3 cuts below the third merge: {0,1}, {10,11}, {25} for every linkage.
    for (auto l : {Linkage::Single, Linkage::Complete, Linkage::Average, Linkage::Ward})
        EXPECT_EQ(cut_dendrogram(agglomerate(m, l, Distance::Euclidean), 5, 3), (std::vector<std::int32_t>{0, 0, 1, 1, 2}));
}

TEST(Hierarchical, WardOnAnUnevenLine) {
    // x = 0, 3, 5, 6, 9.5. Ward values 2·nA·nB/(nA+nB)·Δc² (heights are their square roots):
    // 5–6: 1 (height 1); 3–{5,6}: 2·(2/3)·2.5² = 8.33 < 0–3: 9 < {5,6}–9.5: 2·(2/3)·4² = 21.3
    // → {3,5,6} (mean 14/3); then 0–{3,5,6}: 2·(3/4)·(14/3)² = 32.67 < 9.5–{3,5,6}: 2·(3/4)·(29/6)² = 35.04
    // → {0,3,5,6}; so k = 2 gives {0,3,5,6}, {9.5}. Single linkage (gaps 3, 2, 1, 3.5) agrees at k = 2.
    auto m = column({0, 3, 5, 6, 9.5});
    auto ward = agglomerate(m, Linkage::Ward, Distance::Euclidean);
    EXPECT_NEAR(ward[1].height, std::sqrt(2.0 * 2 / 3 * 2.5 * 2.5), 1e-12);
    EXPECT_NEAR(ward[2].height, std::sqrt(1.5 * (14.0 / 3) * (14.0 / 3)), 1e-12);
    EXPECT_EQ(cut_dendrogram(ward, 5, 2), (std::vector<std::int32_t>{0, 0, 0, 0, 1}));
    EXPECT_EQ(cut_dendrogram(agglomerate(m, Linkage::Single, Distance::Euclidean), 5, 2), (std::vector<std::int32_t>{0, 0, 0, 0, 1}));
    EXPECT_THROW(agglomerate(m, Linkage::Ward, Distance::Manhattan), UsageError);
}
