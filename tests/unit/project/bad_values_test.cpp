// Project files with empty sections and out-of-range, non-finite or overflowing
// numbers (issue 11): each is a UsageError naming the key and its line, never a
// crash or a silently wrapped value.
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

// The error of a project text; the test fails if it parses.
UsageError error_of(const std::string& text) {
    try {
        parse_project(text, "/data/p.toml");
    } catch (const UsageError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return UsageError("none");
}

// Line of the error for kBase + extra, checking that the message holds `expect`.
int line_of_error(const std::string& extra, const std::string& expect) {
    const auto e = error_of(kBase + extra);
    EXPECT_NE(e.message().find(expect), std::string::npos) << "message: " << e.message() << "\nexpected: " << expect;
    EXPECT_EQ(e.context().file, "/data/p.toml");
    return e.context().line.value_or(0);
}

// [input] of its own with the index sections of a minimal project.
const std::string kInputIndex = "[domain.a]\n[indicator.x]\ncolumn = \"aantal\"\ndomain = \"a\"\ndirection = \"higher_is_better\"\n";
std::string input_with(const std::string& input) { return "[input]\npolygons = \"p.gpkg\"\nkey = \"buurtcode\"\n" + input + kInputIndex; }

}  // namespace

TEST(ProjectBadValues, EmptyDomainAndIndicatorTablesAreErrorsNotCrashes) {
    // The reproduction crashed (exit 139) with weighting = "pca" or "explicit".
    for (const char* weighting : {"pca", "explicit", "equal"}) {
        const auto e = error_of(std::string("[input]\npolygons=\"x.gpkg\"\nkey=\"k\"\n[index]\nweighting=\"") + weighting +
                                "\"\n[domain]\n[indicator]\n");
        EXPECT_EQ(e.message(), "the project defines no domains: [domain] is empty") << weighting;
        EXPECT_EQ(e.context().line.value_or(0), 6) << weighting;
        EXPECT_NE(e.hint().find("[domain.<name>]"), std::string::npos);
    }
    const auto e = error_of("[input]\npolygons=\"x.gpkg\"\nkey=\"k\"\n[domain.a]\n[indicator]\n");
    EXPECT_EQ(e.message(), "the project defines no indicators: [indicator] is empty");
    EXPECT_EQ(e.context().line.value_or(0), 5);
}

TEST(ProjectBadValues, HugeIntegersAreRefusedBeforeTheyWrap) {
    // 9999999999999 used to become 1316134911 clusters (narrowed to int).
    EXPECT_EQ(line_of_error("[cluster]\nk = 9999999999999\n", "k in [cluster] must be between 1 and 2,147,483,647, not 9,999,999,999,999"), 16);
    EXPECT_EQ(line_of_error("[cluster]\nmin_size = 4294967297\n", "min_size in [cluster] must be"), 16);
    EXPECT_EQ(line_of_error("[cluster]\nrestarts = 4294967297\n", "restarts in [cluster] must be"), 16);
    EXPECT_EQ(line_of_error("[cluster]\nk_table = [2, 1e12]\n", "k_table must be two whole numbers"), 16);
    EXPECT_EQ(line_of_error("[cluster]\nk_table = [2.5, 10]\n", "k_table must be two whole numbers"), 16);
    EXPECT_EQ(line_of_error("[spatial]\nneighbours = 9999999999999\n", "neighbours in [spatial] must be"), 16);
    EXPECT_EQ(line_of_error("[spatial]\npermutations = 4294967296\n", "permutations in [spatial] must be between 0 and 1,000,000"), 16);
    EXPECT_EQ(line_of_error("[index]\nwinsor_max = 9999999999999\n", "winsor_max in [index] must be"), 16);
    // Negative seeds would wrap to huge unsigned seeds.
    EXPECT_EQ(line_of_error("[uncertainty]\nseed = -1\n", "seed in [uncertainty] must be 0 or more, not -1"), 16);
    EXPECT_EQ(line_of_error("[spatial]\nseed = -1\n", "seed in [spatial] must be 0 or more"), 16);
}

