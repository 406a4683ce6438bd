// The result GeoPackage: styles, project, metadata and field descriptions are written
// as QGIS and the GeoPackage standard expect, and a user's other layers survive.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "fixtures.hpp"
#include "io/gdal_env.hpp"
#include "io/gpkg_writer.hpp"
#include "io/vector_reader.hpp"
#include "output/provenance.hpp"
#include "output/results_writer.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using namespace leefbaar::output;
namespace fs = std::filesystem;

namespace {

// Runs a query and returns the rows as text (NULL as "<null>").
std::vector<std::vector<std::string>> query(const std::string& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db) << " in " << sql;
    std::vector<std::vector<std::string>> rows;
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int c = 0; c < sqlite3_column_count(s); ++c) {
            const unsigned char* t = sqlite3_column_text(s, c);
            row.push_back(t ? reinterpret_cast<const char*>(t) : "<null>");
        }
        rows.push_back(row);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return rows;
}

std::string one(const std::string& db, const std::string& sql) {
    auto r = query(db, sql);
    return r.empty() || r[0].empty() ? std::string("<none>") : r[0][0];
}

struct Written {
    test::TempDir dir;
    std::string path;
    FeatureTable units = test::heerlen_units();
    FeatureTable regions = test::heerlen_regions();
    Written() {
        path = (dir / "results.gpkg").string();
        ResultsOptions o;
        o.provenance.inputs = {test::heerlen_gpkg()};
        o.provenance.seed = 20240917;
        o.provenance.date = "2026-11-23T03:00:00Z";
        o.provenance.methods = {{"normalisation", "min-max"}, {"weights", "queen contiguity"}};
        write_results(path, {{&units, "buurten", "Heerlen units"}, {&regions, "regions", "Regions"}}, o);
    }
};

}  // namespace

