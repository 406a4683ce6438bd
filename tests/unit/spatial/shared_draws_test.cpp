// The shared permutation draws (spatial/permutation_draws.hpp): the tables hold
// uniform sets of distinct units and know which draws contain which unit, and the
// evaluation of a unit's draws through the sum of the drawn values (binary search
// over the sorted sums, moments from the table's) gives the same counts as
// evaluating every draw one by one, for every alternative. That the p-values are
// exact in distribution is checked against full enumeration in
// local_enumeration_test.cpp, for both schemes.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "spatial/local_inference.hpp"

using namespace leefbaar;

namespace {

// n units, unit i with 1 + i % kmax neighbours (the rows only count), equal weights.
PermutationRows rows_with_counts(std::size_t n, std::size_t kmax, double weight = 1.0) {
    PermutationRows r;
    r.offsets.assign(1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        r.weight.insert(r.weight.end(), 1 + i % kmax, weight);
        r.offsets.push_back(r.weight.size());
        r.self.push_back(0.0);
    }
    return r;
}

// A statistic affine in the drawn values' sum, with a slope of either sign and zero:
// S_i = a_i + b_i sum_j x_j, evaluated draw by draw (stat) or from the sum (lag).
struct Affine {
    const std::vector<double>* x;
    double a(std::size_t i) const { return std::sin(static_cast<double>(i)); }
    double b(std::size_t i) const { return i % 7 == 3 ? 0.0 : (i % 2 ? -1.0 : 1.0) * (0.5 + static_cast<double>(i % 5)); }
    void operator()(std::size_t i, const std::int32_t* idx, std::size_t k, double* out) const {
        double s = 0;
        for (std::size_t q = 0; q < k; ++q) s += (*x)[static_cast<std::size_t>(idx[q])];
        out[0] = a(i) + b(i) * s;
    }
};
struct AffineLag {
    Affine f;
    bool applies(std::size_t) const { return true; }
    void value(std::size_t i, double L, double* out) const { out[0] = f.a(i) + f.b(i) * L; }
    void slope(std::size_t i, double* out) const { out[0] = f.b(i); }
};

}  // namespace

TEST(SharedDraws, TablesHoldDistinctUnitsAndIndexThem) {
    const std::size_t n = 40, perms = 4000;
    const auto rows = rows_with_counts(n, 12);  // 4k > n for k >= 11: the Fisher-Yates branch too
    std::vector<char> tested(n, 1);
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(i * i % 17);
    const detail::DrawTables tables(rows, tested, perms, 5, x.data());
    for (std::size_t k : {1u, 4u, 11u, 12u}) {
        const auto& t = tables.of(k);
        ASSERT_EQ(t.k, k);
        ASSERT_EQ(t.size(), perms);
        std::vector<std::size_t> seen(n, 0);
        std::map<std::size_t, std::vector<std::uint32_t>> containing;
        for (std::size_t p = 0; p < perms; ++p) {
            double sum = 0;
            for (std::size_t a = 0; a < k; ++a) {
                const auto j = static_cast<std::size_t>(t.draw(p)[a]);
                for (std::size_t b = 0; b < a; ++b) ASSERT_NE(t.draw(p)[b], t.draw(p)[a]) << "k " << k << " draw " << p;
                ++seen[j];
                containing[j].push_back(static_cast<std::uint32_t>(p));
                sum += x[j];
            }
            EXPECT_EQ(t.sum[p], sum);
        }
        for (std::size_t r = 1; r < perms; ++r) EXPECT_LE(t.sorted[r - 1], t.sorted[r]);
        // Each unit is in a draw with probability k / n: a binomial count, within 5 sd.
        const double e = static_cast<double>(perms * k) / static_cast<double>(n);
        const double sd = std::sqrt(e * (1 - static_cast<double>(k) / static_cast<double>(n)));
        for (std::size_t j = 0; j < n; ++j) {
            EXPECT_NEAR(static_cast<double>(seen[j]), e, 5 * sd + 1e-9) << "k " << k << " unit " << j;
            EXPECT_EQ(t.draws_containing(j), containing[j]);
        }
    }
}

