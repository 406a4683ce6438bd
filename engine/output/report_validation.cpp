#include "output/report_validation.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/field_names.hpp"
#include "output/report_draw.hpp"
#include "output/style_spec.hpp"
#include "output/xml_text.hpp"

namespace leefbaar::output {

using detail::fmt;
using detail::xml_escape;

namespace {

std::string rho_text(const index::Correlation& c) {
    if (c.status == index::SeriesStatus::ok) return fmt(c.spearman, "%.2f") + " (" + fmt(c.spearman_interval.lower, "%.2f") + " to " + fmt(c.spearman_interval.upper, "%.2f") + ")";
    return xml_escape(index::status_text(c.status));
}

// The index (y) against the reference (x) over the matched areas; the largest
// disagreements labelled with their codes.
std::string scatter_png(const validate::ValidateResult& r) {
    const auto& t = r.areas;
    const auto x = detail::values(t, fields::validation_reference), y = detail::values(t, fields::index_score);
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]) && !std::isnan(y[i])) x0 = std::min(x0, x[i]), x1 = std::max(x1, x[i]), y0 = std::min(y0, y[i]), y1 = std::max(y1, y[i]);
    if (!(x1 > x0) || !(y1 > y0)) return {};
    const double px = 0.05 * (x1 - x0), py = 0.05 * (y1 - y0);
    detail::Canvas cv(640, 440);
    detail::Frame fr{70, 20, 540, 360, x0 - px, x1 + px, y0 - py, y1 + py};
    detail::axes(cv, fr, "reference: " + r.reference_score, "index (mean of the units)");
    const auto& res = t.column(fields::validation_residual);
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isnan(x[i]) || std::isnan(y[i])) continue;
        const double z = res.as_double(i);
        cv.circle(fr.X(x[i]), fr.Y(y[i]), 4, z > 0.5 ? "#2166ac" : z < -0.5 ? "#b2182b" : "#555555", 0.85);
    }
    for (std::size_t k = 0; k < r.largest.size() && k < 5; ++k)
        for (std::size_t i = 0; i < t.rows(); ++i)
            if (t.column("code").as_text(i) == r.largest[k].code) {
                const bool right = fr.X(x[i]) > fr.x0 + 0.8 * fr.w;  // keep the label inside the picture
                cv.text(fr.X(x[i]) + (right ? -6 : 6), fr.Y(y[i]) - 4, r.largest[k].code, 10, right ? detail::Canvas::Right : detail::Canvas::Left);
            }
    return cv.png();
}

void compared_table(std::ostringstream& h, const validate::ValidateResult& r) {
    h << "<table><tr><th>compared</th><th>kind</th><th>areas</th><th>Spearman &rho; (95 % interval)</th><th>Kendall &tau;</th><th>verdict</th></tr>\n";
    for (const auto& c : r.compared)
        h << "<tr><td>" << xml_escape(c.label) << " <code>" << xml_escape(c.field) << "</code></td><td>" << c.kind << "</td><td>" << c.corr.n << "</td><td>"
          << rho_text(c.corr) << "</td><td>" << fmt(c.corr.kendall, "%.2f") << "</td><td>" << xml_escape(c.verdict) << "</td></tr>\n";
    h << "</table>\n";
}

void disagreements(std::ostringstream& h, const validate::ValidateResult& r) {
    h << "<table><tr><th>area</th><th>index</th><th>reference</th><th>residual (sd)</th><th>rank by index</th><th>rank by reference</th></tr>\n";
    for (const auto& d : r.largest)
        h << "<tr><td>" << xml_escape(d.name == d.code || d.name.empty() ? d.code : d.name + " (" + d.code + ")") << "</td><td>" << fmt(d.own, "%.1f") << "</td><td>" << fmt(d.reference, "%.3g") << "</td><td>" << fmt(d.residual, "%+.2f")
          << "</td><td>" << d.own_rank << "</td><td>" << d.reference_rank << "</td></tr>\n";
    h << "</table>\n";
}

