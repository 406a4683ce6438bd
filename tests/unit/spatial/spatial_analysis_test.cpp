// The pipeline entry point on Columbus: fields added per core/field_names.hpp,
// values equal to the spdep reference (columbus_crime_queen_local_spdep.csv,
// spatial-stats-reference README §1), missing values and islands categorised.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "spatial/spatial_analysis.hpp"
#include "test_data.hpp"

using namespace leefbaar;
using namespace leefbaar::spatialtest;

namespace {
SpatialAnalysisOptions crime_options() {
    SpatialAnalysisOptions o;
    o.variables = {"CRIME"};
    o.weights.snap_tolerance = 0;
    o.permutations = 199;
    return o;
}
}  // namespace

TEST(SpatialAnalysis, ColumbusFieldsAndReport) {
    auto t = read_polygons("columbus.shp", "POLYID");
    const auto r = run_spatial_analysis(t, crime_options());
    ASSERT_EQ(r.variables.size(), 1u);
    EXPECT_NEAR(r.variables[0].moran->statistic, 0.5001885572, 1e-10);  // README §1 queen
    EXPECT_NEAR(r.variables[0].getis_ord->statistic, 0.127807457382, 1e-12);  // README §3, binary
    EXPECT_EQ(r.summary.links, 236u);
    // Row 1 of the spdep CSV: Ii = 0.736818490608356, Z.Ii = 0.937807651035261, Gi* z = -1.43277965396643.
    EXPECT_NEAR(t.column(fields::lisa_i("CRIME")).as_double(0), 0.736818490608356, 1e-14);
    EXPECT_NEAR(t.column(fields::lisa_z("CRIME")).as_double(0), 0.937807651035261, 1e-13);
    EXPECT_NEAR(t.column(fields::gistar_z("CRIME")).as_double(0), -1.43277965396643, 1e-13);
    // Moran scatter: with row-standardised W the slope of lag on z is I (Σ z·lag / Σ z²).
    double num = 0, den = 0;
    for (std::size_t i = 0; i < t.rows(); ++i) {
        const double z = t.column(fields::moran_std("CRIME")).as_double(i);
        num += z * t.column(fields::moran_lag("CRIME")).as_double(i);
        den += z * z;
    }
    EXPECT_NEAR(num / den, 0.5001885572, 1e-10);
    const auto& cl = t.column(fields::lisa_cluster("CRIME"));
    for (std::size_t i = 0; i < t.rows(); ++i) {
        const auto c = cl.as_text(i);
        EXPECT_TRUE(c == "High-High" || c == "Low-Low" || c == "Low-High" || c == "High-Low" || c == "Not significant") << c;
    }
    const auto j = r.to_json();
    EXPECT_EQ(j["variables"][0]["name"], "CRIME");
    EXPECT_EQ(j["inference"]["permutations"], 199);
    EXPECT_NE(j["inference"]["random_generator"].get<std::string>().find("PCG32"), std::string::npos);  // recorded for reproducibility
    EXPECT_EQ(j["weights"]["summary"]["links"], 236);
    EXPECT_TRUE(j["conventions"].contains("local_moran"));
}

TEST(SpatialAnalysis, MissingValuesAreUndefined) {
    auto t = read_polygons("columbus.shp", "POLYID");
    t.column("CRIME").set_null(0);
    const auto r = run_spatial_analysis(t, crime_options());
    EXPECT_EQ(r.variables[0].units_missing, 1u);
    EXPECT_EQ(r.variables[0].units_used, 48u);
    EXPECT_EQ(t.column(fields::lisa_cluster("CRIME")).as_text(0), "Undefined");
    EXPECT_TRUE(t.column(fields::lisa_i("CRIME")).is_null(0));
    EXPECT_TRUE(t.column(fields::gistar_bin("CRIME")).is_null(0));
    EXPECT_FALSE(t.column(fields::lisa_i("CRIME")).is_null(1));
}

TEST(SpatialAnalysis, BadInputsAreNamed) {
    auto t = read_polygons("columbus.shp", "POLYID");
    auto o = crime_options();
    o.variables = {"CRIMEE"};
    EXPECT_THROW(run_spatial_analysis(t, o), DataError);
    t.add_column("label", ColumnType::Text);
    o.variables = {"label"};
    try {
        run_spatial_analysis(t, o);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().field, "label");
    }
    o.variables = {"CRIME"};
    o.multiple_testing = "holm";
    EXPECT_THROW(run_spatial_analysis(t, o), UsageError);
}

TEST(SpatialAnalysis, GeographicCrsRefusedForDistanceWeights) {
    auto t = read_polygons("columbus.shp", "POLYID");
    Crs c;
    c.wkt = "GEOGCRS[\"WGS 84\"]";
    c.geographic = true;
    c.name = "WGS 84";
    c.epsg = 4326;
    t.set_crs(c);
    auto o = crime_options();
    o.weights.type = "knn";
    try {
        run_spatial_analysis(t, o);
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_NE(e.message().find("geographic"), std::string::npos) << e.message();
    }
    o.weights.type = "queen";  // contiguity is fine in degrees
    EXPECT_NO_THROW(run_spatial_analysis(t, o));
}

TEST(SpatialAnalysis, DistanceWeightKindsOnColumbus) {
    auto t = read_polygons("columbus.shp", "POLYID");
    auto o = crime_options();
    o.weights.type = "knn";
    o.weights.k = 4;
    auto r = run_spatial_analysis(t, o);
    EXPECT_EQ(r.summary.links, 49u * 4u);
    EXPECT_EQ(r.summary.min_neighbours, 4u);
    o.weights.type = "distance";  // default threshold: no island
    r = run_spatial_analysis(t, o);
    EXPECT_TRUE(r.summary.islands.empty());
    EXPECT_GE(r.summary.min_neighbours, 1u);
    o.weights.type = "kernel";
    o.weights.k = 2;
    o.weights.adaptive = true;
    r = run_spatial_analysis(t, o);
    EXPECT_GE(r.summary.min_neighbours, 3u);  // self + 2 nearest (k-th kept by the 1.0000001 widening)
}

TEST(SpatialAnalysis, UndefinedStatisticsNameTheFieldAndTheSource) {
    // Issue 11: "Moran's I: the variable is constant" / "the weights have no links" named
    // neither the field nor the file.
    auto t = read_polygons("columbus.shp", "POLYID");
    auto& flat = t.add_column("flat", ColumnType::Float64);
    for (std::size_t i = 0; i < t.rows(); ++i) flat.set(i, 7.0);
    auto o = crime_options();
    o.variables = {"flat"};
    try {
        run_spatial_analysis(t, o);
        FAIL() << "no error for a constant variable";
    } catch (const DataError& e) {
        EXPECT_EQ(e.message(), "Moran's I: the variable is constant");
        EXPECT_EQ(e.context().field, "flat");
        EXPECT_NE(e.context().file.find("columbus.shp"), std::string::npos) << e.context().file;
        EXPECT_NE(e.describe().find("field 'flat'"), std::string::npos) << e.describe();
    }
    // A distance band far below the smallest distance between centroids: every unit an island.
    o.variables = {"CRIME"};
    o.weights.type = "distance";
    o.weights.threshold = 1e-6;
    try {
        run_spatial_analysis(t, o);
        FAIL() << "no error for weights without links";
    } catch (const DataError& e) {
        EXPECT_EQ(e.message(), "Moran's I: the weights have no links");
        EXPECT_EQ(e.context().field, "CRIME");
        EXPECT_NE(e.context().file.find("columbus.shp"), std::string::npos) << e.context().file;
    }
}
