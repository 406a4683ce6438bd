#include "io/gpkg_bulk.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/sqlite_db.hpp"

namespace leefbaar::io {
namespace {

using sqlite::quoted;

static_assert(std::endian::native == std::endian::little, "the GeoPackage blobs are written in the host's byte order, flagged little-endian");

template <class T>
void put(std::string& out, T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out.append(b, sizeof(T));
}

void put_ring(std::string& out, const Polygon::ring_type& ring, RTreeEntry& env) {
    put(out, static_cast<std::uint32_t>(ring.size()));
    for (const auto& p : ring) {
        put(out, p.x());
        put(out, p.y());
        env.minx = std::min(env.minx, p.x());
        env.maxx = std::max(env.maxx, p.x());
        env.miny = std::min(env.miny, p.y());
        env.maxy = std::max(env.maxy, p.y());
    }
}

struct Encoded {
    std::vector<std::string> blobs;      // per row of the batch; empty: no geometry
    std::vector<RTreeEntry> envelopes;   // per row of the batch
};

// Binds row r's values (the geometry from `blob`) from parameter k on; returns the
// next parameter.
int bind_row(sqlite::Statement& st, int k, const FeatureTable& t, std::size_t r, const std::string* blob) {
    st.bind_int(k++, static_cast<std::int64_t>(r + 1));
    if (blob) {
        if (blob->empty()) st.bind_null(k++);
        else st.bind_blob_static(k++, *blob);
    }
    for (const auto& col : t.columns()) {
        if (col.is_null(r)) {
            st.bind_null(k++);
            continue;
        }
        switch (col.type) {
            case ColumnType::Int64: st.bind_int(k++, col.ints[r]); break;
            // NaN binds as NULL in SQLite, as it does through GDAL.
            case ColumnType::Float64: st.bind_real(k++, col.reals[r]); break;
            case ColumnType::Text: st.bind_text_static(k++, col.texts[r]); break;
        }
    }
    return k;
}

std::int32_t srs_of(sqlite::Db& db, const BulkLayer& layer) {
    auto s = db.prepare("SELECT srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)");
    s.bind({sqlite::Value::of(layer.name)});
    if (!s.step()) throw SystemError("the layer has no row in gpkg_geometry_columns");
    return static_cast<std::int32_t>(s.integer(0));
}

// The triggers GDAL put on the table (the feature count's): dropped while the rows go
// in, one UPDATE a row saved, and made again after, the count set once.
std::vector<std::string> take_triggers(sqlite::Db& db, const std::string& table) {
    std::vector<std::pair<std::string, std::string>> found;
    {
        auto s = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?)");
        s.bind({sqlite::Value::of(table)});
        while (s.step()) found.emplace_back(s.text(0), s.text(1));
    }
    std::vector<std::string> sql;
    for (const auto& [name, text] : found) {
        db.exec("DROP TRIGGER " + quoted(name));
        sql.push_back(text);
    }
    return sql;
}

std::size_t values_per_row(const BulkLayer& layer) { return 1 + (layer.geometry_column.empty() ? 0 : 1) + layer.field_names.size(); }

std::string insert_sql(const BulkLayer& layer, std::size_t rows) {
    std::string cols = quoted(layer.fid_column);
    if (!layer.geometry_column.empty()) cols += "," + quoted(layer.geometry_column);
    for (const auto& f : layer.field_names) cols += "," + quoted(f);
    return "INSERT INTO " + quoted(layer.name) + " (" + cols + ") VALUES " + sqlite::value_rows(values_per_row(layer), rows);
}

// Inserts the table's rows several to a statement (sqlite::rows_per_insert), the rest
// one at a time.
class RowInserter {
public:
    RowInserter(sqlite::Db& db, const BulkLayer& layer, const ErrorContext& where)
        : layer_(layer), where_(where), per_(sqlite::rows_per_insert(db, values_per_row(layer))), one_(db.prepare(insert_sql(layer, 1))),
          many_(db.prepare(insert_sql(layer, per_))) {}

    // Rows [first, first + count) of the table; blobs (if any) holds their geometries.
    void rows(std::size_t first, std::size_t count, const std::vector<std::string>* blobs) {
        for (std::size_t k = 0; k < count;) {
            const std::size_t rows = count - k >= per_ ? per_ : 1;
            sqlite::Statement& st = rows == per_ ? many_ : one_;
            try {
                int at = 1;
                for (std::size_t q = k; q < k + rows; ++q) at = bind_row(st, at, *layer_.table, first + q, blobs ? &(*blobs)[q] : nullptr);
                st.execute();
            } catch (const SystemError& e) {
                ErrorContext ctx = where_;
                ctx.row = static_cast<std::int64_t>(first + k + 1);
                throw SystemError(e.message(), ctx, "check free disk space");
            }
            k += rows;
        }
    }

private:
    const BulkLayer& layer_;
    ErrorContext where_;
    std::size_t per_;
    sqlite::Statement one_, many_;
};

void finish_contents(sqlite::Db& db, const BulkLayer& layer, const std::vector<RTreeEntry>& entries) {
    using sqlite::Value;
    auto count = db.prepare("SELECT count(*) FROM " + quoted(layer.name));
    count.step();
    const auto n = count.integer(0);
    // Nothing inserted: left as GDAL left it (NULL, "count the rows").
    if (n > 0 && db.table_exists("gpkg_ogr_contents"))
        db.prepare("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)").run({Value::of(n), Value::of(layer.name)});
    if (entries.empty()) return;
    RTreeEntry e{0, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                 -std::numeric_limits<double>::infinity()};
    for (const auto& x : entries) {
        e.minx = std::min(e.minx, x.minx);
        e.miny = std::min(e.miny, x.miny);
        e.maxx = std::max(e.maxx, x.maxx);
        e.maxy = std::max(e.maxy, x.maxy);
    }
    // The extent exactly (GDAL's goes through SQLite's printf, about 16 digits).
    auto extent = db.prepare("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
                             "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE lower(table_name) = lower(?)");
    const double box[4] = {e.minx, e.miny, e.maxx, e.maxy};
    for (int k = 0; k < 4; ++k) extent.bind_real(k + 1, box[k]);
    extent.bind_text_static(5, layer.name);
    extent.execute();
}

}  // namespace

