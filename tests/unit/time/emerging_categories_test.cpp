// Every Emerging Hot Spot category, hot and cold, on hand-built series of per-step
// significance, with the edge cases of the rules. The rules are ArcGIS Pro's ("How
// Emerging Hot Spot Analysis works", pro.arcgis.com/en/pro-app/latest/tool-reference/
// space-time-pattern-mining/learnmoreemerging.htm; the same in sfdep's
// R/emerging-hostpot-classifications.R); the expected category of each series is
// read off that rule text, quoted in short before each case. A series is written
// as a string, one character per time step, oldest first: H = significant hot
// spot, C = significant cold spot, . = neither. Each hot case is also checked
// mirrored (H <-> C, the trend reversed), which must give the cold category.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "time/emerging_categories.hpp"

using namespace leefbaar;

namespace {

std::vector<StepSign> series(const std::string& s) {
    std::vector<StepSign> v;
    for (char c : s) v.push_back(c == 'H' ? 1 : c == 'C' ? -1 : 0);
    return v;
}

// Trends of the unit's Gi* z over the steps, from real Mann-Kendall tests:
// rising 1..n (p = 0.0275 at n = 5; < 0.001 at n = 10), falling, and none (a
// zig-zag with S = 0 or near it).
MannKendall rising(std::size_t n) {
    std::vector<double> z;
    for (std::size_t t = 0; t < n; ++t) z.push_back(static_cast<double>(t));
    return mann_kendall(z);
}
MannKendall falling(std::size_t n) {
    std::vector<double> z;
    for (std::size_t t = 0; t < n; ++t) z.push_back(-static_cast<double>(t));
    return mann_kendall(z);
}
MannKendall none(std::size_t n) {
    std::vector<double> z;
    for (std::size_t t = 0; t < n; ++t) z.push_back(t % 2 ? 1.0 : -1.0);
    return mann_kendall(z);
}
MannKendall reversed(const MannKendall& m) {
    MannKendall r = m;
    r.s = -m.s;
    r.z = -m.z;
    r.tau = -m.tau;
    return r;
}
std::string mirrored(std::string s) {
    for (char& c : s) c = c == 'H' ? 'C' : c == 'C' ? 'H' : c;
    return s;
}

// Checks the hot case and its cold mirror at alpha = 0.10 (ArcGIS's 90 %).
void expect(const std::string& s, const MannKendall& trend, EmergingCategory hot) {
    EXPECT_EQ(to_string(classify_emerging(series(s), trend, 0.10)), to_string(hot)) << s;
    const auto cold = static_cast<EmergingCategory>(-static_cast<int>(hot));
    EXPECT_EQ(to_string(classify_emerging(series(mirrored(s)), reversed(trend), 0.10)), to_string(cold)) << mirrored(s);
}

}  // namespace

TEST(EmergingCategories, SeventeenDistinctNames) {
    std::set<std::string> names;
    for (auto c : all_emerging_categories()) names.insert(to_string(c));
    EXPECT_EQ(names.size(), 17u);
    EXPECT_EQ(to_string(EmergingCategory::NewHot), "New hot spot");
    EXPECT_EQ(to_string(EmergingCategory::HistoricalCold), "Historical cold spot");
    EXPECT_EQ(to_string(EmergingCategory::NoPattern), "No pattern detected");
}

TEST(EmergingCategories, New) {
    // "Significant hot spot for the final time step and never been one before."
    expect("....H", none(5), EmergingCategory::NewHot);
    expect(".........H", rising(10), EmergingCategory::NewHot);
    // Not at the final step: no pattern (the rule names the final step).
    expect("...H.", none(5), EmergingCategory::NoPattern);
}

TEST(EmergingCategories, Consecutive) {
    // "A single uninterrupted run of at least two significant hot spot bins in the
    // final time steps; never significant hot before the run; less than 90 % of all
    // bins significant hot."
    expect("...HH", none(5), EmergingCategory::ConsecutiveHot);
    expect("..HHH", rising(5), EmergingCategory::ConsecutiveHot);
    expect("..HHHHHHHH", rising(10), EmergingCategory::ConsecutiveHot);  // 8 of 10 = 80 % < 90 %
    // Edge: 9 of 10 = 90 % is no longer "less than 90 %": intensifying by the trend.
    expect(".HHHHHHHHH", rising(10), EmergingCategory::IntensifyingHot);
    // Edge: a hot bin before the final run is an on-and-off history: sporadic.
    expect("H..HH", none(5), EmergingCategory::SporadicHot);
}

TEST(EmergingCategories, Intensifying) {
    // "Hot for 90 % of the steps, including the final one; the intensity of
    // clustering increases, significantly (Mann-Kendall on the Gi* z)."
    expect("HHHHH", rising(5), EmergingCategory::IntensifyingHot);
    expect("HHHH.HHHHH", rising(10), EmergingCategory::IntensifyingHot);  // 9 of 10
}

