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

}  // namespace leefbaar
