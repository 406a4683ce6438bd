// Per-unit explanations of the index (index/explain.hpp): contributions worked by
// hand, efficiency of the Shapley values, and next-class moves checked by rescoring
// the changed raw value with the units' fitted model.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/random.hpp"
#include "index/aggregate.hpp"
#include "index/composite.hpp"
#include "index/explain.hpp"
#include "index/fitted_model.hpp"
#include "support/index_fixtures.hpp"

using namespace leefbaar;
using namespace leefbaar::index;
using test::set_column;
using test::ind;

namespace {

double sum(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
}

// Units A, B, C, D; domain d1: a (higher is better), b (lower is better); domain d2: c.
FeatureTable hand_table() {
    FeatureTable t;
    t.resize(4);
    set_column(t, "a", {0, 10, 20, 40});
    set_column(t, "b", {10, 0, 5, 10});
    set_column(t, "c", {2, 4, 6, 10});
    return t;
}

IndexOptions hand_options() {
    IndexOptions o;
    o.indicators = {ind("a", "d1"), ind("b", "d1", Direction::LowerIsBetter), ind("c", "d2")};
    o.domains = {{"d1", "Domain 1", 1}, {"d2", "Domain 2", 1}};
    o.outliers.method = OutlierMethod::None;
    o.classes.method = ClassMethod::UserBreaks;
    o.classes.breaks = {60, 70};
    return o;
}

// n units, seven indicators in three domains with unequal weights; `holes` puts a
// missing value in x1 of unit 3 and in x5 of unit 8.
FeatureTable random_table(std::size_t n, bool holes) {
    FeatureTable t;
    t.resize(n);
    for (std::size_t c = 0; c < 7; ++c) {
        auto rng = stream_for(42, c);
        std::vector<double> v(n);
        for (auto& x : v) x = 10.0 * static_cast<double>(c + 1) * uniform01(rng) + static_cast<double>(c);
        if (holes && c == 1) v[3] = NAN;
        if (holes && c == 5) v[8] = NAN;
        set_column(t, "x" + std::to_string(c), v);
    }
    return t;
}

IndexOptions random_options(Aggregation dom, Aggregation idx) {
    IndexOptions o;
    o.indicators = {ind("x0", "d1", Direction::HigherIsBetter, 2), ind("x1", "d1", Direction::LowerIsBetter, 1),
                    ind("x2", "d1", Direction::HigherIsBetter, 0.5), ind("x3", "d2", Direction::HigherIsBetter, 1),
                    ind("x4", "d2", Direction::LowerIsBetter, 3), ind("x5", "d3", Direction::HigherIsBetter, 1),
                    ind("x6", "d3", Direction::HigherIsBetter, 1)};
    o.domains = {{"d1", "Domain 1", 2}, {"d2", "Domain 2", 1}, {"d3", "Domain 3", 1.5}};
    o.weighting = Weighting::Explicit;
    o.outliers.method = OutlierMethod::None;
    o.domain_aggregation = dom;
    o.index_aggregation = idx;
    o.classes.method = ClassMethod::Quantiles;
    o.classes.classes = 5;
    return o;
}

struct Scored {
    FeatureTable t;
    std::unique_ptr<IndexModel> m;
    IndexResult det;
    Scored(FeatureTable table, IndexOptions o) : t(std::move(table)) {
        m = std::make_unique<IndexModel>(t, std::move(o));
        det = compute_index(t, *m);
    }
};

void expect_efficient(const Scored& r, const Explanation& x, const std::string& what) {
    for (std::size_t u = 0; u < r.m->units(); ++u) {
        const auto& e = x.units[u];
        ASSERT_FALSE(std::isnan(e.distance)) << what << " unit " << u;
        EXPECT_NEAR(e.index, r.det.index[u], 1e-9) << what << " unit " << u;
        EXPECT_NEAR(sum(e.domain), e.distance, 1e-12) << what << " unit " << u;
        EXPECT_NEAR(sum(e.indicator), e.distance, 1e-12) << what << " unit " << u;
    }
}

}  // namespace

