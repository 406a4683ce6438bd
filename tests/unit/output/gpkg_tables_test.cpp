// The GeoPackage tables leefbaar adds (metadata, schema extension) stay conforming
// after any sequence of writes: every file here passes PRAGMA foreign_key_check and
// GDAL's validate_gpkg (tests/e2e/gpkg_conformance.py), and GDAL can still delete and
// replace its layers.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>

#include <filesystem>

#include "fixtures.hpp"
#include "io/gdal_env.hpp"
#include "output/results_writer.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using namespace leefbaar::output;

namespace {

// The rows of a query, each row's columns joined by '|' (NULL as "<null>").
std::vector<std::string> rows(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db) << " in " << sql;
    std::vector<std::string> out;
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        std::string row;
        for (int c = 0; c < sqlite3_column_count(s); ++c) {
            const unsigned char* t = sqlite3_column_text(s, c);
            row += (c ? "|" : "") + std::string(t ? reinterpret_cast<const char*>(t) : "<null>");
        }
        out.push_back(row);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

void exec(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

// An attribute table like the index audit: no geometry, so `style` leaves it alone.
FeatureTable audit_table() {
    FeatureTable t;
    t.resize(2);
    t.add_column("name", ColumnType::Text);
    t.column("name").set(0, std::string("woz"));
    t.column("name").set(1, std::string("housing"));
    return t;
}

bool gdal_deletes_layer(const std::string& path, const std::string& layer) {
    io::ensure_gdal();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    if (!ds) return false;
    for (int i = 0; i < ds->GetLayerCount(); ++i)
        if (layer == ds->GetLayer(i)->GetName()) return ds->DeleteLayer(i) == OGRERR_NONE;
    return false;
}

}  // namespace

TEST(GpkgTables, StylingAfterAWriteKeepsEveryMetadataReferenceValid) {
    // Issue 11, item 9: `run` then `style` deleted the dataset record that the audit
    // table's record names as its parent (style rewrites only the map layers), leaving
    // gpkg_metadata_reference|3|gpkg_metadata|0 in foreign_key_check.
    test::TempDir d;
    const std::string path = (d / "r.gpkg").string();
    FeatureTable units = test::heerlen_units();
    FeatureTable audit = audit_table();
    write_results(path, {{&units, "buurten", "units"}, {&audit, "index_audit", "audit"}}, {});
    EXPECT_TRUE(test::conforming_gpkg(path));
    style_gpkg(path, {});
    EXPECT_EQ(rows(path, "PRAGMA foreign_key_check"), std::vector<std::string>{});
    // The audit record keeps its parent, the dataset record of the write; the map
    // layer's record hangs under the new dataset record of `style`.
    EXPECT_EQ(rows(path, "SELECT count(*) FROM gpkg_metadata_reference r JOIN gpkg_metadata m ON m.id = r.md_parent_id "
                         "WHERE r.table_name = 'index_audit'"),
              std::vector<std::string>{"1"});
    // (Besides ours, GDAL's own dataset record holds the run id, LEEFBAAR_RUN_ID.)
    EXPECT_EQ(rows(path, "SELECT count(*) FROM gpkg_metadata_reference r JOIN gpkg_metadata m ON m.id = r.md_file_id "
                         "WHERE r.reference_scope = 'geopackage' AND m.md_standard_uri = 'urn:leefbaar:provenance:1'"),
              std::vector<std::string>{"1"});
    EXPECT_TRUE(test::conforming_gpkg(path));
    // Styling again piles nothing up: the records are the write's dataset and audit
    // records plus the latest style's dataset and buurten records (each style replaces
    // the previous style's two).
    style_gpkg(path, {});
    EXPECT_EQ(rows(path, "SELECT count(*) FROM gpkg_metadata WHERE md_standard_uri = 'urn:leefbaar:provenance:1'"), std::vector<std::string>{"4"});
    EXPECT_TRUE(test::conforming_gpkg(path));
    // GDAL refused this with the dangling reference.
    EXPECT_TRUE(gdal_deletes_layer(path, "index_audit"));
    EXPECT_TRUE(test::conforming_gpkg(path));
    // Replacing the map layer (--overwrite) after all that.
    ResultsOptions o;
    o.overwrite = true;
    write_results(path, {{&units, "buurten", "units"}}, o);
    EXPECT_TRUE(test::conforming_gpkg(path));
}

TEST(GpkgTables, SchemaExtensionRegistersBothTables) {
    // GeoPackage 1.2.1 F.9, validate_gpkg requirement 141: gpkg_schema is the pair
    // gpkg_data_columns + gpkg_data_column_constraints, both in gpkg_extensions.
    test::TempDir d;
    const std::string path = (d / "r.gpkg").string();
    FeatureTable units = test::heerlen_units();
    write_results(path, {{&units, "buurten", "units"}}, {});
    EXPECT_EQ(rows(path, "SELECT table_name, column_name, scope FROM gpkg_extensions WHERE extension_name = 'gpkg_schema' ORDER BY table_name"),
              (std::vector<std::string>{"gpkg_data_column_constraints|<null>|read-write", "gpkg_data_columns|<null>|read-write"}));
    EXPECT_EQ(rows(path, "SELECT group_concat(name || ' ' || type, ', ') FROM pragma_table_info('gpkg_data_column_constraints')"),
              std::vector<std::string>{"constraint_name TEXT, constraint_type TEXT, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, "
                                       "max NUMERIC, max_is_inclusive BOOLEAN, description TEXT"});
    EXPECT_TRUE(test::conforming_gpkg(path));
    // A file styled by an earlier leefbaar, with only gpkg_data_columns: styling again
    // completes the extension.
    exec(path, "DROP TABLE gpkg_data_column_constraints; DELETE FROM gpkg_extensions WHERE table_name = 'gpkg_data_column_constraints'");
    EXPECT_FALSE(test::conforming_gpkg(path));
    style_gpkg(path, {});
    EXPECT_EQ(rows(path, "SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_schema'"), std::vector<std::string>{"2"});
    EXPECT_TRUE(test::conforming_gpkg(path));
}

TEST(GpkgTables, DescriptionsOfRemovedColumnsGo) {
    // A column dropped from a layer outside leefbaar: its gpkg_data_columns row would
    // name a missing column (validate_gpkg requirement 105); styling again removes it.
    test::TempDir d;
    const std::string path = (d / "r.gpkg").string();
    FeatureTable units = test::heerlen_units();
    write_results(path, {{&units, "buurten", "units"}}, {});
    ASSERT_EQ(rows(path, "SELECT count(*) FROM gpkg_data_columns WHERE column_name = 'd_wonen'"), std::vector<std::string>{"1"});
    exec(path, "ALTER TABLE buurten DROP COLUMN d_wonen");
    EXPECT_FALSE(test::conforming_gpkg(path));
    style_gpkg(path, {});
    EXPECT_EQ(rows(path, "SELECT count(*) FROM gpkg_data_columns WHERE column_name = 'd_wonen'"), std::vector<std::string>{"0"});
    EXPECT_EQ(rows(path, "SELECT count(*) FROM gpkg_data_columns WHERE column_name = 'd_veiligheid'"), std::vector<std::string>{"1"});
    EXPECT_TRUE(test::conforming_gpkg(path));
}
