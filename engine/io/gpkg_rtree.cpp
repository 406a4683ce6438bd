#include "io/gpkg_rtree.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/error.hpp"
#include "io/sqlite_db.hpp"

namespace leefbaar::io {
namespace {

using sqlite::quoted;

// SQLite's rtree stores 32-bit floats; like rtree.c (rtreeValueDown/Up) a box is
// rounded outward so that it still contains the geometry.
float down(double d) {
    float f = static_cast<float>(d);
    if (static_cast<double>(f) > d) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
    return f;
}
float up(double d) {
    float f = static_cast<float>(d);
    if (static_cast<double>(f) < d) f = std::nextafter(f, std::numeric_limits<float>::infinity());
    return f;
}

struct Cell {
    std::int64_t id;  // leaf: fid; internal: index of the child in the level below (node number later)
    float minx, maxx, miny, maxy;
    double cx() const { return 0.5 * (static_cast<double>(minx) + static_cast<double>(maxx)); }
    double cy() const { return 0.5 * (static_cast<double>(miny) + static_cast<double>(maxy)); }
};

struct Node {
    std::vector<Cell> cells;
    std::int64_t number = 0;
};

// One level of Sort-Tile-Recursive packing: nodes of at most `m` cells, tiled in
// vertical slices by x, then by y within each slice.
std::vector<Node> pack(std::vector<Cell> cells, std::size_t m) {
    const std::size_t nodes = (cells.size() + m - 1) / m;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    const std::size_t per_slice = slices * m;
    std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.cx() < b.cx(); });
    std::vector<Node> out;
    out.reserve(nodes);
    for (std::size_t s = 0; s < cells.size(); s += per_slice) {
        const auto b = cells.begin() + static_cast<std::ptrdiff_t>(s);
        const auto e = cells.begin() + static_cast<std::ptrdiff_t>(std::min(cells.size(), s + per_slice));
        std::sort(b, e, [](const Cell& a, const Cell& c) { return a.cy() < c.cy(); });
        for (auto it = b; it < e; it += static_cast<std::ptrdiff_t>(std::min<std::size_t>(m, static_cast<std::size_t>(e - it)))) {
            Node n;
            n.cells.assign(it, it + static_cast<std::ptrdiff_t>(std::min<std::size_t>(m, static_cast<std::size_t>(e - it))));
            out.push_back(std::move(n));
        }
    }
    return out;
}

Cell bounds(const Node& n, std::int64_t index) {
    Cell c{index, n.cells[0].minx, n.cells[0].maxx, n.cells[0].miny, n.cells[0].maxy};
    for (const auto& x : n.cells) {
        c.minx = std::min(c.minx, x.minx);
        c.maxx = std::max(c.maxx, x.maxx);
        c.miny = std::min(c.miny, x.miny);
        c.maxy = std::max(c.maxy, x.maxy);
    }
    return c;
}

void put16(unsigned char* p, unsigned v) {
    p[0] = static_cast<unsigned char>(v >> 8);
    p[1] = static_cast<unsigned char>(v);
}
void put32(unsigned char* p, std::uint32_t v) {
    for (int b = 0; b < 4; ++b) p[b] = static_cast<unsigned char>(v >> (24 - 8 * b));
}
void put64(unsigned char* p, std::uint64_t v) {
    for (int b = 0; b < 8; ++b) p[b] = static_cast<unsigned char>(v >> (56 - 8 * b));
}
void put_float(unsigned char* p, float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, 4);
    put32(p, u);
}

// (fid, leaf node) pairs in fid order, several to a statement (sqlite::rows_per_insert).
void insert_rowids(sqlite::Db& db, const std::string& rtree, const std::vector<std::pair<std::int64_t, std::int64_t>>& leaf_of) {
    const std::string sql = "INSERT INTO " + quoted(rtree + "_rowid") + "(rowid, nodeno) VALUES ";
    const std::size_t per = sqlite::rows_per_insert(db, 2);
    auto one = db.prepare(sql + sqlite::value_rows(2, 1)), many = db.prepare(sql + sqlite::value_rows(2, per));
    for (std::size_t k = 0; k < leaf_of.size();) {
        const std::size_t rows = leaf_of.size() - k >= per ? per : 1;
        sqlite::Statement& st = rows == per ? many : one;
        for (std::size_t q = 0; q < rows; ++q) {
            st.bind_int(static_cast<int>(2 * q + 1), leaf_of[k + q].first);
            st.bind_int(static_cast<int>(2 * q + 2), leaf_of[k + q].second);
        }
        st.execute();
        k += rows;
    }
}

}  // namespace

