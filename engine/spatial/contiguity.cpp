#include "spatial/contiguity.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <utility>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/radix_sort.hpp"
#include "spatial/weights_ops.hpp"

// The method: every boundary vertex goes into one flat array; the vertices are sorted
// by a grid cell of the tolerance's size, so points within the tolerance sit in the same
// or adjacent cells; every edge is then tested against the runs of identical vertices
// in the cells of a coarser grid that it covers (T-junctions). Each shared point found
// is a (polygon pair, point on each side) record; from those come the neighbour lists.
// Only flat arrays, counting and radix sorts: no hash tables, no allocation per polygon,
// and every parallel step writes per fixed block, so the result is the same for any
// thread count.
namespace leefbaar {
namespace {

constexpr std::size_t kBlock = 4096;  // items per parallel block

// A boundary vertex in ring order. Its index in that order identifies the point (rook
// counts distinct shared points), and `next` is the index of the ring's next vertex, so
// the edge from a vertex to `next` needs no array of its own. next == own index: a
// ring of one vertex, which has no edge.
struct RingPoint {
    double x, y;
    std::int32_t poly;
    std::uint32_t next;
};

struct Bounds {
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    void add(double x, double y) {
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
    }
};

struct Boundary {
    std::vector<RingPoint> pts;
    Bounds bounds;
    double edge_length = 0.0;  // summed over all edges
    std::size_t edges = 0;
};

template <typename Fn>
void for_each_ring(const MultiPolygon& mp, Fn&& fn) {
    for (const auto& poly : mp) {
        fn(poly.outer());
        for (const auto& inner : poly.inners()) fn(inner);
    }
}

// A ring's vertices without the closing point.
template <typename Ring>
std::size_t open_length(const Ring& ring) {
    const std::size_t m = ring.size();
    const bool closed = m > 1 && bg::get<0>(ring[0]) == bg::get<0>(ring[m - 1]) && bg::get<1>(ring[0]) == bg::get<1>(ring[m - 1]);
    return closed ? m - 1 : m;
}

// Calls fn(x, y) for a ring's vertices without the closing point and consecutive repeats.
template <typename Ring, typename Fn>
void ring_vertices(const Ring& ring, Fn&& fn) {
    const std::size_t m = open_length(ring);
    double px = 0.0, py = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
        const double x = bg::get<0>(ring[i]), y = bg::get<1>(ring[i]);
        if (i > 0 && x == px && y == py) continue;
        fn(x, y);
        px = x;
        py = y;
    }
}

// Where each polygon's vertices may start: its rings without their closing points, an
// upper bound (only consecutive repeats make it less) read from the rings' ends alone.
std::vector<std::size_t> vertex_bounds(const std::vector<MultiPolygon>& polygons, unsigned threads) {
    const std::size_t n = polygons.size();
    std::vector<std::size_t> first(n + 1, 0);
    parallel_for(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t p = b; p < e; ++p) for_each_ring(polygons[p], [&](const auto& ring) { first[p + 1] += open_length(ring); });
    }, kBlock);
    for (std::size_t p = 0; p < n; ++p) first[p + 1] += first[p];
    return first;
}

// What a fixed block of polygons adds up to.
struct BlockSums {
    Bounds bounds;
    double length = 0.0;
    std::size_t edges = 0;
};

// Writes polygon p's vertices from pts[k] on; returns where they end.
std::uint32_t write_polygon(const MultiPolygon& mp, std::int32_t p, std::uint32_t k, std::vector<RingPoint>& pts, BlockSums& sums) {
    for_each_ring(mp, [&](const auto& ring) {
        const std::uint32_t start = k;
        ring_vertices(ring, [&](double x, double y) {
            pts[k] = {x, y, p, k + 1};
            sums.bounds.add(x, y);
            ++k;
        });
        if (k == start) return;
        pts[k - 1].next = start;  // the closing edge
        for (std::uint32_t i = start; i < k && k - start >= 2; ++i) {
            const auto &a = pts[i], &c = pts[a.next];
            sums.length += std::sqrt((c.x - a.x) * (c.x - a.x) + (c.y - a.y) * (c.y - a.y));
            ++sums.edges;
        }
    });
    return k;
}

