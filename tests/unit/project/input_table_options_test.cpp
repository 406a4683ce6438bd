// [[input.table]] typing options: numeric_columns reaches the table reader like
// `join --numeric-column` (issue 11: "007" must not turn a column into text unseen).
#include <gtest/gtest.h>

#include "project/project.hpp"

using namespace leefbaar;
using namespace leefbaar::project;

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