TEST(ExplainArithmetic, FourUnitsByHand) {
    // Min-max: a -> 0, 25, 50, 100 (mean 43.75); b 10, 0, 5, 10 -> 100, 0, 50, 100,
    // reversed -> 0, 100, 50, 0 (mean 37.5); c over 2..10 -> 0, 25, 50, 100 (mean 43.75).
    // d1 = (a + b)/2: 0, 62.5, 50, 50; d2 = c; index = (d1 + d2)/2: 0, 43.75, 50, 75,
    // mean 42.1875. Effective weights a 1/4, b 1/4, c 1/2, so c_i = W_i (n_i - mean_i):
    //   A: a 1/4 (0 - 43.75) = -10.9375, b 1/4 (0 - 37.5) = -9.375, c 1/2 (0 - 43.75) = -21.875
    //   B: a -4.6875, b 1/4 (100 - 37.5) = 15.625, c 1/2 (25 - 43.75) = -9.375
    //   C: a 1.5625, b 3.125, c 3.125
    //   D: a 14.0625, b -9.375, c 28.125
    // and each row sums to index - 42.1875.
    Scored r(hand_table(), hand_options());
    const auto x = explain_index(*r.m, r.det);
    EXPECT_EQ(x.method, ContributionMethod::Linear);
    EXPECT_NEAR(x.baseline_norm[0], 43.75, 1e-12);
    EXPECT_NEAR(x.baseline_norm[1], 37.5, 1e-12);
    EXPECT_NEAR(x.baseline_norm[2], 43.75, 1e-12);
    const double want[4][3] = {{-10.9375, -9.375, -21.875}, {-4.6875, 15.625, -9.375}, {1.5625, 3.125, 3.125}, {14.0625, -9.375, 28.125}};
    const double index[4] = {0, 43.75, 50, 75};
    for (std::size_t u = 0; u < 4; ++u) {
        const auto& e = x.units[u];
        EXPECT_NEAR(e.baseline, 42.1875, 1e-12) << u;
        EXPECT_NEAR(e.distance, index[u] - 42.1875, 1e-12) << u;
        for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(e.indicator[i], want[u][i], 1e-12) << u << " " << i;
        EXPECT_NEAR(e.domain[0], want[u][0] + want[u][1], 1e-12) << u;
        EXPECT_NEAR(e.domain[1], want[u][2], 1e-12) << u;
    }
    // B: strongest b (+15.625), weakest c (-9.375); A has no positive contribution.
    EXPECT_EQ(x.units[1].strongest, 1u);
    EXPECT_EQ(x.units[1].weakest, 2u);
    EXPECT_EQ(x.units[0].strongest, kNoIndicator);
    EXPECT_EQ(x.units[0].weakest, 2u);

    // Breaks 60, 70: A 0, B 43.75 and C 50 in class 1 (target 60), D 75 in class 3 (top).
    // B needs +16.25 on the index: a +65 -> 90 = raw 36 (change 26); b is at 100
    // already (not reachable); c +32.5 -> 57.5 = raw 2 + 0.575 x 8 = 6.6 (change 2.6).
    // Raw SDs: a sqrt(875/3) = 17.078, c sqrt(35/3) = 3.4157: c moves least (0.761 SD).
    const auto& b = x.units[1];
    EXPECT_EQ(b.cls, 1);
    EXPECT_DOUBLE_EQ(b.target, 60);
    EXPECT_EQ(b.next, NextClass::OneIndicator);
    EXPECT_EQ(b.moves[0].status, MoveStatus::Reaches);
    EXPECT_NEAR(b.moves[0].raw_new, 36, 1e-9);
    EXPECT_NEAR(b.moves[0].raw_change, 26, 1e-9);
    EXPECT_EQ(b.moves[1].status, MoveStatus::NotReachable);
    EXPECT_NEAR(b.moves[2].norm_new, 57.5, 1e-9);
    EXPECT_NEAR(b.moves[2].relative, 2.6 / std::sqrt(35.0 / 3), 1e-9);
    EXPECT_EQ(b.best_indicator, 2u);
    EXPECT_NEAR(b.raw_new, 6.6, 1e-9);
    EXPECT_NEAR(b.raw_change, 2.6, 1e-9);
    // Domains: d1 to 2 x 60 - 25 = 95 (+32.5), d2 to 2 x 60 - 62.5 = 57.5 (+32.5): a tie, the first wins.
    EXPECT_NEAR(b.domain_moves[0].score_new, 95, 1e-9);
    EXPECT_NEAR(b.domain_moves[1].score_new, 57.5, 1e-9);
    EXPECT_EQ(b.best_domain, 0u);
    EXPECT_NEAR(b.domain_change, 32.5, 1e-9);
    // C (50, +10): b +40 -> 90 means raw 1 (change -4, lower is better); c +20 -> raw 7.6 (change 1.6) is best.
    EXPECT_NEAR(x.units[2].moves[1].raw_new, 1, 1e-9);
    EXPECT_NEAR(x.units[2].moves[1].raw_change, -4, 1e-9);
    EXPECT_EQ(x.units[2].best_indicator, 2u);
    EXPECT_NEAR(x.units[2].raw_new, 7.6, 1e-9);
    // A (0) would need c at 120 and either domain at 120 > 100: no single indicator or domain suffices.
    const auto& a = x.units[0];
    EXPECT_EQ(a.next, NextClass::NotReachable);
    EXPECT_EQ(a.status, "not reachable with one indicator");
    for (const auto& mv : a.moves) EXPECT_EQ(mv.status, MoveStatus::NotReachable);
    for (const auto& dm : a.domain_moves) EXPECT_EQ(dm.status, MoveStatus::NotReachable);
    EXPECT_EQ(a.best_indicator, kNoIndicator);
    EXPECT_EQ(a.best_domain, kNoIndicator);
    // D is in the top class.
    EXPECT_EQ(x.units[3].next, NextClass::TopClass);
    EXPECT_EQ(x.units[3].best_indicator, kNoIndicator);
    EXPECT_TRUE(std::isnan(x.units[3].target));
    for (const auto& mv : x.units[3].moves) EXPECT_EQ(mv.status, MoveStatus::NotApplicable);
}