// Moves the polygons' vertices down over the gaps that repeated vertices left, in order
// and in place (ranges only move down), renumbering `next`. Rare: most input has none.
void close_gaps(std::vector<RingPoint>& pts, const std::vector<std::size_t>& first, const std::vector<std::uint32_t>& end) {
    std::size_t w = 0;
    for (std::size_t p = 0; p < end.size(); ++p) {
        const auto down = static_cast<std::uint32_t>(first[p] - w);
        for (std::size_t i = first[p]; i < end[p]; ++i, ++w) {
            pts[w] = pts[i];
            pts[w].next -= down;
        }
    }
    pts.resize(w);
}

// All vertices in ring order, with the bounding box and the edges' total length. The
// geometry is read once: each polygon writes into its own range (sized by
// vertex_bounds), in parallel.
Boundary extract_boundary(const std::vector<MultiPolygon>& polygons, unsigned threads) {
    const std::size_t n = polygons.size();
    const auto first = vertex_bounds(polygons, threads);
    if (first[n] >= UINT32_MAX) throw UsageError("too many polygon vertices for contiguity weights");
    Boundary out;
    out.pts.resize(first[n]);
    constexpr std::size_t kPolys = 1024;
    std::vector<BlockSums> sums((n + kPolys - 1) / kPolys);
    std::vector<std::uint32_t> end(n);
    parallel_for_blocks(n, threads, kPolys, [&](std::size_t blk, std::size_t b, std::size_t e) {
        for (std::size_t p = b; p < e; ++p)
            end[p] = write_polygon(polygons[p], static_cast<std::int32_t>(p), static_cast<std::uint32_t>(first[p]), out.pts, sums[blk]);
    });
    std::size_t used = 0;
    for (std::size_t p = 0; p < n; ++p) used += end[p] - first[p];
    if (used < first[n]) close_gaps(out.pts, first, end);
    for (const auto& s : sums) {
        out.bounds.add(s.bounds.x0, s.bounds.y0);
        out.bounds.add(s.bounds.x1, s.bounds.y1);
        out.edge_length += s.length;
        out.edges += s.edges;
    }
    return out;
}

double resolve_tolerance(double requested, const Bounds& b) {
    if (!(requested < 0)) return requested > 0 ? requested : 0.0;
    return b.x1 > b.x0 ? 1e-7 * std::hypot(b.x1 - b.x0, b.y1 - b.y0) : 0.0;
}

// std::floor to an integer without the call into libm (the build targets baseline
// x86-64, which has no rounding instruction): the same value for |v| < 2^63.
std::int64_t floor_int(double v) {
    const auto i = static_cast<std::int64_t>(v);
    return v < static_cast<double>(i) ? i - 1 : i;
}

// A square grid whose cells are numbered column by column, key = column * rows + row,
// so the neighbouring cells' keys are fixed offsets. When the extent has more cells than
// max_cells, 2^shift x 2^shift cells are merged into one, which keeps points within
// `cell` of each other in the same or adjacent cells.
struct Grid {
    double cell = 1.0;
    std::int64_t cx0 = 0, cy0 = 0;
    int shift = 0, bits = 0;             // bits: of the largest key
    std::uint64_t rows = 1, cells = 1;  // keys are below `cells`

    // A cell index is floor(coordinate / cell) in the vertex grid: with a tolerance, the
    // cells of before, exactly. The edge grid only picks candidates for a test that
    // decides alone, so it may multiply by the inverse, which is several times faster
    // (consistent and monotone is all it needs).
    double inv = 0.0;

    std::int64_t cx(double x) const { return floor_int(inv > 0 ? x * inv : x / cell); }
    std::int64_t cy(double y) const { return floor_int(inv > 0 ? y * inv : y / cell); }
    std::uint64_t column(std::int64_t ix) const { return static_cast<std::uint64_t>(ix - cx0) >> shift; }
    std::uint64_t row(std::int64_t iy) const { return static_cast<std::uint64_t>(iy - cy0) >> shift; }
    std::uint64_t key(double x, double y) const { return column(cx(x)) * rows + row(cy(y)); }
};

