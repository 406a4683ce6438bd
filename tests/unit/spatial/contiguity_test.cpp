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
// A wall of w x h bricks 2 x 1, every other row shifted by half a brick: each brick
// corner lies in the middle of an edge of a brick above or below (T-junctions). Every
// `repeat`-th vertex is written twice, and vertices move by up to `jitter`.
std::vector<MultiPolygon> brick_wall(int w, int h, double jitter = 0.0, int repeat = 0) {
    std::uint32_t state = 12345;
    auto noise = [&] {  // a third of the coordinates move
        state = state * 1664525u + 1013904223u;
        return state % 3 == 0 ? jitter * (static_cast<double>(state >> 8) / 16777216.0 - 0.5) : 0.0;
    };
    std::vector<MultiPolygon> out;
    int written = 0;
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const double x0 = 2.0 * c + (r % 2 ? 1.0 : 0.0), y0 = r;
            MultiPolygon mp;
            mp.resize(1);
            for (auto [x, y] : {std::pair{x0, y0}, {x0, y0 + 1}, {x0 + 2, y0 + 1}, {x0 + 2, y0}}) {
                const Point p(x + noise(), y + noise());
                bg::append(mp[0].outer(), p);
                if (repeat > 0 && ++written % repeat == 0) bg::append(mp[0].outer(), p);
            }
            bg::append(mp[0].outer(), mp[0].outer().front());
            out.push_back(std::move(mp));
        }
    return out;
}

SpatialWeights wall_weights(const std::vector<MultiPolygon>& p, ContiguityRule rule, double tolerance, unsigned threads, bool on_edge = true) {
    ContiguityOptions o;
    o.rule = rule;
    o.tolerance = tolerance;
    o.threads = threads;
    o.vertex_on_edge = on_edge;
    return contiguity_weights(p, {}, o);
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

TEST(Contiguity, BrickWallNeighboursMeetAtTJunctions) {
    // An inner brick touches two bricks beside it and two above and two below, where only
    // one side of each shared stretch has a vertex at each end: six neighbours, queen or rook.
    const auto wall = brick_wall(8, 8);
    const std::int32_t inner = 3 * 8 + 3;  // row 3 is shifted: rows 2 and 4 have bricks 19, 20 and 35, 36 over it
    for (auto rule : {ContiguityRule::Queen, ContiguityRule::Rook}) {
        EXPECT_EQ(wall_weights(wall, rule, 1e-9, 0).neighbours[inner], (std::vector<std::int32_t>{19, 20, 26, 28, 35, 36}));
        // Vertices only: the bricks above and below share no vertex with it.
        EXPECT_EQ(wall_weights(wall, rule, 1e-9, 0, false).neighbours[inner], (std::vector<std::int32_t>{26, 28}));
    }
}

TEST(Contiguity, ThreadsAndRepeatedVerticesDoNotChangeAJitteredWall) {
    // Vertices moved by up to 0.01 around a 0.004 snap: some corners and T-junctions
    // match, some do not. Repeated vertices are no new points.
    const auto wall = brick_wall(60, 60, 0.01), repeated = brick_wall(60, 60, 0.01, 7);
    for (auto rule : {ContiguityRule::Queen, ContiguityRule::Rook})
        for (double tol : {0.0, 0.004}) {
            const auto one = wall_weights(wall, rule, tol, 1);
            EXPECT_GT(one.links(), 0u);
            EXPECT_TRUE(is_symmetric(one));
            EXPECT_EQ(one.neighbours, wall_weights(wall, rule, tol, 2).neighbours);
            EXPECT_EQ(one.neighbours, wall_weights(wall, rule, tol, 5).neighbours);
            EXPECT_EQ(one.neighbours, wall_weights(repeated, rule, tol, 3).neighbours);
        }
}

TEST(Contiguity, HigherOrder) {
    // Path a-b-c-d: order 2 of a is c; inclusive 1..2 is b, c.
    const auto w = parse_gal("4\na 1\nb\nb 2\na c\nc 2\nb d\nd 1\nc\n", "path.gal");
    EXPECT_EQ(higher_order(w, 2).neighbours[0], (std::vector<std::int32_t>{2}));
    EXPECT_EQ(higher_order(w, 2, true).neighbours[0], (std::vector<std::int32_t>{1, 2}));
    EXPECT_EQ(higher_order(w, 3).neighbours[0], (std::vector<std::int32_t>{3}));
}
