#include "output/style_spec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/field_names.hpp"
#include "output/xml_text.hpp"

namespace leefbaar::output {

using detail::qgis_field_ref;

namespace {

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }
bool ends_with(const std::string& s, const std::string& e) {
    return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}
// "lisa_index_cl" -> "index"
std::string middle(const std::string& s, std::size_t prefix, std::size_t suffix) { return s.substr(prefix, s.size() - prefix - suffix); }

std::string number_label(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::string title_of(const Column& c, const std::string& fallback) { return c.title.empty() ? fallback : c.title; }

std::vector<StyleClass> ranges_from_edges(const std::vector<double>& edges) {
    std::vector<StyleClass> out;
    if (edges.size() < 2) return out;
    const auto colours = diverging_ramp(static_cast<int>(edges.size() - 1));
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
        StyleClass c;
        c.lower = edges[i];
        c.upper = edges[i + 1];
        c.colour = colours[i];
        c.label = number_label(c.lower) + " – " + number_label(c.upper);
        out.push_back(c);
    }
    return out;
}

std::pair<double, double> min_max(const Column& c) {
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t r = 0; r < c.size(); ++r) {
        const double v = c.as_double(r);
        if (std::isnan(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    return {lo, hi};
}

std::vector<StyleClass> graduated_classes(const Column& c, const StyleOptions& o) {
    if (auto it = o.breaks.find(c.name); it != o.breaks.end()) {
        auto [lo, hi] = min_max(c);
        if (!std::isfinite(lo)) return {};
        std::vector<double> edges{lo};
        for (double b : it->second)
            if (b > edges.back() && b < hi) edges.push_back(b);
        edges.push_back(hi);
        return ranges_from_edges(edges);
    }
    return ranges_from_edges(quantile_edges(c, o.classes));
}

LayerStyle graduated(const Column& c, const std::string& title, const std::string& group,
                     const StyleOptions& o) {
    LayerStyle s;
    s.name = c.name;
    s.title = title;
    s.group = group;
    s.kind = RendererKind::Graduated;
    s.field = c.name;
    s.classes = graduated_classes(c, o);
    return s;
}

std::vector<std::string> distinct_values(const Column& c) {
    std::vector<std::string> out;
    if (c.type == ColumnType::Text) {
        std::set<std::string> seen;
        for (std::size_t r = 0; r < c.size(); ++r)
            if (!c.is_null(r) && seen.insert(c.texts[r]).second) out.push_back(c.texts[r]);
        std::sort(out.begin(), out.end());
    } else {
        // Numeric order, and the text form QGIS compares with (the column's own).
        std::map<double, std::string> seen;
        for (std::size_t r = 0; r < c.size(); ++r)
            if (!c.is_null(r)) seen.emplace(c.as_double(r), c.as_text(r));
        for (const auto& [v, text] : seen) out.push_back(text);
    }
    return out;
}

// The index in the project's own classification: categorised on index_class, class k
// in colour k of a k-class ramp and with its label, so the map, its legend and the
// report show the classes, labels and colours the classification gave (issue 16).
// Empty classes keep their place when the classification's labels are known.
LayerStyle index_class_style(const FeatureTable& t, const Column& index, const StyleOptions& o) {
    const Column& cls = t.column(fields::index_class);
    const Column* lab = t.has_column(fields::index_class_label) ? &t.column(fields::index_class_label) : nullptr;
    std::map<std::int64_t, std::string> seen;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const double k = cls.as_double(r);
        if (std::isnan(k) || k < 1) continue;
        auto& label = seen[static_cast<std::int64_t>(k)];
        if (label.empty() && lab && !lab->is_null(r)) label = lab->as_text(r);
    }
    LayerStyle s;
    s.name = index.name;
    s.title = title_of(index, "Liveability index");
    s.group = kGroupIndex;
    s.kind = RendererKind::Categorised;
    s.field = cls.name;
    const std::int64_t k = std::max(static_cast<std::int64_t>(o.index_class_labels.size()), seen.empty() ? 0 : seen.rbegin()->first);
    const auto colours = diverging_ramp(static_cast<int>(k));
    for (std::int64_t i = 1; i <= k; ++i) {
        const auto n = static_cast<std::size_t>(i - 1);
        std::string label = n < o.index_class_labels.size() ? o.index_class_labels[n] : std::string();
        if (label.empty() && seen.count(i)) label = seen[i];
        if (label.empty()) label = "class " + std::to_string(i);
        s.classes.push_back(StyleClass{0, 0, std::to_string(i), colours[n], label});
    }
    return s;
}

LayerStyle lisa_style(const Column& c, const std::string& variable) {
    LayerStyle s;
    s.name = c.name;
    s.title = "LISA clusters of " + variable;  // a layer name, not the field title (that says how it was computed)
    s.group = kGroupHotSpots;
    s.kind = RendererKind::Categorised;
    s.field = c.name;
    for (const char* label : {"High-High", "Low-Low", "Low-High", "High-Low", "Not significant", "No neighbours", "Undefined"})
        s.classes.push_back(StyleClass{0, 0, label, lisa_colour(label), label});
    return s;
}

LayerStyle gistar_style(const Column& c, const std::string& variable) {
    LayerStyle s;
    s.name = c.name;
    s.title = "Hot and cold spots (Gi*) of " + variable;
    s.group = kGroupHotSpots;
    s.kind = RendererKind::Categorised;
    s.field = c.name;
    for (int b = 3; b >= -3; --b) s.classes.push_back(StyleClass{0, 0, std::to_string(b), gistar_colour(b), gistar_label(b)});
    return s;
}

// The seven development classes (monitor/change.hpp) in ColorBrewer's 7-class RdBu:
// red for decline, blue for improvement, near-white for no change.
// The validation layer's residual z_own - z_ref (validate/validate_job.hpp) in five
// fixed bands of standard deviations: where the index and the reference disagree.
LayerStyle residual_style(const Column& c) {
    static const char* const colours[] = {"#b2182b", "#ef8a62", "#f7f7f7", "#67a9cf", "#2166ac"};
    static const char* const labels[] = {"index much lower (< -1.5 sd)", "index lower (-1.5 to -0.5 sd)", "agree (within 0.5 sd)", "index higher (0.5 to 1.5 sd)",
                                         "index much higher (> 1.5 sd)"};
    static const double edges[] = {-1000, -1.5, -0.5, 0.5, 1.5, 1000};
    LayerStyle s;
    s.name = c.name;
    s.title = title_of(c, "Index minus reference");
    s.group = kGroupValidation;
    s.kind = RendererKind::Graduated;
    s.field = c.name;
    for (int k = 0; k < 5; ++k) s.classes.push_back(StyleClass{edges[k], edges[k + 1], {}, colours[k], labels[k]});
    s.display_expression = "coalesce(\"naam\", \"code\")";
    s.map_tip = "<b>[% coalesce(\"naam\", \"code\") %]</b><br>Liveability index [% round(\"index\", 1) %] (rank [% \"val_rank_own\" %]), reference [% \"val_ref\" %] (rank [% "
                "\"val_rank_ref\" %])<br>Index minus reference: [% round(\"val_residual\", 2) %] sd";
    return s;
}

LayerStyle development_style(const Column& c) {
    static const char* const colours[] = {"#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"};
    static const char* const labels[] = {"grote achteruitgang", "achteruitgang",      "geringe achteruitgang", "geen verandering",
                                         "geringe vooruitgang", "vooruitgang", "grote vooruitgang"};
    LayerStyle s;
    s.name = c.name;
    s.title = title_of(c, "Development");
    s.group = kGroupIndex;
    s.kind = RendererKind::Categorised;
    s.field = c.name;
    for (int k = 7; k >= 1; --k) s.classes.push_back(StyleClass{0, 0, std::to_string(k), colours[k - 1], labels[k - 1]});
    return s;
}

// Emerging hot spot categories (time/emerging_categories.hpp) in ArcGIS Pro's scheme:
// reds for hot, blues for cold, strongest for persistent and intensifying.
LayerStyle emerging_style(const Column& c) {
    static const std::pair<const char*, const char*> hot[] = {{"New hot spot", "#fcbba1"},        {"Consecutive hot spot", "#fc9272"},
                                                              {"Intensifying hot spot", "#cb181d"}, {"Persistent hot spot", "#ef3b2c"},
                                                              {"Diminishing hot spot", "#fb6a4a"},  {"Sporadic hot spot", "#fee0d2"},
                                                              {"Oscillating hot spot", "#fdae6b"},  {"Historical hot spot", "#d7a8a8"}};
    static const std::pair<const char*, const char*> cold[] = {{"New cold spot", "#c6dbef"},        {"Consecutive cold spot", "#9ecae1"},
                                                               {"Intensifying cold spot", "#08519c"}, {"Persistent cold spot", "#2171b5"},
                                                               {"Diminishing cold spot", "#6baed6"},  {"Sporadic cold spot", "#deebf7"},
                                                               {"Oscillating cold spot", "#a6bddb"},  {"Historical cold spot", "#a8b8d0"}};
    LayerStyle s;
    s.name = c.name;
    s.title = title_of(c, "Emerging hot spots");
    s.group = kGroupHotSpots;
    s.kind = RendererKind::Categorised;
    s.field = c.name;
    for (const auto& [label, colour] : hot) s.classes.push_back(StyleClass{0, 0, label, colour, label});
    for (const auto& [label, colour] : cold) s.classes.push_back(StyleClass{0, 0, label, colour, label});
    s.classes.push_back(StyleClass{0, 0, "No pattern detected", "#f0f0f0", "No pattern detected"});
    return s;
}

LayerStyle cluster_style(const Column& c, const std::string& group) {
    LayerStyle s;
    s.name = c.name;
    s.title = group == kGroupRegions ? std::string("Regions") : title_of(c, "Clusters");
    s.group = group;
    s.kind = RendererKind::Categorised;
    s.field = c.name;
    const auto values = distinct_values(c);
    for (std::size_t i = 0; i < values.size(); ++i)
        s.classes.push_back(StyleClass{0, 0, values[i], qualitative_colour(i), (group == kGroupRegions ? "Region " : "Cluster ") + values[i]});
    return s;
}

// A name field worth printing on the map (the regions' or neighbourhoods' names).
std::string name_field(const FeatureTable& t) {
    for (const char* n : {"name", "naam", "region_name", "regio_naam", "buurtnaam", "wijknaam"})
        if (t.has_column(n) && t.column(n).type == ColumnType::Text) return n;
    return {};
}


// What identifies a unit to a reader: its name, else its key; empty when neither exists.
std::string unit_name_expression(const FeatureTable& t) {
    if (auto n = name_field(t); !n.empty()) return qgis_field_ref(n);
    if (!t.key_column().empty() && t.has_column(t.key_column())) return qgis_field_ref(t.key_column());
    return {};
}

// Map tip of a unit: its name, index score, class and rank with its uncertainty
// interval, each line only when the field exists.
std::string unit_map_tip(const FeatureTable& t, const std::string& name) {
    std::string tip;
    if (!name.empty()) tip += "<b>[% " + name + " %]</b>";
    auto line = [&](const std::string& text) { tip += (tip.empty() ? "" : "<br>") + text; };
    if (t.has_column(fields::index_score))
        line("Liveability index: [% coalesce(format_number(" + qgis_field_ref(fields::index_score) + ", 1), '" + kNoValueLabel + "') %]");
    if (t.has_column(fields::index_class_label)) line("Class: [% coalesce(" + qgis_field_ref(fields::index_class_label) + ", '" + kNoValueLabel + "') %]");
    if (t.has_column(fields::index_rank)) {
        std::string rank = "Rank: [% coalesce(" + qgis_field_ref(fields::index_rank) + ", '" + kNoValueLabel + "') %]";
        if (t.has_column(fields::rank_p05) && t.has_column(fields::rank_p95))
            rank += "[% if(" + qgis_field_ref(fields::rank_p05) + " IS NULL, '', ' (90 % interval ' || format_number(" + qgis_field_ref(fields::rank_p05) +
                    ", 0) || '–' || format_number(" + qgis_field_ref(fields::rank_p95) + ", 0) || ')') %]";
        line(rank);
    }
    if (t.has_column(fields::next_class)) line("To the next class: [% coalesce(" + qgis_field_ref(fields::next_class) + ", '" + kNoValueLabel + "') %]");
    return tip;
}

// Display expression, map tip and (switched-off) name labels shared by every style of
// the units layer.
void describe_units(const FeatureTable& t, std::vector<LayerStyle>& styles) {
    const std::string name = unit_name_expression(t);
    const std::string tip = unit_map_tip(t, name);
    for (auto& s : styles) {
        s.display_expression = name;
        s.map_tip = tip;
        if (!name.empty()) {
            s.label_field = name;
            s.label_is_expression = true;
            s.labels_on = false;
        }
    }
}

}  // namespace

int graduated_class(const LayerStyle& style, double value) {
    if (std::isnan(value) || style.classes.empty()) return -1;
    for (std::size_t i = 0; i + 1 < style.classes.size(); ++i)
        if (value <= style.classes[i].upper) return static_cast<int>(i);
    return static_cast<int>(style.classes.size() - 1);
}

std::vector<LegendEntry> legend_entries(const LayerStyle& style) {
    std::vector<LegendEntry> out;
    for (const auto& c : style.classes) out.push_back({c.label, c.colour});
    out.push_back({kNoValueLabel, kNoValueColour});
    return out;
}

std::vector<double> quantile_edges(const Column& column, int classes) {
    std::vector<double> v;
    for (std::size_t r = 0; r < column.size(); ++r) {
        const double x = column.as_double(r);
        if (!std::isnan(x)) v.push_back(x);
    }
    if (v.empty() || classes < 1) return {};
    std::sort(v.begin(), v.end());
    std::vector<double> edges;
    for (int k = 0; k <= classes; ++k) {
        // Hyndman & Fan (1996) type 7: h = (n-1)p, linear between order statistics.
        const double h = static_cast<double>(v.size() - 1) * k / classes;
        const auto lo = static_cast<std::size_t>(std::floor(h));
        const std::size_t hi = std::min(lo + 1, v.size() - 1);
        const double q = v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
        if (edges.empty() || q > edges.back()) edges.push_back(q);
    }
    if (edges.size() == 1) edges.push_back(edges[0]);  // constant column: one class
    return edges;
}

std::vector<std::string> diverging_ramp(int n) {
    // ColorBrewer 2.0 RdYlBu (Brewer, Harrower & PSU), the published sets for 3..11 classes.
    static const std::vector<std::vector<std::string>> sets = {
        {"#fc8d59", "#ffffbf", "#91bfdb"},
        {"#d7191c", "#fdae61", "#abd9e9", "#2c7bb6"},
        {"#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"},
        {"#d73027", "#fc8d59", "#fee090", "#e0f3f8", "#91bfdb", "#4575b4"},
        {"#d73027", "#fc8d59", "#fee090", "#ffffbf", "#e0f3f8", "#91bfdb", "#4575b4"},
        {"#d73027", "#f46d43", "#fdae61", "#fee090", "#e0f3f8", "#abd9e9", "#74add1", "#4575b4"},
        {"#d73027", "#f46d43", "#fdae61", "#fee090", "#ffffbf", "#e0f3f8", "#abd9e9", "#74add1", "#4575b4"},
        {"#a50026", "#d73027", "#f46d43", "#fdae61", "#fee090", "#e0f3f8", "#abd9e9", "#74add1", "#4575b4", "#313695"},
        {"#a50026", "#d73027", "#f46d43", "#fdae61", "#fee090", "#ffffbf", "#e0f3f8", "#abd9e9", "#74add1", "#4575b4", "#313695"},
    };
    if (n <= 0) return {};
    if (n == 1) return {"#ffffbf"};
    if (n == 2) return {"#fc8d59", "#91bfdb"};
    if (n <= 11) return sets[static_cast<std::size_t>(n - 3)];
    // More classes than ColorBrewer defines: pick evenly from the 11-class set.
    std::vector<std::string> out;
    const auto& s = sets.back();
    for (int i = 0; i < n; ++i) out.push_back(s[static_cast<std::size_t>(std::lround(10.0 * i / (n - 1)))]);
    return out;
}

std::string qualitative_colour(std::size_t i) {
    // Okabe & Ito (2008) "Color Universal Design", without black (borders are dark).
    static const char* c[] = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999"};
    return c[i % 8];
}

std::string lisa_colour(const std::string& label) {
    if (label == "High-High") return "#ff0000";
    if (label == "Low-Low") return "#0000ff";
    if (label == "Low-High") return "#a7adf9";
    if (label == "High-Low") return "#f4ada8";
    if (label == "Not significant") return "#eeeeee";
    if (label == "No neighbours") return "#999999";
    return "#464646";  // Undefined
}

std::string gistar_colour(int bin) {
    // ColorBrewer RdBu, 7 classes, with the neutral class for "not significant".
    static const char* c[] = {"#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"};
    return c[std::clamp(bin, -3, 3) + 3];
}

std::string gistar_label(int bin) {
    if (bin == 0) return "Not significant";
    const int a = bin < 0 ? -bin : bin;
    const char* conf = a == 3 ? "99" : a == 2 ? "95" : "90";
    return std::string(bin > 0 ? "Hot spot, " : "Cold spot, ") + conf + " % confidence";
}

std::vector<LayerStyle> default_styles(const FeatureTable& table, const std::string& layer_name, const StyleOptions& options) {
    std::vector<LayerStyle> out;
    if (layer_name == fields::regions_layer) {
        if (table.has_column(fields::cluster_id)) {
            LayerStyle s = cluster_style(table.column(fields::cluster_id), kGroupRegions);
            s.name = "regions";
            if (auto n = name_field(table); !n.empty()) s.label_field = n;
            else {
                s.label_field = "'Region ' || \"" + fields::cluster_id + "\"";
                s.label_is_expression = true;
            }
            s.labels_on = true;
            s.display_expression = s.label_is_expression ? s.label_field : qgis_field_ref(s.label_field);
            s.map_tip = "<b>[% " + s.display_expression + " %]</b>";
            if (table.has_column("n_units")) s.map_tip += "<br>[% \"n_units\" %] units";
            out.push_back(s);
        }
    } else {
        for (const auto& c : table.columns()) {
            const std::string& n = c.name;
            if (n != fields::index_score || !c.is_numeric()) continue;
            if (table.has_column(fields::index_class) && table.column(fields::index_class).is_numeric() &&
                table.column(fields::index_class).null_count() < table.rows())
                out.push_back(index_class_style(table, c, options));
            else
                out.push_back(graduated(c, title_of(c, "Liveability index"), kGroupIndex, options));
        }
        for (const auto& c : table.columns())
            if (starts_with(c.name, "d_") && c.is_numeric())
                out.push_back(graduated(c, title_of(c, "Domain " + c.name.substr(2)), kGroupDomains, options));
        // The change layer of the monitor opens on its development classes.
        if (table.has_column("development") && table.column("development").is_numeric()) out.push_back(development_style(table.column("development")));
        for (const auto& c : table.columns()) {
            const std::string& n = c.name;
            if (starts_with(n, "lisa_") && ends_with(n, "_cl") && n.size() > 8 && c.type == ColumnType::Text)
                out.push_back(lisa_style(c, middle(n, 5, 3)));
            else if (starts_with(n, "gi_") && ends_with(n, "_bin") && n.size() > 7 && c.is_numeric())
                out.push_back(gistar_style(c, middle(n, 3, 4)));
        }
        if (table.has_column(fields::cluster_id)) out.push_back(cluster_style(table.column(fields::cluster_id), kGroupClusters));
        if (table.has_column("ehsa") && table.column("ehsa").type == ColumnType::Text) out.push_back(emerging_style(table.column("ehsa")));
        describe_units(table, out);
        // The validation layer opens on its residuals: the map of disagreement.
        if (table.has_column(fields::validation_residual) && table.column(fields::validation_residual).is_numeric())
            out.insert(out.begin(), residual_style(table.column(fields::validation_residual)));
    }
    // Styles with nothing to show (a column of nulls) would only confuse.
    out.erase(std::remove_if(out.begin(), out.end(), [](const LayerStyle& s) { return s.classes.empty(); }), out.end());
    if (!options.only.empty())
        out.erase(std::remove_if(out.begin(), out.end(),
                                 [&](const LayerStyle& s) { return std::find(options.only.begin(), options.only.end(), s.name) == options.only.end(); }),
                  out.end());
    if (!out.empty()) out.front().is_default = true;
    for (auto& s : out) {
        s.temporal_field = options.temporal_field;
        if (!options.group.empty()) s.group = options.group;
        s.title += options.title_suffix;
    }
    return out;
}

}  // namespace leefbaar::output
