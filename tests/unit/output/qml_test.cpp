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

TEST(Qml, GraduatedRendererHasOneRangePerClass) {
    const auto styles = unit_styles();
    const std::string q = qml_document(styles[0]);
    Xml doc = parse(q);
    ASSERT_TRUE(doc) << q;
    const CPLXMLNode* r = CPLGetXMLNode(doc.get(), "=qgis.renderer-v2");
    ASSERT_TRUE(r);
    EXPECT_STREQ(CPLGetXMLValue(r, "type", ""), "graduatedSymbol");
    EXPECT_STREQ(CPLGetXMLValue(r, "attr", ""), "index");
    EXPECT_EQ(count_children(CPLGetXMLNode(r, "ranges"), "range"), 3);
    EXPECT_EQ(count_children(CPLGetXMLNode(r, "symbols"), "symbol"), 3);
    // First symbol's fill colour: RdYlBu 3-class #fc8d59 = 252,141,89.
    EXPECT_NE(q.find("<prop k=\"color\" v=\"252,141,89,255\"/>"), std::string::npos);
}

TEST(Qml, CategorisedLisaRendererAndSld) {
    const auto styles = unit_styles();
    const LayerStyle& lisa = styles[3];
    ASSERT_EQ(lisa.name, "lisa_index_cl");
    Xml doc = parse(qml_document(lisa));
    const CPLXMLNode* r = CPLGetXMLNode(doc.get(), "=qgis.renderer-v2");
    ASSERT_TRUE(r);
    EXPECT_STREQ(CPLGetXMLValue(r, "type", ""), "categorizedSymbol");
    EXPECT_EQ(count_children(CPLGetXMLNode(r, "categories"), "category"), 7);
    const std::string sld = sld_document(lisa, "buurten");
    Xml s = parse(sld);
    ASSERT_TRUE(s) << sld;
    EXPECT_EQ(count_children(CPLGetXMLNode(s.get(), "=StyledLayerDescriptor.NamedLayer.UserStyle.se:FeatureTypeStyle"), "se:Rule"), 7);
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
    ProjectSpec spec{"Heerlen", "./results.gpkg", {units, regions}};
    const std::string qgs = project_qgs(spec);
    Xml doc = parse(qgs);
    ASSERT_TRUE(doc) << qgs.substr(0, 2000);
    const CPLXMLNode* tree = CPLGetXMLNode(doc.get(), "=qgis.layer-tree-group");
    EXPECT_EQ(count_children(tree, "layer-tree-group"), 5);  // index, domains, hot spots, clusters, regions
    EXPECT_EQ(count_children(CPLGetXMLNode(doc.get(), "=qgis.projectlayers"), "maplayer"), 7);  // 6 unit styles + regions
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.projectlayers.maplayer.datasource", ""), "./results.gpkg|layername=buurten");
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.projectCrs.spatialrefsys.authid", ""), "EPSG:28992");
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