void append_gpkg_geometry(std::string& out, const MultiPolygon& geom, bool point, std::int32_t srs_id, RTreeEntry& env) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    env.minx = env.miny = inf;
    env.maxx = env.maxy = -inf;
    out += "GP";
    out += '\0';                            // version 0 (GeoPackage 1.x)
    out += static_cast<char>(point ? 0x01 : 0x03);  // little-endian; envelope [minx, maxx, miny, maxy] unless a point
    put(out, srs_id);
    const std::size_t envelope_at = out.size();
    if (!point) out.append(4 * sizeof(double), '\0');
    out += '\x01';  // WKB little-endian
    if (point) {
        const auto& p = geom.front().outer().front();
        put(out, std::uint32_t{1});
        put(out, p.x());
        put(out, p.y());
        env = {0, p.x(), p.y(), p.x(), p.y()};
        return;
    }
    put(out, std::uint32_t{6});
    put(out, static_cast<std::uint32_t>(geom.size()));
    for (const auto& poly : geom) {
        out += '\x01';
        put(out, std::uint32_t{3});
        put(out, static_cast<std::uint32_t>(1 + poly.inners().size()));
        put_ring(out, poly.outer(), env);
        for (const auto& inner : poly.inners()) put_ring(out, inner, env);
    }
    const double box[4] = {env.minx, env.maxx, env.miny, env.maxy};
    std::memcpy(out.data() + envelope_at, box, sizeof box);
}

namespace {

// Every row, in batches whose geometry blobs are encoded in parallel; the index entries
// of the rows with a geometry.
std::vector<RTreeEntry> insert_rows(sqlite::Db& db, const BulkLayer& layer, const ErrorContext& where, std::int32_t srs_id, unsigned threads,
                                    const Progress& progress) {
    const FeatureTable& t = *layer.table;
    const bool geometry = !layer.geometry_column.empty();
    RowInserter insert(db, layer, where);
    std::vector<RTreeEntry> entries;
    const std::size_t n = t.rows();
    if (geometry) entries.reserve(n);
    constexpr std::size_t kBatch = 1 << 15;
    Encoded enc;
    for (std::size_t first = 0; first < n; first += kBatch) {
        const std::size_t count = std::min(kBatch, n - first);
        if (geometry) {
            enc.blobs.assign(count, {});
            enc.envelopes.assign(count, {});
            parallel_for(count, threads, [&](std::size_t b, std::size_t e) {
                for (std::size_t k = b; k < e; ++k) {
                    const auto& g = t.geometries()[first + k];
                    if (!g.empty()) append_gpkg_geometry(enc.blobs[k], g, t.points(), srs_id, enc.envelopes[k]);
                }
            });
        }
        insert.rows(first, count, geometry ? &enc.blobs : nullptr);
        if (geometry)
            for (std::size_t k = 0; k < count; ++k)
                if (!enc.blobs[k].empty()) {
                    auto env = enc.envelopes[k];
                    env.id = static_cast<std::int64_t>(first + k + 1);
                    entries.push_back(env);
                }
        progress.report(static_cast<double>(first + count) / static_cast<double>(n), "wrote " + std::to_string(first + count) + " features");
    }
    return entries;
}

}  // namespace

std::vector<RTreeEntry> bulk_insert_features(const std::string& path, const std::string& shown_as, const BulkLayer& layer, unsigned threads,
                                             const Progress& progress) {
    const ErrorContext where{shown_as, layer.name, {}, {}, {}};
    sqlite::Db db(path, true);
    db.exec("PRAGMA synchronous = OFF");  // a temporary file: OutputSet::commit flushes it to disk before the rename
    // Closing the connection without COMMIT (an exception below) rolls everything back.
    db.exec("BEGIN");
    const std::int32_t srs_id = layer.geometry_column.empty() ? 0 : srs_of(db, layer);
    const auto triggers = take_triggers(db, layer.name);
    const auto entries = insert_rows(db, layer, where, srs_id, threads, progress);
    for (const auto& sql : triggers) db.exec(sql);
    finish_contents(db, layer, entries);
    db.exec("COMMIT");
    return entries;
}

}  // namespace leefbaar::io
