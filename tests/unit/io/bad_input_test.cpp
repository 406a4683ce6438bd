// Bad input that used to pass silently or fail badly (issue 11): each must fail
// before anything is written, naming the file, layer, line or row and the field,
// with a hint saying what to do, or (for typing decisions) say so in a warning.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sqlite3.h>

#include "core/error.hpp"
#include "io/gdal_env.hpp"
#include "io/output_columns.hpp"
#include "io/table_reader.hpp"
#include "io/vector_reader.hpp"
#include "join/join.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::TempDir;
using leefbaar::test::write_file;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

// Runs SQL on a copy of the Heerlen sample GeoPackage (57 buurten, EPSG:28992,
// fids 9146..9202 in buurtcode order).
fs::path sample_copy(const TempDir& d, const std::string& name, const std::string& sql) {
    const fs::path out = d / name;
    fs::copy_file(test::sample_data("heerlen/heerlen_buurten.gpkg"), out);
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(out.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
    return out;
}

std::string header_of(std::size_t columns) {
    std::string h = "code";
    for (std::size_t i = 1; i < columns; ++i) h += ",c" + std::to_string(i);
    return h;
}

}  // namespace

// ---- CSV: header width, forced numbers ----------------------------------------------

TEST(BadCsv, HeaderWiderThanAGeoPackageTableFailsAtTheHeader) {
    TempDir d;
    // 20,000 columns; the data row has 2 fields. Were the rows split first, the error
    // would be about that row's field count (line 2), not the header.
    write_file(d / "wide.csv", header_of(20000) + "\nBU1,1\n");
    try {
        io::read_table((d / "wide.csv").string(), {});
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().line.value_or(0), 1);
        EXPECT_TRUE(contains(e.message(), "the header has 20000 columns")) << e.describe();
        EXPECT_TRUE(contains(e.message(), "at most 1998")) << e.describe();
    }
    // 1998 columns (2000 minus fid and geometry) is the widest a table can be.
    std::string row = "BU1";
    for (std::size_t i = 1; i < 1998; ++i) row += ",1";
    write_file(d / "widest.csv", header_of(1998) + "\n" + row + "\n");
    EXPECT_EQ(io::read_table((d / "widest.csv").string(), {}).table.columns().size(), 1998u);
    write_file(d / "too_wide.csv", header_of(1999) + "\n" + row + ",1\n");
    EXPECT_THROW(io::read_table((d / "too_wide.csv").string(), {}), DataError);
}

TEST(BadCsv, NumericColumnReadsZeroPaddedNumbersAndRefusesText) {
    TempDir d;
    write_file(d / "t.csv", "code,aantal\nBU1,12\nBU2,007\n");
    io::TableReadOptions o;
    o.numeric_columns = {"aantal"};
    const auto r = io::read_table((d / "t.csv").string(), o);
    const Column& c = r.table.column("aantal");
    ASSERT_EQ(c.type, ColumnType::Int64);
    EXPECT_EQ(c.ints[0], 12);
    EXPECT_EQ(c.ints[1], 7);
    EXPECT_TRUE(r.warnings.empty());
    write_file(d / "u.csv", "code,aantal\nBU1,12\nBU2,twaalf\n");
    try {
        io::read_table((d / "u.csv").string(), o);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().field, "aantal");
        EXPECT_EQ(e.context().line.value_or(0), 3);
        EXPECT_TRUE(contains(e.message(), "'twaalf'")) << e.describe();
    }
}

// ---- table layers: the hint gives the real option --------------------------------

TEST(BadTable, SeveralLayersHintNamesTableLayerOption) {
    TempDir d;
    write_file(d / "a.csv", "code,v\nBU1,1\n");
    write_file(d / "b.csv", "code,w\nBU1,2\n");
    const std::string gpkg = (d / "two.gpkg").string();
    const std::string cmd = "ogr2ogr -q -f GPKG '" + gpkg + "' '" + (d / "a.csv").string() + "' -nln a && ogr2ogr -q -update '" + gpkg +
                            "' '" + (d / "b.csv").string() + "' -nln b";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    try {
        io::read_table(gpkg, {});
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_TRUE(contains(e.hint(), "--table-layer NAME")) << e.describe();
        EXPECT_FALSE(contains(e.hint(), "FILE:LAYER")) << e.describe();
        EXPECT_TRUE(contains(e.hint(), "a, b")) << e.describe();
    }
}