Grid make_grid(const Bounds& b, double cell, std::uint64_t max_cells, bool by_inverse = false) {
    Grid g;
    g.cell = cell;
    if (by_inverse) g.inv = 1.0 / cell;
    g.cx0 = g.cx(b.x0);
    g.cy0 = g.cy(b.y0);
    const auto span_x = static_cast<std::uint64_t>(g.cx(b.x1) - g.cx0), span_y = static_cast<std::uint64_t>(g.cy(b.y1) - g.cy0);
    for (;; ++g.shift) {
        // One spare row: the key one above the top row must not be the next column's first.
        const std::uint64_t columns = (span_x >> g.shift) + 1;
        g.rows = (span_y >> g.shift) + 2;
        if (columns <= max_cells / g.rows) {
            g.cells = columns * g.rows;
            g.bits = static_cast<int>(std::bit_width(g.cells - 1));
            return g;
        }
    }
}

// One shared boundary point between polygons a < b: which point on each side.
struct Touch {
    std::uint64_t pair;
    std::int64_t pa, pb;
};

// The shared points one block found. Queen needs only which pairs touch; rook also which
// point on each side, to count distinct shared points.
struct Touches {
    bool with_points = false;
    int shift = 32;  // pair key: (lower polygon << shift) | higher polygon
    std::vector<std::uint64_t> pairs;
    std::vector<Touch> points;

    void add(std::int32_t a, std::int64_t ida, std::int32_t b, std::int64_t idb) {
        if (b < a) {
            std::swap(a, b);
            std::swap(ida, idb);
        }
        const std::uint64_t key = (static_cast<std::uint64_t>(a) << shift) | static_cast<std::uint64_t>(b);
        if (with_points) points.push_back({key, ida, idb});
        else pairs.push_back(key);
    }
};

// ---- Vertices within the tolerance of each other ----

struct Keyed {
    std::uint64_t key;
    std::uint32_t idx;
};

// Vertex indices sorted by cell (ring order within a cell), and where each cell starts.
struct CellOrder {
    std::vector<Keyed> order;
    std::vector<std::uint32_t> start;  // cells' first positions in `order`, then order.size()
};

CellOrder sort_by_cell(const std::vector<RingPoint>& pts, const Grid& g, unsigned threads) {
    CellOrder c;
    c.order.resize(pts.size());
    parallel_for(pts.size(), threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) c.order[i] = {g.key(pts[i].x, pts[i].y), static_cast<std::uint32_t>(i)};
    }, 1 << 14);
    radix_sort(c.order, [](const Keyed& k) { return k.key; }, g.bits, threads);
    for (std::size_t i = 0; i < c.order.size(); ++i)
        if (i == 0 || c.order[i].key != c.order[i - 1].key) c.start.push_back(static_cast<std::uint32_t>(i));
    c.start.push_back(static_cast<std::uint32_t>(c.order.size()));
    return c;
}

// A run of identical vertices: positions [begin, begin + count) of the cell order. The
// point is tested once for all the polygons it belongs to.
struct PointRun {
    double x, y;
    std::uint32_t begin, count;
};

// Appends the cell's runs of identical vertices (they never span cells).
void add_runs(const std::vector<RingPoint>& pts, const CellOrder& c, std::size_t cell, std::vector<PointRun>& runs) {
    for (std::size_t i = c.start[cell], j = i; i < c.start[cell + 1]; i = j) {
        const RingPoint& p = pts[c.order[i].idx];
        for (++j; j < c.start[cell + 1] && pts[c.order[j].idx].x == p.x && pts[c.order[j].idx].y == p.y;) ++j;
        runs.push_back({p.x, p.y, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)});
    }
}

