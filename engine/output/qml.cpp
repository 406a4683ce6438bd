#include "output/qml.hpp"

#include <cstdio>
#include <sstream>

#include "output/xml_text.hpp"

namespace leefbaar::output {

using detail::qgis_rgba;
using detail::xml_escape;

namespace {

// Full precision so QGIS' range test sees exactly the class edges we computed.
std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// A simple fill symbol. Symbol layer properties as <prop k v>: the form every QGIS 3
// release reads (3.22 does not yet write the newer <Option> map but reads both).
void fill_symbol(std::ostringstream& x, const std::string& name, const std::string& colour) {
    x << "      <symbol type=\"fill\" name=\"" << xml_escape(name) << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      << "        <layer class=\"SimpleFill\" pass=\"0\" locked=\"0\" enabled=\"1\">\n"
      << "          <prop k=\"border_width_map_unit_scale\" v=\"3x:0,0,0,0,0,0\"/>\n"
      << "          <prop k=\"color\" v=\"" << qgis_rgba(colour) << "\"/>\n"
      << "          <prop k=\"joinstyle\" v=\"bevel\"/>\n"
      << "          <prop k=\"offset\" v=\"0,0\"/>\n"
      << "          <prop k=\"offset_map_unit_scale\" v=\"3x:0,0,0,0,0,0\"/>\n"
      << "          <prop k=\"offset_unit\" v=\"MM\"/>\n"
      << "          <prop k=\"outline_color\" v=\"35,35,35,255\"/>\n"
      << "          <prop k=\"outline_style\" v=\"solid\"/>\n"
      << "          <prop k=\"outline_width\" v=\"0.26\"/>\n"
      << "          <prop k=\"outline_width_unit\" v=\"MM\"/>\n"
      << "          <prop k=\"style\" v=\"solid\"/>\n"
      << "        </layer>\n"
      << "      </symbol>\n";
}

}  // namespace

std::string renderer_xml(const LayerStyle& s) {
    std::ostringstream x;
    const bool graduated = s.kind == RendererKind::Graduated;
    if (graduated)
        x << "  <renderer-v2 type=\"graduatedSymbol\" attr=\"" << xml_escape(s.field)
          << "\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <ranges>\n";
    else
        x << "  <renderer-v2 type=\"categorizedSymbol\" attr=\"" << xml_escape(s.field)
          << "\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <categories>\n";
    for (std::size_t i = 0; i < s.classes.size(); ++i) {
        const StyleClass& c = s.classes[i];
        if (graduated)
            x << "      <range lower=\"" << num(c.lower) << "\" upper=\"" << num(c.upper) << "\" symbol=\"" << i << "\" label=\""
              << xml_escape(c.label) << "\" render=\"true\"/>\n";
        else
            x << "      <category value=\"" << xml_escape(c.value) << "\" symbol=\"" << i << "\" label=\"" << xml_escape(c.label)
              << "\" render=\"true\"/>\n";
    }
    x << (graduated ? "    </ranges>\n" : "    </categories>\n") << "    <symbols>\n";
    for (std::size_t i = 0; i < s.classes.size(); ++i) fill_symbol(x, std::to_string(i), s.classes[i].colour);
    x << "    </symbols>\n    <source-symbol>\n";
    fill_symbol(x, "0", "#bdbdbd");
    x << "    </source-symbol>\n";
    if (graduated)
        x << "    <mode name=\"" << (s.classes.empty() ? "manual" : "quantile") << "\"/>\n"
          << "    <labelformat format=\"%1 - %2\" decimalplaces=\"2\" trimtrailingzeroes=\"1\"/>\n";
    x << "    <rotation/>\n    <sizescale/>\n  </renderer-v2>\n";
    return x.str();
}

std::string labeling_xml(const LayerStyle& s) {
    if (s.label_field.empty()) return {};
    std::ostringstream x;
    x << "  <labeling type=\"simple\">\n    <settings calloutType=\"simple\">\n"
      << "      <text-style fieldName=\"" << xml_escape(s.label_field) << "\" isExpression=\"" << (s.label_is_expression ? 1 : 0)
      << "\" fontFamily=\"DejaVu Sans\" namedStyle=\"Bold\" fontSize=\"9\" fontSizeUnit=\"Point\" fontWeight=\"75\" fontItalic=\"0\""
         " textColor=\"30,30,30,255\" textOpacity=\"1\" multilineHeight=\"1\" allowHtml=\"0\" capitalization=\"0\" blendMode=\"0\">\n"
      << "        <text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" bufferOpacity=\"0.8\""
         " bufferJoinStyle=\"128\" bufferNoFill=\"1\" bufferBlendMode=\"0\"/>\n"
      << "      </text-style>\n"
      << "      <text-format wrapChar=\"\" multilineAlign=\"1\" autoWrapLength=\"0\" formatNumbers=\"0\" decimals=\"3\" plussign=\"0\"/>\n"
      // Offset from centroid, kept inside the polygon: one readable label per region.
      << "      <placement placement=\"1\" centroidWhole=\"1\" centroidInside=\"1\" fitInPolygonOnly=\"0\" dist=\"0\" distUnits=\"MM\""
         " priority=\"5\" offsetType=\"0\" quadOffset=\"4\" xOffset=\"0\" yOffset=\"0\" offsetUnits=\"MM\" layerType=\"PolygonGeometry\"/>\n"
      << "      <rendering obstacle=\"1\" obstacleType=\"1\" obstacleFactor=\"1\" scaleVisibility=\"0\" fontLimitPixelSize=\"0\""
         " upsidedownLabels=\"0\" limitNumLabels=\"0\" minFeatureSize=\"0\" labelPerPart=\"0\" displayAll=\"0\" drawLabels=\"1\" zIndex=\"0\"/>\n"
      << "    </settings>\n  </labeling>\n";
    return x.str();
}

std::string aliases_xml(const LayerStyle& s) {
    if (s.field_aliases.empty()) return {};
    std::ostringstream x;
    x << "  <aliases>\n";
    for (const auto& [field, alias] : s.field_aliases)
        x << "    <alias field=\"" << xml_escape(field) << "\" name=\"" << xml_escape(alias) << "\"/>\n";
    x << "  </aliases>\n";
    return x.str();
}

std::string qml_document(const LayerStyle& s) {
    std::ostringstream x;
    x << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      << "<qgis version=\"3.22.16-Białowieża\" styleCategories=\"Symbology|Labeling|Fields\" labelsEnabled=\"" << (s.label_field.empty() ? 0 : 1)
      << "\">\n"
      << renderer_xml(s) << labeling_xml(s) << aliases_xml(s)
      << "  <blendMode>0</blendMode>\n  <featureBlendMode>0</featureBlendMode>\n  <layerOpacity>1</layerOpacity>\n"
      << "  <layerGeometryType>2</layerGeometryType>\n</qgis>\n";
    return x.str();
}

namespace {

void sld_compare(std::ostringstream& x, const char* op, const std::string& field, const std::string& literal) {
    x << "            <ogc:" << op << "><ogc:PropertyName>" << xml_escape(field) << "</ogc:PropertyName><ogc:Literal>" << xml_escape(literal)
      << "</ogc:Literal></ogc:" << op << ">\n";
}

}  // namespace

std::string sld_document(const LayerStyle& s, const std::string& layer_name) {
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" xmlns:ogc=\"http://www.opengis.net/ogc\""
         " xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
         " xmlns:se=\"http://www.opengis.net/se\" version=\"1.1.0\""
         " xsi:schemaLocation=\"http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
      << "  <NamedLayer>\n    <se:Name>" << xml_escape(layer_name) << "</se:Name>\n    <UserStyle>\n      <se:Name>" << xml_escape(s.name)
      << "</se:Name>\n      <se:FeatureTypeStyle>\n";
    for (std::size_t i = 0; i < s.classes.size(); ++i) {
        const StyleClass& c = s.classes[i];
        x << "        <se:Rule>\n          <se:Name>" << xml_escape(c.label) << "</se:Name>\n          <se:Description><se:Title>"
          << xml_escape(c.label) << "</se:Title></se:Description>\n          <ogc:Filter>\n";
        if (s.kind == RendererKind::Graduated) {
            // The first class includes its lower edge, the others start just above it (as QGIS exports).
            x << "           <ogc:And>\n";
            sld_compare(x, i == 0 ? "PropertyIsGreaterThanOrEqualTo" : "PropertyIsGreaterThan", s.field, num(c.lower));
            sld_compare(x, "PropertyIsLessThanOrEqualTo", s.field, num(c.upper));
            x << "           </ogc:And>\n";
        } else {
            sld_compare(x, "PropertyIsEqualTo", s.field, c.value);
        }
        x << "          </ogc:Filter>\n          <se:PolygonSymbolizer>\n            <se:Fill><se:SvgParameter name=\"fill\">" << c.colour
          << "</se:SvgParameter></se:Fill>\n"
          << "            <se:Stroke><se:SvgParameter name=\"stroke\">#232323</se:SvgParameter><se:SvgParameter name=\"stroke-width\">1</se:SvgParameter>"
             "<se:SvgParameter name=\"stroke-linejoin\">bevel</se:SvgParameter></se:Stroke>\n"
          << "          </se:PolygonSymbolizer>\n        </se:Rule>\n";
    }
    if (!s.label_field.empty() && !s.label_is_expression) {
        x << "        <se:Rule>\n          <se:TextSymbolizer>\n            <se:Label><ogc:PropertyName>" << xml_escape(s.label_field)
          << "</ogc:PropertyName></se:Label>\n"
          << "            <se:Font><se:SvgParameter name=\"font-family\">DejaVu Sans</se:SvgParameter><se:SvgParameter name=\"font-size\">12</se:SvgParameter>"
             "<se:SvgParameter name=\"font-weight\">bold</se:SvgParameter></se:Font>\n"
          << "            <se:Halo><se:Radius>2</se:Radius><se:Fill><se:SvgParameter name=\"fill\">#ffffff</se:SvgParameter></se:Fill></se:Halo>\n"
          << "            <se:Fill><se:SvgParameter name=\"fill\">#1e1e1e</se:SvgParameter></se:Fill>\n"
          << "          </se:TextSymbolizer>\n        </se:Rule>\n";
    }
    x << "      </se:FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n</StyledLayerDescriptor>\n";
    return x.str();
}

}  // namespace leefbaar::output