void calibration(std::ostringstream& h, const validate::ValidateResult& r) {
    if (r.domain_fields.empty()) return;
    if (!r.calibration_error.empty()) {
        h << "<p>Not estimated: " << xml_escape(r.calibration_error) << "</p>\n";
        return;
    }
    const auto& c = r.calibration;
    h << "<p>Non-negative least squares of the reference on the domain scores over " << c.rows_used << " areas, normalised to sum 1: in-sample &rho; "
      << fmt(c.rho_in_sample, "%.2f") << ", cross-validated &rho; " << fmt(c.rho_cross_validated, "%.2f") << " (" << c.fold_weights.size()
      << " folds). Evidence about the weights, not a replacement for a judgement.</p>\n<table><tr><th>domain</th><th>weight</th></tr>\n";
    for (std::size_t d = 0; d < r.domain_fields.size() && d < c.weights.size(); ++d)
        h << "<tr><td>" << xml_escape(r.domain_fields[d]) << "</td><td>" << fmt(c.weights[d], "%.2f") << "</td></tr>\n";
    h << "</table>\n";
    if (!c.warning.empty()) h << "<p class=\"warn\">" << xml_escape(c.warning) << "</p>\n";
}

}  // namespace

std::vector<ReportFigure> validation_figures(const validate::ValidateResult& r, const validate::ValidateOptions& o) {
    const std::string section = "Validation against " + r.reference_score;
    std::vector<ReportFigure> out;
    std::ostringstream h;
    const auto& idx = r.compared.front();
    h << "<p>The index rolled up to level <b>" << xml_escape(r.level) << "</b>" << (o.weight.empty() ? "" : " (weighted by " + xml_escape(o.weight) + ")")
      << " and the reference agree at Spearman &rho; = " << rho_text(idx.corr) << ", Kendall &tau; = " << fmt(idx.corr.kendall, "%.2f") << ", over " << r.matched
      << " of " << r.areas_total << " areas (95 % percentile bootstrap intervals, " << o.stats.replicates << " replicates).</p>\n";
    if (!o.note.empty()) h << "<p class=\"note\">" << xml_escape(o.note) << "</p>\n";
    for (const auto& w : r.warnings) h << "<p class=\"warn\">" << xml_escape(w) << "</p>\n";
    compared_table(h, r);
    ReportFigure agreement("validation-agreement", "Agreement of the index, its domains and indicators with the reference", {}, {}, {}, section);
    agreement.table_html = h.str();
    agreement.caption = "An indicator whose interval lies below 0 is oriented against the reference or measures something else; one spanning 0 is unrelated to it at this level.";
    out.push_back(std::move(agreement));
    ReportFigure scatter("validation-scatter", "The index against the reference", {}, scatter_png(r), "fewer than two distinct values", section);
    scatter.caption = "One point per area; blue: the index rates the area better than the reference does (> 0.5 sd), red: worse; the five largest disagreements labelled.";
    out.push_back(std::move(scatter));
    ReportFigure map("validation-map", "Where they disagree: standardised residuals", {}, {}, "the units have no polygons", section);
    if (r.areas.has_geometry() && r.areas.has_column(fields::validation_residual)) {
        const auto styles = default_styles(r.areas, "validation");
        if (!styles.empty() && styles.front().field == fields::validation_residual) map.png = detail::map_figure(r.areas, styles.front(), 760).png;
    }
    std::ostringstream d;
    disagreements(d, r);
    map.table_html = d.str();
    map.caption = "Residual = z-score of the index minus z-score of the reference, over the areas with both (layer 'validation' in QGIS, same classes).";
    out.push_back(std::move(map));
    std::ostringstream c;
    calibration(c, r);
    if (!c.str().empty()) {
        ReportFigure cal("validation-weights", "Domain weights a regression on the reference would give", {}, {}, {}, section);
        cal.table_html = c.str();
        out.push_back(std::move(cal));
    }
    return out;
}

std::string validation_page(const validate::ValidateResult& r, const validate::ValidateOptions& o, const std::string& title) {
    ReportOptions ro;
    ro.title = title;
    return report_html(validation_figures(r, o), ro, r.reference_score);
}

}  // namespace leefbaar::output
