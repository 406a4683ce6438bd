// The monitor job (monitor/monitor_job.hpp) on a hand-built case: 16 units on a 4 x 4
// rook lattice, three editions, one indicator on an identity scale (goalposts 0..100,
// so the index is the value), values worked by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "monitor/monitor_job.hpp"
#include "monitor/monitor_tables.hpp"
#include "support/rook_lattice.hpp"

using namespace leefbaar;
using namespace leefbaar::monitor;

namespace {

// Unit u has 40 + u in every year, except unit 0, which gains 15 a year (40, 55, 70),
// and unit 15, which loses 8 a year (55, 47, 39).
FeatureTable edition(int step) {
    FeatureTable t;
    t.resize(16);
    auto& k = t.add_column("code", ColumnType::Text);
    for (std::size_t u = 0; u < 16; ++u) k.set(u, "U" + std::to_string(u));
    t.set_key_column("code");
    auto& v = t.add_column("x", ColumnType::Float64);
    for (std::size_t u = 0; u < 16; ++u) v.set(u, 40.0 + static_cast<double>(u));
    v.set(0, 40.0 + 15.0 * step);
    v.set(15, 55.0 - 8.0 * step);
    return t;
}

struct Fixture {
    FeatureTable e0 = edition(0), e1 = edition(1), e2 = edition(2);
    SpatialWeights w = test::rook_lattice(4);
    MonitorJobOptions o;
    Fixture() {
        o.editions = {{2010, &e0, "a"}, {2012, &e1, "b"}, {2014, &e2, "c"}};
        YearlyIndicator x;
        x.name = "x";
        x.source.column = "x";
        o.table.indicators = {x};
        index::IndicatorSpec s;
        s.name = s.label = "x";
        s.domain = "d";
        s.source.column = "x";
        s.normalisation = index::Normalisation::Goalposts;
        s.goal_low = 0;
        s.goal_high = 100;
        o.index.indicators = {s};
        o.index.domains = {{"d", "d", 1.0}};
        o.index.outliers.method = index::OutlierMethod::None;
        o.thresholds = Thresholds{2, 10, 20};
    }
};

}  // namespace

TEST(MonitorJob, ChangeRanksAndDevelopmentOnOneScale) {
    Fixture f;
    const MonitorJobResult r = run_monitor_job(f.o);
    const LongTable& lt = r.long_table;
    ASSERT_EQ(lt.table.rows(), 48u);
    // Index = value on the identity scale. 2010 -> 2014: unit 0 +30, unit 15 -16, others 0.
    EXPECT_DOUBLE_EQ(r.change.change[0], 30.0);
    EXPECT_DOUBLE_EQ(r.change.change[15], -16.0);
    EXPECT_DOUBLE_EQ(r.change.change[7], 0.0);
    EXPECT_EQ(r.change.development[0], 7);   // +30 >= 20
    EXPECT_EQ(r.change.development[15], 2);  // -20 < -16 <= -10
    EXPECT_EQ(r.change.development[7], 4);
    // Ranks within each year: in 2010 unit 15 (55) is first and unit 0 (40) last, below
    // units 1..14 (41..54); in 2014 unit 0 (70) is first and unit 15 (39) last.
    EXPECT_EQ(r.change.rank_from[15], 1);
    EXPECT_EQ(r.change.rank_to[0], 1);
    EXPECT_EQ(r.change.rank_from[0], 16);
    EXPECT_EQ(r.change.rank_to[15], 16);
    EXPECT_EQ(r.change.rank_change[0], 15);
    const Column& rank = lt.table.column(fields::index_rank);
    EXPECT_EQ(rank.as_double(lt.row(2, 0)), 1);  // the years layer ranks within the year too
    EXPECT_EQ(rank.as_double(lt.row(0, 15)), 1);
    // The change layer carries the same numbers.
    EXPECT_DOUBLE_EQ(r.change_table.column(change_fields::change).as_double(0), 30.0);
    EXPECT_EQ(r.change_table.column(change_fields::development_label).as_text(15), "achteruitgang");
    EXPECT_EQ(r.change_table.rows(), 16u);
    EXPECT_EQ(r.coverage_table.rows(), 3u);
}

TEST(MonitorJob, ComparesTheYearsAskedAndRefusesOthers) {
    Fixture f;
    f.o.from = 2010;
    f.o.to = 2012;
    EXPECT_DOUBLE_EQ(run_monitor_job(f.o).change.change[0], 15.0);
    f.o.to = 2013;
    EXPECT_THROW(run_monitor_job(f.o), UsageError);
    f.o.from = 2014;
    f.o.to = 2010;
    EXPECT_THROW(run_monitor_job(f.o), UsageError);
}

TEST(MonitorJob, ReferenceYearFixesMinMaxGoalpostsAtThatYear) {
    // min-max on the reference year 2010 (values 40..55): goalposts 40 and 55, so a value
    // v scores 100 (v - 40) / 15, clipped to 0..100. Unit 0 in 2012 (55): 100; unit 15 in
    // 2014 (39): 0 (clipped); unit 7 (47): 100 * 7 / 15 in every year.
    Fixture f;
    f.o.index.indicators[0].normalisation = index::Normalisation::MinMax;
    f.o.basis = Basis::Reference;
    f.o.reference_year = 2010;
    const MonitorJobResult r = run_monitor_job(f.o);
    const auto& idx = r.index.index;
    EXPECT_NEAR(idx[r.long_table.row(1, 0)], 100.0, 1e-12);
    EXPECT_NEAR(idx[r.long_table.row(2, 15)], 0.0, 1e-12);
    EXPECT_NEAR(idx[r.long_table.row(2, 7)], 700.0 / 15.0, 1e-12);
    f.o.reference_year = 2011;
    EXPECT_THROW(run_monitor_job(f.o), UsageError);
    f.o.reference_year = 2010;
    f.o.index.indicators[0].normalisation = index::Normalisation::ZScore;
    EXPECT_THROW(run_monitor_job(f.o), UsageError);
}

TEST(MonitorJob, PatternsOfChangeOnTheWeightsAndTheSameForAnyThreadCount) {
    Fixture f;
    f.o.weights = &f.w;
    f.o.emerging.permutations = 99;
    f.o.uncertainty.runs = 200;
    f.o.uncertainty.weight_range = 0;
    f.o.errors = {IndicatorError{0, 2, 0}};  // +-2 in each year
    f.o.threads = 1;
    const MonitorJobResult one = run_monitor_job(f.o);
    f.o.threads = 2;
    const MonitorJobResult two = run_monitor_job(f.o);
    ASSERT_TRUE(one.interval && one.differential && one.emerging);
    EXPECT_EQ(one.interval->low, two.interval->low);
    EXPECT_EQ(one.emerging->category, two.emerging->category);
    EXPECT_EQ(one.differential->lisa.p, two.differential->lisa.p);
    // +30 under +-2 of error per year (the change within +-4): significant; 0: not.
    EXPECT_EQ(one.interval->significant[0], 1);
    EXPECT_EQ(one.interval->significant[15], -1);
    EXPECT_EQ(one.interval->significant[7], 0);
    EXPECT_GT(one.interval->low[0], 26.0);
    EXPECT_LT(one.interval->high[0], 34.0);
    EXPECT_TRUE(one.change_table.has_column(change_fields::ehsa));
    EXPECT_TRUE(one.change_table.has_column(change_fields::lisa));
}
