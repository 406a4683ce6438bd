// The long table of the monitor (monitor/long_table.hpp): several editions of the
// same units, one row per unit and year, with the indicators' values derived per year,
// the coverage per indicator and year, and missing years filled only as asked, every
// filled value flagged. Expected values are worked by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "monitor/long_table.hpp"

using namespace leefbaar;
using namespace leefbaar::monitor;

namespace {

// Three units A, B, C with the columns given (NaN = null).
FeatureTable edition(const std::vector<std::pair<std::string, std::vector<double>>>& columns, std::vector<std::string> keys = {"A", "B", "C"}) {
    FeatureTable t;
    t.resize(keys.size());
    auto& k = t.add_column("code", ColumnType::Text);
    for (std::size_t i = 0; i < keys.size(); ++i) k.set(i, keys[i]);
    t.set_key_column("code");
    for (const auto& [name, v] : columns) {
        auto& c = t.add_column(name, ColumnType::Float64);
        for (std::size_t i = 0; i < v.size(); ++i)
            if (!std::isnan(v[i])) c.set(i, v[i]);
    }
    return t;
}

YearlyIndicator indicator(const std::string& name, const std::string& column, YearFill fill = YearFill::None) {
    YearlyIndicator i;
    i.name = name;
    i.source.column = column;
    i.fill = fill;
    return i;
}

double at(const LongTable& lt, const std::string& column, std::size_t year, std::size_t unit) {
    return lt.table.column(column).as_double(lt.row(year, unit));
}

std::string how(const LongTable& lt, const std::string& indicator, std::size_t year, std::size_t unit) {
    return lt.table.column(fill_column(indicator)).as_text(lt.row(year, unit));
}

}  // namespace

TEST(LongTable, RowsAreUnitsPerYearInYearOrderWithDateAndDerivedValues) {
    // Given out of order: 2018 then 2016. per_1000 of x over pop: A 2016: 1000*5/100 = 50.
    const FeatureTable e18 = edition({{"x", {6, 8, 10}}, {"pop", {100, 200, 400}}});
    const FeatureTable e16 = edition({{"x", {5, 8, 12}}, {"pop", {100, 100, 400}}});
    YearlyIndicator rate = indicator("rate", "x");
    rate.source.transform = index::Transform::Per1000;
    rate.source.denominator = "pop";
    LongTableOptions o;
    o.indicators = {rate};
    const LongTable lt = build_long_table({{2018, &e18, "2018.csv"}, {2016, &e16, "2016.csv"}}, o);
    EXPECT_EQ(lt.years, (std::vector<int>{2016, 2018}));
    ASSERT_EQ(lt.table.rows(), 6u);
    EXPECT_EQ(lt.table.column("code").as_text(lt.row(1, 2)), "C");
    EXPECT_EQ(lt.table.column(kYearColumn).as_double(lt.row(1, 2)), 2018);
    EXPECT_EQ(lt.table.column(kDateColumn).as_text(lt.row(0, 0)), "2016-07-01");  // mid-year: one frame per year in QGIS
    EXPECT_DOUBLE_EQ(at(lt, "v_rate", 0, 0), 50);   // 1000 * 5 / 100
    EXPECT_DOUBLE_EQ(at(lt, "v_rate", 0, 1), 80);   // 1000 * 8 / 100
    EXPECT_DOUBLE_EQ(at(lt, "v_rate", 1, 1), 40);   // 1000 * 8 / 200
    EXPECT_DOUBLE_EQ(at(lt, "v_rate", 1, 2), 25);   // 1000 * 10 / 400
    EXPECT_TRUE(lt.table.column("f_rate").is_null(lt.row(0, 0)));
    EXPECT_EQ(lt.coverage.observed[0], (std::vector<std::size_t>{3, 3}));
}

TEST(LongTable, AYearNamesItsOwnColumnAndAnAbsentColumnIsAMissingYear) {
    // CBS renames columns between editions: 2017 has "x_new" for the same indicator.
    // "y" is absent in 2017 (not named there): that year is missing, with a warning.
    const FeatureTable e16 = edition({{"x", {1, 2, 3}}, {"y", {7, 8, 9}}});
    const FeatureTable e17 = edition({{"x_new", {4, 5, 6}}});
    YearlyIndicator x = indicator("x", "x");
    x.column_in[2017] = "x_new";
    LongTableOptions o;
    o.indicators = {x, indicator("y", "y")};
    const LongTable lt = build_long_table({{2016, &e16, "a.csv"}, {2017, &e17, "b.csv"}}, o);
    EXPECT_DOUBLE_EQ(at(lt, "v_x", 1, 2), 6);
    EXPECT_TRUE(std::isnan(at(lt, "v_y", 1, 0)));
    EXPECT_EQ(lt.coverage.column[0], (std::vector<std::string>{"x", "x_new"}));
    EXPECT_EQ(lt.coverage.column[1], (std::vector<std::string>{"y", ""}));
    EXPECT_EQ(lt.coverage.observed[1], (std::vector<std::size_t>{3, 0}));
    ASSERT_EQ(lt.warnings.size(), 1u);
    EXPECT_NE(lt.warnings[0].find("column 'y' is not in the edition(s) 2017 ('b.csv'); those years are missing"), std::string::npos) << lt.warnings[0];
}

