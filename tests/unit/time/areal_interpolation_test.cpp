// Areal interpolation between two hand-built editions of rectangles. Every expected
// number is worked out in the comments from the overlap areas, with the areal
// weighting of Goodchild & Lam (1980): extensive target_j = sum_i (a_ij / a_i) x_i,
// intensive target_j = sum_i m_ij x_i / sum_i m_ij with m_ij = a_ij (or
// (a_ij / a_i) p_i with population p), a_ij the area of source i ∩ target j.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "io/crs_ops.hpp"
#include "io/dissolve.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"
#include "time/areal_interpolation.hpp"
#include "boundary_fixture.hpp"

using namespace leefbaar;
using test::edition;

namespace {

// Expects a warning of m containing every one of `parts`.
void expect_warning(const ApportionMatrix& m, const std::vector<std::string>& parts) {
    for (const auto& w : m.warnings) {
        bool all = true;
        for (const auto& p : parts) all = all && w.find(p) != std::string::npos;
        if (all) return;
    }
    ADD_FAILURE() << "no warning names all of the expected parts; warnings: " << join_names(m.warnings);
}

ArealInterpolationOptions by_population(const std::string& field) {
    ArealInterpolationOptions o;
    o.population_field = field;
    return o;
}

}  // namespace

// Split: A = [0,2]x[0,1] (area 2) becomes A1 = [0,1]x[0,1] and A2 = [1,2]x[0,1]:
// w = 1/2 each. 100 inhabitants -> 50 and 50; a rate of 0.3 stays 0.3 in both.
// Neither new unit has code A, so both values are wholly interpolated.
TEST(ArealInterpolation, SplitHalvesCountsAndKeepsRates) {
    const auto src = edition({{"A", 0, 0, 2, 1}}, "2016.gpkg");
    const auto tgt = edition({{"A1", 0, 0, 1, 1}, {"A2", 1, 0, 2, 1}}, "2020.gpkg");
    const auto m = areal_weights(src, tgt);
    ASSERT_EQ(m.links.size(), 2u);
    EXPECT_DOUBLE_EQ(m.links[0].share, 0.5);
    EXPECT_DOUBLE_EQ(m.links[1].share, 0.5);
    EXPECT_EQ(m.uncovered, std::vector<double>{0.0});
    EXPECT_TRUE(m.warnings.empty()) << join_names(m.warnings);

    const auto counts = apportion(m, {100}, VariableKind::Extensive);
    EXPECT_DOUBLE_EQ(counts.values[0], 50);
    EXPECT_DOUBLE_EQ(counts.values[1], 50);
    EXPECT_EQ(counts.interp_share, (std::vector<double>{1, 1}));
    const auto rates = apportion(m, {0.3}, VariableKind::Intensive);
    EXPECT_DOUBLE_EQ(rates.values[0], 0.3);
    EXPECT_DOUBLE_EQ(rates.values[1], 0.3);
}

// A split in which one part keeps the old code: A = [0,2]x[0,1] -> A = [0,1.5]x[0,1]
// (w = 3/4) and B = [1.5,2]x[0,1] (w = 1/4). 100 -> 75 and 25. The new A is a
// different unit from the old one (only 3/4 of it), so its value is interpolated too.
TEST(ArealInterpolation, SameCodeWithPartOfTheUnitIsInterpolated) {
    const auto m = areal_weights(edition({{"A", 0, 0, 2, 1}}, "old"), edition({{"A", 0, 0, 1.5, 1}, {"B", 1.5, 0, 2, 1}}, "new"));
    const auto counts = apportion(m, {100}, VariableKind::Extensive);
    EXPECT_DOUBLE_EQ(counts.values[0], 75);
    EXPECT_DOUBLE_EQ(counts.values[1], 25);
    EXPECT_EQ(counts.interp_share, (std::vector<double>{1, 1}));
}

// Merge: A = [0,1]x[0,1] and B = [1,2]x[0,1] become one unit coded A = [0,2]x[0,1].
// Counts 100 + 60 = 160. Rates 0.2 and 0.5 over equal areas: (0.2 + 0.5) / 2 = 0.35.
// A -> A is an identity link (same code, whole unit), B -> A is not: the
// interpolated share is 60/160 = 0.375 of the count and 1/2 of the area weight.
TEST(ArealInterpolation, MergeAddsCountsAndAveragesRatesByArea) {
    const auto src = edition({{"A", 0, 0, 1, 1}, {"B", 1, 0, 2, 1}}, "old");
    const auto tgt = edition({{"A", 0, 0, 2, 1}}, "new");
    const auto m = areal_weights(src, tgt);
    const auto counts = apportion(m, {100, 60}, VariableKind::Extensive);
    EXPECT_DOUBLE_EQ(counts.values[0], 160);
    EXPECT_DOUBLE_EQ(counts.interp_share[0], 0.375);
    const auto rates = apportion(m, {0.2, 0.5}, VariableKind::Intensive);
    EXPECT_DOUBLE_EQ(rates.values[0], 0.35);
    EXPECT_DOUBLE_EQ(rates.interp_share[0], 0.5);
}

