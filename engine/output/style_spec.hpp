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
    // Graduated: a value belongs to the first class whose upper >= value (the last class
    // takes everything above), as index/classify.hpp numbers classes; graduated_class().
    double lower = 0.0;
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
    bool labels_on = false;           // labels drawn when the layer opens (else set up, switched off)
    // What QGIS shows for a feature: the display expression (identify results, attribute
    // form title) and the HTML map tip with [% expression %] placeholders. Empty: none.
    std::string display_expression;
    std::string map_tip;
    bool is_default = false;          // useAsDefault in layer_styles; shown in the project
    // Field name -> readable title, written as QGIS <aliases> so the attribute table and
    // forms show "Liveability index" (GDAL before 3.7 does not pass gpkg_data_columns
    // titles on to QGIS).
    std::vector<std::pair<std::string, std::string>> field_aliases;
    std::string temporal_field;       // StyleOptions::temporal_field; empty: not temporal
};

inline const std::string kGroupIndex = "Index";
inline const std::string kGroupDomains = "Domains";
inline const std::string kGroupHotSpots = "Hot spots";
inline const std::string kGroupClusters = "Clusters";
inline const std::string kGroupRegions = "Regions";
inline const std::string kGroupTime = "Over time";
inline const std::string kGroupAreas = "Areas";
inline const std::string kGroupValidation = "Validation";

// Features without a value (NULL) in every style, the project and the report: drawn in
// this grey with this legend text, never left out of the map.
inline const std::string kNoValueColour = "#d9d9d9";
inline const std::string kNoValueLabel = "no value";

struct StyleOptions {
    int classes = 5;  // graduated classes when the table has no classification of its own
    // Inner class breaks per graduated field; override the quantiles. (The index with an
    // index_class field is drawn in those classes instead, see index_class_labels.)
    std::map<std::string, std::vector<double>> breaks;
    // The label of every index class 1..k of the project's classification
    // (index::Classification::labels). The index style then shows all k classes, also
    // those without members, in the colours of k classes. Without it the classes in
    // index_class are shown, labelled from index_class_label.
    std::vector<std::string> index_class_labels;
    // A date field: every style of the layer shows each feature for one year from that
    // date in QGIS's temporal controller (a layer with one row per unit and year).
    std::string temporal_field;
    // Every style of the layer in this layer-tree group, its title with this suffix (the
    // monitor's layers: "Liveability index per year" under "Over time").
    std::string group, title_suffix;
    // Only these styles (by name, e.g. "index"); empty: every one recognised. The area
    // layers keep one style each, so the project's layer tree stays readable.
    std::vector<std::string> only;
};

// The styles QGIS should offer for a layer, recognised from the field names in
// core/field_names.hpp; the first is the default. Empty when no field is recognised.
std::vector<LayerStyle> default_styles(const FeatureTable& table, const std::string& layer_name, const StyleOptions& options = {});

// The class of a value under a graduated style (index into classes), or -1 for NaN or a
// style without classes. The one definition the renderers and the report share.
int graduated_class(const LayerStyle& style, double value);

// The legend of a style as the report and QGIS show it: the classes, then "no value".
struct LegendEntry {
    std::string label;
    std::string colour;
};
std::vector<LegendEntry> legend_entries(const LayerStyle& style);

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
