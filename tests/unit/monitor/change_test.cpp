// Change between years (monitor/change.hpp): development classes against the
// Leefbaarometer 2.0's own published classes, and score, rank and class change worked
// by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "monitor/change.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using namespace leefbaar::monitor;

TEST(Development, ReproducesEveryPublishedLeefbaarometerClass) {
    // tests/data/leefbaarometer/README.md: the Leefbaarometer 2.0's score changes and
    // its published development classes (VKL) of all wijken, three pairs of years.
    std::ifstream in(test::test_data("leefbaarometer/lbm2_wijk_development.csv"));
    ASSERT_TRUE(in) << "tests/data/leefbaarometer/lbm2_wijk_development.csv";
    std::string line;
    std::getline(in, line);
    const Thresholds lbm = {0.0666, 0.1332, 0.1998};
    std::size_t compared = 0, per_class[8] = {};
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream s(line);
        for (std::string x; std::getline(s, x, ',');) f.push_back(x);
        f.resize(7);
        for (int p = 0; p < 3; ++p) {
            if (f[1 + p].empty() || f[4 + p].empty()) continue;
            const int published = std::stoi(f[4 + p]);
            EXPECT_EQ(development_class(std::stod(f[1 + p]), lbm), published) << f[0] << " pair " << p << " change " << f[1 + p];
            ++per_class[published];
            ++compared;
        }
    }
    EXPECT_EQ(compared, 8434u);
    for (int c = 1; c <= 7; ++c) EXPECT_GT(per_class[c], 0u) << "class " << c << " is exercised";
}

TEST(Development, ClassBoundariesAndLabels) {
    const Thresholds t = {1, 2, 3};
    EXPECT_EQ(development_class(0.999, t), 4);
    EXPECT_EQ(development_class(1.0, t), 5);   // t1 <= change
    EXPECT_EQ(development_class(-1.0, t), 3);  // change <= -t1
    EXPECT_EQ(development_class(2.5, t), 6);
    EXPECT_EQ(development_class(-3.0, t), 1);
    EXPECT_EQ(development_class(9.0, t), 7);
    EXPECT_EQ(development_class(NAN, t), 0);
    EXPECT_EQ(development_labels().front(), "grote achteruitgang");
    EXPECT_EQ(development_labels()[3], "geen verandering");
    EXPECT_EQ(development_labels().back(), "grote vooruitgang");
    EXPECT_THROW(check_thresholds({2, 1, 3}), UsageError);
    EXPECT_THROW(check_thresholds({0, 1, 3}), UsageError);
}

TEST(Development, DefaultStepIsTheLeefbaarometersShareOfTheStandardDeviation) {
    // Scores 0, 10, 20, 30: sample sd = sqrt(((15^2 + 5^2) * 2) / 3) = sqrt(500/3) = 12.9099...
    const Thresholds t = default_thresholds({0, 10, NAN, 20, 30});
    const double step = 0.41 * std::sqrt(500.0 / 3.0);
    EXPECT_NEAR(t[0], step, 1e-12);
    EXPECT_NEAR(t[1], 2 * step, 1e-12);
    EXPECT_NEAR(t[2], 3 * step, 1e-12);
    EXPECT_THROW(default_thresholds({5, 5, 5}), DataError);
}

TEST(Change, ScoreRankClassAndDevelopmentPerUnit) {
    // Three units over 2016, 2018, 2020 (rows year-major). Compare 2016 -> 2020.
    //        2016  2018  2020   change  ranks 2016 -> 2020      classes
    //   A    50    55    58     +8      2 -> 1 (+1)             2 -> 3 (+1)
    //   B    60    50    49     -11     1 -> 2 (-1)             3 -> 2 (-1)
    //   C    40    NaN   41     +1      3 -> 3 (0)              1 -> 1 (0)
    const std::vector<double> score = {50, 60, 40, 55, 50, NAN, 58, 49, 41};
    const std::vector<int> cls = {2, 3, 1, 3, 2, 0, 3, 2, 1};
    const Thresholds t = {2, 5, 10};
    const YearChange c = compare_years(score, cls, 3, {2016, 2018, 2020}, 2016, 2020, t);
    EXPECT_EQ(c.change, (std::vector<double>{8, -11, 1}));
    EXPECT_EQ(c.rank_from, (std::vector<std::int32_t>{2, 1, 3}));
    EXPECT_EQ(c.rank_to, (std::vector<std::int32_t>{1, 2, 3}));
    EXPECT_EQ(c.rank_change, (std::vector<std::int32_t>{1, -1, 0}));
    EXPECT_EQ(c.class_change, (std::vector<int>{1, -1, 0}));
    EXPECT_EQ(c.development, (std::vector<int>{6, 1, 4}));  // +8 in [5, 10); -11 <= -10; |1| < 2
    const YearChange d = compare_years(score, cls, 3, {2016, 2018, 2020}, 2016, 2018, t);
    EXPECT_TRUE(std::isnan(d.change[2]));  // C has no 2018 score
    EXPECT_EQ(d.development[2], 0);
    EXPECT_EQ(d.rank_to[2], 0);
    EXPECT_THROW(compare_years(score, cls, 3, {2016, 2018, 2020}, 2016, 2019, t), UsageError);
}
