// Units that weights cannot be built for (issue 11): duplicate keys and empty
// geometries are refused naming the file, layer, rows, key values and feature ids.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "spatial/spatial_analysis.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;

namespace {
// The Heerlen sample: 57 buurten in buurtcode order, fids 9146..9202, all with
// gemeentecode GM0917 (sample-data/heerlen/README.md).
FeatureTable heerlen(const std::string& key) {
    io::ensure_gdal();
    io::VectorReadOptions o;
    o.key_column = key;
    return io::read_vector(test::sample_data("heerlen/heerlen_buurten.gpkg").string(), o).table;
}
bool contains(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }
}  // namespace

TEST(BadUnits, DuplicateKeysAreRefusedBeforeWeightsAreBuilt) {
    const FeatureTable t = heerlen("gemeentecode");
    try {
        build_weights(t, WeightsSpec{});
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().layer, "buurten");
        EXPECT_EQ(e.context().field, "gemeentecode");
        EXPECT_EQ(e.context().row.value_or(0), 2);
        EXPECT_TRUE(contains(e.message(), "56 row(s) repeat a value of the key column 'gemeentecode'")) << e.describe();
        EXPECT_TRUE(contains(e.message(), "'GM0917' (rows 1 and 2)")) << e.describe();
    }
}

TEST(BadUnits, EmptyGeometryIsNamedForDistanceWeights) {
    FeatureTable t = heerlen("buurtcode");
    t.geometries()[2].clear();
    WeightsSpec spec;
    spec.type = "knn";
    spec.k = 4;
    try {
        build_weights(t, spec);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().layer, "buurten");
        EXPECT_EQ(e.context().row.value_or(0), 3);
        EXPECT_TRUE(contains(e.context().file, "heerlen_buurten.gpkg"));
        EXPECT_TRUE(contains(e.message(), "feature 3 (fid 9148), buurtcode 'BU09171100', has no location")) << e.describe();
    }
}