// One pass over the vertices in cell order. Vertices of different polygons within the
// tolerance: pairs in one cell, and between a cell and its neighbours later in key
// order (the row above, the three cells of the next column); the earlier neighbours see
// this cell the same way. With `runs`, also each block's runs of identical vertices for
// the edge test, while the cell is at hand.
void scan_cells(const std::vector<RingPoint>& pts, const CellOrder& c, const Grid& g, double tol, const Touches& blank,
                std::vector<Touches>& out, std::vector<std::vector<PointRun>>* runs, unsigned threads) {
    const std::size_t cells = c.start.size() - 1;
    const double tol2 = tol * tol;
    auto key = [&](std::size_t cell) { return c.order[c.start[cell]].key; };
    auto test = [&](std::size_t ca, std::size_t cb, Touches& t) {
        for (std::size_t i = c.start[ca]; i < c.start[ca + 1]; ++i)
            for (std::size_t j = ca == cb ? i + 1 : c.start[cb]; j < c.start[cb + 1]; ++j) {
                const auto &u = pts[c.order[i].idx], &v = pts[c.order[j].idx];
                if (u.poly == v.poly) continue;
                const double dx = u.x - v.x, dy = u.y - v.y;
                if (dx * dx + dy * dy <= tol2) t.add(u.poly, c.order[i].idx, v.poly, c.order[j].idx);
            }
    };
    const std::size_t blocks = (cells + kBlock - 1) / kBlock, first_out = out.size();
    out.resize(first_out + blocks, blank);
    if (runs) runs->resize(blocks);
    parallel_for_blocks(cells, threads, kBlock, [&](std::size_t k, std::size_t b, std::size_t e) {
        Touches& t = out[first_out + k];
        std::size_t next = b;  // the next column's first candidate; it only moves forward
        for (std::size_t cell = b; cell < e; ++cell) {
            test(cell, cell, t);
            if (runs) add_runs(pts, c, cell, (*runs)[k]);
            if (tol <= 0) continue;  // identical points always share a cell
            const std::uint64_t own = key(cell);
            if (cell + 1 < cells && key(cell + 1) == own + 1) test(cell, cell + 1, t);
            while (next < cells && key(next) < own + g.rows - 1) ++next;
            for (std::size_t q = next; q < cells && key(q) <= own + g.rows + 1; ++q) test(cell, q, t);
        }
    });
}

// ---- Vertices on the other polygon's edges (T-junctions) ----

// The runs, grouped by their cell of the edge grid: runs[start[k], start[k + 1]) lie in cell k.
struct RunGrid {
    std::vector<PointRun> runs;
    std::vector<std::uint32_t> start;
};

// A counting sort of the runs by cell (the grid has about as many cells as there are vertices or fewer).
RunGrid runs_by_cell(const std::vector<std::vector<PointRun>>& part, const Grid& g) {
    RunGrid rg;
    rg.start.assign(g.cells + 1, 0);
    for (const auto& p : part)
        for (const auto& r : p) ++rg.start[g.key(r.x, r.y) + 1];
    for (std::size_t k = 0; k < g.cells; ++k) rg.start[k + 1] += rg.start[k];
    rg.runs.resize(rg.start[g.cells]);
    std::vector<std::uint32_t> pos(rg.start.begin(), rg.start.end() - 1);
    for (const auto& p : part)
        for (const auto& r : p) rg.runs[pos[g.key(r.x, r.y)]++] = r;
    return rg;
}

// The degenerate giant edge of before, over 4096 cells of size `old_cell` (twice the
// mean edge length) once widened by the tolerance: left out, vertex matching still sees
// its ends. Counted exactly only for an edge long enough to come near that size.
bool giant_edge(const RingPoint& a, const RingPoint& c, double old_cell, double tol) {
    if (std::abs(a.x - c.x) + 2 * tol < 60 * old_cell && std::abs(a.y - c.y) + 2 * tol < 60 * old_cell) return false;
    const auto x0 = floor_int((std::min(a.x, c.x) - tol) / old_cell), x1 = floor_int((std::max(a.x, c.x) + tol) / old_cell);
    const auto y0 = floor_int((std::min(a.y, c.y) - tol) / old_cell), y1 = floor_int((std::max(a.y, c.y) + tol) / old_cell);
    return (x1 - x0 + 1) * (y1 - y0 + 1) > 4096;
}

// An edge's box with the margin below: the cells of the edge grid it covers, and the box.
struct EdgeBox {
    std::uint64_t x0, x1, y0, y1;
    double lx, hx, ly, hy;
};

// Twice the tolerance plus far more than rounding, for coordinates up to these sizes:
// what lies beyond an edge's box by this much is certainly farther than the tolerance,
// so the box test only skips work, never changes a result.
double box_margin(double max_abs_x, double max_abs_y, double tol) { return 2.0 * tol + 1e-9 * (max_abs_x + max_abs_y); }

EdgeBox edge_box(const RingPoint& a, const RingPoint& c, const Grid& g, double tol) {
    const double lx = std::min(a.x, c.x), hx = std::max(a.x, c.x), ly = std::min(a.y, c.y), hy = std::max(a.y, c.y);
    const double m = box_margin(std::max(std::abs(lx), std::abs(hx)), std::max(std::abs(ly), std::abs(hy)), tol);
    return {g.column(g.cx(lx - m)), g.column(g.cx(hx + m)), g.row(g.cy(ly - m)), g.row(g.cy(hy + m)), lx - m, hx + m, ly - m, hy + m};
}

