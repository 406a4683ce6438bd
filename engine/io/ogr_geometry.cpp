#include "io/ogr_geometry.hpp"
#include "io/geos_context.hpp"

#include <boost/geometry.hpp>
#include <geos_c.h>

namespace leefbaar::io::detail {

namespace {

using detail::geos;
using detail::GeosPtr;

void append_ring(const OGRLinearRing* ring, Polygon::ring_type& out) {
    const int n = ring->getNumPoints();
    out.clear();
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out.emplace_back(ring->getX(i), ring->getY(i));
}

void append_polygon(const OGRPolygon* poly, MultiPolygon& out) {
    if (poly->IsEmpty()) return;
    Polygon p;
    append_ring(poly->getExteriorRing(), p.outer());
    const int holes = poly->getNumInteriorRings();
    p.inners().resize(static_cast<std::size_t>(holes));
    for (int h = 0; h < holes; ++h) append_ring(poly->getInteriorRing(h), p.inners()[static_cast<std::size_t>(h)]);
    out.push_back(std::move(p));
}

// Collects the polygonal parts of any geometry; counts the other parts.
void collect_polygons(const OGRGeometry* g, MultiPolygon& out, std::size_t& dropped) {
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPolygon: append_polygon(g->toPolygon(), out); break;
        case wkbMultiPolygon:
            for (const auto* p : *g->toMultiPolygon()) append_polygon(p, out);
            break;
        case wkbGeometryCollection:
            for (const auto* part : *g->toGeometryCollection()) collect_polygons(part, out, dropped);
            break;
        case wkbCurvePolygon:
        case wkbMultiSurface: {
            std::unique_ptr<OGRGeometry> lin(g->getLinearGeometry());
            if (lin) collect_polygons(lin.get(), out, dropped);
            break;
        }
        default: ++dropped; break;
    }
}

bool is_polygonal_type(OGRwkbGeometryType t) {
    t = wkbFlatten(t);
    return t == wkbPolygon || t == wkbMultiPolygon || t == wkbCurvePolygon || t == wkbMultiSurface;
}

bool only_polygonal(const OGRGeometry* g) {
    const auto t = wkbFlatten(g->getGeometryType());
    if (is_polygonal_type(t)) return true;
    if (t != wkbGeometryCollection) return false;
    for (const auto* part : *g->toGeometryCollection())
        if (!only_polygonal(part)) return false;
    return true;
}

}  // namespace

ConvertResult to_engine(const OGRGeometry* geom, MultiPolygon& out, bool check_validity, bool repair) {
    ConvertResult r;
    out.clear();
    if (!geom || geom->IsEmpty()) {
        r.cls = GeometryClass::Empty;
        r.type_name = geom ? OGRGeometryTypeToName(geom->getGeometryType()) : "null";
        return r;
    }
    r.type_name = OGRGeometryTypeToName(geom->getGeometryType());
    if (!only_polygonal(geom)) {
        r.cls = GeometryClass::NotPolygonal;
        return r;
    }
    std::unique_ptr<OGRGeometry> linear;
    if (geom->hasCurveGeometry()) {
        linear.reset(geom->getLinearGeometry());
        geom = linear.get();
    }
    std::unique_ptr<OGRGeometry> fixed;
    if (check_validity) {
        GEOSContextHandle_t ctx = geos();
        GeosPtr g(geom->exportToGEOS(ctx));
        if (g && GEOSisValid_r(ctx, g.get()) == 0) {
            r.was_invalid = true;
            if (char* reason = GEOSisValidReason_r(ctx, g.get())) {
                r.invalid_reason = reason;
                GEOSFree_r(ctx, reason);
            }
            if (repair) {
                GeosPtr valid(GEOSMakeValid_r(ctx, g.get()));
                if (valid) {
                    fixed.reset(OGRGeometryFactory::createFromGEOS(ctx, valid.get()));
                    if (fixed) {
                        geom = fixed.get();
                        r.repaired = true;
                    }
                }
            }
        }
    }
    collect_polygons(geom, out, r.dropped_parts);
    // Boost.Geometry expects clockwise outer rings and closed rings; sources differ.
    boost::geometry::correct(out);
    r.cls = out.empty() ? GeometryClass::Empty : GeometryClass::Polygonal;
    return r;
}

bool to_engine_point(const OGRGeometry* geom, MultiPolygon& out) {
    if (!geom || geom->IsEmpty()) return false;
    const OGRPoint* p = nullptr;
    const auto t = wkbFlatten(geom->getGeometryType());
    if (t == wkbPoint) p = geom->toPoint();
    else if (t == wkbMultiPoint && geom->toMultiPoint()->getNumGeometries() == 1) p = geom->toMultiPoint()->getGeometryRef(0);
    if (!p) return false;
    out = point_geometry(p->getX(), p->getY());
    return true;
}

std::unique_ptr<OGRMultiPolygon> to_ogr(const MultiPolygon& geom) {
    auto mp = std::make_unique<OGRMultiPolygon>();
    for (const auto& p : geom) {
        auto poly = std::make_unique<OGRPolygon>();
        auto make_ring = [](const Polygon::ring_type& ring) {
            auto r = std::make_unique<OGRLinearRing>();
            r->setNumPoints(static_cast<int>(ring.size()), FALSE);
            for (std::size_t i = 0; i < ring.size(); ++i) r->setPoint(static_cast<int>(i), ring[i].x(), ring[i].y());
            return r;
        };
        poly->addRingDirectly(make_ring(p.outer()).release());
        for (const auto& inner : p.inners()) poly->addRingDirectly(make_ring(inner).release());
        mp->addGeometryDirectly(poly.release());
    }
    return mp;
}

}  // namespace leefbaar::io::detail
