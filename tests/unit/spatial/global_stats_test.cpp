// Global Moran's I, Geary's C, Getis-Ord G and bivariate Moran against the values in
// /work/shared/data/spatial-stats-reference/README.md §1-§3 (copied data in
// tests/data/spatial, README there). "published" = esda test suite/docstrings,
// "computed" = spdep 1.2-7, as the reference README marks them.
#include <gtest/gtest.h>

#include <cmath>

#include "spatial/contiguity.hpp"
#include "spatial/distance_weights.hpp"
#include "spatial/global_stats.hpp"
#include "spatial/weights_io.hpp"
#include "spatial/weights_ops.hpp"
#include "test_data.hpp"

using namespace leefbaar;
using namespace leefbaar::spatialtest;

namespace {
PermutationOptions no_perm() {
    PermutationOptions p;
    p.permutations = 0;
    return p;
}

SpatialWeights columbus_w(ContiguityRule rule, const FeatureTable& t, bool row = true) {
    ContiguityOptions o;
    o.rule = rule;
    o.tolerance = 0.0;
    auto w = contiguity_weights(t.geometries(), key_texts(t, "POLYID"), o);
    if (row) row_standardise(w);
    return w;
}

// Getis & Ord toy example (esda tests/test_getisord.py): six points, binary band 15.
std::vector<Point> toy_points() { return {Point(10, 10), Point(20, 10), Point(40, 10), Point(15, 20), Point(30, 20), Point(30, 30)}; }
const std::vector<double> kToyY = {2, 3, 3.2, 5, 8, 7};
SpatialWeights toy_w() {
    DistanceWeightsOptions o;
    o.kind = DistanceWeightsKind::Band;
    o.threshold = 15;
    return distance_weights(toy_points(), {}, o);
}
}  // namespace

TEST(GlobalMoran, StLouisHR8893) {
    // README §1, stl / stl.gal: I published (esda), Var/z normality computed (spdep).
    auto w = read_gal(data("stl.gal"));
    row_standardise(w);
    const auto y = stl_column("HR8893");
    ASSERT_EQ(y.size(), 78u);
    const auto t = moran_i(y, w, no_perm());
    EXPECT_NEAR(t.statistic, 0.24365582621771659, 1e-15);
    EXPECT_NEAR(t.expected, -0.012987012987012988, 1e-17);
    EXPECT_NEAR(t.var_norm, 0.0049681393, 1e-10);
    EXPECT_NEAR(t.z_norm, 3.6410971835, 1e-9);
    EXPECT_NEAR(t.p_norm, 0.00027147862770937614, 1e-15);  // esda p_norm (two-sided)
}

TEST(GlobalMoran, Sids2SIDR74WithGalKeyedByFips) {
    const auto t = read_polygons("sids2.shp", "FIPSNO");
    auto w = read_gal(data("sids2.gal"), key_texts(t, "FIPSNO"));
    EXPECT_EQ(w.links(), 462u);
    row_standardise(w);
    const auto r = moran_i(values(t, "SIDR74"), w, no_perm());
    EXPECT_NEAR(r.statistic, 0.24772519320480135, 1e-15);  // published (esda docstring, replicating OpenGeoDa)
    EXPECT_NEAR(r.expected, -0.0101010101, 1e-10);
    EXPECT_NEAR(r.var_norm, 0.0044735737, 1e-10);  // computed (spdep)
    EXPECT_NEAR(r.z_norm, 3.8547814083, 1e-9);
    EXPECT_NEAR(r.var_rand, 0.0042759651, 1e-10);
    EXPECT_NEAR(r.z_rand, 3.9428474787, 1e-9);
    EXPECT_NEAR(r.p_norm, 0.00011583307814905095, 1e-15);  // published two-sided
}

TEST(GlobalMoran, ColumbusCrimeQueenAndRook) {
    const auto t = read_polygons("columbus.shp", "POLYID");
    const auto crime = values(t, "CRIME");
    const auto q = moran_i(crime, columbus_w(ContiguityRule::Queen, t), no_perm());
    // README §1, computed with spdep moran.test.
    EXPECT_NEAR(q.statistic, 0.5001885572, 1e-10);
    EXPECT_NEAR(q.expected, -0.0208333333, 1e-10);
    EXPECT_NEAR(q.var_norm, 0.0085634131, 1e-10);
    EXPECT_NEAR(q.z_norm, 5.6303127877, 1e-9);
    EXPECT_NEAR(q.var_rand, 0.0086892892, 1e-10);
    EXPECT_NEAR(q.z_rand, 5.5893826750, 1e-9);
    const auto r = moran_i(crime, columbus_w(ContiguityRule::Rook, t), no_perm());
    EXPECT_NEAR(r.statistic, 0.5236702128, 1e-10);
    EXPECT_NEAR(r.var_norm, 0.0098089001, 1e-10);
    EXPECT_NEAR(r.z_norm, 5.4978205146, 1e-9);
    EXPECT_NEAR(r.var_rand, 0.0099529873, 1e-10);
    EXPECT_NEAR(r.z_rand, 5.4578800459, 1e-9);
}

