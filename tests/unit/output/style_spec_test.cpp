// Which styles a layer gets, their classes and colours.
#include <gtest/gtest.h>

#include "core/field_names.hpp"
#include "fixtures.hpp"
#include "output/style_spec.hpp"

using namespace leefbaar;
using namespace leefbaar::output;

namespace {
const LayerStyle& find(const std::vector<LayerStyle>& v, const std::string& name) {
    for (const auto& s : v)
        if (s.name == name) return s;
    throw std::runtime_error("no style " + name);
}
}  // namespace

TEST(QuantileEdges, MatchesRType7) {
    // R: quantile(1:10, c(.2, .4, .6, .8)) = 2.8 4.6 6.4 8.2 (type 7, Hyndman & Fan 1996):
    // h = 9 p; p = 0.2 -> h = 1.8 -> x[2] + 0.8 (x[3] - x[2]) = 2 + 0.8 = 2.8 (1-based x).
    Column c = Column::make("x", ColumnType::Float64, 10);
    for (std::size_t i = 0; i < 10; ++i) c.set(i, static_cast<double>(i + 1));
    const auto e = quantile_edges(c, 5);
    ASSERT_EQ(e.size(), 6u);
    const double want[] = {1, 2.8, 4.6, 6.4, 8.2, 10};
    for (std::size_t i = 0; i < 6; ++i) EXPECT_NEAR(e[i], want[i], 1e-12) << i;
}

TEST(QuantileEdges, RepeatedValuesMergeClassesAndNullsAreIgnored) {
    Column c = Column::make("x", ColumnType::Float64, 6);
    for (std::size_t i = 0; i < 5; ++i) c.set(i, 3.0);  // row 5 stays null
    const auto e = quantile_edges(c, 5);
    ASSERT_EQ(e.size(), 2u);  // one class [3, 3]
    EXPECT_EQ(e[0], 3.0);
    EXPECT_TRUE(quantile_edges(Column::make("y", ColumnType::Float64, 3), 5).empty());
}

TEST(Palettes, ColorBrewerRdYlBuAndLisaColoursAsPublished) {
    // ColorBrewer 2.0, RdYlBu 5-class: d7191c fdae61 ffffbf abd9e9 2c7bb6.
    EXPECT_EQ(diverging_ramp(5), (std::vector<std::string>{"#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"}));
    EXPECT_EQ(diverging_ramp(13).size(), 13u);
    // The colours issue 6 lists (GeoDa's LISA cluster map).
    EXPECT_EQ(lisa_colour("High-High"), "#ff0000");
    EXPECT_EQ(lisa_colour("Low-Low"), "#0000ff");
    EXPECT_EQ(lisa_colour("Low-High"), "#a7adf9");
    EXPECT_EQ(lisa_colour("High-Low"), "#f4ada8");
    EXPECT_EQ(lisa_colour("Not significant"), "#eeeeee");
    EXPECT_EQ(lisa_colour("No neighbours"), "#999999");
    EXPECT_EQ(lisa_colour("Undefined"), "#464646");
    EXPECT_EQ(gistar_label(3), "Hot spot, 99 % confidence");
    EXPECT_EQ(gistar_label(-1), "Cold spot, 90 % confidence");
}

