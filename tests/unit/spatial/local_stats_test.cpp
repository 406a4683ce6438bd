// Local Moran, Gi/Gi*, Local Geary and the permutation inference against
// spatial-stats-reference README §3-§4 and columbus_crime_queen_local_spdep.csv
// (computed with spdep 1.2-7 localmoran / localG), plus statistical checks of the
// pseudo p-values.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/random.hpp"
#include "spatial/contiguity.hpp"
#include "spatial/distance_weights.hpp"
#include "spatial/local_stats.hpp"
#include "spatial/weights_io.hpp"
#include "spatial/weights_ops.hpp"
#include "support/rook_lattice.hpp"
#include "test_data.hpp"

using namespace leefbaar;
using namespace leefbaar::spatialtest;

namespace {
std::vector<std::vector<std::string>> read_csv(const std::string& file) {
    std::ifstream in(data(file));
    std::string line;
    std::vector<std::vector<std::string>> rows;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream ss(line);
        std::string v;
        while (std::getline(ss, v, ',')) {
            if (v.size() >= 2 && v.front() == '"') v = v.substr(1, v.size() - 2);
            f.push_back(v);
        }
        rows.push_back(f);
    }
    return rows;
}

LocalInferenceOptions perms(int n = 999, unsigned threads = 0) {
    LocalInferenceOptions o;
    o.permutations = n;
    o.threads = threads;
    return o;
}

SpatialWeights columbus_queen(const FeatureTable& t) {
    ContiguityOptions o;
    o.tolerance = 0;
    return contiguity_weights(t.geometries(), key_texts(t, "POLYID"), o);
}
}  // namespace

TEST(LocalMoran, DesmithQuadrantsAndIi) {
    // README §4: desmith.gal, W; esda quadrant codes [4,4,4,2,3,3,1,4,3,3] (1 HH, 2 LH, 3 LL, 4 HL)
    // and spdep Ii.
    const auto rows = read_csv("desmith.txt");
    std::vector<double> z;
    for (std::size_t r = 2; r < rows.size(); ++r) z.push_back(std::stod(rows[r][1]));
    ASSERT_EQ(z.size(), 10u);
    auto w = read_gal(data("desmith.gal"));
    row_standardise(w);
    const auto r = local_moran(z, w, perms(99));
    const std::vector<std::string> q = {"High-Low", "High-Low", "High-Low", "Low-High", "Low-Low", "Low-Low", "High-High", "High-Low", "Low-Low", "Low-Low"};
    EXPECT_EQ(r.quadrant, q);
    const double ii[] = {-0.12676975, -0.22156158, -0.14834898, -0.57522648, 0.53438899, 0.13564570, 1.32386998, -0.64604783, 0.07890425, 0.38127001};
    for (std::size_t i = 0; i < 10; ++i) EXPECT_NEAR(r.value[i], ii[i], 5e-9) << i;
}

TEST(LocalMoran, ColumbusPerUnitEqualsSpdep) {
    const auto t = read_polygons("columbus.shp", "POLYID");
    auto w = columbus_queen(t);
    auto wr = w;
    row_standardise(wr);
    const auto crime = values(t, "CRIME");
    const auto lm = local_moran(crime, wr, perms(99));
    const auto gi = local_g(crime, wr, false, perms(99));
    const auto gs = local_g(crime, include_self(w), true, perms(99));  // binary, self included
    const auto rows = read_csv("columbus_crime_queen_local_spdep.csv");
    ASSERT_EQ(rows.size(), 50u);
    double sum = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& f = rows[r];
        const std::size_t i = r - 1;
        ASSERT_EQ(key_texts(t, "POLYID")[i], f[1]);
        EXPECT_EQ(w.neighbours[i].size(), std::stoul(f[4])) << i;
        EXPECT_NEAR(lm.value[i], std::stod(f[6]), 1e-12) << i;     // Ii
        EXPECT_NEAR(lm.expected[i], std::stod(f[7]), 1e-12) << i;  // E.Ii
        EXPECT_NEAR(lm.variance[i], std::stod(f[8]), 1e-12) << i;  // Var.Ii
        EXPECT_NEAR(lm.z[i], std::stod(f[9]), 1e-12) << i;         // Z.Ii
        // esda scaling = (n-1)/n of spdep's.
        EXPECT_NEAR(lm.value[i] * 48.0 / 49.0, std::stod(f[10]), 1e-12) << i;
        EXPECT_EQ(lm.quadrant[i], f[11] == "LL" ? "Low-Low" : f[11] == "HH" ? "High-High" : f[11] == "LH" ? "Low-High" : "High-Low") << i;
        EXPECT_NEAR(gi.z[i], std::stod(f[12]), 1e-12) << i;  // Gi z, W
        EXPECT_NEAR(gs.z[i], std::stod(f[13]), 1e-12) << i;  // Gi* z, binary incl. self
        sum += lm.value[i];
    }
    EXPECT_NEAR(sum / 49.0, 0.5001885572, 1e-10);  // Σ Ii / n = global I (README §4)
    // Row 1 in the README text: Ii = 0.736818490608356, Gi* z = -1.43277965396643.
    EXPECT_NEAR(lm.value[0], 0.736818490608356, 1e-14);
    EXPECT_NEAR(gs.z[0], -1.43277965396643, 1e-13);
}

