// Which styles a layer gets, their classes and colours.
#include <gtest/gtest.h>

#include <cmath>

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

    // The index has its own classification (index_class = 1 + index / 19 on 0..56): the
    // map is categorised on index_class, one class per class number, in the colours of a
    // 3-class RdYlBu (ColorBrewer: fc8d59 ffffbf 91bfdb); no index_class_label, so
    // "class k".
    const LayerStyle& idx = find(styles, "index");
    EXPECT_EQ(idx.kind, RendererKind::Categorised);
    EXPECT_EQ(idx.field, fields::index_class);
    EXPECT_EQ(idx.group, kGroupIndex);
    EXPECT_EQ(idx.title, "Liveability index");
    ASSERT_EQ(idx.classes.size(), 3u);
    EXPECT_EQ(idx.classes[0].value, "1");
    EXPECT_EQ(idx.classes[2].value, "3");
    EXPECT_EQ(idx.classes[0].label, "class 1");
    EXPECT_EQ(idx.classes[0].colour, "#fc8d59");
    EXPECT_EQ(idx.classes[1].colour, "#ffffbf");
    EXPECT_EQ(idx.classes[2].colour, "#91bfdb");

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

TEST(DefaultStyles, IndexShowsEveryClassOfTheClassificationWithItsLabel) {
    // Issue 16: the Leefbaarometer's nine classes, also those without members, in the
    // colours of nine classes, labelled as the classification labels them. The data
    // (index_class 1..3) fill only the first three.
    FeatureTable t = test::heerlen_units();
    t.add_column(fields::index_class_label, ColumnType::Text);
    for (std::size_t r = 0; r < t.rows(); ++r)
        t.column(fields::index_class_label).set(r, "data label " + t.column(fields::index_class).as_text(r));
    const std::vector<std::string> lbm = {"zeer onvoldoende", "ruim onvoldoende", "onvoldoende", "zwak", "voldoende",
                                          "ruim voldoende", "goed", "zeer goed", "uitstekend"};
    StyleOptions o;
    o.index_class_labels = lbm;
    const LayerStyle idx = find(default_styles(t, "buurten", o), "index");
    ASSERT_EQ(idx.classes.size(), 9u);
    const auto ramp = diverging_ramp(9);  // ColorBrewer RdYlBu 9: d73027 ... 4575b4
    for (std::size_t k = 0; k < 9; ++k) {
        EXPECT_EQ(idx.classes[k].value, std::to_string(k + 1));
        EXPECT_EQ(idx.classes[k].label, lbm[k]);
        EXPECT_EQ(idx.classes[k].colour, ramp[k]);
    }
    EXPECT_EQ(idx.classes[0].colour, "#d73027");
    EXPECT_EQ(idx.classes[8].colour, "#4575b4");

    // Without the classification's labels (a GeoPackage styled afterwards): the classes
    // in the data, labelled from index_class_label.
    const LayerStyle from_data = find(default_styles(t, "buurten"), "index");
    ASSERT_EQ(from_data.classes.size(), 3u);
    EXPECT_EQ(from_data.classes[1].label, "data label 2");

    // Legend (QGIS and the report): the classes, then "no value" in the report's grey.
    const auto legend = legend_entries(idx);
    ASSERT_EQ(legend.size(), 10u);
    EXPECT_EQ(legend[3].label, "zwak");
    EXPECT_EQ(legend.back().label, "no value");
    EXPECT_EQ(legend.back().colour, "#d9d9d9");
}

TEST(DefaultStyles, GraduatedClassesAreHalfOpenAsTheClassification) {
    // index/classify.hpp: a value is in the first class whose upper bound is >= it.
    const LayerStyle dom = find(default_styles(test::heerlen_units(), "buurten"), "d_wonen");
    ASSERT_EQ(dom.classes.size(), 5u);  // edges 0, 11.2, 22.4, 33.6, 44.8, 56
    EXPECT_EQ(graduated_class(dom, 0.0), 0);
    EXPECT_EQ(graduated_class(dom, dom.classes[0].upper), 0);  // on the edge: the lower class
    EXPECT_EQ(graduated_class(dom, std::nextafter(dom.classes[0].upper, 100.0)), 1);
    EXPECT_EQ(graduated_class(dom, 44.8), 3);
    EXPECT_EQ(graduated_class(dom, 56.0), 4);
    EXPECT_EQ(graduated_class(dom, -5.0), 0);   // open-ended at both ends
    EXPECT_EQ(graduated_class(dom, 500.0), 4);
    EXPECT_EQ(graduated_class(dom, std::nan("")), -1);  // no value
}

TEST(DefaultStyles, UnitsGetDisplayExpressionMapTipAndNameLabelsSwitchedOff) {
    // The fixture has no name field: the key (buurtcode) names the unit.
    const auto styles = default_styles(test::heerlen_units(), "buurten");
    for (const auto& s : styles) {
        EXPECT_EQ(s.display_expression, "\"buurtcode\"") << s.name;
        EXPECT_EQ(s.label_field, "\"buurtcode\"") << s.name;
        EXPECT_TRUE(s.label_is_expression);
        EXPECT_FALSE(s.labels_on) << s.name;
    }
    const std::string& tip = styles[0].map_tip;
    EXPECT_EQ(tip.find("<b>[% \"buurtcode\" %]</b>"), 0u) << tip;
    EXPECT_NE(tip.find("Liveability index: [% coalesce(format_number(\"index\", 1), 'no value') %]"), std::string::npos) << tip;
    EXPECT_EQ(tip.find("Rank"), std::string::npos) << tip;  // no index_rank in the fixture

    FeatureTable t = test::heerlen_units();
    t.add_column("naam", ColumnType::Text);
    for (const char* f : {"index_rank", "rank_p05", "rank_p95"}) t.add_column(f, ColumnType::Float64);
    t.add_column(fields::index_class_label, ColumnType::Text);
    const LayerStyle named = default_styles(t, "buurten")[0];
    EXPECT_EQ(named.display_expression, "\"naam\"");
    EXPECT_NE(named.map_tip.find("Class: [% coalesce(\"index_class_label\", 'no value') %]"), std::string::npos) << named.map_tip;
    EXPECT_NE(named.map_tip.find("90 % interval"), std::string::npos) << named.map_tip;
}

TEST(DefaultStyles, RegionsAreCategorisedAndLabelled) {
    const FeatureTable t = test::heerlen_regions();
    const auto styles = default_styles(t, fields::regions_layer);
    ASSERT_EQ(styles.size(), 1u);
    EXPECT_EQ(styles[0].group, kGroupRegions);
    EXPECT_EQ(styles[0].classes.size(), 8u);
    EXPECT_TRUE(styles[0].label_is_expression);  // no name field: "Region <n>"
    EXPECT_EQ(styles[0].label_field, "'Region ' || \"cluster\"");
    EXPECT_TRUE(styles[0].labels_on);
    EXPECT_EQ(styles[0].display_expression, "'Region ' || \"cluster\"");
    EXPECT_EQ(styles[0].map_tip, "<b>[% 'Region ' || \"cluster\" %]</b><br>[% \"n_units\" %] units");
}

TEST(DefaultStyles, UnknownFieldsGetNoStyle) {
    FeatureTable t;
    t.resize(2);
    t.add_column("inwoners", ColumnType::Int64);
    EXPECT_TRUE(default_styles(t, "other").empty());
}
