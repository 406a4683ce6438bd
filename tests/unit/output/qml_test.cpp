// The QML, SLD and project documents are well-formed XML with the structure QGIS reads.
#include <gtest/gtest.h>

#include <cpl_conv.h>
#include <cpl_minixml.h>
#include <cpl_vsi.h>

#include <memory>

#include "fixtures.hpp"
#include "output/qgis_project.hpp"
#include "output/qml.hpp"

using namespace leefbaar;
using namespace leefbaar::output;

namespace {
struct XmlDeleter {
    void operator()(CPLXMLNode* n) const { CPLDestroyXMLNode(n); }
};
using Xml = std::unique_ptr<CPLXMLNode, XmlDeleter>;

// GDAL's XML parser (cpl_minixml) as an independent well-formedness check.
Xml parse(const std::string& text) { return Xml(CPLParseXMLString(text.c_str())); }

int count_children(const CPLXMLNode* parent, const char* name) {
    int n = 0;
    for (const CPLXMLNode* c = parent ? parent->psChild : nullptr; c; c = c->psNext) n += c->eType == CXT_Element && std::string(c->pszValue) == name;
    return n;
}

std::vector<LayerStyle> unit_styles() { return default_styles(test::heerlen_units(), "buurten"); }
}  // namespace

TEST(Qml, GraduatedStyleIsRuleBasedWithANoValueRule) {
    // QGIS' graduated renderer does not draw NULL; the rule-based one draws what a rule
    // matches: one rule per class (half-open, as graduated_class) and one for NULL.
    const auto styles = unit_styles();
    const LayerStyle& dom = styles[1];
    ASSERT_EQ(dom.name, "d_wonen");
    const std::string q = qml_document(dom);
    Xml doc = parse(q);
    ASSERT_TRUE(doc) << q;
    const CPLXMLNode* r = CPLGetXMLNode(doc.get(), "=qgis.renderer-v2");
    ASSERT_TRUE(r);
    EXPECT_STREQ(CPLGetXMLValue(r, "type", ""), "RuleRenderer");
    EXPECT_EQ(count_children(CPLGetXMLNode(r, "rules"), "rule"), 6);  // 5 quantile classes + no value
    EXPECT_EQ(count_children(CPLGetXMLNode(r, "symbols"), "symbol"), 6);
    // Edges 11.2, 22.4, ... (style_spec_test), written with 17 digits.
    EXPECT_EQ(rule_filter(dom, 0), "\"d_wonen\" <= 11.199999999999999");
    EXPECT_EQ(rule_filter(dom, 1), "\"d_wonen\" > 11.199999999999999 AND \"d_wonen\" <= 22.399999999999999");
    EXPECT_EQ(rule_filter(dom, 4), "\"d_wonen\" > 44.799999999999997");
    EXPECT_EQ(rule_filter(dom, 5), "\"d_wonen\" IS NULL");
    EXPECT_NE(q.find("filter=\"&quot;d_wonen&quot; IS NULL\" symbol=\"5\" label=\"no value\""), std::string::npos);
    // First class: RdYlBu 5 #d7191c = 215,25,28; no value #d9d9d9 = 217,217,217.
    EXPECT_NE(q.find("<prop k=\"color\" v=\"215,25,28,255\"/>"), std::string::npos);
    EXPECT_NE(q.find("<prop k=\"color\" v=\"217,217,217,255\"/>"), std::string::npos);
    // SLD: the same classes and the NULL rule.
    const std::string sld = sld_document(dom, "buurten");
    Xml sd = parse(sld);
    ASSERT_TRUE(sd) << sld;
    EXPECT_EQ(count_children(CPLGetXMLNode(sd.get(), "=StyledLayerDescriptor.NamedLayer.UserStyle.se:FeatureTypeStyle"), "se:Rule"), 6);
    EXPECT_NE(sld.find("<ogc:PropertyIsNull><ogc:PropertyName>d_wonen</ogc:PropertyName></ogc:PropertyIsNull>"), std::string::npos);
}

