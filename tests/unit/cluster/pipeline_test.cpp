// The pipeline entry point (fields written, summary, regions table) and the GEOS dissolve.
#include <gtest/gtest.h>

#include <boost/geometry.hpp>

#include "cluster/clustering.hpp"
#include "core/error.hpp"
#include "core/field_names.hpp"
#include "io/dissolve.hpp"
#include "test_data.hpp"

using namespace leefbaar;
using namespace leefbaar::cluster;

namespace {

FeatureTable mexico_table() {
    const std::vector<std::string> vars{"pcgdp1950", "pcgdp1960", "pcgdp1970", "pcgdp1980", "pcgdp1990", "pcgdp2000"};
    auto m = testdata::read_csv_columns("cluster/mexico.csv", vars);
    FeatureTable t;
    t.resize(m.n);
    for (std::size_t j = 0; j < vars.size(); ++j) {
        t.add_column(vars[j], ColumnType::Float64);
        for (std::size_t i = 0; i < m.n; ++i) t.column(vars[j]).set(i, m.row(i)[j]);
    }
    t.add_column("pop", ColumnType::Int64);
    for (std::size_t i = 0; i < m.n; ++i) t.column("pop").set(i, static_cast<std::int64_t>(1000 + 100 * (i % 5)));
    return t;
}

MultiPolygon square(double x, double y) {
    MultiPolygon mp;
    mp.resize(1);
    // Clockwise outer ring, closed (Boost.Geometry's default).
    mp[0].outer() = {{x, y}, {x, y + 1}, {x + 1, y + 1}, {x + 1, y}, {x, y}};
    return mp;
}

}  // namespace

TEST(Pipeline, SkaterOnMexicoWritesFieldsAndSummary) {
    auto t = mexico_table();
    const auto w = testdata::read_gal_rows("cluster/mexico_queen.gal", 32);
    ClusterOptions o;
    o.method = Method::Skater;
    o.fields = {"pcgdp1950", "pcgdp1960", "pcgdp1970", "pcgdp1980", "pcgdp1990", "pcgdp2000"};
    o.scaling = Scaling::None;
    o.distance = Distance::Manhattan;
    o.tree_cost = TreeCost::Distance;
    o.k = 5;
    auto r = run_clustering(t, &w, o);
    // Same partition as spopt's published labels (README §5), ids 1..5.
    const std::vector<int> spopt{0, 0, 1, 2, 2, 1, 1, 1, 1, 1, 3, 2, 1, 1, 1, 1, 4, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1};
    const auto& id = t.column(fields::cluster_id);
    std::vector<std::int64_t> got;
    for (std::size_t i = 0; i < t.rows(); ++i) got.push_back(id.ints[i]);
    EXPECT_TRUE(testdata::same_partition(got, spopt));
    EXPECT_EQ(*std::min_element(got.begin(), got.end()), 1);
    EXPECT_EQ(*std::max_element(got.begin(), got.end()), 5);
    EXPECT_EQ(t.column(fields::cluster_status).texts[0], "ok");
    EXPECT_EQ(r.k, 5u);
    EXPECT_TRUE(r.quality.all_contiguous);
    EXPECT_NEAR(r.objective.back(), 551180, 0.5);  // spdep SSW after 4 cuts
    EXPECT_NEAR(r.quality.between_ss + r.quality.within_ss, r.quality.total_ss, 1e-6 * r.quality.total_ss);
    const auto j = r.to_json();
    EXPECT_EQ(j["method"], "skater");
    EXPECT_EQ(j["per_cluster"].size(), 5u);
    EXPECT_EQ(j["components"], 1);
    // Cluster sizes add up; the means are in the variables' own units (a DF-only cluster has DF's values).
    std::size_t total = 0;
    for (const auto& c : r.quality.clusters) total += c.size;
    EXPECT_EQ(total, 32u);
    const auto df = static_cast<std::size_t>(got[10] - 1);  // Distrito Federal, alone in its region
    EXPECT_EQ(r.quality.clusters[df].size, 1u);
    EXPECT_DOUBLE_EQ(r.means[df][0], t.column("pcgdp1950").reals[10]);

    auto regions = build_regions_table(t, r, {});
    EXPECT_EQ(regions.rows(), 5u);
    EXPECT_TRUE(regions.has_column("mean_pcgdp2000"));
    EXPECT_TRUE(regions.has_column("n_units"));
    EXPECT_TRUE(regions.has_column("contiguous"));
}

TEST(Pipeline, MaxPFloorOnAFieldAndKTable) {
    auto t = mexico_table();
    const auto w = testdata::read_gal_rows("cluster/mexico_queen.gal", 32);
    ClusterOptions o;
    o.method = Method::MaxP;
    o.fields = {"pcgdp1990", "pcgdp2000"};
    o.floor_field = "pop";
    o.floor = 3500;
    o.construction_iterations = 20;
    auto r = run_clustering(t, &w, o);
    EXPECT_GT(r.k, 1u);
    for (const auto& c : r.quality.clusters) EXPECT_GE(c.bound_sum, 3500);
    auto regions = build_regions_table(t, r, {});
    EXPECT_TRUE(regions.has_column("pop_sum"));

    ClusterOptions k;
    k.method = Method::Ward;
    k.fields = {"pcgdp1990", "pcgdp2000"};
    k.table_k_min = 2;
    k.table_k_max = 6;
    auto rk = run_clustering(t, nullptr, k);
    ASSERT_EQ(rk.k_table.size(), 5u);
    // Within SS cannot grow when a Ward dendrogram is cut into more clusters.
    for (std::size_t i = 1; i < rk.k_table.size(); ++i) EXPECT_LE(rk.k_table[i].within_ss, rk.k_table[i - 1].within_ss);
}

TEST(Pipeline, BadOptionsAndDataAreReported) {
    auto t = mexico_table();
    const auto w = testdata::read_gal_rows("cluster/mexico_queen.gal", 32);
    ClusterOptions o;
    o.method = Method::Skater;
    o.fields = {"pcgdp1950"};
    EXPECT_THROW(run_clustering(t, nullptr, o), UsageError);  // no weights
    o.k = 33;
    EXPECT_THROW(run_clustering(t, &w, o), UsageError);  // more regions than units
    o.k = 3;
    o.fields = {"pcgdp1951"};
    EXPECT_THROW(run_clustering(t, &w, o), DataError);  // unknown field
    o.fields = {"pcgdp1950"};
    o.method = Method::MaxP;
    o.floor_field = "pop";
    o.floor = 1e9;
    EXPECT_THROW(run_clustering(t, &w, o), DataError);  // floor impossible
    o.method = Method::KMeans;
    EXPECT_THROW(run_clustering(t, &w, o), UsageError);  // a floor with a non-spatial method
}

TEST(Dissolve, TwoAdjacentSquaresBecomeOne) {
    std::vector<MultiPolygon> g{square(0, 0), square(1, 0), square(5, 5)};
    auto out = io::dissolve_groups(g, {1, 1, 2}, 2, 1);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].size(), 1u);  // one polygon, not two
    EXPECT_NEAR(bg::area(out[0]), 2.0, 1e-12);
    EXPECT_NEAR(bg::area(out[1]), 1.0, 1e-12);
    // Overlapping squares are no coverage: the general union must give 1 + 1 − 0.5 = 1.5.
    std::vector<MultiPolygon> overlap{square(0, 0), square(0.5, 0)};
    auto u = io::dissolve_groups(overlap, {1, 1}, 1, 1);
    EXPECT_NEAR(bg::area(u[0]), 1.5, 1e-12);
}
