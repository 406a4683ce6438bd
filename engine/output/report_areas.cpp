// The report's section "Areas": the area levels' layers drawn with the classes and
// colours of their QGIS styles, a profile card per area, domain bars and class shares.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/field_names.hpp"
#include "output/report.hpp"
#include "output/report_draw.hpp"
#include "output/xml_text.hpp"

namespace leefbaar::output {

using namespace detail;

namespace {

const std::string kSection = "Areas";

double at(const FeatureTable& t, const std::string& field, std::size_t r) { return t.has_column(field) ? t.column(field).as_double(r) : NAN; }
std::string text(const FeatureTable& t, const std::string& field, std::size_t r) { return t.has_column(field) ? t.column(field).as_text(r) : std::string(); }

const LayerStyle* index_style(const std::vector<LayerStyle>& styles) {
    const auto it = std::find_if(styles.begin(), styles.end(), [](const LayerStyle& s) { return s.name == fields::index_score; });
    return it == styles.end() ? nullptr : &*it;
}

// One small map per level in the units' classes, and the shared legend.
ReportFigure level_maps(const ReportAreas& a, const ReportOptions& o) {
    ReportFigure f{"areas-maps", "Liveability index per area level", {}, {}, {}, kSection};
    StyleOptions so = o.style;
    so.index_class_labels = a.index_class_labels;
    const LayerStyle* legend_style = nullptr;
    std::vector<LayerStyle> keep;
    const int pw = (o.map_width - 16) / static_cast<int>(std::min<std::size_t>(3, std::max<std::size_t>(1, a.levels.size())));
    for (const auto& l : a.levels) {
        const FeatureTable& t = *l.table;
        auto styles = default_styles(t, l.label, so);
        const LayerStyle* s = index_style(styles);
        MapView v = extent(t, 0, t.rows());
        if (!s || v.empty()) continue;
        v.scale = std::min((pw - 8) / (v.maxx - v.minx), 1.4 * (pw - 8) / (v.maxy - v.miny));
        v.left = 4;
        v.top = 26;
        Canvas cv(pw, static_cast<int>((v.maxy - v.miny) * v.scale) + 32);
        cv.text(pw / 2.0, 17, l.label + " (" + std::to_string(t.rows()) + ")", 13, Canvas::Centre, true);
        draw_units(cv, t, 0, t.rows(), row_colours(t, *s), v, 0.8);
        f.panels.push_back({l.label, cv.png()});
        keep.push_back(*s);
    }
    if (keep.empty()) {
        f.note = "The area layers have no geometries or no field 'index' to draw.";
        return f;
    }
    legend_style = &keep.front();
    Canvas legend(o.map_width, 36 + 20 * static_cast<int>(legend_entries(*legend_style).size()));
    draw_legend(legend, *legend_style, 8, 26, true);
    f.png = legend.png();
    f.caption = "The index of every area (population-weighted mean of its units' index), in the classes of the units, with the colours and labels "
                "of the area layers' QGIS styles.";
    return f;
}

std::string num(double v, const char* f = "%.1f") { return std::isnan(v) ? std::string("–") : fmt(v, f); }

// A card per area: its scores, rank, class, comparisons and strengths and weaknesses.
std::string cards(const ReportAreas& a, const ReportAreaLevel& l) {
    const FeatureTable& t = *l.table;
    std::ostringstream h;
    h << "<h4>" << xml_escape(l.label) << "</h4>\n<div class=\"area-cards\" data-level=\"" << xml_escape(l.label) << "\">\n";
    std::vector<std::size_t> order(t.rows());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        const double rx = at(t, fields::index_rank, x), ry = at(t, fields::index_rank, y);
        return (std::isnan(ry) && !std::isnan(rx)) || rx < ry;
    });
    for (std::size_t r : order) {
        h << "<table class=\"area-card\" data-code=\"" << xml_escape(text(t, "code", r)) << "\">\n<caption>" << xml_escape(text(t, "name", r)) << "</caption>\n";
        auto row = [&](const std::string& k, const std::string& v) { h << "<tr><th>" << xml_escape(k) << "</th><td>" << xml_escape(v) << "</td></tr>\n"; };
        row("Index (mean of its units)", num(at(t, fields::index_score, r)));
        if (t.has_column("index_model")) row("Index (as a whole)", num(at(t, "index_model", r)));
        std::string rank = num(at(t, fields::index_rank, r), "%.0f") + " of " + std::to_string(t.rows());
        if (t.has_column(fields::rank_p05)) rank += " (90 %: " + num(at(t, fields::rank_p05, r), "%.0f") + "–" + num(at(t, fields::rank_p95, r), "%.0f") + ")";
        row("Rank", rank);
        row("Class", text(t, fields::index_class_label, r));
        if (!std::isnan(at(t, "diff_parent", r))) row("Against its parent area", num(at(t, "diff_parent", r), "%+.1f"));
        if (!std::isnan(at(t, "diff_reference", r))) row("Against " + a.reference_name, num(at(t, "diff_reference", r), "%+.1f"));
        if (!std::isnan(at(t, "pct_low_residents", r))) {
            std::string low = num(at(t, "pct_low_residents", r), "%.0f") + " %";
            if (t.has_column("pct_low_residents_p05"))
                low += " (90 %: " + num(at(t, "pct_low_residents_p05", r), "%.0f") + "–" + num(at(t, "pct_low_residents_p95", r), "%.0f") + " %)";
            row("Residents in buurten scoring " + a.low_label, low);
        }
        row("Strengths", text(t, "strengths", r));
        row("Weaknesses", text(t, "weaknesses", r));
        h << "</table>\n";
    }
    return h.str() + "</div>\n";
}

