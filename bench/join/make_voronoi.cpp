// Synthetic benchmark data: N irregular neighbourhood polygons that tile a square
// (Voronoi cells of seeded random points, clipped to the square, EPSG:28992) and a
// 10-column indicator table keyed like CBS buurt codes.
//   make_voronoi N OUT.gpkg OUT.csv [seed]
// GEOS builds the diagram (GEOSVoronoiDiagram, Fortune's sweep in O(n log n)).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <string>

#include <boost/geometry.hpp>
#include <geos_c.h>

#include "core/feature_table.hpp"
#include "core/random.hpp"
#include "io/crs_ops.hpp"
#include "io/gdal_env.hpp"
#include "io/gpkg_writer.hpp"

using namespace leefbaar;

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: make_voronoi N OUT.gpkg OUT.csv [seed]\n");
        return 2;
    }
    const std::size_t n = std::strtoull(argv[1], nullptr, 10);
    const std::string gpkg = argv[2], csv = argv[3];
    const std::uint64_t seed = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 1;
    io::ensure_gdal();

    // Square with ~100 m average cell size, in RD-like coordinates.
    const double side = std::sqrt(static_cast<double>(n)) * 100.0;
    const double x0 = 100000, y0 = 300000;
    GEOSContextHandle_t ctx = GEOS_init_r();
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(n), 2);
    auto rng = stream_for(seed, 0);
    for (std::size_t i = 0; i < n; ++i) {
        GEOSCoordSeq_setXY_r(ctx, seq, static_cast<unsigned>(i), x0 + uniform01(rng) * side, y0 + uniform01(rng) * side);
    }
    GEOSGeometry* points = GEOSGeom_createLineString_r(ctx, seq);
    GEOSGeometry* envelope = GEOSGeom_createRectangle_r(ctx, x0, y0, x0 + side, y0 + side);
    GEOSGeometry* cells = GEOSVoronoiDiagram_r(ctx, points, envelope, 0.0, 0);
    if (!cells) {
        std::fprintf(stderr, "GEOS failed to build the Voronoi diagram\n");
        return 1;
    }
    const int ncells = GEOSGetNumGeometries_r(ctx, cells);

    FeatureTable t;
    t.enable_geometry(true);
    t.resize(static_cast<std::size_t>(ncells));
    t.set_crs(io::parse_crs("EPSG:28992"));
    t.add_column("code", ColumnType::Text);
    Column& code = t.column("code");
    for (int i = 0; i < ncells; ++i) {
        GEOSGeometry* clipped = GEOSIntersection_r(ctx, GEOSGetGeometryN_r(ctx, cells, i), envelope);
        GEOSWKTWriter* w = GEOSWKTWriter_create_r(ctx);
        char* wkt = GEOSWKTWriter_write_r(ctx, w, clipped);
        Polygon p;
        boost::geometry::read_wkt(wkt, p);
        t.geometries()[static_cast<std::size_t>(i)].push_back(std::move(p));
        GEOSFree_r(ctx, wkt);
        GEOSWKTWriter_destroy_r(ctx, w);
        GEOSGeom_destroy_r(ctx, clipped);
        char buf[32];
        std::snprintf(buf, sizeof buf, "BU%08d", i);
        code.set(static_cast<std::size_t>(i), std::string(buf));
    }
    for (auto& g : t.geometries()) boost::geometry::correct(g);
    GEOSGeom_destroy_r(ctx, cells);
    GEOSGeom_destroy_r(ctx, envelope);
    GEOSGeom_destroy_r(ctx, points);
    GEOS_finish_r(ctx);

    io::GpkgWriteOptions wo;
    wo.existing = io::ExistingOutput::Replace;
    io::write_gpkg(gpkg, {{&t, "buurten", true, "synthetic Voronoi neighbourhoods"}}, wo);

    std::ofstream out(csv);
    out << "code";
    for (int c = 1; c <= 10; ++c) out << ",ind" << c;
    out << '\n' << std::setprecision(6);
    auto vals = stream_for(seed, 1);
    for (int i = 0; i < ncells; ++i) {
        out << code.texts[static_cast<std::size_t>(i)];
        for (int c = 1; c <= 10; ++c) {
            if (c <= 3) out << ',' << static_cast<int>(uniform01(vals) * 5000);  // counts
            else out << ',' << uniform01(vals) * 100.0;                        // shares
        }
        out << '\n';
    }
    std::printf("%d polygons -> %s, table -> %s\n", ncells, gpkg.c_str(), csv.c_str());
    return 0;
}
