#include "io/gpkg_rows.hpp"

#include <sqlite3.h>

#include <cctype>
#include <cstring>
#include <filesystem>
#include <limits>

#include "core/error.hpp"
#include "io/sqlite_db.hpp"

namespace leefbaar::io::detail {

namespace {

using sqlite::quoted;

[[noreturn]] void unsupported(std::string why) { throw GpkgRowsUnsupported{std::move(why)}; }

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// A rowid table (not a view, not WITHOUT ROWID) whose fid column is its INTEGER
// PRIMARY KEY: its plain scan is in fid order, as GDAL's is.
void check_table(sqlite::Db& db, const std::string& table, const std::string& fid_column) {
    auto type = db.prepare("SELECT type, sql FROM sqlite_master WHERE name = ?");
    type.bind({sqlite::Value::of(table)});
    if (!type.step() || type.text(0) != "table") unsupported("not a plain table");
    if (upper(type.text(1)).find("WITHOUT ROWID") != std::string::npos) unsupported("a WITHOUT ROWID table");
    auto info = db.prepare("SELECT pk, type FROM pragma_table_info(?) WHERE name = ?");
    info.bind({sqlite::Value::of(table), sqlite::Value::of(fid_column)});
    if (!info.step() || info.integer(0) != 1) unsupported("the fid column is not the primary key");
    if (upper(info.text(1)) != "INTEGER") unsupported("the fid column is not an INTEGER PRIMARY KEY");
    auto keys = db.prepare("SELECT count(*) FROM pragma_table_info(?) WHERE pk > 0");
    keys.bind({sqlite::Value::of(table)});
    if (!keys.step() || keys.integer(0) != 1) unsupported("a primary key of several columns");
}

// GeoPackage 1.2, 2.1.3: "GP", version, flags (bit 5 extended, bit 4 empty, bits 1-3
// envelope, bit 0 byte order), srs_id, envelope. The WKB follows.
std::size_t header_length(const unsigned char* blob, std::size_t size) {
    if (size < 8 || blob[0] != 'G' || blob[1] != 'P') unsupported("a geometry blob that is not a GeoPackage blob");
    if (blob[2] != 0) unsupported("a GeoPackage blob of another version");
    const unsigned flags = blob[3];
    if (flags & 0x20) unsupported("an extended GeoPackage geometry");
    if (flags & 0x10) unsupported("a geometry flagged empty");
    static constexpr std::size_t envelope[8] = {0, 32, 48, 48, 64, 0, 0, 0};
    const unsigned code = (flags >> 1) & 7;
    if (code > 4) unsupported("an envelope code GeoPackage 1.2 does not define");
    const std::size_t length = 8 + envelope[code];
    if (size <= length) unsupported("a geometry blob without WKB");
    return length;
}

}  // namespace

GpkgRows::GpkgRows(const std::string& path, const std::string& table, const std::string& fid_column, const std::string& geometry_column,
                   std::vector<GpkgField> fields)
    : fields_(std::move(fields)) {
    std::error_code ec;
    if (fid_column.empty() || geometry_column.empty()) unsupported("no fid or no geometry column");
    if (!std::filesystem::is_regular_file(path, ec)) unsupported("not a local file");
    try {
        db_ = std::make_unique<sqlite::Db>(path, false);
        check_table(*db_, table, fid_column);
    } catch (const Error& e) {
        unsupported(e.what());
    }
    std::string sql = "SELECT " + quoted(fid_column) + ", " + quoted(geometry_column);
    for (const auto& f : fields_) sql += ", " + quoted(f.name);
    sql += " FROM " + quoted(table);
    if (sqlite3_prepare_v2(db_->handle(), sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
        unsupported(std::string("SQLite cannot read the table: ") + sqlite3_errmsg(db_->handle()));
}

GpkgRows::~GpkgRows() { sqlite3_finalize(stmt_); }

bool GpkgRows::next() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_DONE) return false;
    if (rc != SQLITE_ROW) unsupported(std::string("SQLite stopped: ") + sqlite3_errmsg(db_->handle()));
    if (sqlite3_column_type(stmt_, 0) != SQLITE_INTEGER) unsupported("a fid that is not an integer");
    return true;
}

std::int64_t GpkgRows::fid() const { return sqlite3_column_int64(stmt_, 0); }

const unsigned char* GpkgRows::wkb(std::size_t& size) const {
    const int type = sqlite3_column_type(stmt_, 1);
    if (type == SQLITE_NULL) return nullptr;
    if (type != SQLITE_BLOB) unsupported("a geometry that is not a blob");
    const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, 1));
    const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, 1));
    const std::size_t header = header_length(blob, bytes);
    size = bytes - header;
    return blob + header;
}

GpkgCell GpkgRows::cell(std::size_t field) const {
    const int c = static_cast<int>(field) + 2;
    const GpkgField& f = fields_[field];
    GpkgCell out;
    const int type = sqlite3_column_type(stmt_, c);
    if (type == SQLITE_NULL) return out;
    using K = GpkgField::Kind;
    switch (f.kind) {
        case K::Int32:
        case K::Int64: {
            if (type != SQLITE_INTEGER) unsupported("a value of another type in integer field '" + f.name + "'");
            const std::int64_t v = sqlite3_column_int64(stmt_, c);
            // GDAL reads an Integer field with sqlite3_column_int (32 bits) and clamps
            // Boolean and Int16 subtypes: only the values those leave alone are read here.
            const bool fits = f.kind == K::Int64 || (v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max());
            if (!fits || (f.boolean && v != 0 && v != 1) || (f.int16 && (v < -32768 || v > 32767)))
                unsupported("a value GDAL would change in field '" + f.name + "'");
            out.kind = GpkgCell::Kind::Int;
            out.integer = v;
            return out;
        }
        case K::Real:
            if (type != SQLITE_FLOAT) unsupported("a value of another type in real field '" + f.name + "'");
            out.kind = GpkgCell::Kind::Real;
            out.real = sqlite3_column_double(stmt_, c);
            return out;
        case K::Text: {
            if (type != SQLITE_TEXT) unsupported("a value of another type in text field '" + f.name + "'");
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
            const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c));
            if (std::memchr(p, 0, n)) unsupported("a text with a NUL byte in field '" + f.name + "'");
            out.kind = GpkgCell::Kind::Text;
            out.text = std::string_view(p, n);
            return out;
        }
    }
    return out;
}

}  // namespace leefbaar::io::detail
