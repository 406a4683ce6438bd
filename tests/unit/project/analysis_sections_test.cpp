// The [spatial], [cluster] and [report] sections: values map onto the engine's
// options, and mistakes are errors naming the line of the project file.
#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "project/project.hpp"

using namespace leefbaar;
using namespace leefbaar::project;

namespace {

// The minimal valid project of project_file_test.cpp (14 lines); sections appended
// below start on line 15.
const std::string kBase =
    "[input]\npolygons = \"p.gpkg\"\nkey = \"buurtcode\"\n[domain.a]\nlabel = \"A\"\n[domain.b]\n"
    "[indicator.x]\ncolumn = \"X\"\ndomain = \"a\"\ndirection = \"higher_is_better\"\n"
    "[indicator.y]\ncolumn = \"Y\"\ndomain = \"b\"\ndirection = \"lower_is_better\"\n";

int error_line(const std::string& extra, const std::string& expect_in_message) {
    try {
        parse_project(kBase + extra, "/data/p.toml");
    } catch (const UsageError& e) {
        EXPECT_NE(e.message().find(expect_in_message), std::string::npos) << e.message();
        return e.context().line.value_or(0);
    }
    ADD_FAILURE() << "no error for:\n" << extra;
    return -1;
}

}  // namespace

TEST(AnalysisSections, SpatialClusterReportMapOntoOptions) {
    const auto p = parse_project(kBase +
                                     "[spatial]\nvariables = [\"index\", \"d_a\"]\nweights = \"rook\"\npermutations = 499\nseed = 7\n"
                                     "multiple_testing = \"fdr\"\ntransform = \"binary\"\nalternative = \"doubled\"\nadjust_n = true\n"
                                     "[cluster]\nmethod = \"maxp\"\nfloor_field = \"inw\"\nfloor = 5000\nseed = 3\n"
                                     "[report]\nhtml = \"out/r.html\"\n",
                                 "/data/p.toml");
    EXPECT_TRUE(p.spatial_enabled);
    EXPECT_EQ(p.spatial.variables, (std::vector<std::string>{"index", "d_a"}));
    EXPECT_EQ(p.spatial.weights.type, "rook");
    EXPECT_EQ(p.spatial.weights.transform, "binary");
    EXPECT_EQ(p.spatial.permutations, 499);
    EXPECT_EQ(p.spatial.seed, 7u);
    EXPECT_EQ(p.spatial.multiple_testing, "fdr");
    EXPECT_EQ(p.spatial.alternative, "doubled");
    EXPECT_TRUE(p.spatial.adjust_n);
    EXPECT_TRUE(p.cluster_enabled);
    EXPECT_EQ(p.cluster_step.cluster.method, cluster::Method::MaxP);
    EXPECT_EQ(p.cluster_step.cluster.floor_field, "inw");
    EXPECT_EQ(*p.cluster_step.cluster.floor, 5000.0);
    EXPECT_TRUE(p.cluster_step.cluster.fields.empty());  // the pipeline then uses the domain scores
    EXPECT_TRUE(p.report_enabled);
    EXPECT_EQ(p.report_html, "/data/out/r.html");  // relative to the project file
}

TEST(AnalysisSections, SectionsAreOffByDefault) {
    const auto p = parse_project(kBase, "/data/p.toml");
    EXPECT_FALSE(p.spatial_enabled);
    EXPECT_FALSE(p.spatial.adjust_n);  // islands stay in n (esda) unless asked
    EXPECT_FALSE(p.cluster_enabled);
    EXPECT_FALSE(p.report_enabled);
    EXPECT_TRUE(p.style_output);
}

TEST(AnalysisSections, MistakesNameTheirLine) {
    // Unknown key, with the nearest known one.
    EXPECT_EQ(error_line("[spatial]\npermutation = 99\n", "permutation"), 16);
    // Unknown value of a choice.
    EXPECT_EQ(error_line("[spatial]\nweights = \"queeen\"\n", "queeen"), 16);
    EXPECT_EQ(error_line("[spatial]\nmultiple_testing = \"holm\"\n", "holm"), 16);
    EXPECT_EQ(error_line("[spatial]\nalpha = 1.5\n", "alpha"), 16);
    EXPECT_EQ(error_line("[spatial]\nweights = \"file\"\n", "weights_file"), 16);
    EXPECT_EQ(error_line("[cluster]\nmethod = \"skatr\"\n", "skatr"), 16);
    EXPECT_EQ(error_line("[cluster]\nk = 0\n", "k in [cluster] must be between 1 and"), 16);
    // max-p without its floor, and a floor without its field.
    EXPECT_EQ(error_line("[cluster]\nmethod = \"maxp\"\n", "floor"), 15);
    EXPECT_EQ(error_line("[cluster]\nfloor = 5000\n", "floor_field"), 16);
    EXPECT_EQ(error_line("[report]\nhtml = \"r.pdf\"\n", "HTML"), 16);
    EXPECT_EQ(error_line("[report]\ncolour = \"red\"\n", "colour"), 16);
}