// ---- output columns --------------------------------------------------------------

TEST(OutputColumns, ReservedCaseClashesAndTheColumnLimit) {
    FeatureTable t;
    t.resize(1);
    t.add_column("Inw", ColumnType::Int64);
    EXPECT_NO_THROW(io::check_layer_columns(t, true, {}));
    t.add_column("inw", ColumnType::Int64);
    try {
        io::check_layer_columns(t, true, ErrorContext{"out.gpkg", "buurten", {}, {}, {}});
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().field, "inw");
        EXPECT_TRUE(contains(e.message(), "'Inw' and 'inw' differ only in case")) << e.describe();
    }
    FeatureTable f;
    f.resize(1);
    f.add_column("FID", ColumnType::Text);
    EXPECT_THROW(io::check_layer_columns(f, true, {}), DataError);
    // SQLite's 2000 columns include fid and geom: 1998 fields fit, 1999 do not.
    FeatureTable wide;
    wide.resize(1);
    for (int i = 0; i < 1998; ++i) wide.add_column("c" + std::to_string(i), ColumnType::Int64);
    EXPECT_NO_THROW(io::check_layer_columns(wide, true, {}));
    wide.add_column("c1998", ColumnType::Int64);
    EXPECT_NO_THROW(io::check_layer_columns(wide, false, {}));  // attribute table: no geom column
    try {
        io::check_layer_columns(wide, true, {});
        FAIL();
    } catch (const DataError& e) {
        EXPECT_TRUE(contains(e.message(), "2001 columns")) << e.describe();
    }
}

TEST(OutputColumns, LibraryMessagesAreCappedKeepingHeadAndReason) {
    std::string statement = "sqlite3_exec(CREATE TABLE \"t\" ( \"fid\" INTEGER PRIMARY KEY";
    for (int i = 0; i < 50000; ++i) statement += ", \"c" + std::to_string(i) + "\" REAL";
    statement += ")) failed: too many columns on t";
    const std::string capped = io::cap_library_message(statement);
    EXPECT_LE(capped.size(), 460u);
    EXPECT_EQ(capped.rfind("sqlite3_exec(CREATE TABLE", 0), 0u);
    EXPECT_TRUE(contains(capped, "characters left out")) << capped;
    EXPECT_EQ(capped.substr(capped.size() - 21), "too many columns on t");
    EXPECT_EQ(io::cap_library_message("short"), "short");
}

// ---- join: column clashes and the case-fold hint ---------------------------------

namespace {
FeatureTable polygons() {
    FeatureTable t;
    t.resize(2);
    auto& c = t.add_column("buurtcode", ColumnType::Text);
    c.set(0, std::string("BU1"));
    c.set(1, std::string("BU2"));
    t.source_file = "polygons.gpkg";
    return t;
}
JoinTable table_with(const std::vector<std::string>& columns, const std::vector<std::string>& keys = {"BU1", "BU2"}) {
    JoinTable jt;
    jt.table.resize(keys.size());
    auto& k = jt.table.add_column("code", ColumnType::Text);
    for (std::size_t i = 0; i < keys.size(); ++i) k.set(i, keys[i]);
    for (const auto& c : columns) jt.table.add_column(c, ColumnType::Int64);
    jt.key = "code";
    jt.label = "t.csv";
    return jt;
}
DataError join_error(std::vector<std::string> columns, JoinOptions o = {}, std::string prefix = {}) {
    FeatureTable p = polygons();
    std::vector<JoinTable> tables{table_with(columns)};
    tables[0].prefix = std::move(prefix);
    try {
        join_tables(p, "buurtcode", tables, o);
    } catch (const DataError& e) {
        return e;
    }
    ADD_FAILURE() << "expected a DataError";
    return DataError("none");
}
}  // namespace

