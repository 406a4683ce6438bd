#include "io/ogr_geometry.hpp"
#include "io/geos_context.hpp"
#include "io/simple_ring.hpp"

#include <bit>
#include <cmath>
#include <cstring>

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

// Reads WKB with bounds checks, in the byte order each (sub)geometry declares.
class WkbReader {
public:
    WkbReader(const unsigned char* p, std::size_t n) : p_(p), n_(n) {}
    bool byte_order() {
        if (at_ >= n_ || p_[at_] > 1) return false;
        swap_ = (p_[at_++] == 1) != (std::endian::native == std::endian::little);
        return true;
    }
    bool u32(std::uint32_t& v) { return take(v); }
    bool f64(double& v) { return take(v); }
    std::size_t left() const { return n_ - at_; }
    bool done() const { return at_ == n_; }

private:
    template <class T>
    bool take(T& v) {
        if (n_ - at_ < sizeof(T)) return false;
        unsigned char b[sizeof(T)];
        std::memcpy(b, p_ + at_, sizeof(T));
        if (swap_) std::reverse(b, b + sizeof(T));
        std::memcpy(&v, b, sizeof(T));
        at_ += sizeof(T);
        return true;
    }
    const unsigned char* p_;
    std::size_t n_, at_ = 0;
    bool swap_ = false;
};

// A closed ring of at least 4 finite points.
bool read_ring(WkbReader& r, Polygon::ring_type& ring) {
    std::uint32_t n = 0;
    if (!r.u32(n) || n < 4 || n > r.left() / 16) return false;
    ring.resize(n);
    for (auto& p : ring) {
        double x, y;
        if (!r.f64(x) || !r.f64(y) || !std::isfinite(x) || !std::isfinite(y)) return false;
        p = Point(x, y);
    }
    return ring.front().x() == ring.back().x() && ring.front().y() == ring.back().y();
}

// A 2D polygon (WKB type 3) with at least its shell.
bool read_polygon(WkbReader& r, Polygon& poly) {
    std::uint32_t type = 0, rings = 0;
    if (!r.byte_order() || !r.u32(type) || type != 3 || !r.u32(rings) || rings == 0 || rings > r.left() / 4) return false;
    if (!read_ring(r, poly.outer())) return false;
    poly.inners().resize(rings - 1);
    for (auto& inner : poly.inners())
        if (!read_ring(r, inner)) return false;
    return true;
}

// A plain 2D polygon or multipolygon of at least one part; the WKB type (3 or 6), or 0
// for anything else (then OGR reads the bytes).
std::uint32_t read_plain_polygons(const unsigned char* wkb, std::size_t size, MultiPolygon& out) {
    WkbReader r(wkb, size);
    std::uint32_t type = 0;
    if (!r.byte_order() || !r.u32(type)) return 0;
    WkbReader again(wkb, size);
    out.clear();
    if (type == 3) {
        out.resize(1);
        return read_polygon(again, out[0]) && again.done() ? 3 : 0;
    }
    std::uint32_t parts = 0;
    if (type != 6 || !r.u32(parts) || parts == 0 || parts > r.left() / 9) return 0;
    out.resize(parts);
    for (auto& poly : out)
        if (!read_polygon(r, poly)) return 0;
    return r.done() ? 6 : 0;
}

GEOSGeometry* geos_ring(GEOSContextHandle_t ctx, const Polygon::ring_type& ring) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(ring.size()), 2);
    if (!seq) return nullptr;
    for (unsigned i = 0; i < ring.size(); ++i) GEOSCoordSeq_setXY_r(ctx, seq, i, ring[i].x(), ring[i].y());
    return GEOSGeom_createLinearRing_r(ctx, seq);
}

GEOSGeometry* geos_polygon(GEOSContextHandle_t ctx, const Polygon& p) {
    GeosPtr shell(geos_ring(ctx, p.outer()));
    std::vector<GeosPtr> holes;
    for (const auto& inner : p.inners()) {
        holes.emplace_back(geos_ring(ctx, inner));
        if (!holes.back()) return nullptr;
    }
    if (!shell) return nullptr;
    std::vector<GEOSGeometry*> raw;
    for (auto& h : holes) raw.push_back(h.get());
    GEOSGeometry* g = GEOSGeom_createPolygon_r(ctx, shell.get(), raw.data(), static_cast<unsigned>(raw.size()));
    if (g) {  // the polygon owns the rings now
        (void)shell.release();
        for (auto& h : holes) (void)h.release();
    }
    return g;
}

// GEOS's verdict on the geometry as OGR would export it (a polygon for WKB type 3, a
// multipolygon for 6): true only when GEOS calls it valid.
bool geos_valid(const MultiPolygon& mp, std::uint32_t type) {
    if (mp.size() == 1 && certainly_valid_shell(mp[0])) return true;  // GEOS would say so too (io/simple_ring.hpp)
    GEOSContextHandle_t ctx = geos();
    GeosPtr g;
    if (type == 3) {
        g.reset(geos_polygon(ctx, mp[0]));
    } else {
        std::vector<GeosPtr> parts;
        for (const auto& p : mp) {
            parts.emplace_back(geos_polygon(ctx, p));
            if (!parts.back()) return false;
        }
        std::vector<GEOSGeometry*> raw;
        for (auto& p : parts) raw.push_back(p.get());
        g.reset(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, raw.data(), static_cast<unsigned>(raw.size())));
        if (g)
            for (auto& p : parts) (void)p.release();
    }
    return g && GEOSisValid_r(ctx, g.get()) == 1;
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

bool wkb_to_engine(const unsigned char* wkb, std::size_t size, MultiPolygon& out, ConvertResult& result, bool repair, bool accept_points) {
    if (const std::uint32_t type = read_plain_polygons(wkb, size, out); type != 0 && geos_valid(out, type)) {
        boost::geometry::correct(out);
        result = ConvertResult{};
        result.cls = GeometryClass::Polygonal;
        result.type_name = type == 3 ? "Polygon" : "Multi Polygon";
        return true;
    }
    OGRGeometry* raw = nullptr;
    const OGRErr err = OGRGeometryFactory::createFromWkb(wkb, nullptr, &raw, size);
    std::unique_ptr<OGRGeometry> geom(raw);
    if (err != OGRERR_NONE || !geom) return false;
    out.clear();
    if (accept_points && to_engine_point(geom.get(), out)) {
        result = ConvertResult{};
        result.cls = GeometryClass::Point;
        return true;
    }
    result = to_engine(geom.get(), out, true, repair);
    return true;
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
