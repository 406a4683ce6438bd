// Crosswalk tables (old code -> new code, share) read through io::read_table, as a
// user writes them. Expected numbers are worked by hand in the comments:
// target_j = sum_i share_ij x_i for counts, the share-weighted (or share x
// population-weighted) average for rates.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "io/table_reader.hpp"
#include "support/test_support.hpp"
#include "time/crosswalk.hpp"
#include "boundary_fixture.hpp"

using namespace leefbaar;
using test::edition;

namespace {

FeatureTable read_crosswalk(const test::TempDir& dir, const std::string& csv) {
    const auto path = dir / "crosswalk.csv";
    test::write_file(path, csv);
    return io::read_table(path.string(), {}).table;
}

// Only the codes matter for a crosswalk; the rectangles are placeholders.
FeatureTable codes(const std::vector<std::string>& cs, const std::string& file,
                   const std::vector<std::pair<std::string, std::vector<double>>>& fields = {}) {
    std::vector<test::Rect> r;
    for (std::size_t i = 0; i < cs.size(); ++i) r.push_back({cs[i], double(i), 0, i + 1.0, 1});
    return edition(r, file, fields);
}

// The DataError crosswalk_weights throws for a crosswalk from BU01 to BU11 and BU12.
DataError split_error(const std::string& csv) {
    test::TempDir dir;
    try {
        crosswalk_weights(read_crosswalk(dir, csv), codes({"BU01"}, "2016.csv"), codes({"BU11", "BU12"}, "2020.csv"));
    } catch (const DataError& e) {
        return e;
    }
    ADD_FAILURE() << "expected a DataError for " << csv;
    return DataError("no error");
}

}  // namespace

// BU01 is split 60/40 into BU11 and BU12; BU03 merges into BU11; BU02 is not listed
// and keeps its code. Counts BU01 100, BU02 50, BU03 20:
//   BU11 = 0.6 x 100 + 20 = 80, BU12 = 0.4 x 100 = 40, BU02 = 50 (carried over,
//   interpolated share 0). Total 170 = 100 + 50 + 20.
// Rates BU01 0.1, BU02 0.5, BU03 0.4, weighted by the shares: BU11 = (0.6 x 0.1 +
// 1 x 0.4) / 1.6 = 0.2875; with populations 1000, 500, 200 the weights are 600 and
// 200: BU11 = (600 x 0.1 + 200 x 0.4) / 800 = 0.175.
TEST(Crosswalk, SplitMergeAndUnchanged) {
    test::TempDir dir;
    const auto cw = read_crosswalk(dir, "from,to,share\nBU01,BU11,0.6\nBU01,BU12,0.4\nBU03,BU11,1\n");
    const auto src = codes({"BU01", "BU02", "BU03"}, "2016.csv", {{"inwoners", {1000, 500, 200}}});
    const auto tgt = codes({"BU11", "BU12", "BU02"}, "2020.csv");
    const auto m = crosswalk_weights(cw, src, tgt);
    EXPECT_TRUE(m.warnings.empty()) << join_names(m.warnings);
    const auto counts = apportion(m, {100, 50, 20}, VariableKind::Extensive);
    EXPECT_DOUBLE_EQ(counts.values[0], 80);
    EXPECT_DOUBLE_EQ(counts.values[1], 40);
    EXPECT_DOUBLE_EQ(counts.values[2], 50);
    EXPECT_NEAR(test::sum(counts.values), 170, 1e-9);
    EXPECT_EQ(counts.interp_share, (std::vector<double>{1, 1, 0}));
    EXPECT_DOUBLE_EQ(apportion(m, {0.1, 0.5, 0.4}, VariableKind::Intensive).values[0], 0.2875);

    CrosswalkOptions o;
    o.population_field = "inwoners";
    const auto mp = crosswalk_weights(cw, src, tgt, o);
    EXPECT_DOUBLE_EQ(apportion(mp, {0.1, 0.5, 0.4}, VariableKind::Intensive).values[0], 0.175);
}

// Shares of BU01 sum to 0.6 + 0.3 = 0.9: a DataError naming the code, the sum, the
// file and the rows, with a hint.
TEST(Crosswalk, SharesNotSummingToOneAreAnError) {
    const std::string what = split_error("from,to,share\nBU01,BU11,0.6\nBU01,BU12,0.3\n").describe();
    for (const char* part : {"'BU01'", "sum to 0.9 ", "rows 1, 2", "crosswalk.csv", "sum to 1"})
        EXPECT_NE(what.find(part), std::string::npos) << what;
}

// Without a share column every row has share 1: an old code listed twice sums to 2.
TEST(Crosswalk, ShareColumnIsOptional) {
    test::TempDir dir;
    const auto one = read_crosswalk(dir, "from,to\nBU01,BU11\n");
    const auto m = crosswalk_weights(one, codes({"BU01"}, "a"), codes({"BU11"}, "b"));
    EXPECT_DOUBLE_EQ(apportion(m, {42}, VariableKind::Extensive).values[0], 42);
    const auto two = read_crosswalk(dir, "from,to\nBU01,BU11\nBU01,BU12\n");
    EXPECT_THROW(crosswalk_weights(two, codes({"BU01"}, "a"), codes({"BU11", "BU12"}, "b")), DataError);
}

// A share outside [0, 1] or missing is an error naming its row and field.
TEST(Crosswalk, BadShareNamesTheRow) {
    for (const char* csv : {"from,to,share\nBU01,BU11,0.5\nBU01,BU12,1.5\n", "from,to,share\nBU01,BU11,1\nBU01,BU12,\n"}) {
        const auto e = split_error(csv);
        EXPECT_EQ(e.context().row, 2) << csv;
        EXPECT_EQ(e.context().field, "share") << csv;
    }
}

// Codes neither edition has are warnings: an old code ZZ01 is ignored; BU01's share
// 0.25 to QQ99 (not in the target table) reaches no target, so BU01 is 25 %
// uncovered and the total is 100 x 0.75 = 75.
TEST(Crosswalk, UnknownCodesAreWarnings) {
    test::TempDir dir;
    const auto cw = read_crosswalk(dir, "from,to,share\nBU01,BU11,0.75\nBU01,QQ99,0.25\nZZ01,BU11,1\n");
    const auto m = crosswalk_weights(cw, codes({"BU01"}, "a"), codes({"BU11"}, "b"));
    ASSERT_EQ(m.warnings.size(), 3u) << join_names(m.warnings);
    EXPECT_NE(m.warnings[0].find("ZZ01"), std::string::npos) << m.warnings[0];
    EXPECT_NE(m.warnings[1].find("QQ99"), std::string::npos) << m.warnings[1];
    EXPECT_NE(m.warnings[2].find("BU01 (25 %)"), std::string::npos) << m.warnings[2];
    EXPECT_DOUBLE_EQ(m.uncovered[0], 0.25);
    EXPECT_DOUBLE_EQ(apportion(m, {100}, VariableKind::Extensive).values[0], 75);
}