TEST(JoinColumns, NamesAGeoPackageCannotHoldAreRefusedBeforeWriting) {
    {
        const auto e = join_error({"Inw", "inw"});
        EXPECT_EQ(e.context().file, "t.csv");
        EXPECT_EQ(e.context().field, "inw");
        EXPECT_TRUE(contains(e.message(), "clashes with the column 'Inw' of t.csv (GeoPackage column names ignore case)")) << e.describe();
        EXPECT_TRUE(contains(e.hint(), "rename one of the two in the table's header")) << e.describe();
    }
    {
        const auto e = join_error({"Buurtcode"});
        EXPECT_TRUE(contains(e.message(), "'Buurtcode' clashes with the polygon key 'buurtcode'")) << e.describe();
        EXPECT_TRUE(contains(e.hint(), "--prefix")) << e.describe();
    }
    {
        JoinOptions o;
        o.added_columns = {"area_km2"};
        const auto e = join_error({"AREA_KM2"}, o);
        EXPECT_TRUE(contains(e.message(), "the column 'area_km2' that leefbaar adds")) << e.describe();
    }
    {
        const auto e = join_error({"geom"});
        EXPECT_TRUE(contains(e.message(), "reserves for the geometry")) << e.describe();
    }
    {
        const auto e = join_error({"FID"});
        EXPECT_EQ(e.context().field, "FID");
        EXPECT_TRUE(contains(e.message(), "feature id (fid): its values would become the feature ids")) << e.describe();
    }
    // A prefix resolves each of them.
    FeatureTable p = polygons();
    std::vector<JoinTable> tables{table_with({"Buurtcode", "fid", "geom", "AREA_KM2"})};
    tables[0].prefix = "t_";
    JoinOptions o;
    o.added_columns = {"area_km2"};
    join_tables(p, "buurtcode", tables, o);
    EXPECT_TRUE(p.has_column("t_fid"));
    EXPECT_TRUE(p.has_column("t_AREA_KM2"));
}

TEST(JoinKeys, CaseOnlyDifferencesAreReportedWithTheCaseFoldHint) {
    FeatureTable p = polygons();
    std::vector<JoinTable> tables{table_with({"v"}, {"bu1", "bu2"})};
    const auto report = join_tables(p, "buurtcode", tables, {});
    ASSERT_EQ(report.tables.size(), 1u);
    EXPECT_EQ(report.tables[0].rows_matched, 0u);
    EXPECT_EQ(report.tables[0].would_match_case_folded, 2u);
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_TRUE(contains(report.warnings[0], "0 of 2 rows match")) << report.warnings[0];
    EXPECT_TRUE(contains(report.warnings[0], "--case-fold")) << report.warnings[0];
    // With --case-fold they match and nothing is said.
    FeatureTable p2 = polygons();
    std::vector<JoinTable> tables2{table_with({"v"}, {"bu1", "bu2"})};
    JoinOptions o;
    o.keys.case_fold = true;
    const auto folded = join_tables(p2, "buurtcode", tables2, o);
    EXPECT_EQ(folded.tables[0].rows_matched, 2u);
    EXPECT_TRUE(folded.warnings.empty());
}

// ---- polygons: CRS and damaged features ------------------------------------------

TEST(BadPolygons, UndefinedGeoPackageSrsNeedsAnAssignedCrs) {
    TempDir d;
    const auto gpkg = sample_copy(d, "srs0.gpkg", "UPDATE gpkg_geometry_columns SET srs_id = 0; UPDATE gpkg_contents SET srs_id = 0;");
    io::VectorReadOptions o;
    o.key_column = "buurtcode";
    try {
        io::read_vector(gpkg.string(), o);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().layer, "buurten");
        EXPECT_TRUE(contains(e.message(), "undefined ('Undefined geographic SRS'")) << e.describe();
        EXPECT_TRUE(contains(e.hint(), "--s-srs")) << e.describe();
    }
    o.assign_srs = "EPSG:28992";
    const auto r = io::read_vector(gpkg.string(), o);
    EXPECT_EQ(r.table.crs().epsg.value_or(0), 28992);
    EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();  // an undefined CRS is not "declared"
}

