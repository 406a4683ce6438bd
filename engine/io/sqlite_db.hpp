#pragma once
// A minimal RAII wrapper over sqlite3 for the GeoPackage tables GDAL has no API for:
// the bulk-loaded spatial index (io/gpkg_rtree) and, in output/, layer_styles,
// qgis_projects, gpkg_data_columns and metadata. Binding parameters is safer than
// building SQL text for user-supplied names.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace leefbaar::io::sqlite {

class Statement;

class Db {
public:
    Db(const std::string& path, bool write);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    void exec(const std::string& sql);
    Statement prepare(const std::string& sql);
    bool table_exists(const std::string& name);
    std::int64_t last_insert_rowid();
    sqlite3* handle() { return db_; }
    const std::string& path() const { return path_; }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

// One value to bind: text, integer, blob (as bytes in a string) or null.
struct Value {
    enum Kind { Null, Text, Int, Blob } kind = Null;
    std::string text;
    std::int64_t integer = 0;
    static Value null() { return {}; }
    static Value of(std::string s) { return {Text, std::move(s), 0}; }
    static Value of(const char* s) { return {Text, s, 0}; }
    static Value of(std::int64_t i) { return {Int, {}, i}; }
    static Value blob(std::string b) { return {Blob, std::move(b), 0}; }
};

// An SQL identifier (table, column, trigger) in double quotes, inner quotes doubled.
inline std::string quoted(const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// "(?,?),(?,?)": the VALUES of an INSERT of `rows` rows of `columns` values each.
std::string value_rows(std::size_t columns, std::size_t rows);

// How many rows of `columns` values one INSERT may take (at most `most`): a statement
// has at most SQLITE_LIMIT_VARIABLE_NUMBER parameters (32766 by default). Inserting
// many rows a statement pays SQLite's cost per statement (reset, halt, opening the
// table's cursor) once for all of them: at 10^6 rows of 23 fields, 3.7 s one at a
// time, 2.1 s 64 at a time.
std::size_t rows_per_insert(Db& db, std::size_t columns, std::size_t most = 64);

// Opens a GeoPackage; DataError "not a GeoPackage" for any other file (SQLite or not).
std::unique_ptr<Db> open_geopackage(const std::string& path, bool write);

// Registers a GeoPackage extension in gpkg_extensions (creating the table if needed),
// once; an empty table or column is stored as NULL.
void ensure_extension(Db& db, const std::string& table, const std::string& column, const std::string& name, const std::string& definition,
                      const std::string& scope = "read-write");

class Statement {
public:
    Statement(Db& db, sqlite3_stmt* s) : db_(&db), stmt_(s) {}
    Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
    ~Statement();
    Statement& bind(const std::vector<Value>& values);
    // Steps once; true if a row is available.
    bool step();
    void run(const std::vector<Value>& values) {
        bind(values);
        while (step()) {
        }
    }
    // Binding one value at a time, for the bulk inserts: text and blobs are not copied,
    // so they must outlive the next execute().
    void bind_null(int at);
    void bind_int(int at, std::int64_t v);
    void bind_real(int at, double v);
    void bind_text_static(int at, std::string_view text);
    void bind_blob_static(int at, std::string_view bytes);
    // Steps a statement that returns no rows, then resets it for the next bindings.
    void execute();

    std::string text(int col);
    std::optional<double> real(int col);
    std::int64_t integer(int col);
    bool is_null(int col);

private:
    Db* db_;
    sqlite3_stmt* stmt_;
};

}  // namespace leefbaar::io::sqlite
