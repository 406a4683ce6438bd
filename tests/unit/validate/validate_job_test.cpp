// The validation job on a small hand-worked case: eight buurten in three wijken of a
// made-up gemeente, a reference score per wijk.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "index/validation.hpp"
#include "validate/validate_job.hpp"

using namespace leefbaar;
using namespace leefbaar::validate;

namespace {

void numbers(FeatureTable& t, const std::string& name, const std::vector<double>& v) {
    auto& c = t.add_column(name, ColumnType::Float64);
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!std::isnan(v[i])) c.set(i, v[i]);
}

void texts(FeatureTable& t, const std::string& name, const std::vector<std::string>& v) {
    auto& c = t.add_column(name, ColumnType::Text);
    for (std::size_t i = 0; i < v.size(); ++i) c.set(i, v[i]);
}

// Wijk WK999901: buurten 0-2; WK999902: 3-4; WK999903: 5-6; WK999904: 7.
FeatureTable units() {
    FeatureTable t;
    t.resize(8);
    texts(t, "code", {"BU99990101", "BU99990102", "BU99990103", "BU99990201", "BU99990202", "BU99990301", "BU99990302", "BU99990401"});
    t.set_key_column("code");
    numbers(t, "index", {40, 50, 60, 70, 80, 20, 30, 90});
    numbers(t, "index_status", {0, 0, 0, 0, 0, 0, 0, 0});
    numbers(t, "inwoners", {100, 100, 200, 300, 100, 50, 150, 10});
    numbers(t, "d_work", {10, 20, 30, 60, 40, 5, 15, 80});
    numbers(t, "d_care", {70, 80, 90, 80, 120, 35, 45, 100});
    numbers(t, "n_reversed", {90, 80, 70, 20, 10, 95, 85, 5});
    return t;
}

FeatureTable reference(const std::vector<std::string>& keys, const std::vector<double>& v) {
    FeatureTable t;
    t.resize(keys.size());
    texts(t, "GBD", keys);
    numbers(t, "score", v);
    t.source_file = "ref.csv";
    return t;
}

ValidateOptions options() {
    ValidateOptions o;
    o.level = "wijk";
    o.weight = "inwoners";
    o.reference_key = "GBD";
    o.reference_score = "score";
    o.stats.replicates = 200;
    o.folds = 2;
    return o;
}

}  // namespace

TEST(ValidateJob, RollsUpToTheWijkenAndCorrelates) {
    const auto ref = reference({"WK999901", "WK999902", "WK999903", "WK999904", "WK000000"}, {0.1, 0.2, -0.1, 0.3, 9});
    const auto r = run_validation(units(), ref, options());
    ASSERT_EQ(r.areas.rows(), 4u);
    EXPECT_EQ(r.matched, 4u);
    EXPECT_EQ(r.reference_unmatched, 1u);  // WK000000
    // Population-weighted means by hand: WK999901 (40*100 + 50*100 + 60*200) / 400 = 52.5;
    // WK999902 (70*300 + 80*100) / 400 = 72.5; WK999903 (20*50 + 30*150) / 200 = 27.5; WK999904 90.
    const auto& idx = r.areas.column("index");
    EXPECT_DOUBLE_EQ(idx.as_double(0), 52.5);
    EXPECT_DOUBLE_EQ(idx.as_double(1), 72.5);
    EXPECT_DOUBLE_EQ(idx.as_double(2), 27.5);
    EXPECT_DOUBLE_EQ(idx.as_double(3), 90.0);
    // Index order 27.5 < 52.5 < 72.5 < 90 and reference order -0.1 < 0.1 < 0.2 < 0.3: rho = 1.
    ASSERT_EQ(r.compared.front().field, "index");
    EXPECT_DOUBLE_EQ(r.compared.front().corr.spearman, 1.0);
    EXPECT_DOUBLE_EQ(r.compared.front().corr.kendall, 1.0);
    // n_reversed falls as the reference rises: wrongly oriented.
    bool saw = false;
    for (const auto& c : r.compared)
        if (c.field == "n_reversed") {
            saw = true;
            EXPECT_DOUBLE_EQ(c.corr.spearman, -1.0);
        }
    EXPECT_TRUE(saw);
    // Residuals are z_own - z_ref over the four wijken (sample sd), so they sum to 0.
    double sum = 0;
    for (std::size_t a = 0; a < 4; ++a) sum += r.areas.column("val_residual").as_double(a);
    EXPECT_NEAR(sum, 0.0, 1e-12);
    EXPECT_EQ(r.areas.column("val_rank_own").as_double(3), 1.0);  // WK999904 best by both
    EXPECT_EQ(r.areas.column("val_rank_ref").as_double(3), 1.0);
    EXPECT_EQ(r.largest.size(), 4u);
}

TEST(ValidateJob, LowerIsBetterReferenceIsTurned) {
    // The same reference with the sign reversed and declared lower = better: the same rho.
    auto o = options();
    o.reference_lower_is_better = true;
    const auto r = run_validation(units(), reference({"WK999901", "WK999902", "WK999903", "WK999904"}, {-0.1, -0.2, 0.1, -0.3}), o);
    EXPECT_DOUBLE_EQ(r.compared.front().corr.spearman, 1.0);
}

TEST(ValidateJob, FewMatchesAreAnErrorThatSaysHowMany) {
    try {
        run_validation(units(), reference({"WK999901", "WK999902", "GM9999"}, {1, 2, 3}), options());
        FAIL() << "two matched areas cannot be correlated";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("only 2 of the 4 areas"), std::string::npos) << e.what();
    }
    auto o = options();
    o.reference_score = "scroe";
    EXPECT_THROW(run_validation(units(), reference({"WK999901"}, {1}), o), DataError);
    // A duplicated reference key (two years in one table) is refused.
    EXPECT_THROW(run_validation(units(), reference({"WK999901", "WK999901", "WK999902", "WK999903"}, {1, 2, 3, 4}), options()), DataError);
    // Three of four matched: a warning below min_matched = 0.8.
    o = options();
    o.min_matched = 0.8;
    const auto r = run_validation(units(), reference({"WK999901", "WK999902", "WK999903"}, {1, 2, 3}), o);
    ASSERT_FALSE(r.warnings.empty());
    EXPECT_NE(r.warnings.front().find("only 3 of the 4 areas"), std::string::npos) << r.warnings.front();
}

TEST(ValidateJob, UnitsLevelMatchesKeysDirectly) {
    auto o = options();
    o.level = "units";
    o.weight.clear();
    const auto r = run_validation(units(), reference({"BU99990101", "BU99990102", "BU99990103", "BU99990201"}, {4, 5, 6, 7}), o);
    EXPECT_EQ(r.matched, 4u);
    EXPECT_DOUBLE_EQ(r.compared.front().corr.spearman, 1.0);
    o.level = "buurt";
    EXPECT_THROW(run_validation(units(), reference({"BU99990101"}, {4}), o), UsageError);
}