TEST(LocalG, ToyExampleAllSix) {
    // README §3: binary distance band 15; spdep localG z (Gi) and with self (Gi*); esda Zs[0].
    const std::vector<Point> pts = {Point(10, 10), Point(20, 10), Point(40, 10), Point(15, 20), Point(30, 20), Point(30, 30)};
    const std::vector<double> y = {2, 3, 3.2, 5, 8, 7};
    DistanceWeightsOptions o;
    o.kind = DistanceWeightsKind::Band;
    o.threshold = 15;
    const auto w = distance_weights(pts, {}, o);
    const auto gi = local_g(y, w, false, perms(99));
    const auto gs = local_g(y, include_self(w), true, perms(99));
    const double zi[] = {-1.013673, -0.04361589, 1.315587, -0.3141268, 1.15374, 1.778339};
    const double zs[] = {-1.397276, -0.2891776, 0.6506496, -0.2891776, 1.234521, 2.024243};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_NEAR(gi.z[i], zi[i], 1e-6) << i;  // spdep prints 7 significant digits
        EXPECT_NEAR(gs.z[i], zs[i], 1e-6) << i;
    }
    EXPECT_NEAR(gi.z[0], -1.0136729, 1e-7);    // esda, published
    EXPECT_NEAR(gs.z[0], -1.39727626, 1e-8);   // esda, published
    // Row standardisation does not change Gi z (spdep gives the same for styles B and W).
    auto wr = w;
    row_standardise(wr);
    EXPECT_NEAR(local_g(y, wr, false, perms(9)).z[0], -1.013673, 1e-6);
}

TEST(LocalInference, ThreadCountDoesNotChangePValues) {
    const auto t = read_polygons("columbus.shp", "POLYID");
    auto w = columbus_queen(t);
    row_standardise(w);
    const auto a = local_moran(values(t, "CRIME"), w, perms(999, 1));
    const auto b = local_moran(values(t, "CRIME"), w, perms(999, 2));
    EXPECT_EQ(a.p, b.p);
    EXPECT_EQ(a.category, b.category);
    auto o = perms(999, 2);
    o.seed = 99;
    EXPECT_NE(local_moran(values(t, "CRIME"), w, o).p, a.p);  // the seed matters
}

TEST(LocalInference, LisaAndGiStarTogetherEqualEachAlone) {
    // Every local statistic of a unit draws from the same stream, so the joint pass
    // must reproduce the separate ones bit for bit (and one thread as two).
    const auto t = read_polygons("columbus.shp", "POLYID");
    const auto raw = columbus_queen(t);
    auto w = raw;
    row_standardise(w);
    auto wb = raw;
    binarise(wb);
    const auto ws = include_self(wb);
    const auto x = values(t, "CRIME");
    const auto lisa = local_moran(x, w, perms(999, 1));
    const auto gs = local_g(x, ws, true, perms(999, 2));
    const auto both = local_moran_and_gistar(x, w, ws, perms(999, 2));
    EXPECT_EQ(both.lisa.p, lisa.p);
    EXPECT_EQ(both.lisa.z_sim, lisa.z_sim);
    EXPECT_EQ(both.lisa.category, lisa.category);
    EXPECT_EQ(both.gistar.p, gs.p);
    EXPECT_EQ(both.gistar.category, gs.category);
    EXPECT_EQ(both.gistar.z, gs.z);
    // With row-standardised W and binary W + self, both statistics are increasing
    // (Gi*) or monotone (I_i, through the sign of z_i) functions of the sum of the
    // drawn neighbours' values, so on the same draws their two-sided pseudo p agree.
    EXPECT_EQ(both.lisa.p, both.gistar.p);
    // Different neighbours (here: Gi* on rook while LISA is on queen) fall back to two passes.
    ContiguityOptions ro;
    ro.tolerance = 0;
    ro.rule = ContiguityRule::Rook;
    auto rook = contiguity_weights(t.geometries(), key_texts(t, "POLYID"), ro);
    binarise(rook);
    const auto rs = include_self(rook);
    const auto mixed = local_moran_and_gistar(x, w, rs, perms(99));
    EXPECT_EQ(mixed.lisa.p, local_moran(x, w, perms(99)).p);
    EXPECT_EQ(mixed.gistar.p, local_g(x, rs, true, perms(99)).p);
}

