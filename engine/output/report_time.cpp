// The report's section "Over time": the monitor's years and change layers drawn with
// the classes and colours of their QGIS styles.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/field_names.hpp"
#include "output/report.hpp"
#include "output/report_draw.hpp"
#include "output/report_time.hpp"
#include "output/xml_text.hpp"

namespace leefbaar::output {

using namespace detail;
namespace tf = detail::time_fields;

namespace {

const std::string kSection = "Over time";

std::string span(const ReportTime& tm) { return std::to_string(tm.from) + "-" + std::to_string(tm.to); }

// One small map of the index per year, on the pooled classes of the years layer's
// style, and the shared legend below them.
ReportFigure small_multiples(const ReportTime& tm, const ReportOptions& o) {
    ReportFigure f{"time-years", "Liveability index per year", {}, {}, {}};
    f.section = kSection;
    const FeatureTable& t = *tm.years;
    StyleOptions so = o.style;
    so.index_class_labels = tm.index_class_labels;
    const auto styles = default_styles(t, "years", so);
    const auto style = std::find_if(styles.begin(), styles.end(), [](const LayerStyle& s) { return s.name == fields::index_score; });
    MapView v = extent(t, 0, tm.units);
    if (style == styles.end() || v.empty()) {
        f.note = v.empty() ? "The years layer has no geometries to draw." : "The years layer has no field 'index'.";
        return f;
    }
    const auto colours = row_colours(t, *style);
    const int pw = (o.map_width - 16) / 3;
    v.scale = std::min((pw - 8) / (v.maxx - v.minx), 1.4 * (pw - 8) / (v.maxy - v.miny));
    v.left = 4;
    v.top = 26;
    const int ph = static_cast<int>((v.maxy - v.miny) * v.scale) + 32;
    for (std::size_t y = 0; y < tm.year_values.size(); ++y) {
        Canvas cv(pw, ph);
        cv.text(pw / 2.0, 17, std::to_string(tm.year_values[y]), 13, Canvas::Centre, true);
        draw_units(cv, t, y * tm.units, tm.units, colours, v, 0.35);
        f.panels.push_back({std::to_string(tm.year_values[y]), cv.png()});
    }
    const bool any_missing = std::count(colours.begin(), colours.end(), kNoValueColour) > 0;
    Canvas legend(o.map_width, 36 + 20 * static_cast<int>(legend_entries(*style).size()));
    draw_legend(legend, *style, 8, 26, any_missing);
    f.png = legend.png();
    f.caption = "The index of every unit in each year " + std::to_string(tm.year_values.front()) + "-" + std::to_string(tm.year_values.back()) +
                ", in the same classes for every year (breaks over all units and years pooled), with the colours and labels of the years layer's "
                "QGIS style; grey: no value in that year.";
    return f;
}

// Significantly better / worse / not significant in a diverging palette (ColorBrewer
// RdBu's ends and its neutral centre, as the development classes).
ReportFigure significance_map(const ReportTime& tm, const ReportOptions& o) {
    const FeatureTable& c = *tm.change;
    if (!c.has_column(tf::significance))
        return {"time-significance", "Significant change " + span(tm), {}, {}, "No field change_sig: the change has an interval only with Monte Carlo runs ([uncertainty] runs).", kSection};
    LayerStyle s;
    s.name = tf::significance;
    s.title = "Significant change " + span(tm);
    s.kind = RendererKind::Categorised;
    s.field = tf::significance;
    s.classes = {{0, 0, tf::better, "#2166ac", tf::better}, {0, 0, "not significant", "#f7f7f7", "not significant"}, {0, 0, tf::worse, "#b2182b", tf::worse}};
    ReportFigure f = map_figure(c, s, o.map_width);
    f.id = "time-significance";
    f.section = kSection;
    const std::string pct = std::to_string(static_cast<int>(std::lround(tm.level * 100)));
    if (!f.png.empty())
        f.caption = "Field 'change_sig': blue where the " + pct + " % Monte Carlo interval of the change " + span(tm) + " lies above zero, red where it lies below, "
                    "white where it contains zero; grey: no interval (a year without a score).";
    return f;
}

// The development classes in the change layer's QGIS style (7-class RdBu).
ReportFigure development_map(const ReportTime& tm, const ReportOptions& o) {
    const auto styles = default_styles(*tm.change, "change", {});
    const auto s = std::find_if(styles.begin(), styles.end(), [](const LayerStyle& x) { return x.field == tf::development; });
    if (s == styles.end()) return {"time-development", "Development " + span(tm), {}, {}, "No field 'development' in the change layer.", kSection};
    ReportFigure f = map_figure(*tm.change, *s, o.map_width);
    f.id = "time-development";
    f.section = kSection;
    if (!f.png.empty())
        f.caption = "Development class of the change " + span(tm) + " in seven steps (thresholds in docs/methods/monitoring.md), the colours of the change "
                    "layer's QGIS style.";
    return f;
}

std::string cell(const Column* c, std::size_t r, bool signed_value = false) {
    if (!c || c->is_null(r)) return "<td></td>";
    if (c->type == ColumnType::Text) return "<td>" + detail::xml_escape(c->as_text(r)) + "</td>";
    return "<td class=\"num\">" + fmt(c->as_double(r), signed_value ? "%+.2f" : "%.2f") + "</td>";
}

// The rows of one significance label as an HTML table; each row carries the unit's key.
std::string significance_table(const ReportTime& tm, const std::string& label, const std::string& heading) {
    const FeatureTable& c = *tm.change;
    const auto rows = units_with_significance(c, label);
    auto col = [&](const std::string& n) { return c.has_column(n) ? &c.column(n) : nullptr; };
    const Column* key = c.key_column().empty() ? nullptr : col(c.key_column());
    const std::string a = std::to_string(tm.from), b = std::to_string(tm.to), pct = std::to_string(static_cast<int>(std::lround(tm.level * 100)));
    std::ostringstream h;
    h << "<h4>" << detail::xml_escape(heading) << " (" << rows.size() << ")</h4>\n";
    if (rows.empty()) return h.str() + "<p>None.</p>\n";
    h << "<table class=\"time-table\" data-significance=\"" << detail::xml_escape(label) << "\">\n<thead><tr><th>Name</th><th>Key</th><th>Index " << a
      << "</th><th>Index " << b << "</th><th>Change</th><th>" << pct << " % interval</th><th>Development</th></tr></thead>\n<tbody>\n";
    for (std::size_t r : rows) {
        h << "<tr data-key=\"" << (key ? detail::xml_escape(key->as_text(r)) : std::string()) << "\"><td>" << detail::xml_escape(unit_name(c, r)) << "</td>"
          << cell(key, r) << cell(col(tf::index_from), r) << cell(col(tf::index_to), r) << cell(col(tf::change), r, true) << "<td class=\"num\">"
          << fmt(col(tf::low)->as_double(r), "%+.2f") << " .. " << fmt(col(tf::high)->as_double(r), "%+.2f") << "</td>" << cell(col(tf::development_label), r)
          << "</tr>\n";
    }
    return h.str() + "</tbody>\n</table>\n";
}

ReportFigure change_tables(const ReportTime& tm) {
    ReportFigure f{"time-table", "Significantly improved and worsened units " + span(tm), {}, {}, {}};
    f.section = kSection;
    if (!tm.change->has_column(tf::significance) || !tm.change->has_column(tf::low)) {
        f.note = "No field change_sig: the change has an interval only with Monte Carlo runs ([uncertainty] runs).";
        return f;
    }
    f.table_html = significance_table(tm, tf::better, "Significantly improved") + significance_table(tm, tf::worse, "Significantly worsened");
    f.caption = "Every unit whose change " + span(tm) + " is significant (change_sig in the change layer), the largest improvement and the largest decline "
                "first; the interval is that of the change.";
    return f;
}

}  // namespace

std::vector<ReportFigure> time_figures(const ReportTime& tm, const ReportOptions& o) {
    if (!tm.years || !tm.change || tm.units == 0 || tm.year_values.empty()) return {};
    std::vector<ReportFigure> out;
    out.push_back(small_multiples(tm, o));
    out.push_back(trajectory_figure(tm, select_trajectories(*tm.change, tm.trajectories_each), o.map_width));
    out.push_back(significance_map(tm, o));
    out.push_back(development_map(tm, o));
    out.push_back(change_tables(tm));
    return out;
}

}  // namespace leefbaar::output