TEST(BadPolygons, RdCoordinatesInGeoJsonWithoutCrsNeedSSrs) {
    const std::string geojson = test::test_data("io/rd_no_crs.geojson").string();
    io::VectorReadOptions o;
    o.key_column = "buurtcode";
    try {
        io::read_vector(geojson, o);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().row.value_or(0), 1);
        EXPECT_TRUE(contains(e.message(), "not longitude/latitude")) << e.describe();
        EXPECT_TRUE(contains(e.message(), "buurtcode 'BU09171000'")) << e.describe();
        EXPECT_TRUE(contains(e.hint(), "--s-srs EPSG:28992")) << e.describe();
    }
    // --s-srs is honoured although GDAL reports the RFC 7946 default (WGS 84).
    o.assign_srs = "EPSG:28992";
    const auto r = io::read_vector(geojson, o);
    EXPECT_EQ(r.table.crs().epsg.value_or(0), 28992);
    EXPECT_FALSE(r.table.crs().geographic);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_TRUE(contains(r.warnings[0], "EPSG:4326")) << r.warnings[0];
    // Where no CRS is needed (contiguity), the impossible CRS is dropped with a warning.
    io::VectorReadOptions loose;
    loose.require_crs = false;
    const auto l = io::read_vector(geojson, loose);
    EXPECT_TRUE(l.table.crs().empty());
    ASSERT_EQ(l.warnings.size(), 1u);
    EXPECT_TRUE(contains(l.warnings[0], "treated as unknown")) << l.warnings[0];
}

TEST(BadPolygons, DamagedFeatureIsNamedByFidAndKey) {
    TempDir d;
    // The rtree update triggers call ST_IsEmpty, which plain sqlite3 lacks: drop them.
    const auto gpkg = sample_copy(d, "bad.gpkg",
                                  "DROP TRIGGER rtree_buurten_GEOMETRY_update1; DROP TRIGGER rtree_buurten_GEOMETRY_update2;"
                                  "DROP TRIGGER rtree_buurten_GEOMETRY_update3; DROP TRIGGER rtree_buurten_GEOMETRY_update4;"
                                  "UPDATE buurten SET GEOMETRY = X'4750000100000000DEADBEEF' WHERE fid = 9148;");
    io::VectorReadOptions o;
    o.key_column = "buurtcode";
    try {
        io::read_vector(gpkg.string(), o);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().file, gpkg.string());
        EXPECT_EQ(e.context().layer, "buurten");
        EXPECT_EQ(e.context().row.value_or(0), 3);
        EXPECT_TRUE(contains(e.message(), "feature fid 9148 (buurtcode 'BU09171100') cannot be read")) << e.describe();
        EXPECT_TRUE(contains(e.hint(), "--where \"fid <> 9148\"")) << e.describe();
    }
}

TEST(BadTable, OgrSourceWiderThanAGeoPackageTableFailsBeforeReadingRows) {
    TempDir d;
    std::string props = "\"code\":\"BU1\"";
    for (int i = 1; i < 1999; ++i) props += ",\"c" + std::to_string(i) + "\":1";
    write_file(d / "wide.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{)" + props +
                                       R"(},"geometry":null}]})");
    try {
        io::read_table((d / "wide.geojson").string(), {});
        FAIL();
    } catch (const DataError& e) {
        EXPECT_TRUE(contains(e.message(), "the source has 1999 fields")) << e.describe();
        EXPECT_TRUE(contains(e.message(), "at most 1998")) << e.describe();
    }
}

TEST(BadCsv, DataLineWithMillionsOfSeparatorsFailsAtItsBound) {
    TempDir d;
    // Header of 2 columns: the bound is 2 * 2 + 1000 fields.
    write_file(d / "t.csv", "code,v\nBU1,1\nBU2" + std::string(2000000, ',') + "\n");
    try {
        io::read_table((d / "t.csv").string(), {});
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().line.value_or(0), 3);
        EXPECT_TRUE(contains(e.message(), "more than 1004 fields")) << e.describe();
    }
}