TEST(ExplainArithmetic, ContributionsSumToIndexMinusMeanIndex) {
    Scored r(random_table(40, false), random_options(Aggregation::Arithmetic, Aggregation::Arithmetic));
    const auto x = explain_index(*r.m, r.det);
    double mean_index = 0;
    for (double v : r.det.index) mean_index += v / 40.0;
    for (std::size_t u = 0; u < 40; ++u) {
        // With no missing values the mean unit's index is the mean index (the index is linear).
        EXPECT_NEAR(sum(x.units[u].indicator), r.det.index[u] - mean_index, 1e-12) << u;
        EXPECT_NEAR(sum(x.units[u].domain), r.det.index[u] - mean_index, 1e-12) << u;
    }
}

TEST(ExplainArithmetic, AMissingValueRenormalisesTheBaselineToo) {
    Scored r(random_table(40, true), random_options(Aggregation::Arithmetic, Aggregation::Arithmetic));
    const auto x = explain_index(*r.m, r.det);
    expect_efficient(r, x, "arithmetic with holes");
    // Unit 3 lacks x1 (domain d1: x0 weight 2, x2 weight 0.5 remain): its baseline is
    // the mean unit with the same gap, written out here from the means.
    const auto& m = x.baseline_norm;
    const double d1 = (2 * m[0] + 0.5 * m[2]) / 2.5, d2 = (m[3] + 3 * m[4]) / 4, d3 = (m[5] + m[6]) / 2;
    EXPECT_NEAR(x.units[3].baseline, (2 * d1 + d2 + 1.5 * d3) / 4.5, 1e-12);
    EXPECT_EQ(x.units[3].indicator[1], 0.0);
    double mean_index = 0;
    for (double v : r.det.index) mean_index += v / 40.0;
    EXPECT_GT(std::abs(x.units[3].distance - (r.det.index[3] - mean_index)), 1e-6);  // the gap matters
}

TEST(ExplainShapley, EfficiencyForEveryNonLinearAggregation) {
    const std::pair<Aggregation, Aggregation> cases[] = {{Aggregation::Geometric, Aggregation::Geometric},
                                                         {Aggregation::Arithmetic, Aggregation::Geometric},
                                                         {Aggregation::Geometric, Aggregation::Arithmetic},
                                                         {Aggregation::Harmonic, Aggregation::Harmonic},
                                                         {Aggregation::Arithmetic, Aggregation::Harmonic}};
    for (const auto& [dom, idx] : cases) {
        Scored r(random_table(40, true), random_options(dom, idx));
        const auto x = explain_index(*r.m, r.det);
        EXPECT_EQ(x.method, ContributionMethod::Shapley);
        expect_efficient(r, x, std::string(to_string(dom)) + "/" + to_string(idx));
    }
}

