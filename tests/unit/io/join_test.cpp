// The join: matches, unmatched on both sides, duplicate keys under each policy,
// key normalisation, column clashes. Small tables worked by hand.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "join/join.hpp"

using namespace leefbaar;

namespace {
FeatureTable polygons(const std::vector<std::string>& keys) {
    FeatureTable t;
    t.resize(keys.size());
    auto& c = t.add_column("buurtcode", ColumnType::Text);
    for (std::size_t i = 0; i < keys.size(); ++i) c.set(i, keys[i]);
    t.source_file = "polygons.gpkg";
    return t;
}
JoinTable table(const std::vector<std::string>& keys, const std::vector<double>& values, std::string label = "t.csv") {
    JoinTable jt;
    jt.table.resize(keys.size());
    jt.table.add_column("code", ColumnType::Text);
    jt.table.add_column("v", ColumnType::Float64);
    auto& k = jt.table.column("code");
    auto& v = jt.table.column("v");
    for (std::size_t i = 0; i < keys.size(); ++i) {
        k.set(i, keys[i]);
        if (!std::isnan(values[i])) v.set(i, values[i]);
    }
    jt.key = "code";
    jt.label = std::move(label);
    jt.table.source_file = jt.label;
    return jt;
}
}  // namespace

TEST(Join, MatchesAndReportsBothSides) {
    auto p = polygons({"A", "B", "C"});
    std::vector<JoinTable> tables;
    tables.push_back(table({"B", "A", "Z"}, {2, 1, 26}));
    auto rep = join_tables(p, "buurtcode", tables, {});
    const auto& v = p.column("v");
    EXPECT_DOUBLE_EQ(v.reals[0], 1.0);
    EXPECT_DOUBLE_EQ(v.reals[1], 2.0);
    EXPECT_TRUE(v.is_null(2));  // C has no row: null, never 0
    EXPECT_EQ(rep.polygons_matched_all, 2u);
    ASSERT_EQ(rep.polygons_unmatched.size(), 1u);
    EXPECT_EQ(rep.polygons_unmatched[0], "C");
    ASSERT_EQ(rep.tables.size(), 1u);
    EXPECT_EQ(rep.tables[0].rows_matched, 2u);
    ASSERT_EQ(rep.tables[0].rows_without_polygon.size(), 1u);
    EXPECT_EQ(rep.tables[0].rows_without_polygon[0], "Z");
    EXPECT_EQ(rep.tables[0].columns[0].missing_after_join, 1u);
}

TEST(Join, DuplicateKeysAreAnErrorByDefault) {
    auto p = polygons({"A", "B"});
    std::vector<JoinTable> tables;
    tables.push_back(table({"A", "A", "B"}, {1, 3, 5}));
    try {
        join_tables(p, "buurtcode", tables, {});
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().file, "t.csv");
        EXPECT_EQ(e.context().row.value_or(0), 2);  // second occurrence of A
        EXPECT_NE(e.message().find("A (2x)"), std::string::npos);
    }
}

TEST(Join, DuplicatePoliciesFirstLastMeanSum) {
    // A occurs with 1 and 3: first 1, last 3, mean 2, sum 4.
    const std::pair<DuplicatePolicy, double> cases[] = {
        {DuplicatePolicy::First, 1}, {DuplicatePolicy::Last, 3}, {DuplicatePolicy::Mean, 2}, {DuplicatePolicy::Sum, 4}};
    for (const auto& [policy, expected] : cases) {
        auto p = polygons({"A"});
        std::vector<JoinTable> tables;
        tables.push_back(table({"A", "A"}, {1, 3}));
        JoinOptions o;
        o.duplicates = policy;
        auto rep = join_tables(p, "buurtcode", tables, o);
        EXPECT_DOUBLE_EQ(p.column("v").reals[0], expected) << to_string(policy);
        ASSERT_EQ(rep.tables[0].duplicate_keys.size(), 1u);
        EXPECT_EQ(rep.tables[0].duplicate_keys[0].second, 2u);
    }
}

TEST(Join, MeanOfNullsIgnoresNulls) {
    auto p = polygons({"A"});
    std::vector<JoinTable> tables;
    tables.push_back(table({"A", "A", "A"}, {2, NAN, 4}));
    JoinOptions o;
    o.duplicates = DuplicatePolicy::Mean;
    join_tables(p, "buurtcode", tables, o);
    EXPECT_DOUBLE_EQ(p.column("v").reals[0], 3.0);
}

TEST(Join, KeyNormalisation) {
    EXPECT_EQ(normalise_key("  BU0917  ", {}), "BU0917");
    KeyOptions fold;
    fold.case_fold = true;
    EXPECT_EQ(normalise_key("bu0917", fold), "BU0917");
    KeyOptions pad;
    pad.zero_pad = 4;
    EXPECT_EQ(normalise_key("917", pad), "0917");
    EXPECT_EQ(normalise_key("12345", pad), "12345");
    EXPECT_EQ(normalise_key("BU917", pad), "BU917");  // only purely numeric codes are padded

    auto p = polygons({"0917", "bu1"});
    std::vector<JoinTable> tables;
    tables.push_back(table({"917 ", "BU1"}, {7, 8}));
    JoinOptions o;
    o.keys.zero_pad = 4;
    o.keys.case_fold = true;
    auto rep = join_tables(p, "buurtcode", tables, o);
    EXPECT_EQ(rep.polygons_matched_all, 2u);
    EXPECT_DOUBLE_EQ(p.column("v").reals[0], 7.0);
}

TEST(Join, DuplicatePolygonKeysAreAnError) {
    auto p = polygons({"A", "A"});
    std::vector<JoinTable> tables;
    tables.push_back(table({"A"}, {1}));
    EXPECT_THROW(join_tables(p, "buurtcode", tables, {}), DataError);
}

TEST(Join, ColumnClashNeedsPrefix) {
    auto p = polygons({"A"});
    std::vector<JoinTable> tables;
    tables.push_back(table({"A"}, {1}, "2019.csv"));
    tables.push_back(table({"A"}, {2}, "2018.csv"));
    try {
        join_tables(p, "buurtcode", tables, {});
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().file, "2018.csv");
        EXPECT_NE(e.hint().find("prefix"), std::string::npos);
    }
    auto q = polygons({"A"});
    std::vector<JoinTable> t2;
    t2.push_back(table({"A"}, {1}, "2019.csv"));
    t2.push_back(table({"A"}, {2}, "2018.csv"));
    t2[1].prefix = "y2018_";
    join_tables(q, "buurtcode", t2, {});
    EXPECT_DOUBLE_EQ(q.column("y2018_v").reals[0], 2.0);
}

TEST(Join, MissingKeyColumnSuggestsName) {
    auto p = polygons({"A"});
    std::vector<JoinTable> tables;
    tables.push_back(table({"A"}, {1}));
    try {
        join_tables(p, "buurtcod", tables, {});
        FAIL();
    } catch (const DataError& e) {
        EXPECT_NE(e.hint().find("buurtcode"), std::string::npos);
    }
}
