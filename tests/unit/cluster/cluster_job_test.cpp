// run_cluster_job (cluster/cluster_job.hpp), the clustering step of `leefbaar cluster`
// and of the pipeline: its weights are build_weights' on the same table and spec,
// link for link (issue 12, point 5: `cluster` built its own contiguity with another
// snap tolerance and missed neighbours a few millimetres apart).
#include <gtest/gtest.h>

#include "cluster/cluster_job.hpp"
#include "core/field_names.hpp"
#include "spatial/contiguity.hpp"
#include "spatial/spatial_analysis.hpp"

using namespace leefbaar;
using namespace leefbaar::cluster;

namespace {

MultiPolygon rect(double x0, double y0, double x1, double y1) {
    MultiPolygon mp;
    mp.resize(1);
    // Clockwise outer ring, closed (Boost.Geometry's default).
    mp[0].outer() = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
    return mp;
}

// Three 1 m squares in a row in EPSG:28992: square B starts 5 mm after A ends, C
// touches B. By hand: with the 0.01 m snap of WeightsSpec the corners of A at x = 1
// lie 0.005 m from those of B at x = 1.005, so A-B are queen and rook neighbours
// (two corner pairs), B-C share an edge, A-C are 1 m apart: links A-B, B-A, B-C,
// C-B = 4 directed links, one connected part. With 1e-7 of the bounding-box
// diagonal (sqrt(3.005^2 + 1^2) = 3.17 m, so 3.2e-7 m) A-B are not linked: 2 links.
FeatureTable three_squares() {
    FeatureTable t;
    t.enable_geometry(true);
    t.resize(3);
    const double x = 190000, y = 320000;
    t.geometries()[0] = rect(x, y, x + 1, y + 1);
    t.geometries()[1] = rect(x + 1.005, y, x + 2.005, y + 1);
    t.geometries()[2] = rect(x + 2.005, y, x + 3.005, y + 1);
    Crs rd;
    rd.wkt = "PROJCRS[\"Amersfoort / RD New\"]";
    rd.name = "Amersfoort / RD New";
    rd.epsg = 28992;
    t.set_crs(rd);
    t.add_column("code", ColumnType::Text);
    t.add_column("v", ColumnType::Float64);
    const char* codes[] = {"A", "B", "C"};
    const double v[] = {1.0, 2.0, 10.0};
    for (std::size_t i = 0; i < 3; ++i) {
        t.column("code").set(i, std::string(codes[i]));
        t.column("v").set(i, v[i]);
    }
    t.set_key_column("code");
    return t;
}

ClusterJobOptions skater(int k, const std::string& weights) {
    ClusterJobOptions o;
    o.cluster.method = Method::Skater;
    o.cluster.fields = {"v"};
    o.cluster.k = k;
    o.weights.type = weights;
    o.threads = 1;
    return o;
}

}  // namespace

TEST(ClusterJob, WeightsAreBuildWeightsOnTheSameTableAndSpec) {
    for (const std::string type : {"queen", "rook"}) {
        SCOPED_TRACE(type);
        auto t = three_squares();
        const auto opts = skater(1, type);
        const SpatialWeights expected = build_weights(t, opts.weights);
        const auto r = run_cluster_job(t, opts);
        ASSERT_TRUE(r.weights.has_value());
        EXPECT_EQ(r.weights->ids, expected.ids);
        EXPECT_EQ(r.weights->neighbours, expected.neighbours);
        EXPECT_EQ(r.weights->kind, expected.kind);
        // The hand-worked links (see three_squares): A-B across the 5 mm gap, B-C.
        const std::vector<std::vector<std::int32_t>> by_hand{{1}, {0, 2}, {1}};
        EXPECT_EQ(r.weights->neighbours, by_hand);
        EXPECT_EQ(r.weights_summary.links, 4u);
        EXPECT_EQ(r.weights_summary.components, 1u);
        const auto j = r.to_json();
        EXPECT_EQ(j["weights"]["links"], 4);
        EXPECT_EQ(j["weights"]["kind"], type);
        // k = 1 is one contiguous region of all three units.
        EXPECT_EQ(r.cluster.k, 1u);
        EXPECT_TRUE(r.cluster.quality.all_contiguous);
        ASSERT_TRUE(r.has_regions);
        ASSERT_EQ(r.regions.rows(), 1u);
        EXPECT_EQ(r.regions.column("n_units").as_double(0), 3.0);
        EXPECT_EQ(r.regions.column("contiguous").as_double(0), 1.0);
        EXPECT_FALSE(r.regions.geometries()[0].empty());
    }
}

TEST(ClusterJob, TheOldSnapOfClusterMissedTheGap) {
    // What `leefbaar cluster` built before: no CRS-aware default, so 1e-7 of the
    // bounding-box diagonal; A-B are not linked (2 links, 2 parts), so k = 1 was refused.
    const auto t = three_squares();
    const auto raw = contiguity_weights(t.geometries(), {}, ContiguityOptions{});
    EXPECT_EQ(raw.links(), 2u);
    auto u = three_squares();
    EXPECT_EQ(run_cluster_job(u, skater(1, "queen")).weights->links(), 4u);
}

TEST(ClusterJob, NonSpatialMethodsBuildNoWeightsAndRegionsAreOptional) {
    auto t = three_squares();
    auto o = skater(2, "queen");
    o.cluster.method = Method::Ward;
    o.regions = false;
    const auto r = run_cluster_job(t, o);
    EXPECT_FALSE(r.weights.has_value());
    EXPECT_FALSE(r.has_regions);
    EXPECT_EQ(r.cluster.k, 2u);
    EXPECT_FALSE(r.to_json().contains("weights"));
    EXPECT_TRUE(t.has_column(fields::cluster_id));
}
