#include "io/sqlite_db.hpp"

#include <algorithm>

#include <sqlite3.h>

#include "core/error.hpp"

namespace leefbaar::io::sqlite {

Db::Db(const std::string& path, bool write) : path_(path) {
    // One connection per thread: SQLite's own mutex on every call would cost ~10 % of a bulk insert.
    const int flags = (write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw DataError("cannot open the GeoPackage: " + why, ErrorContext{path, {}, {}, {}, {}}, "check that it is a GeoPackage (.gpkg) file");
    }
    sqlite3_busy_timeout(db_, 5000);
}

Db::~Db() { sqlite3_close(db_); }

std::unique_ptr<Db> open_geopackage(const std::string& path, bool write) {
    const auto not_gpkg = [&] {
        return DataError("the file is not a GeoPackage", ErrorContext{path, {}, {}, {}, {}}, "give a GeoPackage (.gpkg) written by leefbaar or GDAL");
    };
    std::unique_ptr<Db> db;
    try {
        db = std::make_unique<Db>(path, write);
        if (db->table_exists("gpkg_contents")) return db;
    } catch (const SystemError&) {
        // SQLite's "file is not a database" surfaces at the first statement.
    }
    throw not_gpkg();
}

void Db::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string why = err ? err : "unknown";
        sqlite3_free(err);
        throw SystemError("SQLite refused a statement: " + why, ErrorContext{path_, {}, {}, {}, {}});
    }
}

Statement Db::prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
        throw SystemError(std::string("SQLite cannot prepare a statement: ") + sqlite3_errmsg(db_), ErrorContext{path_, {}, {}, {}, {}});
    return Statement(*this, s);
}

bool Db::table_exists(const std::string& name) {
    auto s = prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND lower(name) = lower(?)");
    s.bind({Value::of(name)});
    return s.step();
}

std::int64_t Db::last_insert_rowid() { return sqlite3_last_insert_rowid(db_); }

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(const std::vector<Value>& values) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int at = static_cast<int>(i + 1);
        const Value& v = values[i];
        int rc = SQLITE_OK;
        switch (v.kind) {
            case Value::Null: rc = sqlite3_bind_null(stmt_, at); break;
            case Value::Text: rc = sqlite3_bind_text(stmt_, at, v.text.c_str(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT); break;
            case Value::Int: rc = sqlite3_bind_int64(stmt_, at, v.integer); break;
            case Value::Blob: rc = sqlite3_bind_blob(stmt_, at, v.text.data(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT); break;
        }
        if (rc != SQLITE_OK) throw SystemError(std::string("SQLite cannot bind a value: ") + sqlite3_errmsg(db_->handle()));
    }
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SystemError(std::string("SQLite failed: ") + sqlite3_errmsg(db_->handle()), ErrorContext{db_->path(), {}, {}, {}, {}},
                      "check free disk space and that no other program holds the GeoPackage open for writing");
}

namespace {
void check_bind(int rc, Db& db) {
    if (rc != SQLITE_OK) throw SystemError(std::string("SQLite cannot bind a value: ") + sqlite3_errmsg(db.handle()));
}
}  // namespace

void Statement::bind_null(int at) { check_bind(sqlite3_bind_null(stmt_, at), *db_); }
void Statement::bind_int(int at, std::int64_t v) { check_bind(sqlite3_bind_int64(stmt_, at, v), *db_); }
void Statement::bind_real(int at, double v) { check_bind(sqlite3_bind_double(stmt_, at, v), *db_); }
void Statement::bind_text_static(int at, std::string_view text) {
    check_bind(sqlite3_bind_text(stmt_, at, text.data(), static_cast<int>(text.size()), SQLITE_STATIC), *db_);
}
void Statement::bind_blob_static(int at, std::string_view bytes) {
    check_bind(sqlite3_bind_blob(stmt_, at, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC), *db_);
}

void Statement::execute() {
    const bool row = step();
    sqlite3_reset(stmt_);
    if (row) throw SystemError("SQLite returned a row where none was expected", ErrorContext{db_->path(), {}, {}, {}, {}});
}

std::string value_rows(std::size_t columns, std::size_t rows) {
    std::string one = "(";
    for (std::size_t c = 0; c < columns; ++c) one += c ? ",?" : "?";
    one += ")";
    std::string all = one;
    for (std::size_t r = 1; r < rows; ++r) all += "," + one;
    return all;
}

std::size_t rows_per_insert(Db& db, std::size_t columns, std::size_t most) {
    const auto max_parameters = static_cast<std::size_t>(std::max(1, sqlite3_limit(db.handle(), SQLITE_LIMIT_VARIABLE_NUMBER, -1)));
    return std::clamp<std::size_t>(max_parameters / std::max<std::size_t>(columns, 1), 1, most);
}

std::string Statement::text(int col) {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

std::optional<double> Statement::real(int col) {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_double(stmt_, col);
}

std::int64_t Statement::integer(int col) { return sqlite3_column_int64(stmt_, col); }
bool Statement::is_null(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

void ensure_extension(Db& db, const std::string& table, const std::string& column, const std::string& name, const std::string& definition,
                      const std::string& scope) {
    if (!db.table_exists("gpkg_extensions"))
        db.exec("CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL, "
                "scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))");
    // UNIQUE does not catch duplicates with NULL columns in SQLite: look first.
    auto s = db.prepare("SELECT 1 FROM gpkg_extensions WHERE table_name IS ? AND column_name IS ? AND extension_name = ?");
    s.bind({table.empty() ? Value::null() : Value::of(table), column.empty() ? Value::null() : Value::of(column), Value::of(name)});
    if (s.step()) return;
    db.prepare("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES (?, ?, ?, ?, ?)")
        .run({table.empty() ? Value::null() : Value::of(table), column.empty() ? Value::null() : Value::of(column), Value::of(name),
              Value::of(definition), Value::of(scope)});
}

}  // namespace leefbaar::io::sqlite
