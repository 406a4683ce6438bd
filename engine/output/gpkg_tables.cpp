// finalise_gpkg: the QGIS and GeoPackage extension tables of a result file.
#include <array>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "output/document.hpp"
#include "output/qgis_project.hpp"
#include "output/qml.hpp"
#include "io/sqlite_db.hpp"

namespace leefbaar::output {

using io::sqlite::Db;
using io::sqlite::ensure_extension;
using io::sqlite::Value;

namespace {

const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

// The table as QGIS' OGR provider creates it (QgsOgrProviderUtils::saveStyle), so QGIS
// finds and updates our rows like its own; `id` is the integer key GDAL requires.
void ensure_layer_styles(Db& db) {
    if (!db.table_exists("layer_styles"))
        db.exec(
            "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, f_table_catalog TEXT(256), "
            "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, "
            "styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME DEFAULT (" +
            std::string(kNow) + "))");
    auto s = db.prepare("SELECT 1 FROM gpkg_contents WHERE lower(table_name) = 'layer_styles'");
    if (!s.step())
        db.exec("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES "
                "('layer_styles', 'attributes', 'layer_styles', 'Default QGIS styles of the layers', " +
                std::string(kNow) + ")");
}

struct TableInfo {
    std::string geometry_column;
    std::string geometry_type = "MultiPolygon";
    std::array<double, 4> extent{0, 0, 0, 0};
    std::string authid, wkt;
};

TableInfo table_info(Db& db, const std::string& table) {
    auto c = db.prepare("SELECT table_name, min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents WHERE lower(table_name) = lower(?)");
    c.bind({Value::of(table)});
    if (!c.step())
        throw DataError("the GeoPackage has no layer '" + table + "'", ErrorContext{db.path(), table, {}, {}, {}},
                        "write the layer before styling it");
    TableInfo t;
    for (int i = 0; i < 4; ++i) t.extent[static_cast<std::size_t>(i)] = c.real(i + 1).value_or(0.0);
    auto g = db.prepare("SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)");
    g.bind({Value::of(table)});
    if (g.step()) {
        t.geometry_column = g.text(0);
        std::string type = g.text(1);
        for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        t.geometry_type = type == "polygon" ? "Polygon" : "MultiPolygon";
        auto s = db.prepare("SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?");
        s.bind({Value::of(g.integer(2))});
        if (s.step()) {
            std::string org = s.text(0);
            for (auto& ch : org) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            if (!org.empty() && org != "NONE" && s.integer(1) > 0) t.authid = org + ":" + std::to_string(s.integer(1));
            t.wkt = s.text(2);
        }
    }
    return t;
}

void write_styles(Db& db, const OutputDocument& doc, const std::map<std::string, TableInfo>& info) {
    ensure_layer_styles(db);
    auto del = db.prepare("DELETE FROM layer_styles WHERE lower(f_table_name) = lower(?)");
    auto ins = db.prepare(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD, "
        "useAsDefault, description, owner, ui, update_time) VALUES ('', '', ?, ?, ?, ?, ?, ?, ?, 'leefbaar', NULL, " +
        std::string(kNow) + ")");
    for (const auto& l : doc.layers) {
        del.run({Value::of(l.table)});
        const TableInfo& t = info.at(l.table);
        bool default_written = false;
        for (const auto& s : l.styles) {
            // QGIS picks "ORDER BY useAsDefault DESC": exactly one default per layer.
            const bool is_default = s.is_default && !default_written;
            default_written = default_written || is_default;
            ins.run({Value::of(l.table), Value::of(t.geometry_column), Value::of(s.name), Value::of(qml_document(s)),
                     Value::of(sld_document(s, l.table)), Value::of(std::int64_t{is_default ? 1 : 0}), Value::of(s.title)});
        }
    }
}

std::string hex(const std::string& bytes) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

void write_project(Db& db, const OutputDocument& doc, const std::string& final_file_name, const std::map<std::string, TableInfo>& info) {
    ProjectSpec spec;
    spec.title = doc.project_title;
    spec.description = doc.project_description;
    spec.attribution = doc.project_source;
    spec.datasource_file = "./" + final_file_name;
    spec.time_start = doc.time_start;
    spec.time_end = doc.time_end;
    for (const auto& l : doc.layers) {
        if (l.styles.empty()) continue;
        const TableInfo& t = info.at(l.table);
        if (t.geometry_column.empty()) continue;  // attribute tables are not drawn
        spec.layers.push_back({l.table, t.geometry_type, t.authid, t.wkt, t.extent, l.styles});
    }
    if (spec.layers.empty()) return;
    const std::string qgz = zip_qgz(project_qgs(spec), doc.project_name);
    // Exactly as QGIS' GeoPackage project storage writes it: the table without a
    // gpkg_contents row, metadata as compact JSON, content as the hex text of the .qgz.
    db.exec("CREATE TABLE IF NOT EXISTS qgis_projects(name TEXT PRIMARY KEY, metadata BLOB, content BLOB)");
    const nlohmann::json meta = {{"last_modified_time", doc.provenance.date.empty() ? utc_now_iso() : doc.provenance.date},
                                 {"last_modified_user", "leefbaar"}};
    db.prepare("INSERT OR REPLACE INTO qgis_projects (name, metadata, content) VALUES (?, ?, ?)")
        .run({Value::of(doc.project_name), Value::of(meta.dump()), Value::of(hex(qgz))});
}

void write_metadata(Db& db, const OutputDocument& doc) {
    db.exec("CREATE TABLE IF NOT EXISTS gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, md_scope TEXT NOT NULL DEFAULT "
            "'dataset', md_standard_uri TEXT NOT NULL, mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '')");
    db.exec("CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (reference_scope TEXT NOT NULL, table_name TEXT, column_name TEXT, "
            "row_id_value INTEGER, timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), md_file_id INTEGER NOT NULL, "
            "md_parent_id INTEGER, CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id), CONSTRAINT crmr_mpi_fk "
            "FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id))");
    ensure_extension(db, "gpkg_metadata", "", "gpkg_metadata", "http://www.geopackage.org/spec120/#extension_metadata");
    ensure_extension(db, "gpkg_metadata_reference", "", "gpkg_metadata", "http://www.geopackage.org/spec120/#extension_metadata");

    // Replace our earlier records for the file and for these tables, and drop ours that
    // name a table no longer in the file; other tools' records and those of the user's
    // own layers stay.
    auto drop = db.prepare(
        "DELETE FROM gpkg_metadata_reference WHERE md_file_id IN (SELECT id FROM gpkg_metadata WHERE md_standard_uri = ?) AND "
        "(reference_scope = 'geopackage' OR lower(table_name) = lower(?))");
    drop.run({Value::of(kProvenanceUri), Value::null()});
    for (const auto& l : doc.layers) drop.run({Value::of(kProvenanceUri), Value::of(l.table)});
    db.prepare(
          "DELETE FROM gpkg_metadata_reference WHERE md_file_id IN (SELECT id FROM gpkg_metadata WHERE md_standard_uri = ?) AND "
          "reference_scope <> 'geopackage' AND lower(table_name) NOT IN (SELECT lower(table_name) FROM gpkg_contents)")
        .run({Value::of(kProvenanceUri)});
    // A record stays while any reference names it, as its file or as its parent: the
    // layers this run does not rewrite (e.g. `style` leaves the audit table alone) keep
    // their earlier record and its parent, the dataset record of the run that wrote
    // them. Deleting that parent broke the foreign key md_parent_id, and GDAL then
    // refused to delete or replace layers of the file.
    db.prepare(
          "DELETE FROM gpkg_metadata WHERE md_standard_uri = ? AND id NOT IN (SELECT md_file_id FROM gpkg_metadata_reference) AND "
          "id NOT IN (SELECT md_parent_id FROM gpkg_metadata_reference WHERE md_parent_id IS NOT NULL)")
        .run({Value::of(kProvenanceUri)});

    auto ins = db.prepare("INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) VALUES ('dataset', ?, 'application/json', ?)");
    auto ref = db.prepare(
        "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, column_name, row_id_value, timestamp, md_file_id, md_parent_id) "
        "VALUES (?, ?, NULL, NULL, " + std::string(kNow) + ", ?, ?)");
    nlohmann::json dataset = provenance_json(doc.provenance);
    dataset["layers"] = nlohmann::json::array();
    for (const auto& l : doc.layers) dataset["layers"].push_back(l.table);
    ins.run({Value::of(kProvenanceUri), Value::of(dataset.dump(2))});
    const std::int64_t parent = db.last_insert_rowid();
    ref.run({Value::of("geopackage"), Value::null(), Value::of(parent), Value::null()});
    for (const auto& l : doc.layers) {
        nlohmann::json j = {{"layer", l.table}, {"description", l.description}, {"styles", nlohmann::json::array()}};
        for (const auto& s : l.styles) j["styles"].push_back({{"name", s.name}, {"field", s.field}, {"title", s.title}});
        nlohmann::json cols = nlohmann::json::array();
        for (const auto& f : doc.fields)
            if (f.table == l.table && !f.description.empty()) cols.push_back({{"column", f.column}, {"title", f.title}, {"description", f.description}});
        j["fields"] = cols;
        j["software"] = doc.provenance.software;
        ins.run({Value::of(kProvenanceUri), Value::of(j.dump(2))});
        ref.run({Value::of("table"), Value::of(l.table), Value::of(db.last_insert_rowid()), Value::of(parent)});
    }
}

// The schema extension is the pair of tables gpkg_data_columns and
// gpkg_data_column_constraints, both registered (GeoPackage 1.2.1 / 1.3, F.9, req. 141);
// the table definitions are the ones GDAL writes. We write no constraints, but a reader
// that finds gpkg_schema registered may expect both tables.
void ensure_schema_extension(Db& db) {
    db.exec("CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, "
            "description TEXT, mime_type TEXT, constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), "
            "CONSTRAINT gdc_tn UNIQUE (table_name, name))");
    db.exec("CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, "
            "value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT, "
            "CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))");
    for (const char* table : {"gpkg_data_columns", "gpkg_data_column_constraints"})
        ensure_extension(db, table, "", "gpkg_schema", "http://www.geopackage.org/spec121/#extension_schema");
}

void write_data_columns(Db& db, const OutputDocument& doc) {
    ensure_schema_extension(db);
    // Rows of columns a layer no longer has (a layer replaced by one with fewer fields)
    // would name a missing column (req. 105).
    auto stale = db.prepare(
        "DELETE FROM gpkg_data_columns WHERE lower(table_name) = lower(?1) AND column_name NOT IN (SELECT name FROM pragma_table_info(?1))");
    for (const auto& l : doc.layers) stale.run({Value::of(l.table)});
    auto find = db.prepare("SELECT name FROM gpkg_data_columns WHERE table_name = ? AND column_name = ?");
    auto name_taken = db.prepare("SELECT 1 FROM gpkg_data_columns WHERE table_name = ? AND name = ? AND column_name <> ?");
    auto upd = db.prepare("UPDATE gpkg_data_columns SET name = ?, title = ?, description = ? WHERE table_name = ? AND column_name = ?");
    auto ins = db.prepare("INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description) VALUES (?, ?, ?, ?, ?)");
    for (const auto& f : doc.fields) {
        if (f.title.empty() && f.description.empty()) continue;
        // `name` must be unique per table: two columns with the same title keep their
        // column name there, the title column still carries the readable text.
        std::string name = f.title.empty() ? f.column : f.title;
        name_taken.bind({Value::of(f.table), Value::of(name), Value::of(f.column)});
        if (name_taken.step()) name = f.column;
        find.bind({Value::of(f.table), Value::of(f.column)});
        const bool exists = find.step();
        const std::vector<Value> v = {Value::of(name), Value::of(f.title.empty() ? f.column : f.title), Value::of(f.description),
                                      Value::of(f.table), Value::of(f.column)};
        if (exists) upd.run(v);
        else ins.run({v[3], v[4], v[0], v[1], v[2]});
    }
}

}  // namespace

void finalise_gpkg(const std::string& gpkg_path, const std::string& final_file_name, const OutputDocument& doc) {
    auto opened = io::sqlite::open_geopackage(gpkg_path, true);
    Db& db = *opened;
    std::map<std::string, TableInfo> info;
    for (const auto& l : doc.layers) info[l.table] = table_info(db, l.table);
    db.exec("BEGIN");
    try {
        write_styles(db, doc, info);
        if (doc.with_project) write_project(db, doc, final_file_name, info);
        if (doc.with_metadata) write_metadata(db, doc);
        write_data_columns(db, doc);
        db.exec("COMMIT");
    } catch (...) {
        try {
            db.exec("ROLLBACK");
        } catch (...) {
        }
        throw;
    }
}

}  // namespace leefbaar::output