namespace {
// A rook lattice, row-standardised.
SpatialWeights lattice(int side) {
    auto w = test::rook_lattice(side);
    row_standardise(w);
    return w;
}
}  // namespace

TEST(LocalInference, NullPatternGivesRoughlyUniformP) {
    // Independent values: pseudo p ~ uniform on {1/1000..1}. With 900 units the share
    // below 0.05 has sd sqrt(.05*.95/900) = 0.0073; the bounds allow ~4 sd (the
    // p-values of neighbours are correlated, which widens the spread a little).
    const auto w = lattice(30);
    std::vector<double> x(900);
    auto rng = stream_for(2024, 0, 0);
    for (auto& v : x) v = uniform01(rng);
    const auto r = local_moran(x, w, perms(999));
    std::size_t below05 = 0, below50 = 0;
    for (double p : r.p) {
        below05 += p <= 0.05;
        below50 += p <= 0.5;
    }
    EXPECT_NEAR(static_cast<double>(below05) / 900.0, 0.05, 0.03);
    EXPECT_NEAR(static_cast<double>(below50) / 900.0, 0.5, 0.08);
    // FDR at 5 % flags (almost) nothing under the null.
    auto o = perms(999);
    o.adjust = MultipleTesting::FDR;
    const auto f = local_moran(x, w, o);
    std::size_t sig = 0;
    for (auto s : f.significant) sig += s;
    EXPECT_LE(sig, 5u);
}

TEST(LocalInference, StrongPatternMakesTheCoreHighHigh) {
    // A 10x10 block of high values in a 30x30 lattice of low noise: its interior units
    // (every neighbour high) have I_i far beyond any permutation.
    const auto w = lattice(30);
    std::vector<double> x(900);
    auto rng = stream_for(7, 0, 0);
    for (int r = 0; r < 30; ++r)
        for (int c = 0; c < 30; ++c) x[static_cast<std::size_t>(r * 30 + c)] = uniform01(rng) + (r >= 10 && r < 20 && c >= 10 && c < 20 ? 10.0 : 0.0);
    auto o = perms(999);
    // A permutation reaches the observed lag only when all 4 draws come from the 100
    // high units: (100/899)^4 = 1.5e-4 per permutation, so p is 0.001 or 0.002, rarely more.
    o.adjust = MultipleTesting::FDR;
    const auto r = local_moran(x, w, o);
    for (int rr = 11; rr < 19; ++rr)
        for (int c = 11; c < 19; ++c) {
            const auto i = static_cast<std::size_t>(rr * 30 + c);
            EXPECT_EQ(r.category[i], "High-High") << rr << "," << c;
            EXPECT_LE(r.p[i], 0.004);
        }
    const auto g = local_g(x, include_self(w), true, perms(999));
    const auto bins = confidence_bins(g);
    EXPECT_EQ(bins[15 * 30 + 15], 3);
}

TEST(LocalInference, FdrAndBonferroniCutoffs) {
    // Benjamini & Hochberg (1995) step-up on p = .001 .008 .039 .041 .042 .06 .074 .205 .212 .216, alpha .05:
    // k alpha/m = .005 .010 .015 .020 ...; p(2) = .008 <= .010 is the largest passing -> cut-off .008.
    const std::vector<double> p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216};
    EXPECT_DOUBLE_EQ(significance_cutoff(p, 0.05, MultipleTesting::FDR), 0.008);
    EXPECT_DOUBLE_EQ(significance_cutoff(p, 0.05, MultipleTesting::Bonferroni), 0.005);
    EXPECT_DOUBLE_EQ(significance_cutoff(p, 0.05, MultipleTesting::None), 0.05);
}