// The merge with population weights, A 300 and B 100 inhabitants: the rate is
// (300 x 0.2 + 100 x 0.5) / 400 = 110/400 = 0.275, and B carries 100/400 = 0.25 of
// the weight. Counts do not change: w is still the area share.
TEST(ArealInterpolation, PopulationWeightsTheIntensiveAverage) {
    const auto src = edition({{"A", 0, 0, 1, 1}, {"B", 1, 0, 2, 1}}, "old", {{"inwoners", {300, 100}}});
    const auto m = areal_weights(src, edition({{"A", 0, 0, 2, 1}}, "new"), by_population("inwoners"));
    EXPECT_EQ(m.weighting, "area x population");
    const auto rates = apportion(m, {0.2, 0.5}, VariableKind::Intensive);
    EXPECT_DOUBLE_EQ(rates.values[0], 0.275);
    EXPECT_DOUBLE_EQ(rates.interp_share[0], 0.25);
    EXPECT_DOUBLE_EQ(apportion(m, {100, 60}, VariableKind::Extensive).values[0], 160);
}

// Boundary shift: A = [0,2]x[0,1], B = [2,4]x[0,1]; the border moves to x = 2.5:
// A' = [0,2.5]x[0,1], B' = [2.5,4]x[0,1]. Overlaps: A∩A' = 2, B∩A' = 0.5, B∩B' = 1.5,
// so w(A->A') = 1, w(B->A') = 1/4, w(B->B') = 3/4.
//   counts A 100, B 40: A' = 100 + 40/4 = 110, B' = 30; interpolated share of A'
//   10/110 = 1/11 (A -> A' is an identity link), of B' 1.
//   rates 0.2, 0.6 by area: A' = (2 x 0.2 + 0.5 x 0.6) / 2.5 = 0.28, B' = 0.6;
//   interpolated share of A' 0.5/2.5 = 0.2.
//   with population A 1000, B 200: masses 1000, 200/4 = 50, 150:
//   A' = (1000 x 0.2 + 50 x 0.6) / 1050 = 230/1050, B' = 0.6.
TEST(ArealInterpolation, BoundaryShift) {
    const auto src = edition({{"A", 0, 0, 2, 1}, {"B", 2, 0, 4, 1}}, "old", {{"inwoners", {1000, 200}}});
    const auto tgt = edition({{"A", 0, 0, 2.5, 1}, {"B", 2.5, 0, 4, 1}}, "new");
    const auto m = areal_weights(src, tgt);
    const auto counts = apportion(m, {100, 40}, VariableKind::Extensive);
    EXPECT_DOUBLE_EQ(counts.values[0], 110);
    EXPECT_DOUBLE_EQ(counts.values[1], 30);
    EXPECT_DOUBLE_EQ(counts.interp_share[0], 1.0 / 11.0);
    EXPECT_DOUBLE_EQ(counts.interp_share[1], 1.0);
    const auto rates = apportion(m, {0.2, 0.6}, VariableKind::Intensive);
    EXPECT_DOUBLE_EQ(rates.values[0], 0.28);
    EXPECT_DOUBLE_EQ(rates.values[1], 0.6);
    EXPECT_DOUBLE_EQ(rates.interp_share[0], 0.2);

    const auto mp = areal_weights(src, tgt, by_population("inwoners"));
    const auto prates = apportion(mp, {0.2, 0.6}, VariableKind::Intensive);
    EXPECT_DOUBLE_EQ(prates.values[0], 230.0 / 1050.0);
    EXPECT_DOUBLE_EQ(prates.values[1], 0.6);
}

