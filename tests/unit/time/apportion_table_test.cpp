// Apportioning whole columns: the values and `<name>_interp_share` per target, on the
// merge of areal_interpolation_test.cpp (A and B into A) plus an unchanged C.
// By hand: inwoners A' = 100 + 60 = 160 (60/160 = 0.375 interpolated), C' = 5 (0);
// aandeel A' = (1 x 0.2 + 1 x 0.5) / 2 = 0.35 (B carries 1/2 of the area: 0.5
// interpolated), C' missing because C has no value.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "time/apportion_table.hpp"
#include "time/areal_interpolation.hpp"
#include "boundary_fixture.hpp"

using namespace leefbaar;
using test::edition;

namespace {

struct Merge {
    FeatureTable source, target;
};

Merge merge() {
    Merge e{edition({{"A", 0, 0, 1, 1}, {"B", 1, 0, 2, 1}, {"C", 2, 0, 3, 1}}, "2016.gpkg", {{"inwoners", {100, 60, 5}}, {"aandeel", {0.2, 0.5, NAN}}}),
            edition({{"A", 0, 0, 2, 1}, {"C", 2, 0, 3, 1}}, "2020.gpkg")};
    return e;
}

}  // namespace

TEST(ApportionTable, ValuesAndInterpolatedShares) {
    const auto e = merge();
    const auto m = areal_weights(e.source, e.target);
    double last = 0;
    const auto out = apportion_columns(m, e.source, {{"inwoners", VariableKind::Extensive}, {"aandeel", VariableKind::Intensive}}, {},
                                       Progress([&](double f, const std::string&) {
                                           last = f;
                                           return true;
                                       }));
    ASSERT_EQ(out.columns.size(), 4u);
    EXPECT_EQ(out.columns[0].name, "inwoners");
    EXPECT_EQ(out.columns[1].name, "inwoners_interp_share");
    EXPECT_EQ(out.columns[3].name, "aandeel_interp_share");
    EXPECT_DOUBLE_EQ(out.columns[0].as_double(0), 160);
    EXPECT_DOUBLE_EQ(out.columns[0].as_double(1), 5);
    EXPECT_DOUBLE_EQ(out.columns[1].as_double(0), 0.375);
    EXPECT_DOUBLE_EQ(out.columns[1].as_double(1), 0.0);
    EXPECT_DOUBLE_EQ(out.columns[2].as_double(0), 0.35);
    EXPECT_TRUE(out.columns[2].is_null(1));
    EXPECT_DOUBLE_EQ(out.columns[3].as_double(0), 0.5);
    EXPECT_TRUE(out.columns[3].is_null(1));
    ASSERT_EQ(out.warnings.size(), 1u);
    EXPECT_NE(out.warnings[0].find("'aandeel': 1 target unit(s) are missing"), std::string::npos) << out.warnings[0];
    EXPECT_NE(out.warnings[0].find(": C"), std::string::npos) << out.warnings[0];
    EXPECT_DOUBLE_EQ(last, 1.0);
}

TEST(ApportionTable, TextColumnIsAnError) {
    auto e = merge();
    auto& naam = e.source.add_column("naam", ColumnType::Text);
    naam.set(0, std::string("Centrum"));
    const auto m = areal_weights(e.source, e.target);
    try {
        apportion_columns(m, e.source, {{"naam", VariableKind::Extensive}});
        FAIL() << "expected a DataError";
    } catch (const DataError& err) {
        EXPECT_EQ(err.context().field, "naam");
        EXPECT_EQ(err.context().file, "2016.gpkg");
    }
}
