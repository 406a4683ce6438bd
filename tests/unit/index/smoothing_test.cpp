// Empirical Bayes rate smoothing (index/smoothing.hpp) against hand-worked values and
// the values published by PySAL's esda, and as an indicator transform.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "index/composite.hpp"
#include "index/smoothing.hpp"
#include "index/transform.hpp"
#include "io/gdal_env.hpp"
#include "io/table_reader.hpp"
#include "spatial/weights_io.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using namespace leefbaar::index;

namespace {

// Four units on a path 0 - 1 - 2 - 3; counts x and populations n.
const std::vector<double> kX = {2, 30, 5, 12};
const std::vector<double> kN = {100, 1000, 20, 400};

SpatialWeights path4() {
    SpatialWeights w;
    w.ids = {"a", "b", "c", "d"};
    w.neighbours = {{1}, {0, 2}, {1, 3}, {2}};
    w.weights = {{1}, {1, 1}, {1, 1}, {1}};
    return w;
}

std::vector<double> column_of(const FeatureTable& t, const std::string& name) {
    std::vector<double> out;
    for (std::size_t i = 0; i < t.rows(); ++i) out.push_back(t.column(name).as_double(i));
    return out;
}

FeatureTable dbf(const std::string& file) {
    io::ensure_gdal();
    return io::read_table(test::test_data("spatial/" + file).string(), {}).table;
}

}  // namespace

TEST(EmpiricalBayes, GlobalHandWorked) {
    // Marshall (1991) by hand, in exact fractions:
    //   b = 49 / 1520; s2 = sum n (r - b)^2 / sum n = 59 / 92416; n_bar = 380;
    //   a = s2 - b / n_bar = 1279 / 2310400 (> 0);
    //   w = a / (a + b / n) = 6395/10119, 31975/33837, 1279/5003, 6395/7326;
    //   eb x 1000 = 82650/3373, 1019275/33837, 439800/5003, 443725/14652.
    const auto eb = eb_global(kX, kN, 1000.0);
    ASSERT_EQ(eb.size(), 4u);
    EXPECT_NEAR(eb[0], 82650.0 / 3373.0, 1e-12);
    EXPECT_NEAR(eb[1], 1019275.0 / 33837.0, 1e-12);
    EXPECT_NEAR(eb[2], 439800.0 / 5003.0, 1e-12);
    EXPECT_NEAR(eb[3], 443725.0 / 14652.0, 1e-12);
    // The smallest population (20, crude rate 250 per 1,000) moves most toward b.
    EXPECT_LT(eb[2], 250.0);
}

TEST(EmpiricalBayes, NegativeMomentEstimateShrinksToTheMean) {
    // x = 2, 30, 1, 12: a = s2 - b / n_bar = -153/2310400 < 0. Marshall sets a = 0:
    // every rate becomes b = 45 / 1520 (esda's aspatial EB does not clamp here).
    const auto eb = eb_global({2, 30, 1, 12}, kN, 1000.0);
    for (double v : eb) EXPECT_NEAR(v, 1000.0 * 45.0 / 1520.0, 1e-12);
}

TEST(EmpiricalBayes, SpatialHandWorked) {
    // The reference of unit i is i and its neighbours. By hand, in exact fractions:
    //   unit 0 {0,1}: b = 8/275, a = -27/605000 < 0 -> 0: eb = b x 1000 = 320/11
    //   unit 1 {1,0,2}: b = 37/1120, a = 19/24500, w = 6080/6339: 763825/25356
    //   unit 2 {2,1,3}: b = 47/1420, a = 6071/10082000, w = 6071/22756: 517500/5689
    //   unit 3 {3,2}: b = 17/420, a = 883/441000, w = 7064/7421: 226370/7421
    const auto eb = eb_spatial(kX, kN, path4(), 1000.0);
    EXPECT_NEAR(eb[0], 320.0 / 11.0, 1e-12);
    EXPECT_NEAR(eb[1], 763825.0 / 25356.0, 1e-12);
    EXPECT_NEAR(eb[2], 517500.0 / 5689.0, 1e-12);
    EXPECT_NEAR(eb[3], 226370.0 / 7421.0, 1e-12);
}