TEST(Sha256, FipsTestVector) {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    test::TempDir d;
    test::write_file(d / "abc.txt", "abc");
    EXPECT_EQ(sha256_file((d / "abc.txt").string()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_THROW(sha256_file((d / "missing").string()), DataError);
}

TEST(ResultsWriter, LayerStylesTableAsQgisWritesIt) {
    Written w;
    // Exactly the columns issue 6 lists, after QGIS' integer key.
    auto cols = query(w.path, "SELECT name FROM pragma_table_info('layer_styles') ORDER BY cid");
    std::vector<std::string> names;
    for (auto& r : cols) names.push_back(r[0]);
    EXPECT_EQ(names, (std::vector<std::string>{"id", "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                                               "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"}));
    EXPECT_EQ(one(w.path, "SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'"), "attributes");
    // 6 styles for the units (index, 2 domains, LISA, Gi*, cluster) + 1 for the regions.
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM layer_styles WHERE f_table_name = 'buurten'"), "6");
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM layer_styles WHERE f_table_name = 'regions'"), "1");
    EXPECT_EQ(one(w.path, "SELECT styleName FROM layer_styles WHERE f_table_name = 'buurten' AND useAsDefault = 1"), "index");
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM layer_styles WHERE useAsDefault = 1"), "2");
    // QGIS' OGR provider looks styles up with f_table_schema = '' and the geometry column.
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM layer_styles WHERE f_table_schema = '' AND f_geometry_column = 'geom'"), "7");
    EXPECT_EQ(one(w.path, "SELECT substr(styleQML, 1, 14) FROM layer_styles LIMIT 1"), "<!DOCTYPE qgis");
    EXPECT_EQ(one(w.path, "SELECT substr(styleSLD, 1, 5) FROM layer_styles LIMIT 1"), "<?xml");

    // GDAL keeps listing it (registered in gpkg_contents), next to the two layers.
    io::ensure_gdal();
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpenEx(w.path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
    ASSERT_TRUE(ds);
    std::vector<std::string> layers;
    for (int i = 0; i < ds->GetLayerCount(); ++i) layers.push_back(ds->GetLayer(i)->GetName());
    GDALClose(ds);
    std::sort(layers.begin(), layers.end());
    EXPECT_EQ(layers, (std::vector<std::string>{"buurten", "layer_styles", "regions"}));
}

TEST(ResultsWriter, EmbeddedProjectIsHexOfAZippedQgs) {
    Written w;
    auto rows = query(w.path, "SELECT name, metadata, content FROM qgis_projects");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], "leefbaar");
    auto meta = nlohmann::json::parse(rows[0][1]);
    EXPECT_EQ(meta["last_modified_time"], "2026-11-23T03:00:00Z");
    // QGIS' GeoPackage project storage stores the .qgz as hex text: a zip starts "PK\3\4" = 504B0304.
    EXPECT_EQ(rows[0][2].substr(0, 8), "504B0304");
    // qgis_projects is not a layer: QGIS does not register it, neither do we.
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM gpkg_contents WHERE table_name = 'qgis_projects'"), "0");
}

TEST(ResultsWriter, ProvenanceInGpkgMetadata) {
    Written w;
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_metadata'"), "2");
    auto ds = query(w.path,
                    "SELECT m.metadata FROM gpkg_metadata m JOIN gpkg_metadata_reference r ON r.md_file_id = m.id "
                    "WHERE r.reference_scope = 'geopackage' AND m.md_standard_uri = 'urn:leefbaar:provenance:1'");
    ASSERT_EQ(ds.size(), 1u);
    auto j = nlohmann::json::parse(ds[0][0]);
    EXPECT_EQ(j["seed"], 20240917);
    EXPECT_EQ(j["date"], "2026-11-23T03:00:00Z");
    EXPECT_EQ(j["methods"]["weights"], "queen contiguity");
    ASSERT_EQ(j["inputs"].size(), 1u);
    // tests/data/output/README.md: 114688 bytes, SHA-256 by coreutils sha256sum.
    EXPECT_EQ(j["inputs"][0]["size"], 114688);
    EXPECT_EQ(j["inputs"][0]["sha256"], "ad2cfc9d942561aa5f37ee5c9cd4d9bc824f9558f75fc1ffe1af1ca9053037a0");
    EXPECT_FALSE(j["libraries"]["GDAL"].get<std::string>().empty());
    EXPECT_FALSE(j["libraries"]["GEOS"].get<std::string>().empty());
    EXPECT_FALSE(j["libraries"]["PROJ"].get<std::string>().empty());
    // One record per layer, children of the dataset record.
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM gpkg_metadata_reference WHERE reference_scope = 'table' AND md_parent_id IS NOT NULL"), "2");
}

TEST(ResultsWriter, FieldDescriptionsInDataColumns) {
    Written w;
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM gpkg_extensions WHERE table_name = 'gpkg_data_columns' AND extension_name = 'gpkg_schema'"), "1");
    // From Column::title/description when the stage set them ...
    auto r = query(w.path, "SELECT name, title, description FROM gpkg_data_columns WHERE table_name = 'buurten' AND column_name = 'd_wonen'");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0][1], "Housing");
    EXPECT_EQ(r[0][2], "Domain score for housing; higher = better.");
    // ... otherwise from the field name's meaning (core/field_names.hpp).
    EXPECT_EQ(one(w.path, "SELECT title FROM gpkg_data_columns WHERE table_name = 'buurten' AND column_name = 'gi_index_bin'"), "Hot/cold spot of index");
    EXPECT_EQ(one(w.path, "SELECT title FROM gpkg_data_columns WHERE table_name = 'buurten' AND column_name = 'index'"), "Liveability index");
}

TEST(ResultsWriter, UpdateKeepsUsersLayersAndTheirStyles) {
    Written w;
    // The user adds a layer of their own with a style of their own.
    FeatureTable mine = test::heerlen_regions();
    io::GpkgWriteOptions add;
    add.existing = io::ExistingOutput::UpdateLayers;
    io::write_gpkg(w.path, {{&mine, "my_areas", true, ""}}, add);
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(w.path.c_str(), &db), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(db,
                               "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
                               "styleQML, useAsDefault) VALUES ('', '', 'my_areas', 'geom', 'mine', '<qgis/>', 1)",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    // Without --overwrite a colliding name is refused with a clear message.
    ResultsOptions o;
    try {
        write_results(w.path, {{&w.units, "buurten", ""}}, o);
        FAIL() << "expected a UsageError";
    } catch (const UsageError& e) {
        EXPECT_NE(e.message().find("has a layer 'buurten' already"), std::string::npos) << e.message();
        EXPECT_NE(e.hint().find("--overwrite"), std::string::npos);
    }
    // With --overwrite only our layer and its style rows are replaced.
    o.overwrite = true;
    w.units.column("index").set(0, 99.0);
    write_results(w.path, {{&w.units, "buurten", ""}}, o);
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM layer_styles WHERE f_table_name = 'buurten'"), "6");  // replaced, not doubled
    EXPECT_EQ(one(w.path, "SELECT styleName FROM layer_styles WHERE f_table_name = 'my_areas'"), "mine");
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM layer_styles WHERE f_table_name = 'regions'"), "1");
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM my_areas"), "8");
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM regions"), "8");
    EXPECT_EQ(one(w.path, "SELECT \"index\" FROM buurten ORDER BY fid LIMIT 1"), "99.0");
    // One dataset provenance record, not one per run; beside it GDAL's own dataset
    // metadata record (which holds LEEFBAAR_RUN_ID), also once.
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM gpkg_metadata_reference r JOIN gpkg_metadata m ON m.id = r.md_file_id "
                          "WHERE r.reference_scope = 'geopackage' AND m.md_standard_uri = 'urn:leefbaar:provenance:1'"),
              "1");
    EXPECT_EQ(one(w.path, "SELECT count(*) FROM gpkg_metadata_reference WHERE reference_scope = 'geopackage'"), "2");
}

TEST(ResultsWriter, CollidingAndReservedNamesAreRefused) {
    test::TempDir d;
    const std::string path = (d / "r.gpkg").string();
    FeatureTable t = test::heerlen_regions();
    EXPECT_THROW(write_results(path, {{&t, "regions", ""}, {&t, "Regions", ""}}, {}), UsageError);  // names ignore case
    EXPECT_THROW(write_results(path, {{&t, "layer_styles", ""}}, {}), UsageError);
    EXPECT_THROW(write_results(path, {{&t, "gpkg_contents", ""}}, {}), UsageError);
    EXPECT_FALSE(fs::exists(path));
    // An existing file that is not a GeoPackage is never written into.
    test::write_file(d / "notes.gpkg", "my notes");
    EXPECT_THROW(write_results((d / "notes.gpkg").string(), {{&t, "regions", ""}}, {}), UsageError);
    EXPECT_EQ(test::read_file(d / "notes.gpkg"), "my notes");
}

TEST(ResultsWriter, StyleExistingGpkgInPlace) {
    test::TempDir d;
    const std::string path = (d / "plain.gpkg").string();
    FeatureTable t = test::heerlen_units();
    io::write_gpkg(path, {{&t, "buurten", true, ""}}, {});
    EXPECT_EQ(one(path, "SELECT count(*) FROM sqlite_master WHERE name = 'layer_styles'"), "0");
    const auto styled = style_gpkg(path, {});
    EXPECT_EQ(styled, std::vector<std::string>{"buurten"});
    EXPECT_EQ(one(path, "SELECT count(*) FROM layer_styles WHERE f_table_name = 'buurten'"), "6");
    EXPECT_EQ(one(path, "SELECT count(*) FROM qgis_projects"), "1");
    // Styling twice replaces the rows.
    style_gpkg(path, {});
    EXPECT_EQ(one(path, "SELECT count(*) FROM layer_styles"), "6");
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(d.path())) files += e.is_regular_file();
    EXPECT_EQ(files, 1u);  // no temporary left behind
    // Not a GeoPackage: a data error naming the file, and the file is left alone.
    test::write_file(d / "x.gpkg", "not sqlite");
    EXPECT_THROW(style_gpkg((d / "x.gpkg").string(), {}), DataError);
    EXPECT_EQ(test::read_file(d / "x.gpkg"), "not sqlite");
}

TEST(ResultsWriter, FailingFinaliseLeavesTheOriginalUntouched) {
    // The finalise hook runs on the temporary file: when it throws, nothing is renamed.
    test::TempDir d;
    const std::string path = (d / "r.gpkg").string();
    FeatureTable t = test::heerlen_regions();
    io::write_gpkg(path, {{&t, "users_layer", true, ""}}, {});
    const std::string before = test::read_file(path);
    io::GpkgWriteOptions wo;
    wo.existing = io::ExistingOutput::UpdateLayers;
    wo.finalise = [](const std::string&) { throw SystemError("disk full"); };
    EXPECT_THROW(io::write_gpkg(path, {{&t, "ours", true, ""}}, wo), SystemError);
    EXPECT_EQ(test::read_file(path), before);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(d.path())) files += e.is_regular_file();
    EXPECT_EQ(files, 1u);
}