ReportFigure profile_cards(const ReportAreas& a) {
    ReportFigure f{"areas-profiles", "Area profiles", {}, {}, {}, kSection};
    for (const auto& l : a.levels)
        if (l.table->rows() <= a.max_cards) f.table_html += cards(a, l);
    if (f.table_html.empty()) f.note = "Every area level has more than " + std::to_string(a.max_cards) + " areas: see the area layers.";
    f.caption = "Per area: the index as the mean of its units and as a whole (its aggregated indicators scored by the units' model), its rank among "
                "its level with the Monte Carlo interval, its class, the difference with its parent area and with the reference, the share of its "
                "residents living in buurten scoring " + a.low_label + ", and the indicators on which it deviates most (in SDs of the units' scores).";
    return f;
}

// Domain scores of each area (bars) against its parent area and the reference (ticks).
ReportFigure domain_bars(const ReportAreas& a, const ReportOptions& o) {
    ReportFigure f{"areas-domains", "Domain scores against the parent area and the reference", {}, {}, {}, kSection};
    const std::size_t nd = a.domain_fields.size();
    for (const auto& l : a.levels) {
        const FeatureTable& t = *l.table;
        if (t.rows() > 12 || nd == 0) continue;
        const FeatureTable* parent = l.parent_level >= 0 ? a.levels[static_cast<std::size_t>(l.parent_level)].table : nullptr;
        for (std::size_t r = 0; r < t.rows(); ++r) {
            const int w = (o.map_width - 16) / 2, h = 60 + 26 * static_cast<int>(nd);
            Canvas cv(w, h);
            cv.text(8, 17, text(t, "name", r), 13, Canvas::Left, true);
            const Frame fr{150, 28, w - 170.0, 26.0 * nd, 0, 100, 0, 1};
            for (std::size_t d = 0; d < nd; ++d) {
                const double y = fr.y0 + 26.0 * d;
                cv.text(fr.x0 - 6, y + 15, a.domain_labels[d], 11, Canvas::Right);
                const double v = at(t, a.domain_fields[d], r);
                if (!std::isnan(v)) cv.rect(fr.X(0), y + 4, fr.X(std::clamp(v, 0.0, 100.0)) - fr.X(0), 16, "#4575b4");
                const std::int64_t pr = r < l.parent_row.size() ? l.parent_row[r] : -1;
                if (parent && pr >= 0) {
                    const double pv = at(*parent, a.domain_fields[d], static_cast<std::size_t>(pr));
                    if (!std::isnan(pv)) cv.line(fr.X(pv), y + 1, fr.X(pv), y + 23, "#222222", 2.0);
                }
                if (d < a.reference_domains.size() && !std::isnan(a.reference_domains[d]))
                    cv.line(fr.X(a.reference_domains[d]), y + 1, fr.X(a.reference_domains[d]), y + 23, "#d73027", 2.0);
            }
            cv.text(fr.x0, h - 8.0, "0", 10, Canvas::Centre);
            cv.text(fr.x0 + fr.w, h - 8.0, "100", 10, Canvas::Centre);
            f.panels.push_back({text(t, "name", r), cv.png()});
        }
    }
    if (f.panels.empty()) f.note = "No area level with at most 12 areas and domain scores.";
    f.caption = "Blue bars: the area's domain scores (population-weighted means of its units); black ticks: its parent area's; red ticks: " +
                (a.reference_name.empty() ? std::string("no reference") : a.reference_name + " (the reference row, scored by the units' model)") + ".";
    return f;
}

