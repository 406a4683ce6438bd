#pragma once
// QGIS style documents for a LayerStyle: QML (QGIS' own format, what "Load Style"
// and layer_styles.styleQML hold) and SLD 1.1 (for other clients; layer_styles.styleSLD).
// Written for QGIS 3.22 (Debian 12) and read by later versions as well.
#include <string>

#include "output/style_spec.hpp"

namespace leefbaar::output {

// The <renderer-v2> element (also embedded in the project's map layers).
std::string renderer_xml(const LayerStyle& style);
// The QGIS filter expression of class i of a graduated style; i == classes.size(): the
// "no value" rule ("field" IS NULL).
std::string rule_filter(const LayerStyle& style, std::size_t i);
// The <previewExpression> (display expression) and <mapTip> elements, empty without.
std::string map_tip_xml(const LayerStyle& style);
// The <labeling> element, empty when the style has no labels.
std::string labeling_xml(const LayerStyle& style);
// The <aliases> element, empty without aliases.
std::string aliases_xml(const LayerStyle& style);
// A complete .qml document.
std::string qml_document(const LayerStyle& style);
// <temporal> of a layer with StyleOptions::temporal_field; empty otherwise.
std::string temporal_xml(const LayerStyle& style);
// A complete SLD 1.1 StyledLayerDescriptor for the named layer.
std::string sld_document(const LayerStyle& style, const std::string& layer_name);

}  // namespace leefbaar::output
