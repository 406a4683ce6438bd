// The conservative validity check for single shells (io/simple_ring.hpp) against GEOS,
// the reference it stands in for: whenever it says "certainly valid", GEOS's IsValid
// must agree, on hand-made cases and on thousands of random rings, many of them
// degenerate (integer grids make collinear and touching vertices common).
#include <gtest/gtest.h>

#include <geos_c.h>

#include <cmath>
#include <random>

#include <boost/geometry.hpp>

#include "io/simple_ring.hpp"

using namespace leefbaar;
using io::detail::certainly_valid_shell;

namespace {

bool geos_valid(const Polygon& p) {
    GEOSContextHandle_t ctx = GEOS_init_r();
    const auto& ring = p.outer();
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(ring.size()), 2);
    for (unsigned i = 0; i < ring.size(); ++i) GEOSCoordSeq_setXY_r(ctx, seq, i, ring[i].x(), ring[i].y());
    GEOSGeometry* shell = GEOSGeom_createLinearRing_r(ctx, seq);
    GEOSGeometry* poly = shell ? GEOSGeom_createPolygon_r(ctx, shell, nullptr, 0) : nullptr;
    const bool valid = poly && GEOSisValid_r(ctx, poly) == 1;
    if (poly) GEOSGeom_destroy_r(ctx, poly);
    GEOS_finish_r(ctx);
    return valid;
}

Polygon from_wkt(const std::string& wkt) {
    Polygon p;
    boost::geometry::read_wkt(wkt, p);
    return p;
}

}  // namespace

TEST(SimpleRing, HandMadeCases) {
    // Valid shells it certifies.
    EXPECT_TRUE(certainly_valid_shell(from_wkt("POLYGON((0 0,0 10,10 10,10 0,0 0))")));
    EXPECT_TRUE(certainly_valid_shell(from_wkt("POLYGON((0 0,10 0,0 10,0 0))")));                 // triangle, either orientation
    EXPECT_TRUE(certainly_valid_shell(from_wkt("POLYGON((0 0,4 0,4 4,2 1,0 4,0 0))")));           // concave
    EXPECT_TRUE(certainly_valid_shell(from_wkt("POLYGON((190000.1 320000.4,190000.1 320100,190100 320100,190000.1 320000.4))")));
    // Invalid ones (GEOS: self-intersection, ring self-intersection).
    EXPECT_FALSE(certainly_valid_shell(from_wkt("POLYGON((0 0,4 4,4 0,0 4,0 0))")));              // bow-tie
    EXPECT_FALSE(certainly_valid_shell(from_wkt("POLYGON((0 0,2 2,4 0,4 4,2 2,0 4,0 0))")));      // touches itself at (2 2)
    EXPECT_FALSE(certainly_valid_shell(from_wkt("POLYGON((0 0,0 2,2 2,2 0,1 0,1 1,1 0,0 0))")));  // a spike
    // Valid for GEOS, but not certain here: left to GEOS.
    EXPECT_FALSE(certainly_valid_shell(from_wkt("POLYGON((0 0,0 1,1 1,1 0.5,1 0,0 0))")));        // collinear vertex
    EXPECT_FALSE(certainly_valid_shell(from_wkt("POLYGON((0 0,0 1,1 1,1 1,1 0,0 0))")));          // repeated point
    EXPECT_FALSE(certainly_valid_shell(from_wkt("POLYGON((0 0,0 9,9 9,9 0,0 0),(1 1,2 1,2 2,1 1))")));  // a hole
    Polygon many;
    for (int i = 0; i <= 80; ++i) {
        const double a = 2 * M_PI * (i % 80) / 80.0;
        many.outer().emplace_back(std::cos(a), std::sin(a));
    }
    EXPECT_TRUE(geos_valid(many));
    EXPECT_FALSE(certainly_valid_shell(many));  // more than kMaxSimpleRingVertices
    EXPECT_FALSE(certainly_valid_shell(from_wkt("POLYGON((0 0,0 1,1 1,1 0))")));  // not closed
}

TEST(SimpleRing, NeverValidWhereGeosIsNot) {
    std::mt19937_64 rng(20261203);
    std::size_t certified = 0, geos_valid_count = 0, star_certified = 0;
    // Random rings of 3..9 vertices on a 5 x 5 integer grid: collinear, repeated and
    // touching vertices are everywhere.
    for (int t = 0; t < 20000; ++t) {
        Polygon p;
        const int k = 3 + static_cast<int>(rng() % 7);
        for (int i = 0; i < k; ++i) p.outer().emplace_back(static_cast<double>(rng() % 5), static_cast<double>(rng() % 5));
        p.outer().push_back(p.outer().front());
        const bool g = geos_valid(p);
        geos_valid_count += g;
        if (certainly_valid_shell(p)) {
            ++certified;
            EXPECT_TRUE(g) << boost::geometry::wkt(p);
        }
    }
    // Star-shaped rings (sorted angles, random radii; a Voronoi cell is one): valid.
    for (int t = 0; t < 5000; ++t) {
        Polygon p;
        const int k = 3 + static_cast<int>(rng() % 40);
        std::vector<double> angles(static_cast<std::size_t>(k));
        for (auto& a : angles) a = std::uniform_real_distribution<double>(0, 2 * M_PI)(rng);
        std::sort(angles.begin(), angles.end());
        for (double a : angles) {
            const double r = std::uniform_real_distribution<double>(0.5, 1.0)(rng);
            p.outer().emplace_back(190000 + 100 * r * std::cos(a), 320000 + 100 * r * std::sin(a));
        }
        p.outer().push_back(p.outer().front());
        const bool g = geos_valid(p);
        if (certainly_valid_shell(p)) {
            ++star_certified;
            EXPECT_TRUE(g) << boost::geometry::wkt(p);
        }
    }
    // The check must be worth having: most star-shaped rings are certified, and some of
    // the grid rings (those GEOS calls valid without any collinear vertex).
    EXPECT_GT(star_certified, 4500u);
    EXPECT_GT(certified, 100u);
    EXPECT_LT(certified, geos_valid_count);
}
