#pragma once
// The engine's geometry type: Boost.Geometry multipolygons in the coordinates of
// the table's CRS. Only io/ogr_geometry.cpp converts to and from OGR.
// Only the model headers: algorithm users include <boost/geometry.hpp> themselves
// (it is heavy and most of the engine never needs it).
#include <boost/geometry/core/cs.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/register/point.hpp>

namespace leefbaar {

namespace bg = boost::geometry;
using Point = bg::model::d2::point_xy<double>;
// Clockwise outer rings, closed, as Boost.Geometry's default; the reader corrects
// orientation so areas and predicates are right whatever the source wrote.
using Polygon = bg::model::polygon<Point>;
using MultiPolygon = bg::model::multi_polygon<Polygon>;
using Box = bg::model::box<Point>;

// A point layer's feature, kept in the one geometry model as a polygon whose outer
// ring is that single vertex: distance-based weights need only a location, and a
// second geometry type throughout the engine would buy nothing else.
inline MultiPolygon point_geometry(double x, double y) {
    MultiPolygon mp;
    mp.resize(1);
    mp.front().outer().emplace_back(x, y);
    return mp;
}
inline bool is_point_geometry(const MultiPolygon& mp) { return mp.size() == 1 && mp.front().outer().size() == 1 && mp.front().inners().empty(); }

}  // namespace leefbaar