TEST(EmpiricalBayes, MissingAndZeroPopulationsAreLeftOut) {
    // Unit 4 (population 0) and unit 5 (no count) are in no reference and get no rate:
    // the other four get exactly the values above.
    const auto eb = eb_global({2, 30, 5, 12, 3, NAN}, {100, 1000, 20, 400, 0, 50}, 1000.0);
    EXPECT_NEAR(eb[2], 439800.0 / 5003.0, 1e-12);
    EXPECT_TRUE(std::isnan(eb[4]));
    EXPECT_TRUE(std::isnan(eb[5]));
    EXPECT_TRUE(std::isnan(eb_global({NAN}, {0}, 1000.0)[0]));
}

TEST(EmpiricalBayes, PublishedSids2) {
    // esda tests/test_smoothing.py TestSRate::test_empirical_bayes (pysal/esda at
    // 11450be): Empirical_Bayes(SID74, BIR74) of sids2.dbf, first five rates, given to
    // 7 decimals: 0.0016973, 0.0017054, 0.0017731, 0.0020129, 0.0035349.
    const auto t = dbf("sids2.dbf");
    const auto eb = eb_global(column_of(t, "SID74"), column_of(t, "BIR74"), 1.0);
    ASSERT_EQ(eb.size(), 100u);
    const double published[] = {0.0016973, 0.0017054, 0.0017731, 0.0020129, 0.0035349};
    for (int i = 0; i < 5; ++i) EXPECT_NEAR(eb[static_cast<std::size_t>(i)], published[i], 5e-8) << i;
}

TEST(EmpiricalBayes, PublishedStlGlobalAndSpatial) {
    // esda smoothing.py docstrings (pysal/esda at 11450be): St Louis homicides HC7984 /
    // PO7984 (stl_hom), Empirical_Bayes(...).r[:10] and, with stl.gal (queen, ids 1..78),
    // Spatial_Empirical_Bayes(...).r[:10], printed to 9 significant digits.
    const auto t = dbf("stl_hom.dbf");
    const auto x = column_of(t, "HC7984"), n = column_of(t, "PO7984");
    ASSERT_EQ(x.size(), 78u);
    const double global[] = {2.36718950e-05, 4.54539167e-05, 4.78114019e-05, 2.76907146e-05, 6.58989323e-05,
                             3.66494122e-05, 5.79952721e-05, 2.03064590e-05, 3.31152999e-05, 3.02748380e-05};
    const auto eb = eb_global(x, n, 1.0);
    for (int i = 0; i < 10; ++i) EXPECT_NEAR(eb[static_cast<std::size_t>(i)], global[i], 5e-14) << i;
    std::vector<std::string> order;
    for (int i = 1; i <= 78; ++i) order.push_back(std::to_string(i));
    const auto w = read_gal(test::test_data("spatial/stl.gal").string(), order);
    const double spatial[] = {4.01485749e-05, 3.62437513e-05, 4.93034844e-05, 5.09387329e-05, 3.72735210e-05,
                              3.69333797e-05, 5.40245456e-05, 2.99806055e-05, 3.73034109e-05, 3.47270722e-05};
    const auto seb = eb_spatial(x, n, w, 1.0);
    for (int i = 0; i < 10; ++i) EXPECT_NEAR(seb[static_cast<std::size_t>(i)], spatial[i], 5e-14) << i;
}

