// SKATER against published and computed reference partitions
// (/work/shared/data/spatial-stats-reference/README.md §5; copies in tests/data/cluster).
#include <gtest/gtest.h>

#include "cluster/skater.hpp"
#include "test_data.hpp"

using namespace leefbaar;
using namespace leefbaar::cluster;

namespace {

struct Case {
    DataMatrix m;
    Graph g;
};

Case mexico() {
    Case c;
    c.m = testdata::read_csv_columns("cluster/mexico.csv",
                                     {"pcgdp1950", "pcgdp1960", "pcgdp1970", "pcgdp1980", "pcgdp1990", "pcgdp2000"});
    const auto w = testdata::read_gal_rows("cluster/mexico_queen.gal", 32);
    c.g = induced_graph(w, testdata::identity_rows(c.m.n), c.m.n);
    return c;
}

Case columbus() {
    Case c;
    c.m = testdata::read_csv_columns("cluster/columbus.csv", {"crime", "inc", "hoval"});
    scale_columns(c.m, Scaling::ZScore);  // R's scale(): centre, divide by the n−1 standard deviation
    // columbus.gal ids are POLYID 1..49 = row + 1.
    const auto w = testdata::read_gal_rows("cluster/columbus_queen.gal", 49, 1);
    c.g = induced_graph(w, testdata::identity_rows(c.m.n), c.m.n);
    return c;
}

}  // namespace

TEST(Skater, MexicoQueenHas138Links) {
    // README §5: queen contiguity of mexicojoin.shp, 138 directed links.
    EXPECT_EQ(mexico().g.edges() * 2, 138u);
}

TEST(Skater, MexicoReproducesSpoptLabels) {
    // Published: spopt tests/test_region/test_skater.py::test_skater_defaults (Manhattan,
    // unscaled PCGDP1950…2000, 5 regions, reduction = sum, center = mean).
    const std::vector<int> spopt{0, 0, 1, 2, 2, 1, 1, 1, 1, 1, 3, 2, 1, 1, 1, 1, 4, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1};
    auto c = mexico();
    auto r = skater(c.m, c.g, 5, TreeCost::Distance, Distance::Manhattan, {});
    EXPECT_TRUE(testdata::same_partition(r.labels, spopt));
}

TEST(Skater, MexicoReproducesSpdepSswSequence) {
    // Computed with spdep 1.2-7 (README §5): SSW after 0…4 cuts, printed to 7 significant digits.
    auto c = mexico();
    auto r = skater(c.m, c.g, 5, TreeCost::Distance, Distance::Manhattan, {});
    const std::vector<double> spdep{1109115, 844543.5, 679727, 601130.3, 551180};
    ASSERT_EQ(r.objective.size(), spdep.size());
    for (std::size_t i = 0; i < spdep.size(); ++i) EXPECT_NEAR(r.objective[i], spdep[i], 0.5) << "after " << i << " cuts";
    const std::vector<int> groups{1, 1, 2, 5, 5, 2, 2, 2, 2, 2, 3, 5, 2, 2, 2, 2, 4, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 1, 2, 2};
    EXPECT_TRUE(testdata::same_partition(r.labels, groups));
}

TEST(Skater, ColumbusReproducesSpdep) {
    // Computed with spdep (README §5): queen, scale()d CRIME, INC, HOVAL, Euclidean, ncuts = 4.
    auto c = columbus();
    auto r = skater(c.m, c.g, 5, TreeCost::Distance, Distance::Euclidean, {});
    const std::vector<int> groups{5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 3, 2, 1, 3, 1,
                                  3, 1, 1, 3, 4, 2, 3, 1, 1, 1, 3, 2, 1, 1};
    EXPECT_TRUE(testdata::same_partition(r.labels, groups));
    const std::vector<double> ssw{74.79781, 66.68724, 59.79749, 55.77886, 51.78757};
    ASSERT_EQ(r.objective.size(), ssw.size());
    for (std::size_t i = 0; i < ssw.size(); ++i) EXPECT_NEAR(r.objective[i], ssw[i], 5e-5) << "after " << i << " cuts";
}