// The share of each area's residents living in units of each class (stacked bars).
ReportFigure class_shares(const ReportAreas& a, const ReportOptions& o) {
    ReportFigure f{"areas-class-shares", "Residents by the class of their buurt", {}, {}, {}, kSection};
    const auto colours = diverging_ramp(static_cast<int>(a.index_class_labels.size()));
    for (const auto& l : a.levels) {
        const FeatureTable& t = *l.table;
        if (t.rows() > a.max_cards || l.resident_share.empty()) continue;
        const int w = o.map_width, h = 40 + 22 * static_cast<int>(t.rows());
        Canvas cv(w, h);
        cv.text(8, 17, l.label, 13, Canvas::Left, true);
        const Frame fr{290, 28, w - 300.0, 22.0 * t.rows(), 0, 1, 0, 1};
        for (std::size_t r = 0; r < t.rows(); ++r) {
            const double y = fr.y0 + 22.0 * r;
            std::string name = text(t, "name", r);
            if (name.size() > 44) name = name.substr(0, 42) + "...";
            cv.text(fr.x0 - 6, y + 14, name, 10, Canvas::Right);
            double x = 0;
            for (std::size_t c = 0; c < l.resident_share[r].size() && c < colours.size(); ++c) {
                const double s = l.resident_share[r][c];
                if (!(s > 0)) continue;
                cv.rect(fr.X(x), y + 3, fr.X(x + s) - fr.X(x), 16, colours[c]);
                x += s;
            }
        }
        f.panels.push_back({l.label, cv.png()});
    }
    if (f.panels.empty()) {
        f.note = "No class shares: set [areas] population (and households).";
        return f;
    }
    // The legend in rows: a label's width is estimated at 6.5 px a character (size 10).
    const auto width_of = [](const std::string& s) { return 18 + 6.5 * static_cast<double>(s.size()) + 14; };
    int rows = 1;
    double x = 8;
    for (const auto& label : a.index_class_labels) {
        if (x + width_of(label) > o.map_width - 8) x = 8, ++rows;
        x += width_of(label);
    }
    Canvas legend(o.map_width, 8 + 22 * rows);
    x = 8;
    double y = 8;
    for (std::size_t c = 0; c < a.index_class_labels.size() && c < colours.size(); ++c) {
        if (x + width_of(a.index_class_labels[c]) > o.map_width - 8) x = 8, y += 22;
        legend.rect(x, y, 14, 14, colours[c]);
        legend.text(x + 18, y + 12, a.index_class_labels[c], 10);
        x += width_of(a.index_class_labels[c]);
    }
    f.png = legend.png();
    f.caption = "The share of each area's residents living in buurten of each class of the index (the units' classes), from the lowest class at the left.";
    return f;
}

}  // namespace

std::vector<ReportFigure> area_figures(const ReportAreas& a, const ReportOptions& o) {
    if (a.levels.empty()) return {};
    return {level_maps(a, o), profile_cards(a), domain_bars(a, o), class_shares(a, o)};
}

}  // namespace leefbaar::output