TEST(EmpiricalBayes, IndicatorTransformKeepsBothRates) {
    FeatureTable t;
    t.resize(4);
    for (const auto& [name, v] : {std::pair{"x", kX}, std::pair{"pop", kN}}) {
        auto& c = t.add_column(name, ColumnType::Float64);
        for (std::size_t i = 0; i < 4; ++i) c.set(i, v[i]);
    }
    TransformSpec s;
    s.column = "x";
    s.transform = Transform::Per1000;
    s.denominator = "pop";
    s.smoothing = Smoothing::Eb;
    const auto d = derive_all(t, s);
    EXPECT_NEAR(d.crude[2], 250.0, 1e-12);            // 1000 x 5 / 20
    EXPECT_NEAR(d.value[2], 439800.0 / 5003.0, 1e-12);  // as GlobalHandWorked
    s.smoothing = Smoothing::SpatialEb;
    EXPECT_THROW(derive_all(t, s), UsageError);  // no neighbours
    const auto w = path4();
    EXPECT_NEAR(derive_all(t, s, &w).value[1], 763825.0 / 25356.0, 1e-12);
    // min_population: the population-20 unit's value is not used, the others are.
    s.smoothing = Smoothing::Eb;
    s.min_population = 50;
    const auto m = derive_all(t, s);
    EXPECT_TRUE(std::isnan(m.value[2]));
    EXPECT_EQ(m.too_small[2], 1);
    EXPECT_NEAR(m.value[0], 82650.0 / 3373.0, 1e-12);  // smoothing used all units first
    // A rate is needed; a negative population is a data error naming the row.
    s.transform = Transform::Log;
    EXPECT_THROW(derive_all(t, s), UsageError);
    s.transform = Transform::Per1000;
    t.column("pop").set(3, -4.0);
    try {
        derive_all(t, s);
        FAIL() << "a negative population must be refused";
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().row.value_or(0), 4);
        EXPECT_EQ(e.context().field, "pop");
    }
    EXPECT_EQ(parse_smoothing("spatial_eb"), Smoothing::SpatialEb);
    EXPECT_THROW(parse_smoothing("bayes"), UsageError);
}

TEST(EmpiricalBayes, MinimumPopulationInTheIndexStatus) {
    // Five units: x counts over populations; y a plain indicator. Unit 5 has 30
    // inhabitants: below [index] min_population = 40, so no score. Unit 3 (20) is
    // below too. Unit 1 (100) is above [index] but below x's min_population = 150:
    // its x is not used and the status says so; y still scores it.
    FeatureTable t;
    t.resize(5);
    const std::vector<double> x = {2, 30, 5, 12, 1}, pop = {100, 1000, 20, 400, 30}, y = {1, 2, 3, 4, 5};
    for (const auto& [name, v] : {std::pair{"x", x}, std::pair{"pop", pop}, std::pair{"y", y}}) {
        auto& c = t.add_column(name, ColumnType::Float64);
        for (std::size_t i = 0; i < 5; ++i) c.set(i, v[i]);
    }
    IndexOptions o;
    IndicatorSpec a;
    a.name = a.label = "x";
    a.domain = "d";
    a.source.column = "x";
    a.source.transform = Transform::Per1000;
    a.source.denominator = "pop";
    a.source.smoothing = Smoothing::Eb;
    a.source.min_population = 150;
    IndicatorSpec b;
    b.name = b.label = "y";
    b.domain = "d";
    b.source.column = "y";
    o.indicators = {a, b};
    o.domains = {{"d", "D", 1}};
    o.outliers.method = OutlierMethod::None;
    o.population = "pop";
    o.min_population = 40;
    const IndexModel m(t, o);
    EXPECT_EQ(m.status()[0], "ok; not used (population below the indicator's min_population): x");
    EXPECT_EQ(m.status()[1], "ok");
    EXPECT_EQ(m.status()[2], "population 20 below the minimum of 40 ([index] min_population)");
    EXPECT_EQ(m.status()[4], "population 30 below the minimum of 40 ([index] min_population)");
    EXPECT_TRUE(m.eligible(0));
    EXPECT_FALSE(m.eligible(2));
    // The smoothed rate is the global EB of all five units (the prior uses every
    // population > 0), then hidden where the population is below 150.
    const auto all = eb_global(x, pop, 1000.0);
    EXPECT_TRUE(std::isnan(m.raw(0)[0]));
    EXPECT_DOUBLE_EQ(m.raw(0)[1], all[1]);
    EXPECT_NEAR(m.crude(0)[1], 30.0, 1e-12);
    // Both rates become fields of the table.
    const auto r = compute_index(t, m);
    EXPECT_TRUE(t.has_column("raw_x"));
    EXPECT_DOUBLE_EQ(t.column("eb_x").as_double(1), all[1]);
    EXPECT_NEAR(t.column("raw_x").as_double(3), 30.0, 1e-12);  // 1000 x 12 / 400
    EXPECT_TRUE(std::isnan(r.index[2]));
    // [index] min_population without a population column is a usage error.
    o.population.clear();
    EXPECT_THROW(IndexModel(t, o), UsageError);
}
