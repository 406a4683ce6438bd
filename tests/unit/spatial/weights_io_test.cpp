// GAL/GWT reading and writing, and the weight transforms, on the libpysal example
// files (tests/data/spatial/README.md).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.hpp"
#include "spatial/weights_io.hpp"
#include "spatial/weights_ops.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;

namespace {
std::string data(const std::string& f) { return test::test_data("spatial/" + f).string(); }
}  // namespace

TEST(WeightsIo, StlGalHas398Links) {
    // spatial-stats-reference README: stl.gal queen, 78 units, 398 links; header "78".
    const auto w = read_gal(data("stl.gal"));
    EXPECT_EQ(w.size(), 78u);
    EXPECT_EQ(w.links(), 398u);
    EXPECT_TRUE(is_symmetric(w));
    // First record of the file: "1 3" / "7 3 6" (sorted by row index here).
    EXPECT_EQ(w.ids[0], "1");
    ASSERT_EQ(w.neighbours[0].size(), 3u);
    std::vector<std::string> nb;
    for (auto j : w.neighbours[0]) nb.push_back(w.ids[static_cast<std::size_t>(j)]);
    std::sort(nb.begin(), nb.end());
    EXPECT_EQ(nb, (std::vector<std::string>{"3", "6", "7"}));
}

TEST(WeightsIo, ColumbusGalQueenHas236Links) {
    const auto w = read_gal(data("columbus.gal"));  // header "49"
    EXPECT_EQ(w.size(), 49u);
    EXPECT_EQ(w.links(), 236u);
    EXPECT_TRUE(is_symmetric(w));
    EXPECT_EQ(summarise(w).components, 1u);
}

TEST(WeightsIo, HeaderFormsWithSourceAndIdField) {
    WeightsFileHeader h;
    // "0 100 sids2 FIPSNO" (sids2.gal, 462 links per the reference README).
    const auto s = parse_gal(test::read_file(data("sids2.gal")), "sids2.gal", {}, &h);
    EXPECT_EQ(h.n, 100u);
    EXPECT_EQ(h.source, "sids2");
    EXPECT_EQ(h.id_field, "FIPSNO");
    EXPECT_EQ(s.links(), 462u);
    EXPECT_EQ(s.ids[0], "37009");
    // "0 78 stl_hom POLY_ID_OG" form (rook).
    const auto r = parse_gal(test::read_file(data("stl_hom_rook.gal")), "rook", {}, &h);
    EXPECT_EQ(h.n, 78u);
    EXPECT_EQ(h.id_field, "POLY_ID_OG");
    EXPECT_LE(r.links(), 398u);  // rook links are a subset of queen links
    // "0 3" form and a unit without neighbours on an empty line.
    const auto t = parse_gal("0 3\na 1\nb\nb 1\na\nc 0\n\n", "t.gal");
    EXPECT_EQ(t.size(), 3u);
    EXPECT_EQ(t.links(), 2u);
    EXPECT_TRUE(t.is_island(2));
}

TEST(WeightsIo, OrderByTableKeys) {
    const auto w = parse_gal("3\na 1\nb\nb 2\na c\nc 1\nb\n", "t.gal", {"c", "b", "a"});
    EXPECT_EQ(w.ids, (std::vector<std::string>{"c", "b", "a"}));
    EXPECT_EQ(w.neighbours[1], (std::vector<std::int32_t>{0, 2}));  // b -> c (0), a (2)
    EXPECT_THROW(parse_gal("3\na 1\nb\nb 1\na\nx 0\n", "t.gal", {"a", "b", "c"}), DataError);
}

TEST(WeightsIo, GalRoundTripIsIdentical) {
    const auto w = read_gal(data("stl.gal"));
    const auto text = format_gal(w, "stl_hom", "FIPSNO");
    EXPECT_EQ(text.substr(0, 21), "0 78 stl_hom FIPSNO\n1");
    const auto back = parse_gal(text, "back.gal");
    EXPECT_EQ(back.ids, w.ids);
    EXPECT_EQ(back.neighbours, w.neighbours);
}

TEST(WeightsIo, GwtRoundTripKeepsWeights) {
    auto w = read_gal(data("columbus.gal"));
    row_standardise(w);
    const auto back = parse_gwt(format_gwt(w, "columbus", "POLYID"), "back.gwt", w.ids);
    EXPECT_EQ(back.neighbours, w.neighbours);
    for (std::size_t i = 0; i < w.size(); ++i)
        for (std::size_t k = 0; k < w.weights[i].size(); ++k) EXPECT_EQ(back.weights[i][k], w.weights[i][k]);
}

