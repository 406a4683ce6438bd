#include "output/qml.hpp"

#include <cstdio>
#include <sstream>

#include "output/xml_text.hpp"

namespace leefbaar::output {

using detail::qgis_field_ref;
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

std::string rule_filter(const LayerStyle& s, std::size_t i) {
    const std::string f = qgis_field_ref(s.field);
    if (i >= s.classes.size()) return f + " IS NULL";
    // Half-open classes (lower, upper] as graduated_class() assigns them: a rule-based
    // renderer draws every rule that matches, so touching ranges would draw a value on
    // a class edge twice. The first and last class are open-ended.
    const bool first = i == 0, last = i + 1 == s.classes.size();
    if (first && last) return f + " IS NOT NULL";
    if (first) return f + " <= " + num(s.classes[i].upper);
    if (last) return f + " > " + num(s.classes[i - 1].upper);
    return f + " > " + num(s.classes[i - 1].upper) + " AND " + f + " <= " + num(s.classes[i].upper);
}

std::string renderer_xml(const LayerStyle& s) {
    // Graduated styles are written as QGIS' rule-based renderer: its graduated renderer
    // cannot draw NULL (QgsGraduatedSymbolRenderer skips it), which left holes in the
    // map where a unit has no score (issue 16). One rule per class plus "IS NULL".
    std::ostringstream x;
    const bool graduated = s.kind == RendererKind::Graduated;
    const std::size_t n = s.classes.size();  // symbol n is the "no value" symbol
    if (graduated) {
        x << "  <renderer-v2 type=\"RuleRenderer\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n"
          << "    <rules key=\"{leefbaar-" << xml_escape(s.name) << "-root}\">\n";
        for (std::size_t i = 0; i <= n; ++i)
            x << "      <rule key=\"{leefbaar-" << xml_escape(s.name) << "-" << i << "}\" filter=\"" << xml_escape(rule_filter(s, i))
              << "\" symbol=\"" << i << "\" label=\"" << xml_escape(i < n ? s.classes[i].label : kNoValueLabel) << "\"/>\n";
        x << "    </rules>\n";
    } else {
        x << "  <renderer-v2 type=\"categorizedSymbol\" attr=\"" << xml_escape(s.field)
          << "\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <categories>\n";
        for (std::size_t i = 0; i < n; ++i)
            x << "      <category value=\"" << xml_escape(s.classes[i].value) << "\" symbol=\"" << i << "\" label=\""
              << xml_escape(s.classes[i].label) << "\" render=\"true\"/>\n";
        // The empty value is the category QGIS matches NULL with.
        x << "      <category value=\"\" symbol=\"" << n << "\" label=\"" << xml_escape(kNoValueLabel) << "\" render=\"true\"/>\n";
        x << "    </categories>\n";
    }
    x << "    <symbols>\n";
    for (std::size_t i = 0; i < n; ++i) fill_symbol(x, std::to_string(i), s.classes[i].colour);
    fill_symbol(x, std::to_string(n), kNoValueColour);
    x << "    </symbols>\n";
    if (!graduated) {
        x << "    <source-symbol>\n";
        fill_symbol(x, "0", kNoValueColour);
        x << "    </source-symbol>\n    <rotation/>\n    <sizescale/>\n";
    }
    x << "  </renderer-v2>\n";
    return x.str();
}

std::string map_tip_xml(const LayerStyle& s) {
    std::string x;
    if (!s.display_expression.empty()) x += "  <previewExpression>" + xml_escape(s.display_expression) + "</previewExpression>\n";
    if (!s.map_tip.empty()) x += "  <mapTip>" + xml_escape(s.map_tip) + "</mapTip>\n";
    return x;
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

std::string temporal_xml(const LayerStyle& s) {
    if (s.temporal_field.empty()) return {};
    // QgsVectorLayerTemporalProperties::writeXml (QGIS 3.22): mode 1 = an instant from a
    // field, here an event without duration on its date (1 July of the edition's year,
    // monitor/long_table.hpp), so each feature is in exactly one one-year frame. A date
    // of 1 January with a year's duration would not do: QGIS hands the frame's bounds to
    // the GeoPackage as text ("2019-01-01T00:00:00"), and the date "2019-01-01" sorts
    // before that text, so 1 January would also be drawn in the previous year's frame.
    return "  <temporal enabled=\"1\" mode=\"1\" startField=\"" + xml_escape(s.temporal_field) +
           "\" endField=\"\" durationField=\"\" durationUnit=\"d\" fixedDuration=\"0\" accumulate=\"0\" limitMode=\"0\""
           " startExpression=\"\" endExpression=\"\">\n    <fixedRange>\n      <start></start>\n      <end></end>\n    </fixedRange>\n  </temporal>\n";
}

std::string qml_document(const LayerStyle& s) {
    std::ostringstream x;
    x << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      << "<qgis version=\"3.22.16-Białowieża\" styleCategories=\"Symbology|Labeling|Fields|MapTips" << (s.temporal_field.empty() ? "" : "|Temporal")
      << "\" labelsEnabled=\"" << (s.labels_on && !s.label_field.empty() ? 1 : 0) << "\">\n"
      << temporal_xml(s) << renderer_xml(s) << labeling_xml(s) << aliases_xml(s) << map_tip_xml(s)
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
            // The same half-open classes as the QGIS rules (rule_filter).
            const bool first = i == 0, last = i + 1 == s.classes.size();
            if (first && last) x << "            <ogc:Not><ogc:PropertyIsNull><ogc:PropertyName>" << xml_escape(s.field) << "</ogc:PropertyName></ogc:PropertyIsNull></ogc:Not>\n";
            else if (first) sld_compare(x, "PropertyIsLessThanOrEqualTo", s.field, num(c.upper));
            else if (last) sld_compare(x, "PropertyIsGreaterThan", s.field, num(s.classes[i - 1].upper));
            else {
                x << "           <ogc:And>\n";
                sld_compare(x, "PropertyIsGreaterThan", s.field, num(s.classes[i - 1].upper));
                sld_compare(x, "PropertyIsLessThanOrEqualTo", s.field, num(c.upper));
                x << "           </ogc:And>\n";
            }
        } else {
            sld_compare(x, "PropertyIsEqualTo", s.field, c.value);
        }
        x << "          </ogc:Filter>\n          <se:PolygonSymbolizer>\n            <se:Fill><se:SvgParameter name=\"fill\">" << c.colour
          << "</se:SvgParameter></se:Fill>\n"
          << "            <se:Stroke><se:SvgParameter name=\"stroke\">#232323</se:SvgParameter><se:SvgParameter name=\"stroke-width\">1</se:SvgParameter>"
             "<se:SvgParameter name=\"stroke-linejoin\">bevel</se:SvgParameter></se:Stroke>\n"
          << "          </se:PolygonSymbolizer>\n        </se:Rule>\n";
    }
    x << "        <se:Rule>\n          <se:Name>" << xml_escape(kNoValueLabel) << "</se:Name>\n          <se:Description><se:Title>"
      << xml_escape(kNoValueLabel) << "</se:Title></se:Description>\n          <ogc:Filter>\n            <ogc:PropertyIsNull><ogc:PropertyName>"
      << xml_escape(s.field) << "</ogc:PropertyName></ogc:PropertyIsNull>\n          </ogc:Filter>\n          <se:PolygonSymbolizer>\n"
      << "            <se:Fill><se:SvgParameter name=\"fill\">" << kNoValueColour << "</se:SvgParameter></se:Fill>\n"
      << "            <se:Stroke><se:SvgParameter name=\"stroke\">#232323</se:SvgParameter><se:SvgParameter name=\"stroke-width\">1</se:SvgParameter>"
         "<se:SvgParameter name=\"stroke-linejoin\">bevel</se:SvgParameter></se:Stroke>\n"
      << "          </se:PolygonSymbolizer>\n        </se:Rule>\n";
    if (s.labels_on && !s.label_field.empty() && !s.label_is_expression) {
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