TEST(ExplainShapley, IdenticalDomainsGetEqualValues) {
    // p and q are the same column in two domains of equal weight: symmetric players.
    FeatureTable t = random_table(30, false);
    std::vector<double> x0(30);
    for (std::size_t u = 0; u < 30; ++u) x0[u] = t.column("x0").as_double(u);
    set_column(t, "p", x0);
    set_column(t, "q", x0);
    IndexOptions o;
    o.indicators = {ind("p", "dp"), ind("q", "dq"), ind("x3", "dr"), ind("x4", "dr")};
    o.domains = {{"dp", "P", 1}, {"dq", "Q", 1}, {"dr", "R", 1}};
    o.outliers.method = OutlierMethod::None;
    o.domain_aggregation = Aggregation::Geometric;
    o.index_aggregation = Aggregation::Geometric;
    Scored r(std::move(t), o);
    const auto x = explain_index(*r.m, r.det);
    for (std::size_t u = 0; u < 30; ++u) {
        EXPECT_NEAR(x.units[u].domain[0], x.units[u].domain[1], 1e-12) << u;
        EXPECT_NEAR(x.units[u].indicator[0], x.units[u].indicator[1], 1e-12) << u;
    }
    expect_efficient(r, x, "symmetric");
}

TEST(ExplainShapley, OnAnArithmeticIndexEqualsTheLinearDecomposition) {
    Scored r(random_table(40, true), random_options(Aggregation::Arithmetic, Aggregation::Arithmetic));
    const auto linear = explain_index(*r.m, r.det);
    ExplainOptions o;
    o.shapley_always = true;  // the Shapley code path, within the domains too
    const auto shapley = explain_index(*r.m, r.det, o);
    ASSERT_EQ(linear.method, ContributionMethod::Linear);
    ASSERT_EQ(shapley.method, ContributionMethod::Shapley);
    for (std::size_t u = 0; u < 40; ++u) {
        for (std::size_t d = 0; d < 3; ++d) EXPECT_NEAR(shapley.units[u].domain[d], linear.units[u].domain[d], 1e-12) << u;
        for (std::size_t i = 0; i < 7; ++i) EXPECT_NEAR(shapley.units[u].indicator[i], linear.units[u].indicator[i], 1e-12) << u;
    }
}