TEST(WeightsIo, MalformedGalNamesTheLine) {
    try {
        parse_gal("3\na 2\nb\nb 1\na\nc 0\n", "bad.gal");  // a announces 2 neighbours, lists 1
        FAIL();
    } catch (const DataError& e) {
        ASSERT_TRUE(e.context().line.has_value());
        EXPECT_EQ(*e.context().line, 4);
        EXPECT_NE(e.message().find("announces 2"), std::string::npos) << e.message();
    }
    try {
        parse_gal("3\na x\n", "bad.gal");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().line.value_or(0), 2);
    }
    EXPECT_THROW(parse_gal("4\na 1\nb\nb 1\na\nc 0\n", "bad.gal"), DataError);  // header count
    EXPECT_THROW(parse_gal("", "empty.gal"), DataError);
    EXPECT_THROW(parse_gwt("0 2 s id\na b\n", "bad.gwt"), DataError);
}

TEST(WeightsTransform, RowStandardiseAndBinary) {
    auto w = read_gal(data("columbus.gal"));
    row_standardise(w);
    EXPECT_EQ(w.transform, WeightsTransform::Row);
    for (const auto& r : w.weights) {
        double s = 0;
        for (double v : r) s += v;
        EXPECT_NEAR(s, 1.0, 1e-15);
    }
    // Unit 1 has 2 queen neighbours (columbus_crime_queen_local_spdep.csv), so weights 1/2.
    EXPECT_EQ(w.weights[0], (std::vector<double>{0.5, 0.5}));
    binarise(w);
    EXPECT_EQ(w.weights[0], (std::vector<double>{1.0, 1.0}));
}

TEST(WeightsSummaryTest, IslandsAndComponents) {
    const auto w = parse_gal("5\na 1\nb\nb 1\na\nc 1\nd\nd 1\nc\ne 0\n", "t.gal");
    const auto s = summarise(w);
    EXPECT_EQ(s.components, 3u);
    EXPECT_EQ(s.islands, (std::vector<std::string>{"e"}));
    EXPECT_EQ(s.min_neighbours, 0u);
    EXPECT_EQ(s.max_neighbours, 1u);
    EXPECT_EQ(s.histogram, (std::vector<std::size_t>{1, 4}));
    EXPECT_DOUBLE_EQ(s.mean_neighbours, 0.8);
}

// Issue 11: weights that are not finite or negative made Moran's I NaN while the
// permutation p-value still read 0.001. Each is refused naming the file and line.
TEST(WeightsIo, GwtRejectsNonFiniteAndNegativeWeights) {
    const std::string head = "0 3 src id\na b 1\nb a 1\nb c 0.5\n";
    for (const std::string bad : {"1e400", "nan", "NaN", "inf", "-0.5"}) {
        SCOPED_TRACE(bad);
        try {
            parse_gwt(head + "c b " + bad + "\n", "w.gwt");
            FAIL();
        } catch (const DataError& e) {
            EXPECT_EQ(e.context().file, "w.gwt");
            EXPECT_EQ(e.context().line.value_or(0), 5);
            EXPECT_NE(e.message().find("'" + bad + "'"), std::string::npos) << e.message();
            EXPECT_NE(e.message().find(bad == "-0.5" ? "negative" : "not a finite number"), std::string::npos) << e.message();
        }
    }
    // Zero is a valid weight (a link that is present but carries no weight).
    const auto w = parse_gwt(head + "c b 0\n", "w.gwt");
    EXPECT_EQ(w.size(), 3u);
}

TEST(WeightsIo, GalNamesADuplicateUnitAndBothLines) {
    try {
        parse_gal("3\na 1\nb\nb 1\na\na 1\nb\n", "dup.gal");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().file, "dup.gal");
        EXPECT_EQ(e.context().line.value_or(0), 6);
        EXPECT_NE(e.message().find("unit 'a' is listed twice (lines 2 and 6)"), std::string::npos) << e.message();
    }
}

TEST(WeightsIo, GwtNamesADuplicateLinkAndBothLines) {
    try {
        parse_gwt("0 2 src id\na b 1\nb a 1\na b 1\n", "dup.gwt");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().line.value_or(0), 4);
        EXPECT_NE(e.message().find("'a' -> 'b' is listed twice (lines 2 and 4)"), std::string::npos) << e.message();
    }
}
