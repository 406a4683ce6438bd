#include "io/polygon_overlap.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <memory>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <geos_c.h>
#include <ogr_geometry.h>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/crs_convert.hpp"
#include "io/gdal_env.hpp"
#include "io/geos_context.hpp"
#include "io/ogr_geometry.hpp"

namespace leefbaar::io {
namespace {

namespace bgi = boost::geometry::index;
using detail::geos;
using detail::GeosPtr;
using BoxEntry = std::pair<Box, std::size_t>;
// Packed (bulk-loaded) on construction from a range, like GEOS's STRtree, and its
// const queries are safe from several threads, which GEOS's STRtree does not promise.
using Tree = bgi::rtree<BoxEntry, bgi::rstar<16>>;

std::string describe(const FeatureTable& t) {
    std::string s = t.source_file.empty() ? std::string("(in memory)") : "'" + t.source_file + "'";
    if (!t.source_layer.empty()) s += " layer '" + t.source_layer + "'";
    return s;
}

void require_same_crs(const FeatureTable& source, const FeatureTable& target) {
    const Crs& a = source.crs();
    const Crs& b = target.crs();
    if (a.empty() && b.empty()) return;
    if (!a.empty() && !b.empty()) {
        ensure_gdal();
        const OGRSpatialReference sa = detail::to_ogr(a), sb = detail::to_ogr(b);
        const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", nullptr};
        if (sa.IsSame(&sb, options)) return;
    }
    const auto label = [](const Crs& c) { return c.empty() ? std::string("no known CRS") : c.label(); };
    throw DataError("the two editions' polygons are in different coordinate reference systems: the source " + describe(source) + " in " + label(a) +
                        ", the target " + describe(target) + " in " + label(b),
                    ErrorContext{target.source_file, target.source_layer},
                    "reproject one edition into the other's CRS (e.g. both into EPSG:28992, RD New), or correct the CRS assigned to one, then interpolate again");
}

// The bounding box of the outer rings: bg::return_envelope on the multipolygon
// itself trips GCC 12's -Wmaybe-uninitialized inside Boost.
Box bounds(const MultiPolygon& mp) {
    Box box;
    bg::assign_inverse(box);
    for (const auto& poly : mp)
        for (const auto& p : poly.outer()) bg::expand(box, p);
    return box;
}

Tree target_tree(const std::vector<MultiPolygon>& targets) {
    std::vector<BoxEntry> boxes;
    for (std::size_t j = 0; j < targets.size(); ++j)
        if (!targets[j].empty()) boxes.emplace_back(bounds(targets[j]), j);
    return Tree(boxes.begin(), boxes.end());
}

GeosPtr to_geos(const MultiPolygon& mp) {
    if (mp.empty()) return nullptr;
    return GeosPtr(detail::to_ogr(mp)->exportToGEOS(geos()));
}

// The area of a ∩ b; NaN when GEOS fails on both the polygons and their repairs.
double intersection_area(const GEOSGeometry* a, const GEOSGeometry* b) {
    GEOSContextHandle_t ctx = geos();
    GeosPtr inter(GEOSIntersection_r(ctx, a, b));
    if (!inter) {
        GeosPtr va(GEOSMakeValid_r(ctx, a)), vb(GEOSMakeValid_r(ctx, b));
        if (va && vb) inter.reset(GEOSIntersection_r(ctx, va.get(), vb.get()));
    }
    double area = 0;
    if (!inter || !GEOSArea_r(ctx, inter.get(), &area)) return std::numeric_limits<double>::quiet_NaN();
    return area;
}

struct SourceResult {
    double area = 0;
    std::vector<PolygonOverlap> overlaps;
};

SourceResult overlaps_of(const FeatureTable& source, const FeatureTable& target, const Tree& tree, std::size_t i) {
    SourceResult r;
    const MultiPolygon& mp = source.geometries()[i];
    GeosPtr s = to_geos(mp);
    if (!s) return r;
    GEOSArea_r(geos(), s.get(), &r.area);
    std::vector<BoxEntry> found;
    tree.query(bgi::intersects(bounds(mp)), std::back_inserter(found));
    std::sort(found.begin(), found.end(), [](const BoxEntry& x, const BoxEntry& y) { return x.second < y.second; });
    for (const auto& [box, j] : found) {
        GeosPtr t = to_geos(target.geometries()[j]);
        const double area = t ? intersection_area(s.get(), t.get()) : 0.0;
        if (std::isnan(area))
            throw DataError("GEOS cannot intersect source row " + std::to_string(i + 1) + " of " + describe(source) + " with target row " +
                                std::to_string(j + 1) + " of " + describe(target),
                            ErrorContext{source.source_file, source.source_layer, static_cast<std::int64_t>(i + 1)},
                            "repair both geometries (e.g. ogr2ogr -makevalid) and try again");
        if (area > 0) r.overlaps.push_back({i, j, area});
    }
    return r;
}

}  // namespace

PolygonOverlaps polygon_overlaps(const FeatureTable& source, const FeatureTable& target, unsigned threads, const Progress& progress) {
    require_same_crs(source, target);
    if (!source.has_geometry() || !target.has_geometry() || source.points() || target.points())
        throw DataError("areal interpolation needs polygons in both editions: " + describe(source) + " and " + describe(target), {},
                        "read the editions from their polygon layers (e.g. the CBS wijk- en buurtkaart)");
    const Tree tree = target_tree(target.geometries());
    const std::size_t n = source.rows();
    std::vector<SourceResult> per(n);
    // Chunks so that progress is reported (and cancellation seen) from this thread only.
    const std::size_t chunk = std::max<std::size_t>(64, n / 20);
    for (std::size_t b0 = 0; b0 < n; b0 += chunk) {
        const std::size_t e0 = std::min(n, b0 + chunk);
        parallel_for(e0 - b0, resolve_threads(threads), [&](std::size_t b, std::size_t e) {
            for (std::size_t k = b; k < e; ++k) per[b0 + k] = overlaps_of(source, target, tree, b0 + k);
        }, 16);
        progress.report(static_cast<double>(e0) / static_cast<double>(n), "intersecting the editions' polygons");
    }
    PolygonOverlaps out;
    for (auto& r : per) {
        out.source_area.push_back(r.area);
        out.overlaps.insert(out.overlaps.end(), r.overlaps.begin(), r.overlaps.end());
    }
    return out;
}

}  // namespace leefbaar::io
