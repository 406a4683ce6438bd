#include "io/crs_ops.hpp"

#include <cmath>

#include <boost/geometry.hpp>
#include <geodesic.h>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/crs_convert.hpp"
#include "io/gdal_env.hpp"
#include "io/gdal_handles.hpp"

namespace leefbaar::io {

using namespace detail;

Crs parse_crs(const std::string& text) {
    ensure_gdal();
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(text.c_str()) != OGRERR_NONE)
        throw UsageError("'" + text + "' is not a coordinate reference system PROJ knows", {},
                         "give it as EPSG:code (e.g. EPSG:28992 for RD New, EPSG:4326 for WGS84), WKT or a PROJ string");
    return from_ogr(srs);
}

void reproject(FeatureTable& table, const Crs& target, const Progress& progress, unsigned threads) {
    ensure_gdal();
    if (table.crs().empty())
        throw DataError("cannot reproject: the layer has no coordinate reference system",
                        ErrorContext{table.source_file, table.source_layer, {}, {}, {}}, "assign one with {{s_srs}}");
    const OGRSpatialReference src = to_ogr(table.crs());
    const OGRSpatialReference dst = to_ogr(target);
    if (src.IsSame(&dst)) {
        table.set_crs(target);
        return;
    }
    auto& geoms = table.geometries();
    // One transformation object per block: OGRCoordinateTransformation is not thread-safe.
    parallel_for(geoms.size(), threads, [&](std::size_t b, std::size_t e) {
        TransformPtr ct(OGRCreateCoordinateTransformation(&src, &dst));
        if (!ct)
            throw DataError("PROJ found no transformation from " + table.crs().label() + " to " + target.label() + ": " +
                            gdal_reason("unknown reason"));
        for (std::size_t i = b; i < e; ++i) {
            for (auto& poly : geoms[i]) {
                auto transform_ring = [&](auto& ring) {
                    for (auto& p : ring) {
                        double x = p.x(), y = p.y();
                        if (!ct->Transform(1, &x, &y))
                            throw DataError("a coordinate cannot be transformed to " + target.label(),
                                            ErrorContext{table.source_file, table.source_layer,
                                                         static_cast<std::int64_t>(i + 1), {}, {}},
                                            "check the source CRS (is it assigned correctly?)");
                        p.x(x);
                        p.y(y);
                    }
                };
                transform_ring(poly.outer());
                for (auto& inner : poly.inners()) transform_ring(inner);
            }
        }
    }, 1024);
    table.set_crs(target);
    progress.report(1.0, "reprojected");
}

std::vector<double> areas_km2(const FeatureTable& table, unsigned threads) {
    const auto& geoms = table.geometries();
    std::vector<double> out(geoms.size(), 0.0);
    const Crs& crs = table.crs();
    if (crs.geographic) {
        // Geodesic area on the CRS's ellipsoid (Karney 2013, as in PROJ's geod_polygonarea).
        ensure_gdal();
        const OGRSpatialReference srs = to_ogr(crs);
        OGRErr err = OGRERR_NONE;
        const double a = srs.GetSemiMajor(&err);
        const double inv_f = srs.GetInvFlattening(&err);
        geod_geodesic g;
        geod_init(&g, a, inv_f == 0.0 ? 0.0 : 1.0 / inv_f);
        parallel_for(geoms.size(), threads, [&](std::size_t b, std::size_t e) {
            std::vector<double> lats, lons;
            for (std::size_t i = b; i < e; ++i) {
                double total = 0.0;
                for (const auto& poly : geoms[i]) {
                    auto ring_area = [&](const auto& ring) {
                        lats.clear();
                        lons.clear();
                        // Closed rings repeat the first point; geod_polygonarea wants it once.
                        const std::size_t n = ring.size() > 1 ? ring.size() - 1 : ring.size();
                        for (std::size_t k = 0; k < n; ++k) {
                            lons.push_back(ring[k].x());
                            lats.push_back(ring[k].y());
                        }
                        double area = 0.0, perimeter = 0.0;
                        geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(n), &area, &perimeter);
                        return std::abs(area);
                    };
                    total += ring_area(poly.outer());
                    for (const auto& inner : poly.inners()) total -= ring_area(inner);
                }
                out[i] = total / 1e6;
            }
        }, 1024);
    } else {
        const double unit2 = crs.linear_unit_metres * crs.linear_unit_metres;
        parallel_for(geoms.size(), threads, [&](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i) out[i] = std::abs(boost::geometry::area(geoms[i])) * unit2 / 1e6;
        }, 1024);
    }
    return out;
}

}  // namespace leefbaar::io