// A 3 x 3 grid of unit squares re-divided into a 2 x 2 grid of 1.5 x 1.5 squares:
// every source is covered, so the targets' total equals the sources' total. By hand
// for the lower-left target [0,1.5]²: the corner square whole (1), its two
// neighbours half (1/2 each), the centre square a quarter (1/4).
TEST(ArealInterpolation, TotalsConservedOnARegrid) {
    std::vector<test::Rect> cells, quads;
    std::vector<double> x;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) {
            cells.push_back({"S" + std::to_string(3 * r + c), double(c), double(r), c + 1.0, r + 1.0});
            x.push_back(17.3 * (3 * r + c + 1) + 0.01 * r * c);  // arbitrary, unequal counts
        }
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 2; ++c) quads.push_back({"T" + std::to_string(2 * r + c), 1.5 * c, 1.5 * r, 1.5 * (c + 1), 1.5 * (r + 1)});
    const auto m = areal_weights(edition(cells, "old"), edition(quads, "new"));
    const auto out = apportion(m, x, VariableKind::Extensive);
    EXPECT_NEAR(test::sum(out.values), test::sum(x), 1e-9 * test::sum(x));
    EXPECT_NEAR(out.values[0], x[0] + x[1] / 2 + x[3] / 2 + x[4] / 4, 1e-12);
    for (double u : m.uncovered) EXPECT_NEAR(u, 0.0, 1e-12);
}

// C = [4,6]x[0,1] is covered only on [4,5]x[0,1] by the target edition: half of it
// is uncovered, reported as 0.5 and in a warning naming C and 50 %; the targets'
// total is the covered part of the sources: 100 + 80/2 = 140.
TEST(ArealInterpolation, UncoveredSourceIsReported) {
    const auto src = edition({{"A", 0, 0, 4, 1}, {"C", 4, 0, 6, 1}}, "old");
    const auto tgt = edition({{"A", 0, 0, 4, 1}, {"C", 4, 0, 5, 1}, {"N", 9, 9, 10, 10}}, "new");
    const auto m = areal_weights(src, tgt);
    EXPECT_DOUBLE_EQ(m.uncovered[0], 0.0);
    EXPECT_DOUBLE_EQ(m.uncovered[1], 0.5);
    expect_warning(m, {"not wholly covered", "C (50 %)"});
    expect_warning(m, {"receive nothing", "N"});
    const auto out = apportion(m, {100, 80}, VariableKind::Extensive);
    EXPECT_DOUBLE_EQ(test::sum({out.values[0], out.values[1]}), 140);
    EXPECT_TRUE(std::isnan(out.values[2]));  // N: reached by no source
}

// The two editions in different CRSs: the error names both.
TEST(ArealInterpolation, DifferentCrsIsAnError) {
    auto src = edition({{"A", 0, 0, 1, 1}}, "buurten_2016.gpkg");
    auto tgt = edition({{"A", 0, 0, 1, 1}}, "buurten_2020.gpkg");
    src.set_crs(io::parse_crs("EPSG:28992"));
    tgt.set_crs(io::parse_crs("EPSG:4326"));
    try {
        areal_weights(src, tgt);
        FAIL() << "expected a DataError";
    } catch (const DataError& e) {
        const std::string what = e.describe();
        for (const char* part : {"EPSG:28992", "EPSG:4326", "buurten_2016.gpkg", "buurten_2020.gpkg"})
            EXPECT_NE(what.find(part), std::string::npos) << what;
    }
    tgt.set_crs(io::parse_crs("EPSG:28992"));
    EXPECT_NO_THROW(areal_weights(src, tgt));
}

// A missing population is an error naming the field and row, not a silent weight.
TEST(ArealInterpolation, MissingPopulationIsAnError) {
    const auto src = edition({{"A", 0, 0, 1, 1}, {"B", 1, 0, 2, 1}}, "old", {{"inwoners", {300, NAN}}});
    try {
        areal_weights(src, edition({{"A", 0, 0, 2, 1}}, "new"), by_population("inwoners"));
        FAIL() << "expected a DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().field, "inwoners");
        EXPECT_EQ(e.context().row, 2);
    }
}

// Slivers: B' takes 0.001 of A ([0,0.002]x[0,1] of A = [0,2]x[0,1], w = 0.001). With
// sliver_share 0.01 that link is dropped and A's other share scaled from 0.999 to 1.
TEST(ArealInterpolation, SliversAreDroppedKeepingTheTotal) {
    const auto src = edition({{"A", 0, 0, 2, 1}}, "old");
    const auto tgt = edition({{"B", 0, 0, 0.002, 1}, {"A", 0.002, 0, 2, 1}}, "new");
    ArealInterpolationOptions o;
    o.sliver_share = 0.01;
    const auto m = areal_weights(src, tgt, o);
    ASSERT_EQ(m.links.size(), 1u);
    EXPECT_EQ(m.target_codes[m.links[0].target], "A");
    EXPECT_NEAR(m.links[0].share, 1.0, 1e-12);
    EXPECT_DOUBLE_EQ(apportion(m, {100}, VariableKind::Extensive).interp_share[1], 0.0);
    expect_warning(m, {"sliver"});
}

