// Areas in km² whatever the CRS, and reprojection through PROJ.
#include <gtest/gtest.h>

#include <boost/geometry.hpp>

#include "core/error.hpp"
#include "io/crs_ops.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;

TEST(CrsOps, ParsesEpsgAndRejectsNonsense) {
    const Crs rd = io::parse_crs("EPSG:28992");
    EXPECT_EQ(rd.epsg.value_or(0), 28992);
    EXPECT_FALSE(rd.geographic);
    EXPECT_DOUBLE_EQ(rd.linear_unit_metres, 1.0);
    EXPECT_THROW(io::parse_crs("EPSG:nonsense"), UsageError);
}

TEST(CrsOps, PlanarAreaOfASquareInMetres) {
    FeatureTable t;
    t.enable_geometry(true);
    t.resize(1);
    t.set_crs(io::parse_crs("EPSG:28992"));
    boost::geometry::read_wkt("MULTIPOLYGON(((0 0,0 2000,1000 2000,1000 0,0 0)))", t.geometries()[0]);
    EXPECT_DOUBLE_EQ(io::areas_km2(t)[0], 2.0);  // 1 km x 2 km
}

TEST(CrsOps, GeodesicAreaAgreesWithEqualAreaProjection) {
    // Independent check: the same polygons' planar area in ETRS89-LAEA (EPSG:3035, an
    // equal-area projection) must match the geodesic area on the ellipsoid to ~1e-5.
    io::VectorReadOptions o;
    o.layer = "buurten_wgs84";
    o.where = "gemeentecode = 'GM0917'";
    auto geo = io::read_vector(test::sample_data("parkstad/parkstad_buurten.gpkg").string(), o);
    ASSERT_TRUE(geo.table.crs().geographic);
    const auto a_geo = io::areas_km2(geo.table);
    FeatureTable laea = geo.table;
    io::reproject(laea, io::parse_crs("EPSG:3035"));
    const auto a_laea = io::areas_km2(laea);
    double total = 0;
    for (std::size_t i = 0; i < a_geo.size(); ++i) {
        EXPECT_NEAR(a_geo[i], a_laea[i], 1e-5 * a_laea[i] + 1e-9);
        total += a_geo[i];
    }
    // shared/data/nl-buurten-topojson/README.md: Heerlen's buurten cover 45.47 km² (RD).
    EXPECT_NEAR(total, 45.47, 0.05);
}