double seg_dist2(double px, double py, const RingPoint& a, const RingPoint& c) {
    const double dx = c.x - a.x, dy = c.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = a.x + t * dx - px, ey = a.y + t * dy - py;
    return ex * ex + ey * ey;
}

// Within the tolerance of the edge a-c but not of its ends (a point near an end point is
// a vertex match, found already). Every edge meets the runs at its own two ends, and
// most other runs are outside its box: both are ruled out without a branch each (they
// would be hard to predict) and before the division of the distance to the segment.
bool on_edge(double px, double py, const RingPoint& a, const RingPoint& c, const EdgeBox& box, double tol2) {
    const double d0 = (px - a.x) * (px - a.x) + (py - a.y) * (py - a.y);
    const double d1 = (px - c.x) * (px - c.x) + (py - c.y) * (py - c.y);
    const bool candidate = (px >= box.lx) & (px <= box.hx) & (py >= box.ly) & (py <= box.hy) & (d0 > tol2) & (d1 > tol2);
    return candidate && seg_dist2(px, py, a, c) <= tol2;
}

// Each edge against the runs of identical vertices in the cells it covers. The point on
// the edge's side is identified by the vertex (negative ids never meet vertex numbers).
void match_edges(const std::vector<RingPoint>& pts, const CellOrder& c, const RunGrid& rg, const Grid& g, double tol, double old_cell,
                 const Touches& blank, std::vector<Touches>& out, unsigned threads) {
    const double tol2 = tol * tol;
    const std::size_t first_out = out.size();
    out.resize(first_out + (pts.size() + kBlock - 1) / kBlock, blank);
    parallel_for_blocks(pts.size(), threads, kBlock, [&](std::size_t k, std::size_t b, std::size_t e) {
        Touches& t = out[first_out + k];
        for (std::size_t i = b; i < e; ++i) {
            const RingPoint &a = pts[i], &z = pts[a.next];
            if (a.next == i || giant_edge(a, z, old_cell, tol)) continue;
            const EdgeBox box = edge_box(a, z, g, tol);
            for (auto x = box.x0; x <= box.x1; ++x)
                for (auto r = rg.start[x * g.rows + box.y0]; r < rg.start[x * g.rows + box.y1 + 1]; ++r) {
                    const PointRun& run = rg.runs[r];
                    if (!on_edge(run.x, run.y, a, z, box, tol2)) continue;
                    for (auto m = run.begin; m < run.begin + run.count; ++m) {
                        const auto v = c.order[m].idx;
                        if (pts[v].poly != a.poly) t.add(pts[v].poly, v, a.poly, -1 - static_cast<std::int64_t>(v));
                    }
                }
        }
    });
}

// ---- From shared points to neighbours ----

// Rook: pairs with at least two distinct shared points on both sides (spdep's rook),
// from the touches sorted by pair.
std::vector<std::uint64_t> rook_pairs(std::vector<Touches>& found, int key_bits, unsigned threads) {
    std::vector<Touch> touches;
    for (auto& f : found) {
        touches.insert(touches.end(), f.points.begin(), f.points.end());
        std::vector<Touch>().swap(f.points);
    }
    radix_sort(touches, [](const Touch& t) { return t.pair; }, key_bits, threads);
    std::vector<std::uint64_t> pairs;
    std::vector<std::int64_t> side_a, side_b;
    for (std::size_t i = 0; i < touches.size();) {
        std::size_t j = i + 1;
        while (j < touches.size() && touches[j].pair == touches[i].pair) ++j;
        side_a.clear();
        side_b.clear();
        for (std::size_t k = i; k < j; ++k) {
            side_a.push_back(touches[k].pa);
            side_b.push_back(touches[k].pb);
        }
        std::sort(side_a.begin(), side_a.end());
        std::sort(side_b.begin(), side_b.end());
        if (std::unique(side_a.begin(), side_a.end()) - side_a.begin() >= 2 && std::unique(side_b.begin(), side_b.end()) - side_b.begin() >= 2)
            pairs.push_back(touches[i].pair);
        i = j;
    }
    return pairs;
}