TEST(Qml, IndexIsCategorisedOnItsClassesWithMapTipAndLabelsOff) {
    const auto styles = unit_styles();
    const std::string q = qml_document(styles[0]);
    Xml doc = parse(q);
    ASSERT_TRUE(doc) << q;
    const CPLXMLNode* r = CPLGetXMLNode(doc.get(), "=qgis.renderer-v2");
    EXPECT_STREQ(CPLGetXMLValue(r, "type", ""), "categorizedSymbol");
    EXPECT_STREQ(CPLGetXMLValue(r, "attr", ""), "index_class");
    EXPECT_EQ(count_children(CPLGetXMLNode(r, "categories"), "category"), 4);  // 3 classes + no value
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.labelsEnabled", ""), "0");    // set up, switched off
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.labeling.settings.text-style.fieldName", ""), "\"buurtcode\"");
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.previewExpression", ""), "\"buurtcode\"");
    EXPECT_EQ(std::string(CPLGetXMLValue(doc.get(), "=qgis.mapTip", "")).rfind("<b>[% \"buurtcode\" %]</b>", 0), 0u);
}

TEST(Qml, CategorisedLisaRendererAndSld) {
    const auto styles = unit_styles();
    const LayerStyle& lisa = styles[3];
    ASSERT_EQ(lisa.name, "lisa_index_cl");
    Xml doc = parse(qml_document(lisa));
    const CPLXMLNode* r = CPLGetXMLNode(doc.get(), "=qgis.renderer-v2");
    ASSERT_TRUE(r);
    EXPECT_STREQ(CPLGetXMLValue(r, "type", ""), "categorizedSymbol");
    EXPECT_EQ(count_children(CPLGetXMLNode(r, "categories"), "category"), 8);  // 7 + no value
    // The "no value" category: QGIS matches NULL with the empty value.
    const CPLXMLNode* last = nullptr;
    for (const CPLXMLNode* c = CPLGetXMLNode(r, "categories")->psChild; c; c = c->psNext)
        if (c->eType == CXT_Element) last = c;
    ASSERT_TRUE(last);
    EXPECT_STREQ(CPLGetXMLValue(last, "value", "x"), "");
    EXPECT_STREQ(CPLGetXMLValue(last, "label", ""), "no value");
    const std::string sld = sld_document(lisa, "buurten");
    Xml s = parse(sld);
    ASSERT_TRUE(s) << sld;
    EXPECT_EQ(count_children(CPLGetXMLNode(s.get(), "=StyledLayerDescriptor.NamedLayer.UserStyle.se:FeatureTypeStyle"), "se:Rule"), 8);
    EXPECT_NE(sld.find("<se:SvgParameter name=\"fill\">#ff0000</se:SvgParameter>"), std::string::npos);
}

TEST(Qml, RegionsHaveLabelsEnabled) {
    const auto styles = default_styles(test::heerlen_regions(), "regions");
    Xml doc = parse(qml_document(styles[0]));
    ASSERT_TRUE(doc);
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.labelsEnabled", ""), "1");
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.labeling.type", ""), "simple");
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.labeling.settings.text-style.isExpression", ""), "1");
}

