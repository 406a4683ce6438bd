// The outputs of the explanations (project/explain_step.hpp): the fields, the JSON
// block and the report's cards: every unit up to 200 scored units, else the 20 lowest
// and 20 highest, and a page of reasonable size either way.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/field_names.hpp"
#include "index/explain.hpp"
#include "output/report.hpp"
#include "project/explain_step.hpp"
#include "support/index_fixtures.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using test::ind;
using test::set_column;

namespace {

// n units with a key, four indicators in two domains (a geometric index when asked).
struct Explained {
    FeatureTable t;
    std::unique_ptr<index::IndexModel> m;
    index::IndexResult det;
    index::Explanation ex;
    explicit Explained(std::size_t n, index::Aggregation agg = index::Aggregation::Arithmetic) {
        t.resize(n);
        auto& key = t.add_column("code", ColumnType::Text);
        for (std::size_t u = 0; u < n; ++u) key.set(u, "BU" + std::to_string(1000 + u));
        t.set_key_column("code");
        for (std::size_t c = 0; c < 4; ++c) {
            std::vector<double> v(n);
            for (std::size_t u = 0; u < n; ++u) v[u] = 50 + 40 * std::sin(0.37 * static_cast<double>(u * (c + 2)) + static_cast<double>(c));
            set_column(t, "x" + std::to_string(c), v);
        }
        index::IndexOptions o;
        o.indicators = {ind("x0", "d1"), ind("x1", "d1", index::Direction::LowerIsBetter), ind("x2", "d2"), ind("x3", "d2")};
        o.domains = {{"d1", "Domain one", 1}, {"d2", "Domain two", 1}};
        o.outliers.method = index::OutlierMethod::None;
        o.domain_aggregation = o.index_aggregation = agg;
        m = std::make_unique<index::IndexModel>(t, o);
        det = index::compute_index(t, *m);
        ex = index::explain_index(*m, det);
    }
    project::ExplainView view() const { return {t, *m, det, ex}; }
};


}  // namespace

TEST(ExplainStep, FieldsAndTopZero) {
    Explained e(30);
    FeatureTable t = e.t;
    project::add_explain_fields(t, e.view(), 2);
    for (const auto* f : {&fields::dist_mean, &fields::top_plus, &fields::top_minus, &fields::next_class, &fields::next_class_indicator,
                          &fields::next_class_change, &fields::next_class_domain, &fields::next_class_domain_change})
        EXPECT_TRUE(t.has_column(*f)) << *f;
    for (std::size_t u = 0; u < t.rows(); ++u) {
        EXPECT_NEAR(t.column(fields::dist_mean).as_double(u), e.ex.units[u].distance, 1e-12);
        // At most two entries in the list.
        EXPECT_LE(test::count_of(t.column(fields::top_plus).as_text(u), ";"), 1u);
    }
    FeatureTable t0 = e.t;
    project::add_explain_fields(t0, e.view(), 0);
    EXPECT_FALSE(t0.has_column(fields::top_plus));
    EXPECT_FALSE(t0.has_column(fields::top_minus));
    EXPECT_TRUE(t0.has_column(fields::next_class));
}

TEST(ExplainStep, JsonByKeyAddsUp) {
    Explained e(25, index::Aggregation::Geometric);
    const auto j = project::explain_json(e.view(), {});
    EXPECT_EQ(j["method"], "shapley");
    EXPECT_NE(j["statement"].get<std::string>().find("approximation"), std::string::npos);
    ASSERT_EQ(j["units"].size(), 25u);
    for (const auto& [key, u] : j["units"].items()) {
        double s = 0;
        for (const auto& [d, v] : u["domains"].items()) s += v.get<double>();
        EXPECT_NEAR(s, u["distance"].get<double>(), 1e-9) << key;
    }
}

TEST(ExplainStep, EveryCardUpTo200UnitsElseTheLowestAndHighest) {
    Explained small(57);
    const auto a = project::report_explain(small.view(), {});
    EXPECT_TRUE(a.all);
    EXPECT_EQ(a.cards.size(), 57u);
    for (std::size_t i = 1; i < a.cards.size(); ++i) EXPECT_LE(a.cards[i - 1].index, a.cards[i].index);

    Explained big(1000);
    const auto b = project::report_explain(big.view(), {});
    EXPECT_FALSE(b.all);
    ASSERT_EQ(b.cards.size(), 40u);
    std::vector<double> sorted = big.det.index;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_DOUBLE_EQ(b.cards.front().index, sorted.front());
    EXPECT_DOUBLE_EQ(b.cards[19].index, sorted[19]);
    EXPECT_DOUBLE_EQ(b.cards[20].index, sorted[sorted.size() - 20]);
    EXPECT_DOUBLE_EQ(b.cards.back().index, sorted.back());

    output::ReportOptions o;
    const auto figs = output::explain_figures(b, o);
    ASSERT_EQ(figs.size(), 1u);
    const std::string html = output::report_html(figs, o, "test");
    EXPECT_EQ(test::count_of(html, "class=\"area-card explain-card\""), 40u);
    EXPECT_NE(html.find("20 lowest and the 20 highest of the 1000 scored"), std::string::npos);
    EXPECT_LT(html.size(), 400000u);  // about 5 KB a card
}