TEST(LocalMoran, IslandsGetNoNumber) {
    auto w = parse_gal("5\na 1\nb\nb 2\na c\nc 2\nb d\nd 1\nc\ne 0\n", "t.gal");
    row_standardise(w);
    const auto r = local_moran({1, 2, 3, 4, 5}, w, perms(99));
    EXPECT_TRUE(std::isnan(r.value[4]));
    EXPECT_TRUE(std::isnan(r.p[4]));
    EXPECT_EQ(r.category[4], "No neighbours");
    EXPECT_FALSE(std::isnan(r.value[0]));
}

TEST(LocalGeary, UnivariateAndMultivariate) {
    // Hand-worked: path a-b-c, binary weights, x = (0, 1, 2): z = (-1.2247, 0, 1.2247)
    // (population sd sqrt(2/3)); c_a = (z_a - z_b)^2 = 1.5, c_b = 1.5 + 1.5 = 3, c_c = 1.5.
    const auto w = parse_gal("3\na 1\nb\nb 2\na c\nc 1\nb\n", "p.gal");
    const auto r = local_geary({{0, 1, 2}}, w, perms(9));
    EXPECT_NEAR(r.value[0], 1.5, 1e-12);
    EXPECT_NEAR(r.value[1], 3.0, 1e-12);
    // The same variable twice: the multivariate mean equals the univariate value.
    const auto m = local_geary({{0, 1, 2}, {0, 1, 2}}, w, perms(9));
    EXPECT_NEAR(m.value[1], 3.0, 1e-12);
}

namespace {
// Draws `reps` samples of k neighbours for unit i among n and checks the definition
// of conditional permutation (Anselin 1995): k distinct units, never i, each other
// unit equally likely. Under uniformity each of the n-1 others is drawn
// reps*k/(n-1) times; the chi-square over the n-1 counts has n-2 degrees of
// freedom, and its 99.9 % quantile is below df + 4.5 sqrt(2 df) for these df.
void check_sampler(std::size_t n, std::size_t i, std::size_t k, std::size_t reps) {
    detail::NeighbourSampler sampler(n);
    sampler.start(i, k);
    auto rng = fast_stream_for(5, i, 0);
    std::vector<std::int32_t> idx(k);
    std::vector<double> count(n, 0.0);
    for (std::size_t r = 0; r < reps; ++r) {
        sampler.draw(rng, idx.data());
        for (std::size_t a = 0; a < k; ++a) {
            ASSERT_NE(static_cast<std::size_t>(idx[a]), i);
            ASSERT_LT(static_cast<std::size_t>(idx[a]), n);
            for (std::size_t b = 0; b < a; ++b) ASSERT_NE(idx[a], idx[b]);
            count[static_cast<std::size_t>(idx[a])] += 1;
        }
    }
    EXPECT_EQ(count[i], 0.0);
    const double expected = static_cast<double>(reps * k) / static_cast<double>(n - 1);
    double chi2 = 0;
    for (std::size_t j = 0; j < n; ++j)
        if (j != i) chi2 += (count[j] - expected) * (count[j] - expected) / expected;
    const double df = static_cast<double>(n - 2);
    EXPECT_LT(chi2, df + 4.5 * std::sqrt(2 * df)) << "n=" << n << " k=" << k;
}
}  // namespace

TEST(LocalInference, SamplerDrawsDistinctOtherUnitsUniformly) {
    check_sampler(200, 57, 6, 20000);  // rejection with the bitmap (4k <= n)
    check_sampler(12, 0, 5, 20000);    // partial Fisher-Yates (4k > n)
    check_sampler(9, 8, 8, 2000);      // every other unit: each draw is a permutation of them
    // The sampler is reused across units: a unit's draws do not leak into the next.
    detail::NeighbourSampler s(50);
    auto rng = fast_stream_for(1, 0, 0);
    std::vector<std::int32_t> idx(12);
    s.start(3, 12);
    s.draw(rng, idx.data());
    s.start(4, 3);
    for (int r = 0; r < 1000; ++r) {
        s.draw(rng, idx.data());
        EXPECT_TRUE(idx[0] != idx[1] && idx[0] != idx[2] && idx[1] != idx[2]);
    }
}