// Progress rises to 1; a callback returning false cancels.
TEST(ArealInterpolation, ProgressAndCancel) {
    const auto src = edition({{"A", 0, 0, 2, 1}}, "old");
    const auto tgt = edition({{"A", 0, 0, 2, 1}}, "new");
    double last = 0;
    areal_weights(src, tgt, {}, Progress([&](double f, const std::string&) {
                      EXPECT_GE(f, last);
                      last = f;
                      return true;
                  }));
    EXPECT_DOUBLE_EQ(last, 1.0);
    EXPECT_THROW(areal_weights(src, tgt, {}, Progress([](double, const std::string&) { return false; })), Cancelled);
}

namespace {

// The Heerlen sample (57 buurten in 2016's division, sample-data/heerlen/README.md)
// and its wijken, dissolved from the buurten by wijkcode.
struct HeerlenEditions {
    FeatureTable buurten, wijken;
    std::vector<std::string> wijk_of_buurt;
};

HeerlenEditions heerlen() {
    io::ensure_gdal();
    io::VectorReadOptions o;
    o.key_column = "buurtcode";
    HeerlenEditions h{io::read_vector(test::sample_data("heerlen/heerlen_buurten.gpkg").string(), o).table, {}, {}};
    const auto& wk = h.buurten.column("wijkcode");
    std::vector<std::string> codes;
    std::vector<std::int64_t> group;
    for (std::size_t i = 0; i < h.buurten.rows(); ++i) {
        h.wijk_of_buurt.push_back(wk.as_text(i));
        auto it = std::find(codes.begin(), codes.end(), wk.as_text(i));
        if (it == codes.end()) it = codes.insert(codes.end(), wk.as_text(i));
        group.push_back(static_cast<std::int64_t>(it - codes.begin()) + 1);
    }
    std::vector<test::Rect> placeholders;
    for (const auto& c : codes) placeholders.push_back({c, 0, 0, 1, 1});
    h.wijken = edition(placeholders, "wijken");
    h.wijken.geometries() = io::dissolve_groups(h.buurten.geometries(), group, codes.size());
    h.wijken.set_crs(h.buurten.crs());
    return h;
}

}  // namespace

// Real polygons onto themselves: every buurt is carried over (identity links only,
// interpolated share 0) and no overlap with a neighbour has area.
TEST(ArealInterpolation, HeerlenOntoItselfIsTheIdentity) {
    const auto h = heerlen();
    const auto m = areal_weights(h.buurten, h.buurten);
    ASSERT_EQ(m.source_codes.size(), 57u);
    EXPECT_EQ(m.links.size(), 57u);
    EXPECT_TRUE(m.warnings.empty()) << join_names(m.warnings);
    std::vector<double> x;
    for (std::size_t i = 0; i < 57; ++i) x.push_back(double(i + 1));
    const auto out = apportion(m, x, VariableKind::Extensive);
    for (std::size_t i = 0; i < 57; ++i) {
        EXPECT_NEAR(out.values[i], x[i], 1e-9 * x[i]) << m.target_codes[i];
        EXPECT_NEAR(out.interp_share[i], 0.0, 1e-9) << m.target_codes[i];
    }
}

// The buurten onto their own wijken (a merge of real polygons): each wijk's count
// must be the sum over the buurten whose wijkcode it is, CBS's own aggregation of
// buurten to wijken (Toelichting Wijk- en Buurtkaart: buurten add up to wijken).
TEST(ArealInterpolation, HeerlenBuurtenOntoTheirWijkenSumByCode) {
    const auto h = heerlen();
    const auto m = areal_weights(h.buurten, h.wijken);
    std::vector<double> x;
    for (std::size_t i = 0; i < h.buurten.rows(); ++i) x.push_back(100.0 + 7.0 * double(i));
    const auto out = apportion(m, x, VariableKind::Extensive);
    for (std::size_t j = 0; j < m.target_codes.size(); ++j) {
        double expected = 0;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (h.wijk_of_buurt[i] == m.target_codes[j]) expected += x[i];
        EXPECT_NEAR(out.values[j], expected, 1e-9 * expected) << m.target_codes[j];
    }
    EXPECT_NEAR(test::sum(out.values), test::sum(x), 1e-9 * test::sum(x));
}