namespace {

// The raw value of the unit with the best normalised value of indicator i.
double best_raw(const Scored& r, std::size_t i) {
    std::size_t best = 0;
    for (std::size_t u = 1; u < r.m->units(); ++u)
        if (r.det.variant.norm[i][u] > r.det.variant.norm[i][best]) best = u;
    return r.m->raw(i)[best];
}

// Every reported move of every unit without missing values, rescored with the
// units' fitted model (score_new), lands on the target; so does every domain move.
// An indicator reported as not reachable stays below the target even at the best
// unit's raw value.
void expect_moves_reach_target(const Scored& r, const Explanation& x, const std::string& what, std::size_t min_checked = 10) {
    const auto f = fit_model(*r.m, r.det);
    const std::size_t k = r.m->indicator_count();
    std::size_t checked = 0;
    for (std::size_t u = 0; u < r.m->units(); ++u) {
        const auto& e = x.units[u];
        bool complete = true;
        for (std::size_t i = 0; i < k; ++i) complete = complete && !std::isnan(r.m->raw(i)[u]);
        if (e.next == NextClass::TopClass || !complete) continue;
        for (std::size_t i = 0; i < k; ++i) {
            if (e.moves[i].status != MoveStatus::Reaches && e.moves[i].status != MoveStatus::NotReachable) continue;
            std::vector<std::vector<double>> raw(k);
            for (std::size_t j = 0; j < k; ++j) raw[j] = {r.m->raw(j)[u]};
            if (e.moves[i].status == MoveStatus::NotReachable) {
                raw[i][0] = best_raw(r, i);
                EXPECT_LT(score_new(*r.m, r.det, f, raw).index[0], e.target) << what << " unit " << u << " indicator " << i;
                continue;
            }
            raw[i][0] = e.moves[i].raw_new;
            const auto s = score_new(*r.m, r.det, f, raw);
            EXPECT_NEAR(s.index[0], e.target, 1e-9) << what << " unit " << u << " indicator " << i;
            EXPECT_NEAR(s.norm[i][0], e.moves[i].norm_new, 1e-9) << what << " unit " << u << " indicator " << i;
            ++checked;
        }
        const auto& o = r.m->options();
        for (std::size_t d = 0; d < r.m->domain_count(); ++d) {
            if (e.domain_moves[d].status != MoveStatus::Reaches) continue;
            std::vector<double> v, w;
            for (std::size_t q = 0; q < r.m->domain_count(); ++q) {
                const double shift = column_shift(r.det.domain_scores[q], o.index_aggregation);
                v.push_back((q == d ? e.domain_moves[d].score_new : r.det.domain_scores[q][u]) + shift);
                w.push_back(r.m->domain_weights()[q]);
            }
            EXPECT_NEAR(aggregate(v.data(), w.data(), v.size(), o.index_aggregation), e.target, 1e-9) << what << " unit " << u;
        }
    }
    EXPECT_GE(checked, min_checked) << what;
}

// The data of the areas' treatment test: s is log transformed (COINr's rule fails and
// winsorising five points does not fix it), w winsorised (one extreme), p plain.
FeatureTable treated_table() {
    const std::size_t n = 30;
    FeatureTable t;
    t.resize(n);
    std::vector<double> skewed(n), one_outlier(n), plain(n), other(n);
    for (std::size_t u = 0; u < n; ++u) {
        skewed[u] = u < 22 ? 1.0 + 0.01 * static_cast<double>(u) : std::pow(10.0, static_cast<double>(u) - 21.0);
        one_outlier[u] = u == 7 ? 400.0 : 10.0 + static_cast<double>(u % 7);
        plain[u] = static_cast<double>((u * 7) % 11);
        other[u] = static_cast<double>((u * 5) % 13) + 0.5 * static_cast<double>(u);
    }
    set_column(t, "s", skewed);
    set_column(t, "w", one_outlier);
    set_column(t, "p", plain);
    set_column(t, "o", other);
    return t;
}

}  // namespace

TEST(ExplainNextClass, RescoringTheChangedRawValueReachesTheBoundary) {
    const std::pair<Aggregation, Aggregation> aggs[] = {{Aggregation::Arithmetic, Aggregation::Arithmetic},
                                                        {Aggregation::Geometric, Aggregation::Geometric},
                                                        {Aggregation::Arithmetic, Aggregation::Geometric},
                                                        {Aggregation::Harmonic, Aggregation::Harmonic}};
    for (const auto& [dom, idx] : aggs) {
        Scored r(random_table(40, true), random_options(dom, idx));
        expect_moves_reach_target(r, explain_index(*r.m, r.det), std::string("random ") + to_string(dom) + "/" + to_string(idx));
        for (const auto norm : {Normalisation::MinMax, Normalisation::ZScore}) {
            IndexOptions o;
            o.indicators = {ind("s", "d1"), ind("w", "d1", Direction::LowerIsBetter), ind("p", "d2"), ind("o", "d2")};
            o.domains = {{"d1", "Domain 1", 1}, {"d2", "Domain 2", 1}};
            o.outliers.method = OutlierMethod::Coinr;
            o.normalisation = norm;
            o.domain_aggregation = dom;
            o.index_aggregation = idx;
            Scored t(treated_table(), o);
            ASSERT_EQ(t.det.variant.outliers[0].treatment, "log");
            ASSERT_EQ(t.det.variant.outliers[1].treatment, "winsorised");
            const auto x = explain_index(*t.m, t.det);
            const std::string what = std::string("treated ") + to_string(norm) + " " + to_string(dom) + "/" + to_string(idx);
            expect_moves_reach_target(t, x, what);
            // The log-transformed indicator is inverted (exp) for some units; the treatment's
            // bounds stop some others.
            std::size_t log_moves = 0, capped = 0;
            for (const auto& e : x.units) {
                if (e.next == NextClass::TopClass) continue;
                log_moves += e.moves[0].status == MoveStatus::Reaches;
                capped += e.moves[0].status == MoveStatus::NotReachable || e.moves[1].status == MoveStatus::NotReachable;
            }
            EXPECT_GT(log_moves, 0u) << what;
            EXPECT_GT(capped, 0u) << what;
        }
    }
}

