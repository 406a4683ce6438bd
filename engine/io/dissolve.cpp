#include "io/dissolve.hpp"

#include <cmath>
#include <memory>

#include <geos_c.h>
#include <ogr_geometry.h>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/geos_context.hpp"
#include "io/ogr_geometry.hpp"

namespace leefbaar::io {
namespace {

using detail::geos;
using detail::GeosPtr;

MultiPolygon union_of(const std::vector<const MultiPolygon*>& parts) {
    GEOSContextHandle_t ctx = geos();
    std::vector<GEOSGeometry*> geoms;
    for (const auto* mp : parts) {
        if (mp->empty()) continue;
        auto ogr = detail::to_ogr(*mp);
        if (GEOSGeometry* g = ogr->exportToGEOS(ctx)) geoms.push_back(g);
    }
    MultiPolygon out;
    if (geoms.empty()) return out;
    // The collection takes ownership of the parts.
    GeosPtr coll(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, geoms.data(), static_cast<unsigned>(geoms.size())));
    if (!coll) {
        for (auto* g : geoms) GEOSGeom_destroy_r(ctx, g);
        throw SystemError("GEOS could not build a geometry collection for the dissolve");
    }
    // Neighbourhood maps are coverages (polygons meeting edge to edge): the coverage
    // union merges shared edges directly and is several times faster. It assumes an
    // exact coverage, so its result is checked and the general union is the fallback.
    // Without overlaps the union's area equals the sum of the parts' areas; a
    // difference means the input is no exact coverage.
    GeosPtr u(GEOSCoverageUnion_r(ctx, coll.get()));
    if (u) {
        double parts_area = 0, union_area = 0, a = 0;
        for (int i = 0; i < GEOSGetNumGeometries_r(ctx, coll.get()); ++i)
            if (GEOSArea_r(ctx, GEOSGetGeometryN_r(ctx, coll.get(), i), &a)) parts_area += a;
        GEOSArea_r(ctx, u.get(), &union_area);
        if (GEOSisValid_r(ctx, u.get()) != 1 || std::abs(union_area - parts_area) > 1e-9 * parts_area) u.reset();
    }
    if (!u) u.reset(GEOSUnaryUnion_r(ctx, coll.get()));
    if (!u) {
        // Slightly invalid inputs (self-touching rings from generalisation) can make the union fail: repair, then retry.
        GeosPtr valid(GEOSMakeValid_r(ctx, coll.get()));
        if (valid) u.reset(GEOSUnaryUnion_r(ctx, valid.get()));
    }
    if (!u) throw SystemError("GEOS failed to dissolve the polygons of a region", {}, "check the geometries with `leefbaar info`");
    std::unique_ptr<OGRGeometry> back(OGRGeometryFactory::createFromGEOS(ctx, u.get()));
    if (back) detail::to_engine(back.get(), out, false, false);
    return out;
}

}  // namespace

std::vector<MultiPolygon> dissolve_groups(const std::vector<MultiPolygon>& geometries, const std::vector<std::int64_t>& group, std::size_t groups,
                                          unsigned threads, const Progress& progress) {
    std::vector<std::vector<const MultiPolygon*>> members(groups);
    for (std::size_t i = 0; i < geometries.size() && i < group.size(); ++i)
        if (group[i] > 0 && static_cast<std::size_t>(group[i]) <= groups) members[static_cast<std::size_t>(group[i] - 1)].push_back(&geometries[i]);
    std::vector<MultiPolygon> out(groups);
    parallel_for(groups, resolve_threads(threads), [&](std::size_t b, std::size_t e) {
        for (std::size_t g = b; g < e; ++g) out[g] = union_of(members[g]);
    }, 1);
    progress.report(1.0, "dissolving regions");
    return out;
}

}  // namespace leefbaar::io