TEST(GlobalGeary, ColumbusCrimeRookPublished) {
    const auto t = read_polygons("columbus.shp", "POLYID");
    const auto g = geary_c(values(t, "CRIME"), columbus_w(ContiguityRule::Rook, t), no_perm());
    // README §2, esda tests/test_geary.py (libpysal Rook, W).
    EXPECT_NEAR(g.statistic, 0.5154408058652411, 1e-15);
    EXPECT_EQ(g.expected, 1.0);
    EXPECT_NEAR(g.var_norm, 0.011403109626468939, 1e-15);
    EXPECT_NEAR(std::sqrt(g.var_norm), 0.10678534368755357, 1e-14);
    EXPECT_NEAR(g.z_norm, -4.5376938201608, 1e-12);
    // esda's Geary p values are one-sided (half our two-sided p).
    EXPECT_NEAR(normal_sf(std::fabs(g.z_norm)), 2.8436375936967054e-06, 1e-15);
    EXPECT_NEAR(g.p_norm, 2 * 2.8436375936967054e-06, 1e-15);
    EXPECT_NEAR(g.var_rand, 0.010848882767131886, 1e-15);
    EXPECT_NEAR(g.z_rand, -4.652156651668989, 1e-12);
    EXPECT_NEAR(normal_sf(std::fabs(g.z_rand)), 1.6424069196305004e-06, 1e-15);
    // Queen (computed, spdep geary.test; spdep's z has the opposite sign).
    const auto q = geary_c(values(t, "CRIME"), columbus_w(ContiguityRule::Queen, t), no_perm());
    EXPECT_NEAR(q.statistic, 0.5405282027, 1e-10);
    EXPECT_NEAR(q.var_rand, 0.0093842638, 1e-10);
    EXPECT_NEAR(q.z_rand, -4.7430615005, 1e-9);
}

TEST(GlobalGetisOrd, ToyExample) {
    const auto w = toy_w();
    EXPECT_EQ(w.links(), 14u);  // README §3: 14 directed links
    const auto g = getis_ord_g(kToyY, w, no_perm());
    EXPECT_NEAR(g.statistic, 0.55709779, 1e-8);  // published (esda)
    EXPECT_NEAR(g.expected, 0.46666667, 1e-8);   // computed (spdep globalG.test)
    EXPECT_NEAR(g.var_rand, 9.20355020e-03, 1e-11);
    EXPECT_NEAR(g.z_rand, 0.94262780, 1e-8);
    EXPECT_NEAR(normal_sf(g.z_rand), 0.172936, 1e-6);  // esda p_norm, one-sided
}

TEST(GlobalGetisOrd, ColumbusCrimeQueenBinary) {
    const auto t = read_polygons("columbus.shp", "POLYID");
    const auto g = getis_ord_g(values(t, "CRIME"), columbus_w(ContiguityRule::Queen, t, false), no_perm());
    // README §3, computed (spdep globalG.test, style B).
    EXPECT_NEAR(g.statistic, 0.127807457382, 1e-12);
    EXPECT_NEAR(g.expected, 0.100340136054, 1e-12);
    EXPECT_NEAR(g.var_rand, 3.507057e-05, 1e-11);
    EXPECT_NEAR(g.z_rand, 4.6381509320, 1e-9);
}

TEST(GlobalBivariate, Sids2Published) {
    // README §1 "Other published esda values": TestMoranBVmatrix, sids2.gal, W.
    const auto t = read_polygons("sids2.shp", "FIPSNO");
    auto w = read_gal(data("sids2.gal"), key_texts(t, "FIPSNO"));
    row_standardise(w);
    EXPECT_NEAR(bivariate_moran(values(t, "SIDR74"), values(t, "SIDR79"), w, no_perm()).statistic, 0.19362610652874668, 1e-15);
    EXPECT_NEAR(bivariate_moran(values(t, "NWR79"), values(t, "SIDR74"), w, no_perm()).statistic, 0.37701382542927858, 1e-15);
}

TEST(GlobalPermutation, PseudoPIsThreadInvariantAndSmallForStrongPattern) {
    const auto t = read_polygons("columbus.shp", "POLYID");
    const auto w = columbus_w(ContiguityRule::Queen, t);
    PermutationOptions p;
    p.permutations = 999;
    p.seed = 7;
    p.threads = 1;
    const auto a = moran_i(values(t, "CRIME"), w, p);
    p.threads = 2;
    const auto b = moran_i(values(t, "CRIME"), w, p);
    EXPECT_EQ(a.p_sim, b.p_sim);
    EXPECT_EQ(a.mean_sim, b.mean_sim);
    // z_rand = 5.59: no permutation of 999 reaches I = 0.50, so p = 1/1000.
    EXPECT_DOUBLE_EQ(a.p_sim, 0.001);
    // The permutation mean approaches E[I] = -1/48 (sd of the mean ~ 0.093/sqrt(999) = 0.003).
    EXPECT_NEAR(a.mean_sim, -1.0 / 48.0, 0.012);
    EXPECT_NEAR(a.sd_sim, std::sqrt(0.0086892892), 0.015);
}