TEST(ExplainNextClass, GoalpostsSaturateAt100) {
    // Goalposts 0..10 on c: B's c (4) may rise to 10 at most (normalised 100).
    IndexOptions o = hand_options();
    o.indicators[2].normalisation = Normalisation::Goalposts;
    o.indicators[2].goal_low = 0;
    o.indicators[2].goal_high = 10;
    Scored r(hand_table(), o);
    const auto x = explain_index(*r.m, r.det);
    // c -> 20, 40, 60, 100; index B = (62.5 + 40)/2 = 51.25: target 60 needs c at 57.5, raw 5.75.
    EXPECT_NEAR(x.units[1].moves[2].raw_new, 5.75, 1e-9);
    // A: index (0 + 20)/2 = 10 would need c at 120 > 100: not reachable.
    EXPECT_EQ(x.units[0].moves[2].status, MoveStatus::NotReachable);
    expect_moves_reach_target(r, x, "goalposts", 4);
}

TEST(ExplainNextClass, RankNormalisationIsNotInverted) {
    IndexOptions o = random_options(Aggregation::Arithmetic, Aggregation::Arithmetic);
    o.normalisation = Normalisation::PercentileRank;
    Scored r(random_table(40, false), o);
    const auto x = explain_index(*r.m, r.det);
    std::size_t below_top = 0;
    for (const auto& e : x.units) {
        if (e.next == NextClass::TopClass) continue;
        ++below_top;
        EXPECT_EQ(e.next, NextClass::RankNormalisation);
        EXPECT_EQ(e.status, "not available for rank normalisation");
        for (const auto& mv : e.moves) {
            EXPECT_EQ(mv.status, MoveStatus::RankNormalisation);
            EXPECT_TRUE(std::isnan(mv.raw_new));
        }
    }
    EXPECT_EQ(below_top, 32u);  // quintiles of 40 units: 8 in the top class
}

TEST(ExplainThreads, OneAndFourThreadsGiveIdenticalResults) {
    // A domain of 18 indicators: above max_exact_players, so its indicator values are
    // sampled from the (seed, unit) streams; the result must not depend on the threads.
    const std::size_t n = 300;
    FeatureTable t = random_table(n, true);
    IndexOptions o = random_options(Aggregation::Geometric, Aggregation::Harmonic);
    for (std::size_t c = 0; c < 18; ++c) {
        auto rng = stream_for(7, c);
        std::vector<double> v(n);
        for (auto& x : v) x = uniform01(rng) * static_cast<double>(c + 2);
        set_column(t, "y" + std::to_string(c), v);
        o.indicators.push_back(ind("y" + std::to_string(c), "d4"));
    }
    o.domains.push_back({"d4", "Domain 4", 1});
    Scored r(std::move(t), o);
    ExplainOptions one, four;
    one.threads = 1;
    four.threads = 4;
    one.permutations = four.permutations = 200;
    const auto a = explain_index(*r.m, r.det, one), b = explain_index(*r.m, r.det, four);
    expect_efficient(r, a, "sampled");
    for (std::size_t u = 0; u < n; ++u) {
        const auto &x = a.units[u], &y = b.units[u];
        EXPECT_EQ(x.distance, y.distance);
        EXPECT_EQ(x.domain, y.domain) << u;
        EXPECT_EQ(x.indicator, y.indicator) << u;
        EXPECT_EQ(x.best_indicator, y.best_indicator);
        EXPECT_TRUE(x.raw_new == y.raw_new || (std::isnan(x.raw_new) && std::isnan(y.raw_new))) << u;
        EXPECT_EQ(x.status, y.status);
    }
}

TEST(ExplainThreads, CancelledThroughTheProgress) {
    Scored r(random_table(40, false), random_options(Aggregation::Geometric, Aggregation::Geometric));
    Progress stop([](double f, const std::string&) { return f < 0.01; });
    EXPECT_THROW(explain_index(*r.m, r.det, {}, stop), Cancelled);
}
