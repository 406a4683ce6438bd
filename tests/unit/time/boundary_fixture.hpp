#pragma once
// Hand-built editions for the boundary-change tests: axis-parallel rectangles with
// a code, so that every overlap area (and so every expected number) can be worked
// out on paper.
#include <string>
#include <vector>

#include "core/feature_table.hpp"

namespace leefbaar::test {

struct Rect {
    std::string code;
    double x0, y0, x1, y1;
};

// Clockwise outer ring, as core/geometry.hpp's polygons are.
inline MultiPolygon rectangle(double x0, double y0, double x1, double y1) {
    MultiPolygon mp;
    mp.resize(1);
    auto& ring = mp.front().outer();
    ring = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
    return mp;
}

// A polygon table keyed on "code", with optional numeric columns (one value per rect).
inline FeatureTable edition(const std::vector<Rect>& rects, const std::string& file,
                            const std::vector<std::pair<std::string, std::vector<double>>>& fields = {}) {
    FeatureTable t;
    t.enable_geometry();
    t.resize(rects.size());
    t.source_file = file;
    auto& code = t.add_column("code", ColumnType::Text);
    for (std::size_t i = 0; i < rects.size(); ++i) {
        code.set(i, rects[i].code);
        t.geometries()[i] = rectangle(rects[i].x0, rects[i].y0, rects[i].x1, rects[i].y1);
    }
    t.set_key_column("code");
    for (const auto& [name, values] : fields) {
        auto& c = t.add_column(name, ColumnType::Float64);
        for (std::size_t i = 0; i < values.size(); ++i) c.set(i, values[i]);
    }
    return t;
}

inline double sum(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
}

}  // namespace leefbaar::test