void write_gpkg_rtree(const std::string& path, const std::string& table, const std::string& geometry_column, const std::string& fid_column,
                      std::vector<RTreeEntry> entries) {
    using sqlite::Value;
    const std::string rtree = "rtree_" + table + "_" + geometry_column;
    const std::string rt = quoted(rtree), t = quoted(table), c = quoted(geometry_column), fid = quoted(fid_column);
    sqlite::Db db(path, true);
    db.exec("PRAGMA synchronous = OFF");  // a temporary file: OutputSet::commit flushes it to disk before the rename
    // Closing the connection without COMMIT (an exception below) rolls everything back.
    db.exec("BEGIN");
    db.exec("CREATE VIRTUAL TABLE " + rt + " USING rtree(id, minx, maxx, miny, maxy)");

    if (!entries.empty()) {
        // The node size SQLite chose for this page size (it reads it back from the
        // root's length when it opens the table): 4 header bytes, 24 per cell.
        auto size = db.prepare("SELECT length(data) FROM " + quoted(rtree + "_node") + " WHERE nodeno = 1");
        const auto node_size = size.step() ? static_cast<std::size_t>(size.integer(0)) : 0;
        constexpr std::size_t kCell = 8 + 4 * 4;
        if (node_size < 4 + 2 * kCell)
            throw SystemError("unexpected SQLite R-tree node size " + std::to_string(node_size), ErrorContext{path, table, {}, {}, {}});
        const std::size_t m = (node_size - 4) / kCell;

        std::vector<std::vector<Node>> levels;  // levels[0] = leaves, back() = the root alone
        {
            std::vector<Cell> cells;
            cells.reserve(entries.size());
            for (const auto& e : entries) cells.push_back({e.id, down(e.minx), up(e.maxx), down(e.miny), up(e.maxy)});
            levels.push_back(pack(std::move(cells), m));
        }
        while (levels.back().size() > 1) {
            std::vector<Cell> up_cells;
            const auto& below = levels.back();
            for (std::size_t k = 0; k < below.size(); ++k) up_cells.push_back(bounds(below[k], static_cast<std::int64_t>(k)));
            levels.push_back(pack(std::move(up_cells), m));
        }
        // Node numbers top-down; the root must be node 1.
        std::int64_t next = 1;
        for (auto l = levels.rbegin(); l != levels.rend(); ++l)
            for (auto& n : *l) n.number = next++;
        const auto depth = static_cast<unsigned>(levels.size() - 1);

        db.exec("DELETE FROM " + quoted(rtree + "_node") + "; DELETE FROM " + quoted(rtree + "_rowid") + "; DELETE FROM " + quoted(rtree + "_parent"));
        auto ins_node = db.prepare("INSERT INTO " + quoted(rtree + "_node") + "(nodeno, data) VALUES (?, ?)");
        auto ins_parent = db.prepare("INSERT INTO " + quoted(rtree + "_parent") + "(nodeno, parentnode) VALUES (?, ?)");
        std::string blob(node_size, '\0');
        std::vector<std::pair<std::int64_t, std::int64_t>> leaf_of;  // (fid, leaf node number)
        leaf_of.reserve(entries.size());
        for (std::size_t lv = 0; lv < levels.size(); ++lv) {
            for (const auto& n : levels[lv]) {
                std::fill(blob.begin(), blob.end(), '\0');
                auto* data = reinterpret_cast<unsigned char*>(blob.data());
                put16(data, n.number == 1 ? depth : 0);
                put16(data + 2, static_cast<unsigned>(n.cells.size()));
                unsigned char* p = data + 4;
                for (const auto& cell : n.cells) {
                    const std::int64_t id = lv == 0 ? cell.id : levels[lv - 1][static_cast<std::size_t>(cell.id)].number;
                    put64(p, static_cast<std::uint64_t>(id));
                    put_float(p + 8, cell.minx);
                    put_float(p + 12, cell.maxx);
                    put_float(p + 16, cell.miny);
                    put_float(p + 20, cell.maxy);
                    p += kCell;
                    if (lv == 0) leaf_of.emplace_back(cell.id, n.number);
                    else ins_parent.run({Value::of(id), Value::of(n.number)});
                }
                ins_node.run({Value::of(n.number), Value::blob(blob)});
            }
        }
        // In fid order: appending to the rowid table's B-tree is the fast way in.
        std::sort(leaf_of.begin(), leaf_of.end());
        if (std::adjacent_find(leaf_of.begin(), leaf_of.end(), [](const auto& a, const auto& b) { return a.first == b.first; }) != leaf_of.end())
            throw SystemError("two geometries share a feature id; the spatial index cannot be built", ErrorContext{path, table, {}, {}, {}});
        insert_rowids(db, rtree, leaf_of);
    }

    // The triggers and the extension row exactly as GDAL 3.6 writes them (GeoPackage 1.2, Annex F.3).
    const std::string values = "VALUES (NEW." + fid + ",ST_MinX(NEW." + c + "), ST_MaxX(NEW." + c + "),ST_MinY(NEW." + c + "), ST_MaxY(NEW." + c + "))";
    const std::string& name = rtree;
    db.exec("CREATE TRIGGER " + quoted(name + "_insert") + " AFTER INSERT ON " + t + " WHEN (new." + c + " NOT NULL AND NOT ST_IsEmpty(NEW." + c +
            ")) BEGIN INSERT OR REPLACE INTO " + rt + " " + values + "; END");
    db.exec("CREATE TRIGGER " + quoted(name + "_update1") + " AFTER UPDATE OF " + c + " ON " + t + " WHEN OLD." + fid + " = NEW." + fid + " AND (NEW." + c +
            " NOTNULL AND NOT ST_IsEmpty(NEW." + c + ")) BEGIN INSERT OR REPLACE INTO " + rt + " " + values + "; END");
    db.exec("CREATE TRIGGER " + quoted(name + "_update2") + " AFTER UPDATE OF " + c + " ON " + t + " WHEN OLD." + fid + " = NEW." + fid + " AND (NEW." + c +
            " ISNULL OR ST_IsEmpty(NEW." + c + ")) BEGIN DELETE FROM " + rt + " WHERE id = OLD." + fid + "; END");
    db.exec("CREATE TRIGGER " + quoted(name + "_update3") + " AFTER UPDATE ON " + t + " WHEN OLD." + fid + " != NEW." + fid + " AND (NEW." + c +
            " NOTNULL AND NOT ST_IsEmpty(NEW." + c + ")) BEGIN DELETE FROM " + rt + " WHERE id = OLD." + fid + "; INSERT OR REPLACE INTO " + rt + " " + values +
            "; END");
    db.exec("CREATE TRIGGER " + quoted(name + "_update4") + " AFTER UPDATE ON " + t + " WHEN OLD." + fid + " != NEW." + fid + " AND (NEW." + c +
            " ISNULL OR ST_IsEmpty(NEW." + c + ")) BEGIN DELETE FROM " + rt + " WHERE id IN (OLD." + fid + ", NEW." + fid + "); END");
    db.exec("CREATE TRIGGER " + quoted(name + "_delete") + " AFTER DELETE ON " + t + " WHEN old." + c + " NOT NULL BEGIN DELETE FROM " + rt + " WHERE id = OLD." +
            fid + "; END");
    sqlite::ensure_extension(db, table, geometry_column, "gpkg_rtree_index", "http://www.geopackage.org/spec120/#extension_rtree", "write-only");
    db.exec("COMMIT");
}

}  // namespace leefbaar::io