TEST(ProjectBadValues, NonFiniteAndOutOfRangeNumbersNameTheKey) {
    EXPECT_EQ(line_of_error("goalposts = [0, inf]\n", "goalposts in [indicator.y] must contain only finite numbers, not inf"), 15);
    EXPECT_EQ(line_of_error("weight = nan\n", "weight in [indicator.y] must be a finite number, not nan"), 15);
    EXPECT_EQ(line_of_error("reference = -inf\n", "reference in [indicator.y] must be a finite number, not -inf"), 15);
    EXPECT_EQ(line_of_error("[index]\nmin_coverage = nan\n", "min_coverage in [index] must be a finite number"), 16);
    EXPECT_EQ(line_of_error("[index]\nskew_threshold = -1\n", "skew_threshold must be 0 or more"), 16);
    EXPECT_EQ(line_of_error("[index]\nkurtosis_threshold = inf\n", "kurtosis_threshold in [index] must be a finite number"), 16);
    EXPECT_EQ(line_of_error("[index]\nbreaks = [40, nan, 60]\n", "breaks in [index] must contain only finite numbers"), 16);
    EXPECT_EQ(line_of_error("[uncertainty]\nweights = nan\n", "weights in [uncertainty] must be a finite number"), 16);
    EXPECT_EQ(line_of_error("[spatial]\nweights = \"kernel\"\nbandwidth = -5\n", "bandwidth must be positive"), 17);
    EXPECT_EQ(line_of_error("[spatial]\nweights = \"kernel\"\nbandwidth = nan\n", "bandwidth in [spatial] must be a finite number"), 17);
    EXPECT_EQ(line_of_error("[spatial]\nsnap_tolerance = nan\n", "snap_tolerance in [spatial] must be a finite number"), 16);
    EXPECT_EQ(line_of_error("[spatial]\nthreshold = inf\n", "threshold in [spatial] must be a finite number"), 16);
    EXPECT_EQ(line_of_error("[spatial]\npower = nan\n", "power in [spatial] must be a finite number"), 16);
    EXPECT_EQ(line_of_error("[cluster]\nsnap_tolerance = -inf\n", "snap_tolerance in [cluster] must be a finite number"), 16);
    EXPECT_EQ(line_of_error("[cluster]\nfloor_field = \"a_inw\"\nfloor = nan\n", "floor in [cluster] must be a finite number"), 17);
    // A domain weight of inf used to be reported as "negative".
    std::string t = kBase;
    t.replace(t.find("label = \"A\"\n"), 12, "weight = inf\n");
    const auto e = error_of(t);
    EXPECT_EQ(e.message(), "weight in [domain.a] must be a finite number, not inf");
    EXPECT_EQ(e.context().line.value_or(0), 5);
}

TEST(ProjectBadValues, ZeroPermutationsNeedTheLocalStatisticsOff) {
    // Used to pass the project check and fail in the run without a line.
    EXPECT_EQ(line_of_error("[spatial]\npermutations = 0\n", "permutations = 0 leaves the local statistics"), 16);
    EXPECT_EQ(line_of_error("[spatial]\nlisa = false\npermutations = 0\n", "permutations = 0"), 17);  // Gi* still on
    // Global statistics alone have analytic inference: 0 is fine.
    const auto p = parse_project(kBase + "[spatial]\nlisa = false\ngistar = false\npermutations = 0\n", "/data/p.toml");
    EXPECT_EQ(p.spatial.permutations, 0);
}

TEST(ProjectBadValues, WrongNumberOfClassLabelsNamesTheLine) {
    // Used to fail only after the whole run, without a line.
    EXPECT_EQ(line_of_error("[index]\nlabels = [\"low\"]\n", "1 labels for 5 classes (quantiles)"), 16);
    EXPECT_EQ(line_of_error("[index]\nbreaks = [40, 60]\nlabels = [\"a\", \"b\"]\n", "2 labels for 3 classes (breaks)"), 17);
    const auto p = parse_project(kBase + "[index]\nbreaks = [40, 60]\nlabels = [\"a\", \"b\", \"c\"]\n", "/data/p.toml");
    EXPECT_EQ(p.index.classes.labels.size(), 3u);
}

TEST(ProjectBadValues, UncertaintyAlternativeWithoutValuesNamesItsLine) {
    // goalposts as an alternative needs goalposts for every indicator; the error had no line.
    EXPECT_EQ(line_of_error("[uncertainty]\nruns = 10\nnormalisation = [\"minmax\", \"goalposts\"]\n",
                            "[uncertainty] normalisation 'goalposts' needs values for every indicator; 'x' has none"),
              17);
}

TEST(ProjectBadValues, InputRequiredKeysRangesAndChoicesNameTheLine) {
    auto e = error_of("[input]\nkey = \"k\"\n" + kInputIndex);
    EXPECT_EQ(e.message(), "[input] needs polygons");
    EXPECT_EQ(e.context().line.value_or(0), 1);
    e = error_of("[input]\npolygons = \"p.gpkg\"\nkey = \"\"\n" + kInputIndex);
    EXPECT_EQ(e.message(), "[input] needs key");
    e = error_of(input_with("[[input.table]]\nkey = \"code\"\n"));
    EXPECT_EQ(e.message(), "[[input.table]] #1 needs path");
    e = error_of(input_with("zero_pad = 65\n"));
    EXPECT_EQ(e.context().line.value_or(0), 4);
    EXPECT_NE(e.message().find("zero_pad in [input] must be between 0 and 64, not 65"), std::string::npos) << e.message();
    e = error_of(input_with("duplicates = \"median\"\n"));
    EXPECT_NE(e.message().find("'median' is not known"), std::string::npos) << e.message();
    EXPECT_NE(e.describe().find("error, first, last, mean, sum"), std::string::npos) << e.describe();
    e = error_of(input_with("[[input.table]]\npath = \"t.csv\"\nseparator = \"|\"\n"));
    EXPECT_EQ(e.context().line.value_or(0), 6);
    EXPECT_NE(e.message().find("'|' is not known"), std::string::npos) << e.message();
    e = error_of(input_with("[[input.table]]\npath = \"t.csv\"\ntable_key = \"code\"\n"));
    EXPECT_NE(e.message().find("unknown key 'table_key' in [[input.table]] #1"), std::string::npos) << e.message();
    e = error_of(input_with("table = \"t.csv\"\n"));
    EXPECT_EQ(e.message(), "input.table must be a list of tables");
}
