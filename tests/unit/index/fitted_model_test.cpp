// The units' model applied to new rows (index/fitted_model.hpp).
#include <gtest/gtest.h>

#include <cmath>

#include "index/composite.hpp"
#include "index/fitted_model.hpp"
#include "support/index_fixtures.hpp"

using namespace leefbaar;
using namespace leefbaar::index;
using test::ind;
using test::set_column;

// A geometric index over arithmetic domain scores shifts the domain-score columns
// (min-max domains reach 0, so by 1). One unit rescored alone must use the units'
// shifts, not its own column's (which would be 0 unless its score is 0): it then
// scores exactly as in the result.
TEST(FittedModel, OneRowScoresWithTheUnitsDomainShifts) {
    FeatureTable t;
    t.resize(5);
    set_column(t, "a", {0, 1, 2, 3, 4});
    set_column(t, "b", {4, 0, 3, 1, 2});
    IndexOptions o;
    o.indicators = {ind("a", "d1"), ind("b", "d2")};
    o.domains = {{"d1", "D1", 1}, {"d2", "D2", 1}};
    o.outliers.method = OutlierMethod::None;
    o.index_aggregation = Aggregation::Geometric;
    IndexModel m(t, o);
    const auto det = compute_index(t, m);
    const auto f = fit_model(m, det);
    for (std::size_t u = 0; u < 5; ++u) {
        const auto s = score_new(m, det, f, {{m.raw(0)[u]}, {m.raw(1)[u]}});
        // Unit 1: d1 = 25, d2 = 0; shifted 26 and 1: sqrt(26 x 1) = 5.099.
        EXPECT_NEAR(s.index[0], det.index[u], 1e-12) << u;
    }
    EXPECT_NEAR(det.index[1], std::sqrt(26.0), 1e-12);
}
