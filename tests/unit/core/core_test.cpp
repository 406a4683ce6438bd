// Core model: columns with null masks, progress scaling, deterministic parallel
// loops and (seed, unit) random streams.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include "core/error.hpp"
#include "core/feature_table.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "core/random.hpp"

using namespace leefbaar;

TEST(FeatureTable, ColumnsHaveNullMasks) {
    FeatureTable t;
    t.resize(3);
    auto& c = t.add_column("v", ColumnType::Float64);
    c.set(1, 2.5);
    EXPECT_TRUE(c.is_null(0));
    EXPECT_FALSE(c.is_null(1));
    EXPECT_EQ(c.null_count(), 2u);
    EXPECT_TRUE(std::isnan(c.as_double(0)));
    EXPECT_EQ(c.as_text(1), "2.5");
    t.resize(4);
    EXPECT_EQ(t.column("v").size(), 4u);
    EXPECT_TRUE(t.column("v").is_null(3));
}

TEST(FeatureTable, UnknownColumnSuggestsNearest) {
    FeatureTable t;
    t.add_column("inwoners", ColumnType::Int64);
    try {
        (void)t.column("inwoners_");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_NE(e.hint().find("did you mean 'inwoners'"), std::string::npos);
    }
    EXPECT_THROW(t.add_column("inwoners", ColumnType::Int64), DataError);
}

TEST(Progress, ScaledSubSteps) {
    std::vector<double> seen;
    Progress p([&](double f, const std::string&) {
        seen.push_back(f);
        return true;
    });
    p.scaled(0.5, 1.0).scaled(0.0, 0.5).report(0.5);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_DOUBLE_EQ(seen[0], 0.625);
    Progress cancel([](double, const std::string&) { return false; });
    EXPECT_THROW(cancel.report(0.1), Cancelled);
}

TEST(Parallel, CoversEveryIndexOnceAndRethrows) {
    std::vector<std::atomic<int>> hits(1000);
    parallel_for(1000, 2, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) hits[i]++;
    }, 7);
    for (auto& h : hits) EXPECT_EQ(h.load(), 1);
    EXPECT_THROW(parallel_for(100, 2, [](std::size_t b, std::size_t) {
        if (b >= 50) throw std::runtime_error("x");
    }, 10), std::runtime_error);
}

TEST(Random, StreamsDependOnlyOnSeedAndUnit) {
    auto a = stream_for(42, 7);
    auto b = stream_for(42, 7);
    auto c = stream_for(42, 8);
    const auto x = a();
    EXPECT_EQ(x, b());
    EXPECT_NE(x, c());
    auto r = stream_for(1, 1);
    for (int i = 0; i < 1000; ++i) {
        EXPECT_LT(uniform_below(r, 10), 10u);
        const double u = uniform01(r);
        EXPECT_GE(u, 0.0);
        EXPECT_LT(u, 1.0);
    }
}
