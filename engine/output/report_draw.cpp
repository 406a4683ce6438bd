#include "output/report_draw.hpp"

#include <algorithm>
#include <cairo.h>
#include <cmath>
#include <cstdio>

#include <cpl_conv.h>
#include <cpl_string.h>

namespace leefbaar::output::detail {

std::string fmt(double v, const char* f) {
    char b[40];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

// GDAL's CPLBase64Encode: already linked, no need for our own encoder.
std::string base64(const std::string& bytes) {
    char* b = CPLBase64Encode(static_cast<int>(bytes.size()), reinterpret_cast<const GByte*>(bytes.data()));
    std::string out(b ? b : "");
    CPLFree(b);
    return out;
}

std::vector<double> values(const FeatureTable& t, const std::string& f) {
    std::vector<double> v(t.rows());
    const Column& c = t.column(f);
    for (std::size_t r = 0; r < t.rows(); ++r) v[r] = c.as_double(r);
    return v;
}

std::vector<std::string> row_colours(const FeatureTable& t, const LayerStyle& s) {
    const Column& c = t.column(s.field);
    std::vector<std::string> out(t.rows(), kNoValueColour);
    for (std::size_t r = 0; r < t.rows(); ++r) {
        if (c.is_null(r)) continue;
        if (s.kind == RendererKind::Graduated) {
            const int k = graduated_class(s, c.as_double(r));
            if (k >= 0) out[r] = s.classes[static_cast<std::size_t>(k)].colour;
        } else {
            const std::string v = c.as_text(r);
            for (const auto& k : s.classes)
                if (k.value == v) {
                    out[r] = k.colour;
                    break;
                }
        }
    }
    return out;
}

MapView extent(const FeatureTable& t, std::size_t first, std::size_t count) {
    MapView v{INFINITY, INFINITY, -INFINITY, -INFINITY, 0, 0, 1};
    for (std::size_t r = first; r < first + count && r < t.geometries().size(); ++r)
        for (const auto& poly : t.geometries()[r])
            for (const auto& p : poly.outer()) {
                v.minx = std::min(v.minx, p.x());
                v.maxx = std::max(v.maxx, p.x());
                v.miny = std::min(v.miny, p.y());
                v.maxy = std::max(v.maxy, p.y());
            }
    return v;
}

void draw_units(Canvas& cv, const FeatureTable& t, std::size_t first, std::size_t count, const std::vector<std::string>& colours, const MapView& v,
                double line_width) {
    cairo_t* cr = cv.cr();
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (std::size_t r = first; r < first + count && r < t.geometries().size(); ++r) {
        for (const auto& poly : t.geometries()[r]) {
            auto ring = [&](const auto& pts) {
                for (std::size_t i = 0; i < pts.size(); ++i) {
                    if (i == 0) cairo_move_to(cr, v.X(pts[i].x()), v.Y(pts[i].y()));
                    else cairo_line_to(cr, v.X(pts[i].x()), v.Y(pts[i].y()));
                }
                cairo_close_path(cr);
            };
            ring(poly.outer());
            for (const auto& in : poly.inners()) ring(in);
        }
        cv.colour(colours[r]);
        cairo_fill_preserve(cr);
        cv.colour("#333333");
        cairo_set_line_width(cr, line_width);
        cairo_stroke(cr);
    }
}

double draw_legend(Canvas& cv, const LayerStyle& s, double x, double y, bool any_missing) {
    cv.text(x, y - 8, s.title, 11, Canvas::Left, true);  // the layer name heads the QGIS legend too
    for (const auto& e : legend_entries(s)) {
        if (e.label == kNoValueLabel && e.colour == kNoValueColour && !any_missing) continue;
        cv.rect(x, y, 18, 14, e.colour, "#333333");
        cv.text(x + 26, y + 11, e.label, 11);
        y += 20;
    }
    return y;
}

ReportFigure map_figure(const FeatureTable& t, const LayerStyle& s, int width) {
    ReportFigure f{"map-" + s.name, s.title, {}, {}, {}};
    MapView v = extent(t, 0, t.rows());
    if (v.empty()) {
        f.note = "The layer has no geometries to draw.";
        return f;
    }
    const int legend_w = 250, pad = 12;
    const double map_w = width - legend_w - 2 * pad;
    v.scale = std::min(map_w / (v.maxx - v.minx), 1.4 * map_w / (v.maxy - v.miny));
    v.left = pad;
    v.top = 24 + pad;
    const int height = std::max(260, static_cast<int>((v.maxy - v.miny) * v.scale) + 2 * pad + 24);
    Canvas cv(width, height);
    cv.text(pad, 18, s.title, 14, Canvas::Left, true);
    const auto colours = row_colours(t, s);
    draw_units(cv, t, 0, t.rows(), colours, v);
    const bool any_missing = std::count(colours.begin(), colours.end(), kNoValueColour) > 0;
    draw_legend(cv, s, width - legend_w + 4, 44, any_missing);
    f.png = cv.png();
    f.caption = s.kind == RendererKind::Graduated ? "Field '" + s.field + "', " + std::to_string(s.classes.size()) +
                                                         " classes (the same classes as the QGIS default style)."
                                                   : "Field '" + s.field + "', the same classes, labels and colours as the QGIS default style.";
    return f;
}

void axes(Canvas& cv, const Frame& fr, const std::string& xlabel, const std::string& ylabel) {
    cv.rect(fr.x0, fr.y0, fr.w, fr.h, "#ffffff", "#888888");
    for (int i = 0; i <= 4; ++i) {
        const double xv = fr.xmin + (fr.xmax - fr.xmin) * i / 4, yv = fr.ymin + (fr.ymax - fr.ymin) * i / 4;
        cv.line(fr.X(xv), fr.y0 + fr.h, fr.X(xv), fr.y0 + fr.h + 4, "#888888");
        cv.text(fr.X(xv), fr.y0 + fr.h + 16, fmt(xv), 10, Canvas::Centre);
        cv.line(fr.x0 - 4, fr.Y(yv), fr.x0, fr.Y(yv), "#888888");
        cv.text(fr.x0 - 6, fr.Y(yv) + 4, fmt(yv), 10, Canvas::Right);
    }
    cv.text(fr.x0 + fr.w / 2, fr.y0 + fr.h + 34, xlabel, 11, Canvas::Centre);
    cv.text(fr.x0 - 44, fr.y0 + fr.h / 2, ylabel, 11, Canvas::Centre, false, "#222222", true);
}

}  // namespace leefbaar::output::detail
