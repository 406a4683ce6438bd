#pragma once
// The one module that converts between OGR geometries and the engine's geometry
// type, and checks/repairs validity with GEOS. Private to engine/io.
#include <memory>
#include <string>

#include <ogr_geometry.h>

#include "core/geometry.hpp"

namespace leefbaar::io::detail {

enum class GeometryClass { Polygonal, Empty, NotPolygonal, Point };

struct ConvertResult {
    GeometryClass cls = GeometryClass::Empty;
    bool was_invalid = false;
    bool repaired = false;
    std::size_t dropped_parts = 0;  // lines/points produced by MakeValid and discarded
    std::string invalid_reason;     // GEOS's reason when invalid
    std::string type_name;          // OGR geometry type name, for messages
};

// Converts an OGR geometry (may be null) to a MultiPolygon. When check_validity is
// set, GEOS validates it and, when repair is set, MakeValid repairs it.
ConvertResult to_engine(const OGRGeometry* geom, MultiPolygon& out, bool check_validity, bool repair);

// The same for a geometry given as WKB (the bytes of a GeoPackage blob after its
// header). A plain 2D polygon or multipolygon whose rings are closed is copied
// straight from the bytes and checked with GEOS; when GEOS finds it invalid, and for
// anything else (curves, Z, points, empty parts), the bytes become an OGR geometry
// and go through to_engine (with to_engine_point first when accept_points), so the
// result is always what the OGR geometry would give. Returns false, leaving out and
// result undefined, when OGR cannot read the bytes.
bool wkb_to_engine(const unsigned char* wkb, std::size_t size, MultiPolygon& out, ConvertResult& result, bool repair, bool accept_points);

// A point (or a multipoint of one point) as core/geometry.hpp point_geometry; false
// for anything else, leaving out untouched.
bool to_engine_point(const OGRGeometry* geom, MultiPolygon& out);

// Builds an OGR multipolygon (caller owns) from the engine's geometry.
std::unique_ptr<OGRMultiPolygon> to_ogr(const MultiPolygon& geom);

}  // namespace leefbaar::io::detail