TEST(EmergingCategories, Persistent) {
    // "Hot for 90 % of the steps with no discernible trend in the intensity."
    expect("HHHHH", none(5), EmergingCategory::PersistentHot);
    expect("HHHH.HHHHH", none(10), EmergingCategory::PersistentHot);
}

TEST(EmergingCategories, TrendSignificanceDecidesIntensifyingOrPersistent) {
    // z rising over 4 steps: S = 6, Var = 4*3*13/18 = 8.667, z = 5/sqrt(8.667) =
    // 1.6984, p = 0.0894: significant at 10 % (intensifying), not at 5 % (persistent).
    const auto trend = mann_kendall({1, 2, 3, 4});
    EXPECT_NEAR(trend.p, 0.0894, 5e-5);
    EXPECT_EQ(classify_emerging(series("HHHH"), trend, 0.10), EmergingCategory::IntensifyingHot);
    EXPECT_EQ(classify_emerging(series("HHHH"), trend, 0.05), EmergingCategory::PersistentHot);
    // p equal to alpha counts as significant (p <= alpha, as the Gi* bins).
    EXPECT_EQ(classify_emerging(series("HHHH"), trend, trend.p), EmergingCategory::IntensifyingHot);
}

TEST(EmergingCategories, Diminishing) {
    // "Hot for 90 % of the steps, including the final one; the intensity decreases,
    // significantly."
    expect("HHHHH", falling(5), EmergingCategory::DiminishingHot);
    expect("H.HHHHHHHH", falling(10), EmergingCategory::DiminishingHot);
}

TEST(EmergingCategories, Sporadic) {
    // "Significant hot spot for the final step with a history of being an on-again,
    // off-again hot spot; less than 90 % hot and never a significant cold spot."
    expect("H.H.H", none(5), EmergingCategory::SporadicHot);
    expect(".H..H", none(5), EmergingCategory::SporadicHot);
    expect("HHHH.HHH.H", none(10), EmergingCategory::SporadicHot);  // 8 of 10
    // Edge: not hot at the final step: no pattern under ArcGIS Pro's current text
    // (sfdep, following the older text without the final step, says sporadic).
    expect("H.H..", none(5), EmergingCategory::NoPattern);
}

TEST(EmergingCategories, Oscillating) {
    // "Significant hot spot for the final step with a history of being a significant
    // cold spot in a prior step; less than 90 % hot."
    expect("C.H.H", none(5), EmergingCategory::OscillatingHot);
    expect("CCCCH", rising(5), EmergingCategory::OscillatingHot);
    // Where "new" or "consecutive" would also fit (never hot before), a prior cold
    // spot makes it oscillating, as in sfdep (see the methods page).
    expect("C...H", none(5), EmergingCategory::OscillatingHot);
    expect("C..HH", none(5), EmergingCategory::OscillatingHot);
}

TEST(EmergingCategories, Historical) {
    // "The most recent step is not hot, but at least 90 % of the steps have been."
    expect("HHHHHHHHH.", falling(10), EmergingCategory::HistoricalHot);
    expect("HHHH.HHHHH.", none(11), EmergingCategory::NoPattern);  // 9 of 11 = 82 %
    expect("HHHHHHHHHH.", none(11), EmergingCategory::HistoricalHot);  // 10 of 11
    // With fewer than 10 steps, 90 % means every step, the final one included:
    // historical cannot occur.
    expect("HHHH.", none(5), EmergingCategory::NoPattern);
    // Edge: significant cold at the final step after 9 of 10 hot: oscillating cold
    // (a category with a significant final step comes first; see the methods page).
    EXPECT_EQ(classify_emerging(series("HHHHHHHHHC"), none(10), 0.10), EmergingCategory::OscillatingCold);
}

TEST(EmergingCategories, NoPattern) {
    expect(".....", none(5), EmergingCategory::NoPattern);
    expect("HH...", falling(5), EmergingCategory::NoPattern);
    EXPECT_EQ(classify_emerging({}, MannKendall{}, 0.10), EmergingCategory::NoPattern);
    // A trend alone makes no category: no significant bin, rising z.
    EXPECT_EQ(classify_emerging(series("....."), rising(5), 0.10), EmergingCategory::NoPattern);
}

TEST(EmergingCategories, StepSignsFromZAndP) {
    // Significant where p <= cut-off (0.10 counts at 0.10), sign of z; NaN is neither.
    const double nan = std::nan("");
    const auto s = step_signs({2.0, -2.0, 2.0, nan, 1.5}, {0.05, 0.10, 0.2, 0.01, nan}, 0.10);
    EXPECT_EQ(s, (std::vector<StepSign>{1, -1, 0, 0, 0}));
}
