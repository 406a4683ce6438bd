// Area definitions: CBS code rules, lookup tables, drawn polygons, parents; each bad
// input named. Expected values are worked by hand from the definitions in
// areas/levels.hpp (CBS code structure: "Toelichting Wijk- en Buurtkaart", CBS 2020:
// BU + gemeente (4) + wijk (2) + buurt (2); WK + gemeente + wijk; GM + gemeente).
#include <gtest/gtest.h>

#include <functional>

#include "areas/levels.hpp"
#include "core/error.hpp"

using namespace leefbaar;
using namespace leefbaar::areas;

namespace {
const std::vector<std::string> kKeys = {"BU09171000", "BU09171001", "BU09172000", "BU03630105"};

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.describe();
    }
    return "no error";
}
}  // namespace

TEST(AreaLevels, WijkAndGemeenteFromTheBuurtCode) {
    const auto wijk = level_from_codes("wijk", kKeys, CodeRule::Wijk);
    EXPECT_EQ(wijk.codes, (std::vector<std::string>{"WK036301", "WK091710", "WK091720"}));
    ASSERT_EQ(wijk.members[1].size(), 2u);
    EXPECT_EQ(wijk.members[1][0].unit, 0u);
    EXPECT_EQ(wijk.members[1][1].unit, 1u);
    EXPECT_EQ(wijk.main_area, (std::vector<std::int64_t>{1, 1, 2, 0}));
    const auto gm = level_from_codes("gemeente", {"bu09171000", "BU09172000"}, CodeRule::Gemeente);
    EXPECT_EQ(gm.codes, (std::vector<std::string>{"GM0917"}));
    EXPECT_EQ(gm.members[0].size(), 2u);
}

TEST(AreaLevels, AKeyThatIsNoBuurtCodeIsNamed) {
    const auto m = message_of([] { level_from_codes("wijk", {"BU09171000", "0917-10"}, CodeRule::Wijk); });
    EXPECT_NE(m.find("'0917-10'"), std::string::npos) << m;
    EXPECT_NE(m.find("lookup"), std::string::npos) << m;
}

TEST(AreaLevels, LookupByUnitAndViaAFinerLevel) {
    auto wijk = level_from_codes("wijk", kKeys, CodeRule::Wijk);
    Lookup sd;
    sd.file = "stadsdelen.csv";
    sd.area = {{"WK091710", "Hoensbroek"}, {"WK091720", "Heerlerheide"}, {"WK036301", "Amsterdam-Centrum"}};
    auto stadsdeel = level_from_lookup("stadsdeel", kKeys, sd, &wijk, false);
    EXPECT_EQ(stadsdeel.codes, (std::vector<std::string>{"Amsterdam-Centrum", "Heerlerheide", "Hoensbroek"}));
    EXPECT_EQ(stadsdeel.main_area, (std::vector<std::int64_t>{2, 2, 1, 0}));
    link_parent(wijk, stadsdeel, kKeys);
    EXPECT_EQ(wijk.parent_area, (std::vector<std::int64_t>{0, 2, 1}));
}

TEST(AreaLevels, ALookupMissingUnitsIsAnErrorNamingThemOrAStatedWarning) {
    Lookup l;
    l.file = "lookup.csv";
    l.area = {{"BU09171000", "Noord"}};
    const auto m = message_of([&] { level_from_lookup("programma", kKeys, l, nullptr, false); });
    EXPECT_NE(m.find("3 unit(s) are not in the lookup table"), std::string::npos) << m;
    EXPECT_NE(m.find("'BU09171001'"), std::string::npos) << m;
    EXPECT_NE(m.find("lookup.csv"), std::string::npos) << m;
    const auto lv = level_from_lookup("programma", kKeys, l, nullptr, true);
    ASSERT_EQ(lv.warnings.size(), 1u);
    EXPECT_EQ(lv.main_area, (std::vector<std::int64_t>{0, -1, -1, -1}));
}

TEST(AreaLevels, AnAreaAcrossTwoParentsIsRefused) {
    auto wijk = level_from_codes("wijk", kKeys, CodeRule::Wijk);
    Lookup l;
    l.area = {{"BU09171000", "Noord"}, {"BU09171001", "Zuid"}, {"BU09172000", "Noord"}, {"BU03630105", "Elders"}};
    const auto prog = level_from_lookup("programma", kKeys, l, nullptr, false);
    const auto m = message_of([&] { link_parent(wijk, prog, kKeys); });
    EXPECT_NE(m.find("area 'WK091710' of level 'wijk' does not lie in one area of its parent level 'programma'"), std::string::npos) << m;
    EXPECT_NE(m.find("BU09171001 in Zuid"), std::string::npos) << m;
}

// Unit 0 lies 30 % in area P and 70 % in area Q; unit 1 wholly in P; unit 2 in none.
TEST(AreaLevels, DrawnAreasSplitOrAssignByLargestShare) {
    const std::vector<std::string> units = {"U0", "U1", "U2"};
    const std::vector<std::vector<Overlap>> ov = {{{0, 0.3}, {1, 0.7}}, {{0, 1.0}}, {}};
    const auto largest = level_from_overlaps("drawn", units, {"P", "Q"}, {"Park", "Quarter"}, ov, false, "drawn.gpkg");
    ASSERT_EQ(largest.members[1].size(), 1u);
    EXPECT_EQ(largest.members[1][0].unit, 0u);
    EXPECT_DOUBLE_EQ(largest.members[1][0].share, 1.0);
    EXPECT_EQ(largest.split_units, (std::vector<std::string>{"U0"}));
    EXPECT_EQ(largest.main_area, (std::vector<std::int64_t>{1, 0, -1}));
    EXPECT_EQ(largest.warnings.size(), 2u);  // U2 outside, U0 split
    const auto split = level_from_overlaps("drawn", units, {"P", "Q"}, {}, ov, true, "drawn.gpkg");
    ASSERT_EQ(split.members[0].size(), 2u);
    EXPECT_DOUBLE_EQ(split.members[0][0].share, 0.3);
    EXPECT_DOUBLE_EQ(split.members[1][0].share, 0.7);
}

TEST(AreaLevels, OverlappingDrawnAreasAreNamed) {
    const std::vector<std::vector<Overlap>> ov = {{{0, 0.8}, {1, 0.5}}};
    const auto m = message_of([&] { level_from_overlaps("drawn", {"U0"}, {"P", "Q"}, {}, ov, true, "drawn.gpkg"); });
    EXPECT_NE(m.find("unit 'U0' is covered 130 %"), std::string::npos) << m;
    EXPECT_NE(m.find("'P', 'Q'"), std::string::npos) << m;
    EXPECT_NE(m.find("drawn.gpkg"), std::string::npos) << m;
}
