// Competition ranks (index/ranking.hpp) against their definition: a unit's rank is 1 +
// the number of units with a strictly higher score ("1224" ranking), NaN unranked.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/random.hpp"
#include "index/ranking.hpp"

using namespace leefbaar;
using namespace leefbaar::index;

namespace {

std::vector<std::int32_t> by_definition(const std::vector<double>& s) {
    std::vector<std::int32_t> r(s.size(), 0);
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (std::isnan(s[i])) continue;
        r[i] = 1;
        for (double x : s) r[i] += x > s[i] ? 1 : 0;
    }
    return r;
}

}  // namespace

TEST(CompetitionRanks, MatchTheDefinitionWithTiesSignsZerosAndInfinities) {
    // 3,000 scores drawn from 50 values (so most tie), both signs, -0 and +0 (equal,
    // so they share a rank), infinities and NaN.
    const double inf = std::numeric_limits<double>::infinity();
    const double pool[] = {-inf, -1e300, -2.5, -1e-300, -0.0, 0.0, 1e-310, 0.1, 0.30000000000000004, 0.3, 7.0, 1e300, inf};
    auto rng = stream_for(5, 0);
    std::vector<double> s(3000);
    for (auto& x : s) {
        const auto k = uniform_below(rng, 63);
        x = k < 13 ? pool[k] : k < 60 ? static_cast<double>(k) * 0.37 - 9.0 : NAN;
    }
    std::vector<std::int32_t> r;
    const std::size_t ranked = competition_ranks(s, r);
    EXPECT_EQ(r, by_definition(s));
    std::size_t finite = 0;
    for (double x : s) finite += std::isnan(x) ? 0 : 1;
    EXPECT_EQ(ranked, finite);
}

TEST(CompetitionRanks, AllEqualAllMissingAndOne) {
    std::vector<std::int32_t> r;
    EXPECT_EQ(competition_ranks({2.0, 2.0, 2.0}, r), 3u);
    EXPECT_EQ(r, (std::vector<std::int32_t>{1, 1, 1}));
    EXPECT_EQ(competition_ranks({NAN, NAN}, r), 0u);
    EXPECT_EQ(r, (std::vector<std::int32_t>{0, 0}));
    EXPECT_EQ(competition_ranks({-0.0, 0.0, 4.0}, r), 3u);  // -0 == +0: one tie
    EXPECT_EQ(r, (std::vector<std::int32_t>{2, 2, 1}));
    EXPECT_EQ(competition_ranks({}, r), 0u);
    EXPECT_TRUE(r.empty());
}
