// [[input.table]] typing options: numeric_columns reaches the table reader like
// `join --numeric-column` (issue 11: "007" must not turn a column into text unseen);
// [input] and [[input.table]] take the join step's parameters (steps/join_params).
#include <gtest/gtest.h>

#include "project/project.hpp"

using namespace leefbaar;
using namespace leefbaar::project;

namespace {

const std::string kIndex =
    "[domain.a]\n"
    "[indicator.x]\n"
    "column = \"aantal\"\n"
    "domain = \"a\"\n"
    "direction = \"higher_is_better\"\n";

std::string with_input(const std::string& input) { return "[input]\npolygons = \"p.gpkg\"\nkey = \"buurtcode\"\n" + input + kIndex; }

}  // namespace

TEST(ProjectInputTable, NumericAndTextColumnsAreParsed) {
    const std::string text =
        "[input]\n"
        "polygons = \"p.gpkg\"\n"
        "key = \"buurtcode\"\n"
        "srs = \"EPSG:28992\"\n"
        "case_fold = true\n"
        "[[input.table]]\n"
        "path = \"t.csv\"\n"
        "numeric_columns = [\"aantal\"]\n"
        "text_columns = [\"postcode\"]\n"
        "[domain.a]\n"
        "[indicator.x]\n"
        "column = \"aantal\"\n"
        "domain = \"a\"\n"
        "direction = \"higher_is_better\"\n";
    const auto p = parse_project(text, "/data/p.toml");
    ASSERT_EQ(p.input.tables.size(), 1u);
    EXPECT_EQ(p.input.tables[0].numeric_columns, std::vector<std::string>{"aantal"});
    EXPECT_EQ(p.input.tables[0].text_columns, std::vector<std::string>{"postcode"});
    EXPECT_EQ(p.input.assign_srs, "EPSG:28992");
    EXPECT_TRUE(p.input.join.keys.case_fold);
}

TEST(ProjectInputTable, KeysOfTheJoinStep) {
    const auto p = parse_project(with_input("s_srs = \"EPSG:28992\"\nt_srs = \"EPSG:4326\"\nrepair = false\nzero_pad = 4\n"
                                            "duplicates = \"mean\"\nmissing_markers = [\"n.b.\"]\nsentinels = [-1, -2.5]\n"
                                            "area_column = \"opp\"\nwhere = \"a = 1\"\nlayer = \"buurten\"\n"
                                            "[[input.table]]\npath = \"t.csv\"\nkey = \"code\"\nlayer = \"blad\"\nprefix = \"y_\"\n"
                                            "columns = [\"a\", \"b\"]\ntext_column = [\"c\"]\nnumeric_column = [\"d\"]\n"
                                            "separator = \"tab\"\ndecimal_comma = \"yes\"\n"),
                                 "/data/p.toml");
    EXPECT_TRUE(p.warnings.empty());
    const auto& in = p.input;
    EXPECT_EQ(in.polygons, "/data/p.gpkg");
    EXPECT_EQ(in.assign_srs, "EPSG:28992");
    EXPECT_EQ(in.target_srs, "EPSG:4326");
    EXPECT_FALSE(in.repair);
    EXPECT_EQ(in.join.keys.zero_pad, 4);
    EXPECT_EQ(in.join.duplicates, DuplicatePolicy::Mean);
    EXPECT_EQ(in.extra_missing_markers, std::vector<std::string>{"n.b."});
    EXPECT_EQ(in.extra_sentinels, (std::vector<double>{-1, -2.5}));
    EXPECT_EQ(in.area_column, "opp");
    EXPECT_EQ(in.where, "a = 1");
    EXPECT_EQ(in.layer, "buurten");
    ASSERT_EQ(in.tables.size(), 1u);
    const auto& t = in.tables[0];
    EXPECT_EQ(t.path, "/data/t.csv");
    EXPECT_EQ(t.key, "code");
    EXPECT_EQ(t.layer, "blad");
    EXPECT_EQ(t.prefix, "y_");
    EXPECT_EQ(t.columns, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(t.text_columns, std::vector<std::string>{"c"});
    EXPECT_EQ(t.numeric_columns, std::vector<std::string>{"d"});
    EXPECT_EQ(t.separator, '\t');
    EXPECT_EQ(t.decimal_comma, 1);
}

TEST(ProjectInputTable, OldKeysStillWorkWithAWarning) {
    const auto p = parse_project(with_input("srs = \"EPSG:28992\"\ntarget_srs = \"EPSG:4326\"\n"
                                            "[[input.table]]\npath = \"t.csv\"\ntext_columns = [\"c\"]\nnumeric_columns = [\"d\"]\n"
                                            "decimal_comma = false\n"),
                                 "/data/p.toml");
    EXPECT_EQ(p.input.assign_srs, "EPSG:28992");
    EXPECT_EQ(p.input.target_srs, "EPSG:4326");
    ASSERT_EQ(p.input.tables.size(), 1u);
    EXPECT_EQ(p.input.tables[0].text_columns, std::vector<std::string>{"c"});
    EXPECT_EQ(p.input.tables[0].numeric_columns, std::vector<std::string>{"d"});
    EXPECT_EQ(p.input.tables[0].decimal_comma, 0);  // true/false as always
    ASSERT_EQ(p.warnings.size(), 4u);
    std::string all;
    for (const auto& w : p.warnings) all += w + "\n";
    for (const char* w : {"line 4: [input] srs is deprecated; write s_srs instead", "line 5: [input] target_srs is deprecated; write t_srs instead",
                          "line 8: [[input.table]] #1 text_columns is deprecated; write text_column instead",
                          "line 9: [[input.table]] #1 numeric_columns is deprecated; write numeric_column instead"})
        EXPECT_TRUE(all.find(w) != std::string::npos) << w << "\n" << all;
}
