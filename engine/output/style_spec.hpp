#pragma once
// How each output layer looks in QGIS, as plain data: which field drives the colours,
// graduated or categorised, the classes with their colours and labels, and labels on
// the map. qml.cpp and sld.cpp turn it into the files QGIS reads; the project and the
// report reuse the same classes so a map looks the same everywhere.
#include <map>
#include <utility>
#include <string>
#include <vector>

#include "core/feature_table.hpp"

namespace leefbaar::output {

enum class RendererKind { Graduated, Categorised };

struct StyleClass {
    double lower = 0.0;  // graduated: lower <= value <= upper (QGIS' range test)
    double upper = 0.0;
    std::string value;   // categorised: the value as text (QGIS compares the text form)
    std::string colour;  // "#rrggbb"
    std::string label;
};

struct LayerStyle {
    std::string name;   // style name in layer_styles and name of the layer in the project
    std::string title;  // shown in the legend group and the report, e.g. "Liveability index"
    std::string group;  // layer-tree group in the project (kGroup* below)
    RendererKind kind = RendererKind::Graduated;
    std::string field;
    std::vector<StyleClass> classes;
    std::string label_field;          // field name or QGIS expression; empty: no labels
    bool label_is_expression = false;
    bool is_default = false;          // useAsDefault in layer_styles; shown in the project
    // Field name -> readable title, written as QGIS <aliases> so the attribute table and
    // forms show "Liveability index" (GDAL before 3.7 does not pass gpkg_data_columns
    // titles on to QGIS).
    std::vector<std::pair<std::string, std::string>> field_aliases;
};

inline const std::string kGroupIndex = "Index";
inline const std::string kGroupDomains = "Domains";
inline const std::string kGroupHotSpots = "Hot spots";
inline const std::string kGroupClusters = "Clusters";
inline const std::string kGroupRegions = "Regions";

struct StyleOptions {
    int classes = 5;  // graduated classes when the table has no classification of its own
    // Inner class breaks per field (the project's classification); overrides the default.
    std::map<std::string, std::vector<double>> breaks;
};

// The styles QGIS should offer for a layer, recognised from the field names in
// core/field_names.hpp; the first is the default. Empty when no field is recognised.
std::vector<LayerStyle> default_styles(const FeatureTable& table, const std::string& layer_name, const StyleOptions& options = {});

// Class edges (classes + 1 values, min to max) at equal-count quantiles (type 7, as
// R's quantile default); fewer when values repeat. Empty for a column without values.
std::vector<double> quantile_edges(const Column& column, int classes);

// Colour-blind safe diverging ramp (ColorBrewer RdYlBu, red = low) with n colours.
std::vector<std::string> diverging_ramp(int n);
// Qualitative colour-blind safe palette (Okabe & Ito 2008), cycled for more ids.
std::string qualitative_colour(std::size_t i);
// LISA cluster colours as GIS users know them (GeoDa), by label in field_names.hpp.
std::string lisa_colour(const std::string& label);
// The seven Gi* confidence bins -3..3 (ColorBrewer RdBu, blue = cold).
std::string gistar_colour(int bin);
std::string gistar_label(int bin);

}  // namespace leefbaar::output