TEST(LongTable, FillsOnlyAsAskedAndFlagsEveryFilledValue) {
    // Unit A over 2016, 2017, 2019, 2020: 10, -, -, 40 (2018 is not an edition).
    // interpolate: 2017 = 10 + (2017-2016)/(2020-2016) * 30 = 17.5; 2019 = 10 + 3/4 * 30 = 32.5.
    // carry_forward: 10, 10; carry_backward: 40, 40; nearest: 2017 -> 2016 (1 year,
    // against 3), 2019 -> 2020 (1 year, against 3).
    const double m = NAN;
    // y is observed everywhere, so no year looks like the wrong table.
    const std::pair<std::string, std::vector<double>> y = {"y", {1, 1, 1}};
    const FeatureTable a = edition({{"x", {10, 1, m}}, y}), b = edition({{"x", {m, 1, m}}, y}), c = edition({{"x", {m, 1, m}}, y}),
                       d = edition({{"x", {40, 1, 5}}, y});
    const std::vector<Edition> eds = {{2016, &a, ""}, {2017, &b, ""}, {2019, &c, ""}, {2020, &d, ""}};
    struct Case {
        YearFill fill;
        double y17, y19;
        const char* how17;
    };
    for (const Case& k : {Case{YearFill::Interpolate, 17.5, 32.5, "interpolated between 2016 and 2020"}, Case{YearFill::CarryForward, 10, 10, "carried forward from 2016"},
                          Case{YearFill::CarryBackward, 40, 40, "carried back from 2020"}, Case{YearFill::Nearest, 10, 40, "nearest year: 2016"}}) {
        LongTableOptions o;
        o.indicators = {indicator("x", "x", k.fill), indicator("y", "y")};
        const LongTable lt = build_long_table(eds, o);
        EXPECT_DOUBLE_EQ(at(lt, "v_x", 1, 0), k.y17) << to_string(k.fill);
        EXPECT_DOUBLE_EQ(at(lt, "v_x", 2, 0), k.y19) << to_string(k.fill);
        EXPECT_EQ(how(lt, "x", 1, 0), k.how17);
        EXPECT_TRUE(lt.table.column("f_x").is_null(lt.row(0, 0)));  // observed
        // Unit C is observed only in 2020: interpolation has no earlier year.
        const bool c_filled = k.fill != YearFill::Interpolate && k.fill != YearFill::CarryForward;
        EXPECT_EQ(!std::isnan(at(lt, "v_x", 0, 2)), c_filled) << to_string(k.fill);
        EXPECT_EQ(lt.coverage.observed[0], (std::vector<std::size_t>{2, 1, 1, 3}));
    }
    LongTableOptions none;
    none.indicators = {indicator("x", "x"), indicator("y", "y")};
    const LongTable lt = build_long_table(eds, none);
    EXPECT_TRUE(std::isnan(at(lt, "v_x", 1, 0)));
    EXPECT_EQ(lt.coverage.filled[0], (std::vector<std::size_t>{0, 0, 0, 0}));
}

TEST(LongTable, BadEditionsAreRefusedNamingTheYearAndFile) {
    const FeatureTable a = edition({{"x", {1, 2, 3}}});
    const FeatureTable swapped = edition({{"x", {1, 2, 3}}}, {"A", "C", "B"});
    const FeatureTable fewer = edition({{"x", {1, 2}}}, {"A", "B"});
    const FeatureTable empty = edition({{"x", {NAN, NAN, 3}}});
    LongTableOptions o;
    o.indicators = {indicator("x", "x")};
    auto message = [&](const std::vector<Edition>& eds, const LongTableOptions& opt) {
        try {
            build_long_table(eds, opt);
        } catch (const Error& e) {
            return e.describe();
        }
        return std::string("no error");
    };
    EXPECT_NE(message({{2016, &a, "a.csv"}}, o).find("at least two editions"), std::string::npos);
    EXPECT_NE(message({{2016, &a, "a.csv"}, {2016, &a, "b.csv"}}, o).find("2016 is given twice"), std::string::npos);
    EXPECT_NE(message({{2016, &a, "a.csv"}, {2017, &swapped, "b.csv"}}, o).find("unit 2 is 'C' in 2017 ('b.csv') but 'B' in 2016"), std::string::npos);
    EXPECT_NE(message({{2016, &a, "a.csv"}, {2017, &fewer, "b.csv"}}, o).find("2017 ('b.csv') edition has 2 units"), std::string::npos);
    // Two of three units without any value in 2017: the wrong table, most likely.
    const auto half = message({{2016, &a, "a.csv"}, {2017, &empty, "b.csv"}}, o);
    EXPECT_NE(half.find("2 of 3 units have no value for any indicator in 2017 ('b.csv'): A, B"), std::string::npos) << half;
    LongTableOptions absent;
    absent.indicators = {indicator("z", "z")};
    EXPECT_NE(message({{2016, &a, "a.csv"}, {2017, &a, "b.csv"}}, absent).find("indicator 'z': its column 'z' is in none of the 2 editions"), std::string::npos);
    LongTableOptions named = o;
    named.indicators[0].column_in[2017] = "xx";
    const auto wrong = message({{2016, &a, "a.csv"}, {2017, &a, "b.csv"}}, named);
    EXPECT_NE(wrong.find("column 'xx' is not in the 2017 ('b.csv') edition"), std::string::npos) << wrong;
    EXPECT_NE(wrong.find("did you mean 'x'"), std::string::npos) << wrong;
}