TEST(DefaultStyles, UnitsLayerGetsIndexDomainsHotSpotsAndClusters) {
    const FeatureTable t = test::heerlen_units();
    const auto styles = default_styles(t, "buurten");
    ASSERT_EQ(styles.size(), 6u);  // index, 2 domains, LISA, Gi*, cluster
    EXPECT_EQ(styles[0].name, "index");
    EXPECT_TRUE(styles[0].is_default);
    for (std::size_t i = 1; i < styles.size(); ++i) EXPECT_FALSE(styles[i].is_default);

    // The index has its own classification (index_class = 1 + index / 19 on 0..56):
    // three classes spanning 0..18, 19..37, 38..56; ranges touch at the class maxima.
    const LayerStyle& idx = find(styles, "index");
    EXPECT_EQ(idx.kind, RendererKind::Graduated);
    EXPECT_EQ(idx.group, kGroupIndex);
    ASSERT_EQ(idx.classes.size(), 3u);
    EXPECT_EQ(idx.classes[0].lower, 0.0);
    EXPECT_EQ(idx.classes[0].upper, 18.0);
    EXPECT_EQ(idx.classes[1].lower, 18.0);
    EXPECT_EQ(idx.classes[1].upper, 37.0);
    EXPECT_EQ(idx.classes[2].upper, 56.0);
    EXPECT_EQ(idx.classes[0].colour, "#fc8d59");  // RdYlBu 3-class

    // A domain without classification: 5 quantile classes of 0..56, edges at
    // h = 56 k / 5 = 11.2, 22.4, 33.6, 44.8 (type 7 on consecutive integers).
    const LayerStyle& dom = find(styles, "d_wonen");
    EXPECT_EQ(dom.group, kGroupDomains);
    EXPECT_EQ(dom.title, "Housing");  // Column::title wins over the generated title
    ASSERT_EQ(dom.classes.size(), 5u);
    EXPECT_NEAR(dom.classes[0].upper, 11.2, 1e-12);
    EXPECT_NEAR(dom.classes[3].upper, 44.8, 1e-12);

    const LayerStyle& lisa = find(styles, "lisa_index_cl");
    EXPECT_EQ(lisa.kind, RendererKind::Categorised);
    EXPECT_EQ(lisa.group, kGroupHotSpots);
    ASSERT_EQ(lisa.classes.size(), 7u);
    EXPECT_EQ(lisa.classes[0].value, "High-High");
    EXPECT_EQ(lisa.classes[0].colour, "#ff0000");

    const LayerStyle& gi = find(styles, "gi_index_bin");
    ASSERT_EQ(gi.classes.size(), 7u);
    EXPECT_EQ(gi.classes.front().value, "3");
    EXPECT_EQ(gi.classes.back().value, "-3");
    EXPECT_EQ(gi.classes[3].label, "Not significant");

    const LayerStyle& cl = find(styles, "cluster");
    EXPECT_EQ(cl.group, kGroupClusters);
    ASSERT_EQ(cl.classes.size(), 4u);  // 1 + r % 4
    EXPECT_EQ(cl.classes[0].value, "1");
    EXPECT_EQ(cl.classes[0].label, "Cluster 1");
}

TEST(DefaultStyles, ProjectBreaksOverrideTheDefaultClassification) {
    const FeatureTable t = test::heerlen_units();
    StyleOptions o;
    o.breaks["d_veiligheid"] = {10, 20, 30, 100};  // 100 is above the maximum 56: dropped
    const auto styles = default_styles(t, "buurten", o);
    const LayerStyle& s = find(styles, "d_veiligheid");
    ASSERT_EQ(s.classes.size(), 4u);
    EXPECT_EQ(s.classes[0].lower, 0.0);
    EXPECT_EQ(s.classes[0].upper, 10.0);
    EXPECT_EQ(s.classes[3].upper, 56.0);
}

TEST(DefaultStyles, RegionsAreCategorisedAndLabelled) {
    const FeatureTable t = test::heerlen_regions();
    const auto styles = default_styles(t, fields::regions_layer);
    ASSERT_EQ(styles.size(), 1u);
    EXPECT_EQ(styles[0].group, kGroupRegions);
    EXPECT_EQ(styles[0].classes.size(), 8u);
    EXPECT_TRUE(styles[0].label_is_expression);  // no name field: "Region <n>"
    EXPECT_EQ(styles[0].label_field, "'Region ' || \"cluster\"");
}

TEST(DefaultStyles, UnknownFieldsGetNoStyle) {
    FeatureTable t;
    t.resize(2);
    t.add_column("inwoners", ColumnType::Int64);
    EXPECT_TRUE(default_styles(t, "other").empty());
}