TEST(QgisProject, GroupsLayersAndZips) {
    ProjectLayerSource units{"buurten", "MultiPolygon", "EPSG:28992", "", {190761.99, 314477.70, 199955.29, 327569.02}, unit_styles()};
    ProjectLayerSource regions{"regions", "MultiPolygon", "EPSG:28992", "", {190761.99, 314477.70, 199955.29, 327569.02},
                               default_styles(test::heerlen_regions(), "regions")};
    ProjectSpec spec{"Heerlen", "Liveability of the buurten.", "Bron: CBS", "./results.gpkg", {units, regions}};
    const std::string qgs = project_qgs(spec);
    Xml doc = parse(qgs);
    ASSERT_TRUE(doc) << qgs.substr(0, 2000);
    const CPLXMLNode* tree = CPLGetXMLNode(doc.get(), "=qgis.layer-tree-group");
    EXPECT_EQ(count_children(tree, "layer-tree-group"), 5);  // index, domains, hot spots, clusters, regions
    EXPECT_EQ(count_children(CPLGetXMLNode(doc.get(), "=qgis.projectlayers"), "maplayer"), 7);  // 6 unit styles + regions
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.projectlayers.maplayer.datasource", ""), "./results.gpkg|layername=buurten");
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.projectCrs.spatialrefsys.authid", ""), "EPSG:28992");
    // QGIS 3.22 ignores <projectCrs> unless ProjectionsEnabled is set (issue 16).
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.properties.SpatialRefSys.ProjectionsEnabled", ""), "1");
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.ProjectViewSettings.DefaultViewExtent.spatialrefsys.authid", ""), "EPSG:28992");
    EXPECT_NEAR(CPLAtof(CPLGetXMLValue(doc.get(), "=qgis.ProjectViewSettings.DefaultViewExtent.ymax", "0")), 327569.02 + 0.05 * (327569.02 - 314477.70),
                1e-6);
    // Map tips on every map layer; name labels on the units switched off, on the regions on.
    const CPLXMLNode* first = CPLGetXMLNode(doc.get(), "=qgis.projectlayers.maplayer");
    EXPECT_STREQ(CPLGetXMLValue(first, "labelsEnabled", ""), "0");
    EXPECT_STREQ(CPLGetXMLValue(first, "previewExpression", ""), "\"buurtcode\"");
    EXPECT_NE(std::string(CPLGetXMLValue(first, "mapTip", "")).find("Liveability index"), std::string::npos);

    // Print layouts: index, hot spots (Gi*), regions; each with its items.
    const CPLXMLNode* layouts = CPLGetXMLNode(doc.get(), "=qgis.Layouts");
    ASSERT_EQ(count_children(layouts, "Layout"), 3);
    std::vector<std::string> names;
    for (const CPLXMLNode* l = layouts->psChild; l; l = l->psNext) {
        if (l->eType != CXT_Element) continue;
        names.push_back(CPLGetXMLValue(l, "name", ""));
        std::vector<std::string> ids;
        for (const CPLXMLNode* it = l->psChild; it; it = it->psNext)
            if (it->eType == CXT_Element && std::string(it->pszValue) == "LayoutItem") ids.push_back(CPLGetXMLValue(it, "id", ""));
        EXPECT_EQ(ids, (std::vector<std::string>{"map", "legend", "scalebar", "north", "title", "description", "source"})) << names.back();
    }
    EXPECT_EQ(names, (std::vector<std::string>{"Liveability index", "Hot and cold spots (Gi*) of index", "Regions"}));
    EXPECT_NE(qgs.find("labelText=\"Bron: CBS\""), std::string::npos);
    EXPECT_NE(qgs.find("labelText=\"Heerlen – Liveability index\""), std::string::npos);
    // The view is the data extent with 5 % margins: xmin = 190761.99 - 0.05 * 9193.30.
    EXPECT_NEAR(CPLAtof(CPLGetXMLValue(doc.get(), "=qgis.mapcanvas.extent.xmin", "0")), 190761.99 - 0.05 * (199955.29 - 190761.99), 1e-6);

    // The zip holds leefbaar.qgs with exactly the XML (read back through GDAL's /vsizip/).
    const std::string qgz = zip_qgz(qgs, "leefbaar");
    ASSERT_GT(qgz.size(), 4u);
    EXPECT_EQ(qgz.substr(0, 2), "PK");
    const std::string mem = "/vsimem/qml_test.zip";  // /vsizip/ recognises archives by extension
    VSIFCloseL(VSIFileFromMemBuffer(mem.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(qgz.data())), qgz.size(), FALSE));
    VSILFILE* f = VSIFOpenL(("/vsizip/" + mem + "/leefbaar.qgs").c_str(), "rb");
    ASSERT_TRUE(f);
    std::string back(qgs.size() + 10, '\0');
    back.resize(VSIFReadL(back.data(), 1, back.size(), f));
    VSIFCloseL(f);
    VSIUnlink(mem.c_str());
    EXPECT_EQ(back, qgs);
}

TEST(QgisProject, LayoutMapFitsTheDataWithoutDistortion) {
    // 100 x 200 data into a 2:1 frame: 6 % margin on the height (212), width 2 x 212.
    const auto e = fit_extent({0, 0, 100, 200}, 2.0);
    EXPECT_NEAR(e[3] - e[1], 212.0, 1e-9);
    EXPECT_NEAR(e[2] - e[0], 424.0, 1e-9);
    EXPECT_NEAR((e[0] + e[2]) / 2, 50.0, 1e-9);  // centred
    EXPECT_NEAR((e[1] + e[3]) / 2, 100.0, 1e-9);
}