// Neighbour lists from pair keys (a pair may come several times): both ends counted,
// scattered into one flat array, each unit's stretch sorted and made distinct (units in
// parallel), then copied out. No sort of all pairs is needed.
void fill_neighbours(SpatialWeights& w, const std::vector<const std::vector<std::uint64_t>*>& parts, int shift, std::size_t n,
                     unsigned threads) {
    const std::uint64_t mask = (std::uint64_t{1} << shift) - 1;
    std::vector<std::size_t> start(n + 1, 0);
    for (const auto* part : parts)
        for (auto p : *part) {
            ++start[(p >> shift) + 1];
            ++start[(p & mask) + 1];
        }
    for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
    std::vector<std::int32_t> flat(start[n]);
    std::vector<std::size_t> end(start.begin(), start.end() - 1);
    for (const auto* part : parts)
        for (auto p : *part) {
            const auto a = static_cast<std::size_t>(p >> shift), b = static_cast<std::size_t>(p & mask);
            flat[end[a]++] = static_cast<std::int32_t>(b);
            flat[end[b]++] = static_cast<std::int32_t>(a);
        }
    parallel_for(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            std::sort(flat.begin() + static_cast<std::ptrdiff_t>(start[i]), flat.begin() + static_cast<std::ptrdiff_t>(end[i]));
            end[i] = static_cast<std::size_t>(std::unique(flat.begin() + static_cast<std::ptrdiff_t>(start[i]), flat.begin() + static_cast<std::ptrdiff_t>(end[i])) - flat.begin());
        }
    }, 4096);
    // Allocated on this thread: lists from the workers' malloc arenas would leave memory
    // the statistics after cannot use (their peak at 10^6 units was 40 MB higher).
    w.neighbours.resize(n);
    w.weights.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        w.neighbours[i].assign(flat.begin() + static_cast<std::ptrdiff_t>(start[i]), flat.begin() + static_cast<std::ptrdiff_t>(end[i]));
        w.weights[i].assign(end[i] - start[i], 1.0);
    }
}

// All shared boundary points, per block: vertex matches, then vertices on edges.
std::vector<Touches> shared_points(const Boundary& bd, double tol, const ContiguityOptions& options, const Touches& blank, unsigned threads,
                                   const Progress& progress) {
    std::vector<Touches> found;
    // Without a tolerance only identical points match, and any cell does: a fine one
    // keeps cells to about one point each.
    const auto& b = bd.bounds;
    const double extent = std::max(b.x1 - b.x0, b.y1 - b.y0);
    const double cell = tol > 0 ? tol : extent > 0 ? std::ldexp(extent, -28) : 1.0;
    const Grid vgrid = make_grid(b, cell, std::uint64_t{1} << 62);
    const CellOrder cells = sort_by_cell(bd.pts, vgrid, threads);
    progress.report(0.35, "contiguity: shared vertices");
    std::vector<std::vector<PointRun>> runs;
    const bool edges = options.vertex_on_edge && bd.edges > 0;
    scan_cells(bd.pts, cells, vgrid, tol, blank, found, edges ? &runs : nullptr, threads);
    progress.report(0.55, "contiguity: vertices on edges");
    if (!edges) return found;
    // The grid of before (cells twice the mean edge length, at least four tolerances)
    // still decides which edges are too big to test. The edge grid has cells of the mean
    // edge length (an edge then meets about two runs; six with the larger cells), no
    // more cells than vertices, and covers every edge's box with its margin.
    const double mean = bd.edge_length / static_cast<double>(bd.edges);
    const double old_cell = std::max(2.0 * mean, 4.0 * tol + 1e-300);
    const double m = box_margin(std::max(std::abs(b.x0), std::abs(b.x1)), std::max(std::abs(b.y0), std::abs(b.y1)), tol);
    const Grid egrid = make_grid({b.x0 - m, b.y0 - m, b.x1 + m, b.y1 + m}, std::max(mean, 2.0 * tol + 1e-300), bd.pts.size() + 1024, true);
    const RunGrid rg = runs_by_cell(runs, egrid);
    std::vector<std::vector<PointRun>>().swap(runs);
    match_edges(bd.pts, cells, rg, egrid, tol, old_cell, blank, found, threads);
    return found;
}

}  // namespace