TEST(SharedDraws, SumEvaluationCountsAsEveryDrawEvaluated) {
    // Small n: many draws contain the unit and are replaced; larger n: few are.
    for (std::size_t n : {30u, 2000u}) {
        const auto rows = rows_with_counts(n, 6, 0.25);
        std::vector<double> x(n), obs(n), centre(n);
        for (std::size_t i = 0; i < n; ++i) x[i] = std::cos(0.7 * static_cast<double>(i * i)) + 0.01 * static_cast<double>(i);
        const Affine f{&x};
        double total = 0;
        for (double v : x) total += v;
        for (std::size_t i = 0; i < n; ++i) {
            // The observed value: the unit's first rows.count(i) successors; the centre
            // the exact permutation mean.
            double s = 0;
            for (std::size_t q = 1; q <= rows.count(i); ++q) s += x[(i + q) % n];
            obs[i] = f.a(i) + f.b(i) * s;
            centre[i] = f.a(i) + f.b(i) * static_cast<double>(rows.count(i)) * (total - x[i]) / static_cast<double>(n - 1);
        }
        for (auto alt : {Alternative::TwoSided, Alternative::Doubled, Alternative::Folded, Alternative::Greater, Alternative::Less}) {
            LocalInferenceOptions o;
            o.permutations = 499;
            o.alternative = alt;
            const auto each = conditional_permutation<1>(rows, {&obs}, o, f, {}, x.data(), {&centre});
            const auto lag = conditional_permutation<1>(rows, {&obs}, o, f, {}, x.data(), {&centre}, AffineLag{f});
            EXPECT_EQ(each[0].p, lag[0].p) << "n " << n << " " << to_string(alt);
            for (std::size_t i = 0; i < n; ++i) {
                const double scale = 1 + std::fabs(each[0].mean[i]) + each[0].sd[i];
                EXPECT_NEAR(each[0].mean[i], lag[0].mean[i], 1e-12 * scale) << "unit " << i;
                EXPECT_NEAR(each[0].sd[i], lag[0].sd[i], 1e-9 * scale) << "unit " << i;
            }
        }
    }
}

TEST(SharedDraws, TiesAtTheObservedValueCountTheSameBothWays) {
    // Integer values: many draws have exactly the observed sum.
    const std::size_t n = 60;
    const auto rows = rows_with_counts(n, 4);
    std::vector<double> x(n), obs(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>((i * 7) % 3);
    const Affine f{&x};
    for (std::size_t i = 0; i < n; ++i) obs[i] = f.a(i) + f.b(i) * static_cast<double>(rows.count(i));
    for (auto alt : {Alternative::TwoSided, Alternative::Doubled, Alternative::Greater, Alternative::Less}) {
        LocalInferenceOptions o;
        o.permutations = 999;
        o.alternative = alt;
        const auto each = conditional_permutation<1>(rows, {&obs}, o, f, {}, x.data());
        const auto lag = conditional_permutation<1>(rows, {&obs}, o, f, {}, x.data(), {}, AffineLag{f});
        EXPECT_EQ(each[0].p, lag[0].p) << to_string(alt);
    }
}

TEST(SharedDraws, ThreadCountAndSchemeAreHonoured) {
    const std::size_t n = 500;
    const auto rows = rows_with_counts(n, 8);
    std::vector<double> x(n), obs(n);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = std::sin(static_cast<double>(i));
        obs[i] = 2.0 * x[i];
    }
    const Affine f{&x};
    LocalInferenceOptions o;
    o.threads = 1;
    const auto one = conditional_permutation<1>(rows, {&obs}, o, f, {}, x.data(), {}, AffineLag{f});
    o.threads = 2;
    const auto two = conditional_permutation<1>(rows, {&obs}, o, f, {}, x.data(), {}, AffineLag{f});
    EXPECT_EQ(one[0].p, two[0].p);
    EXPECT_EQ(one[0].mean, two[0].mean);  // (z_sim is NaN where the slope is 0)
    o.draws = PermutationDraws::Independent;
    const auto ind = conditional_permutation<1>(rows, {&obs}, o, f, {}, x.data());
    EXPECT_NE(one[0].p, ind[0].p);  // another scheme, other draws
    EXPECT_EQ(parse_draws("shared"), PermutationDraws::Shared);
    EXPECT_EQ(parse_draws("independent"), PermutationDraws::Independent);
    EXPECT_THROW(parse_draws("lookup"), UsageError);
}

TEST(SharedDraws, TooLargeATableIsRefusedWithAHint) {
    // 20 neighbour counts (1..20) x 10^6 permutations: about 2.5 GB of draws.
    const auto rows = rows_with_counts(100, 20);
    std::vector<char> tested(100, 1);
    try {
        detail::DrawTables t(rows, tested, 1000000, 1, nullptr);
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("1000000 permutations"), std::string::npos) << e.what();
        EXPECT_NE(e.hint().find("independent"), std::string::npos) << e.hint();
    }
}
