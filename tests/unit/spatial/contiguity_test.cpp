// Queen and rook contiguity built from polygons against the reference weights
// (tests/data/spatial/README.md, spatial-stats-reference README "Files").
#include <gtest/gtest.h>

#include <boost/geometry.hpp>

#include "spatial/contiguity.hpp"
#include "spatial/weights_io.hpp"
#include "spatial/weights_ops.hpp"
#include "test_data.hpp"

using namespace leefbaar;
using namespace leefbaar::spatialtest;

namespace {
SpatialWeights columbus(ContiguityRule rule, unsigned threads = 0, bool on_edge = true) {
    const auto t = read_polygons("columbus.shp", "POLYID");
    ContiguityOptions o;
    o.rule = rule;
    o.threads = threads;
    o.vertex_on_edge = on_edge;
    o.tolerance = 0.0;
    return contiguity_weights(t.geometries(), key_texts(t, "POLYID"), o);
}
}  // namespace

TEST(Contiguity, ColumbusQueenEqualsLibpysalGal) {
    // libpysal columbus.gal is queen contiguity (236 links), identical to spdep poly2nb(queen = TRUE).
    const auto gal = read_gal(data("columbus.gal"));
    for (bool on_edge : {true, false}) {
        const auto w = columbus(ContiguityRule::Queen, 0, on_edge);
        EXPECT_EQ(w.links(), 236u);
        const auto ordered = read_gal(data("columbus.gal"), w.ids);
        EXPECT_EQ(w.neighbours, ordered.neighbours);
    }
    EXPECT_EQ(gal.links(), 236u);
}

TEST(Contiguity, ColumbusRookHas200Links) {
    // spdep poly2nb(queen = FALSE) on Columbus: 200 links (reference README §1).
    const auto w = columbus(ContiguityRule::Rook);
    EXPECT_EQ(w.links(), 200u);
    EXPECT_TRUE(is_symmetric(w));
}

TEST(Contiguity, ThreadCountDoesNotChangeTheResult) {
    EXPECT_EQ(columbus(ContiguityRule::Queen, 1).neighbours, columbus(ContiguityRule::Queen, 2).neighbours);
}

TEST(Contiguity, SnapToleranceJoinsNearlyTouchingSquares) {
    // Two unit squares 0.004 apart: not neighbours exactly, neighbours with a 0.01 snap.
    auto square = [](double x0) {
        MultiPolygon mp;
        mp.resize(1);
        bg::append(mp[0].outer(), Point(x0, 0));
        bg::append(mp[0].outer(), Point(x0, 1));
        bg::append(mp[0].outer(), Point(x0 + 1, 1));
        bg::append(mp[0].outer(), Point(x0 + 1, 0));
        bg::append(mp[0].outer(), Point(x0, 0));
        return mp;
    };
    std::vector<MultiPolygon> p = {square(0), square(1.004)};
    ContiguityOptions o;
    o.tolerance = 0.001;
    EXPECT_EQ(contiguity_weights(p, {}, o).links(), 0u);
    o.tolerance = 0.01;
    o.rule = ContiguityRule::Rook;
    EXPECT_EQ(contiguity_weights(p, {}, o).links(), 2u);
}

TEST(Contiguity, TJunctionCountsWhenVertexLiesOnTheEdge) {
    // A 2x1 rectangle below two unit squares: the squares' shared corner (1,1) lies
    // in the middle of the rectangle's top edge, which has no vertex there.
    auto rect = [](double x0, double y0, double x1, double y1) {
        MultiPolygon mp;
        mp.resize(1);
        for (auto [x, y] : {std::pair{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}}) bg::append(mp[0].outer(), Point(x, y));
        return mp;
    };
    std::vector<MultiPolygon> p = {rect(0, 0, 2, 1), rect(0, 1, 1, 2), rect(1, 1, 2, 2)};
    ContiguityOptions o;
    o.rule = ContiguityRule::Rook;
    o.tolerance = 1e-9;
    const auto w = contiguity_weights(p, {}, o);
    EXPECT_EQ(w.neighbours[0], (std::vector<std::int32_t>{1, 2}));
    EXPECT_EQ(w.neighbours[1], (std::vector<std::int32_t>{0, 2}));
    o.vertex_on_edge = false;  // vertices only: square 1 shares only (0,1) with the rectangle
    EXPECT_EQ(contiguity_weights(p, {}, o).neighbours[0], (std::vector<std::int32_t>{}));
}

TEST(Contiguity, HigherOrder) {
    // Path a-b-c-d: order 2 of a is c; inclusive 1..2 is b, c.
    const auto w = parse_gal("4\na 1\nb\nb 2\na c\nc 2\nb d\nd 1\nc\n", "path.gal");
    EXPECT_EQ(higher_order(w, 2).neighbours[0], (std::vector<std::int32_t>{2}));
    EXPECT_EQ(higher_order(w, 2, true).neighbours[0], (std::vector<std::int32_t>{1, 2}));
    EXPECT_EQ(higher_order(w, 3).neighbours[0], (std::vector<std::int32_t>{3}));
}