SpatialWeights contiguity_weights(const std::vector<MultiPolygon>& polygons, std::vector<std::string> ids, const ContiguityOptions& options,
                                  const Progress& progress) {
    const std::size_t n = polygons.size();
    if (n > static_cast<std::size_t>(INT32_MAX)) throw UsageError("too many polygons for contiguity weights");
    const unsigned threads = resolve_threads(options.threads);
    Touches blank;
    blank.with_points = options.rule == ContiguityRule::Rook;
    blank.shift = std::max(1, static_cast<int>(std::bit_width(n)));
    std::vector<Touches> found;
    {  // the vertices are freed before the neighbour lists are built: a lower peak
        const Boundary bd = extract_boundary(polygons, threads);
        const double tol = resolve_tolerance(options.tolerance, bd.bounds);
        progress.report(0.15, "contiguity: vertices");
        if (!bd.pts.empty()) found = shared_points(bd, tol, options, blank, threads, progress);
    }
    progress.report(0.75, "contiguity: links");
    std::vector<std::uint64_t> rook;
    std::vector<const std::vector<std::uint64_t>*> parts;
    if (blank.with_points) {
        rook = rook_pairs(found, 2 * blank.shift, threads);
        parts.push_back(&rook);
    } else {
        for (const auto& f : found) parts.push_back(&f.pairs);
    }
    SpatialWeights w;
    w.ids = std::move(ids);
    if (w.ids.empty())
        for (std::size_t i = 0; i < n; ++i) w.ids.push_back(std::to_string(i));
    fill_neighbours(w, parts, blank.shift, n, threads);
    w.transform = WeightsTransform::Binary;
    w.kind = options.rule == ContiguityRule::Queen ? "queen" : "rook";
    progress.report(1.0, "contiguity: done");
    return w;
}

double default_snap_tolerance(const Crs& crs) {
    if (crs.geographic) return 1e-7;
    return 0.01 / (crs.linear_unit_metres > 0 ? crs.linear_unit_metres : 1.0);
}

SpatialWeights contiguity_weights(const FeatureTable& table, const ContiguityOptions& options, const Progress& progress) {
    std::vector<std::string> ids;
    if (!table.key_column().empty()) {
        const auto& c = table.column(table.key_column());
        for (std::size_t i = 0; i < table.rows(); ++i) ids.push_back(c.as_text(i));
    }
    ContiguityOptions o = options;
    if (o.tolerance < 0) o.tolerance = table.crs().empty() ? -1.0 : default_snap_tolerance(table.crs());
    return contiguity_weights(table.geometries(), std::move(ids), o, progress);
}

SpatialWeights higher_order(const SpatialWeights& w, int k, bool inclusive) {
    if (k < 1) throw UsageError("the contiguity order must be 1 or more", {}, "use {{order 2}} for neighbours of neighbours");
    SpatialWeights out;
    out.ids = w.ids;
    out.neighbours.resize(w.size());
    out.weights.resize(w.size());
    parallel_for(w.size(), 0, [&](std::size_t b, std::size_t e) {
        // Per thread, reset after each source, so blocks do not each allocate n ints.
        thread_local std::vector<int> depth;
        if (depth.size() != w.size()) depth.assign(w.size(), -1);
        std::vector<std::int32_t> frontier, next, touched;
        for (std::size_t s = b; s < e; ++s) {
            frontier.assign(1, static_cast<std::int32_t>(s));
            depth[s] = 0;
            touched.assign(1, static_cast<std::int32_t>(s));
            for (int d = 1; d <= k && !frontier.empty(); ++d) {
                next.clear();
                for (auto u : frontier)
                    for (auto v : w.neighbours[static_cast<std::size_t>(u)])
                        if (depth[static_cast<std::size_t>(v)] < 0) {
                            depth[static_cast<std::size_t>(v)] = d;
                            touched.push_back(v);
                            next.push_back(v);
                            if (d == k || inclusive) out.neighbours[s].push_back(v);
                        }
                frontier.swap(next);
            }
            for (auto t : touched) depth[static_cast<std::size_t>(t)] = -1;
            std::sort(out.neighbours[s].begin(), out.neighbours[s].end());
            out.weights[s].assign(out.neighbours[s].size(), 1.0);
        }
    }, 64);
    out.transform = WeightsTransform::Binary;
    out.kind = w.kind + (inclusive ? " orders 1-" : " order ") + std::to_string(k);
    return out;
}

}  // namespace leefbaar
