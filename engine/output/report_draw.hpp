#pragma once
// Drawing pieces the report's figures share (private to output/): number format,
// polygons in a style's colours, the legend as QGIS shows it, and a chart frame.
#include <cstddef>
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "output/plot.hpp"
#include "output/report.hpp"
#include "output/style_spec.hpp"

namespace leefbaar::output::detail {

std::string fmt(double v, const char* f = "%.3g");
// Bytes as base64, for images in the page.
std::string base64(const std::string& bytes);
std::vector<double> values(const FeatureTable& t, const std::string& field);

// The colour of each row under a style, as QGIS draws it (the same classes, the same
// "no value" grey).
std::vector<std::string> row_colours(const FeatureTable& t, const LayerStyle& s);

// Rows [first, first + count) of a table: their extent, and the map that puts it in a
// box of the canvas (north up, one scale for x and y).
struct MapView {
    double minx = 0, miny = 0, maxx = 0, maxy = 0;
    double left = 0, top = 0, scale = 1;
    bool empty() const { return !(maxx > minx && maxy > miny); }
    double X(double x) const { return left + (x - minx) * scale; }
    double Y(double y) const { return top + (maxy - y) * scale; }
};
MapView extent(const FeatureTable& t, std::size_t first, std::size_t count);
// Fills and outlines those rows, row r in colours[r].
void draw_units(Canvas& cv, const FeatureTable& t, std::size_t first, std::size_t count, const std::vector<std::string>& colours, const MapView& v,
                double line_width = 0.6);
// The QGIS legend's entries of a style from (x, y) down, headed by its title; "no
// value" only when `any_missing`. Returns the y below the last entry.
double draw_legend(Canvas& cv, const LayerStyle& s, double x, double y, bool any_missing);

// A choropleth of the whole table in a style, with its legend at the right.
ReportFigure map_figure(const FeatureTable& t, const LayerStyle& s, int width);

// Axis frame with ticks: the data -> pixel mappers for the ranges given.
struct Frame {
    double x0, y0, w, h, xmin, xmax, ymin, ymax;
    double X(double x) const { return x0 + (x - xmin) / (xmax - xmin) * w; }
    double Y(double y) const { return y0 + h - (y - ymin) / (ymax - ymin) * h; }
};
void axes(Canvas& cv, const Frame& fr, const std::string& xlabel, const std::string& ylabel);

}  // namespace leefbaar::output::detail
