#include "spatial/contiguity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "spatial/weights_ops.hpp"

namespace leefbaar {
namespace {

struct Vertex {
    std::int64_t cx, cy;
    double x, y;
    std::int32_t poly;
    std::int32_t seq;  // global vertex number, to count distinct shared points
};

// One shared boundary point between polygons a < b: which point on each side.
struct Touch {
    std::uint64_t pair;
    std::int64_t pa, pb;
};

struct Segment {
    double x0, y0, x1, y1;
    std::int32_t poly;
};

std::uint64_t pair_key(std::int32_t a, std::int32_t b) { return (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint32_t>(b); }

void emit(std::vector<Touch>& out, std::int32_t pa, std::int64_t ida, std::int32_t pb, std::int64_t idb) {
    if (pa < pb) out.push_back({pair_key(pa, pb), ida, idb});
    else out.push_back({pair_key(pb, pa), idb, ida});
}

double seg_dist2(double px, double py, const Segment& s) {
    const double dx = s.x1 - s.x0, dy = s.y1 - s.y0;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - s.x0) * dx + (py - s.y0) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = s.x0 + t * dx - px, ey = s.y0 + t * dy - py;
    return ex * ex + ey * ey;
}

template <typename Fn>
void for_each_ring(const MultiPolygon& mp, Fn&& fn) {
    for (const auto& poly : mp) {
        fn(poly.outer());
        for (const auto& inner : poly.inners()) fn(inner);
    }
}

}  // namespace

SpatialWeights contiguity_weights(const std::vector<MultiPolygon>& polygons, const std::vector<std::string>& ids,
                                  const ContiguityOptions& options, const Progress& progress) {
    const std::size_t n = polygons.size();
    if (n > static_cast<std::size_t>(INT32_MAX)) throw UsageError("too many polygons for contiguity weights");
    const unsigned threads = resolve_threads(options.threads);
    double tol = options.tolerance > 0 ? options.tolerance : 0.0;
    if (options.tolerance < 0) {
        double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
        for (const auto& mp : polygons)
            for_each_ring(mp, [&](const auto& ring) {
                for (const auto& pt : ring) {
                    x0 = std::min(x0, bg::get<0>(pt));
                    x1 = std::max(x1, bg::get<0>(pt));
                    y0 = std::min(y0, bg::get<1>(pt));
                    y1 = std::max(y1, bg::get<1>(pt));
                }
            });
        tol = x1 > x0 ? 1e-7 * std::hypot(x1 - x0, y1 - y0) : 0.0;
    }
    const double tol2 = tol * tol;
    // With a tolerance the cell is the tolerance, so matching points are in the same
    // or an adjacent cell; without one only identical points match and any cell works.
    const double cell = tol > 0 ? tol : 1.0;

    // Vertices, without the closing point and consecutive repeats.
    std::vector<std::size_t> first_vertex(n + 1, 0);
    for (std::size_t p = 0; p < n; ++p) {
        std::size_t c = 0;
        for_each_ring(polygons[p], [&](const auto& ring) { c += ring.size(); });
        first_vertex[p + 1] = first_vertex[p] + c;
    }
    std::vector<Vertex> verts(first_vertex[n]);
    std::vector<std::size_t> used(n, 0);
    std::vector<Segment> segs(options.vertex_on_edge ? first_vertex[n] : 0);
    std::vector<std::size_t> seg_used(n, 0);
    parallel_for(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t p = b; p < e; ++p) {
            std::size_t k = first_vertex[p], s = first_vertex[p];
            for_each_ring(polygons[p], [&](const auto& ring) {
                std::size_t m = ring.size();
                if (m > 1 && bg::get<0>(ring[0]) == bg::get<0>(ring[m - 1]) && bg::get<1>(ring[0]) == bg::get<1>(ring[m - 1])) --m;
                const std::size_t ring_start = k;
                for (std::size_t i = 0; i < m; ++i) {
                    const double x = bg::get<0>(ring[i]), y = bg::get<1>(ring[i]);
                    if (k > ring_start && verts[k - 1].x == x && verts[k - 1].y == y) continue;
                    verts[k] = {static_cast<std::int64_t>(std::floor(x / cell)), static_cast<std::int64_t>(std::floor(y / cell)), x, y,
                                static_cast<std::int32_t>(p), static_cast<std::int32_t>(k)};
                    ++k;
                }
                if (options.vertex_on_edge && k - ring_start >= 2)
                    for (std::size_t i = ring_start; i < k; ++i) {
                        const auto& a = verts[i];
                        const auto& c = verts[i + 1 < k ? i + 1 : ring_start];
                        segs[s++] = {a.x, a.y, c.x, c.y, static_cast<std::int32_t>(p)};
                    }
            });
            used[p] = k - first_vertex[p];
            seg_used[p] = s - first_vertex[p];
        }
    }, 1024);
    // Compact (repeats removed leave holes at the end of each polygon's range).
    {
        std::size_t w = 0, ws = 0;
        for (std::size_t p = 0; p < n; ++p) {
            for (std::size_t i = 0; i < used[p]; ++i) verts[w++] = verts[first_vertex[p] + i];
            if (options.vertex_on_edge)
                for (std::size_t i = 0; i < seg_used[p]; ++i) segs[ws++] = segs[first_vertex[p] + i];
        }
        verts.resize(w);
        segs.resize(ws);
    }
    progress.report(0.15, "contiguity: vertices");

    std::sort(verts.begin(), verts.end(), [](const Vertex& a, const Vertex& b) {
        return a.cx != b.cx ? a.cx < b.cx : a.cy != b.cy ? a.cy < b.cy : a.seq < b.seq;
    });
    struct Cell {
        std::int64_t cx, cy;
        std::size_t begin, end;
    };
    std::vector<Cell> cells;
    for (std::size_t i = 0; i < verts.size();) {
        std::size_t j = i + 1;
        while (j < verts.size() && verts[j].cx == verts[i].cx && verts[j].cy == verts[i].cy) ++j;
        cells.push_back({verts[i].cx, verts[i].cy, i, j});
        i = j;
    }
    auto find_cell = [&](std::int64_t cx, std::int64_t cy) -> const Cell* {
        auto it = std::lower_bound(cells.begin(), cells.end(), std::make_pair(cx, cy),
                                   [](const Cell& c, const std::pair<std::int64_t, std::int64_t>& k) { return c.cx != k.first ? c.cx < k.first : c.cy < k.second; });
        return it != cells.end() && it->cx == cx && it->cy == cy ? &*it : nullptr;
    };
    progress.report(0.35, "contiguity: shared vertices");

    constexpr std::size_t kBlock = 4096;
    std::vector<std::vector<Touch>> found((cells.size() + kBlock - 1) / kBlock);
    parallel_for(cells.size(), threads, [&](std::size_t b, std::size_t e) {
        auto& out = found[b / kBlock];
        for (std::size_t c = b; c < e; ++c) {
            const Cell& own = cells[c];
            for (std::size_t i = own.begin; i < own.end; ++i)
                for (std::size_t j = i + 1; j < own.end; ++j) {
                    const auto &u = verts[i], &v = verts[j];
                    if (u.poly == v.poly) continue;
                    const double dx = u.x - v.x, dy = u.y - v.y;
                    if (dx * dx + dy * dy <= tol2) emit(out, u.poly, u.seq, v.poly, v.seq);
                }
            if (tol <= 0) continue;  // identical points always share a cell
            const std::int64_t nbr[4][2] = {{own.cx, own.cy + 1}, {own.cx + 1, own.cy - 1}, {own.cx + 1, own.cy}, {own.cx + 1, own.cy + 1}};
            for (const auto& q : nbr) {
                const Cell* other = find_cell(q[0], q[1]);
                if (!other) continue;
                for (std::size_t i = own.begin; i < own.end; ++i)
                    for (std::size_t j = other->begin; j < other->end; ++j) {
                        const auto &u = verts[i], &v = verts[j];
                        if (u.poly == v.poly) continue;
                        const double dx = u.x - v.x, dy = u.y - v.y;
                        if (dx * dx + dy * dy <= tol2) emit(out, u.poly, u.seq, v.poly, v.seq);
                    }
            }
        }
    }, kBlock);
    progress.report(0.55, "contiguity: vertices on edges");

    if (options.vertex_on_edge && !segs.empty()) {
        // A coarser grid for segments: cell about twice the mean segment length, each
        // segment registered in every cell its tolerance-expanded box covers.
        double total = 0.0;
        for (const auto& s : segs) total += std::hypot(s.x1 - s.x0, s.y1 - s.y0);
        const double scell = std::max(2.0 * total / static_cast<double>(segs.size()), 4.0 * tol + 1e-300);
        struct Entry {
            std::int64_t cx, cy;
            std::int32_t seg;
        };
        std::vector<Entry> entries;
        entries.reserve(segs.size() * 2);
        for (std::size_t s = 0; s < segs.size(); ++s) {
            const auto& g = segs[s];
            const auto x0 = static_cast<std::int64_t>(std::floor((std::min(g.x0, g.x1) - tol) / scell));
            const auto x1 = static_cast<std::int64_t>(std::floor((std::max(g.x0, g.x1) + tol) / scell));
            const auto y0 = static_cast<std::int64_t>(std::floor((std::min(g.y0, g.y1) - tol) / scell));
            const auto y1 = static_cast<std::int64_t>(std::floor((std::max(g.y0, g.y1) + tol) / scell));
            if ((x1 - x0 + 1) * (y1 - y0 + 1) > 4096) continue;  // degenerate giant segment: vertex matching still applies
            for (auto cx = x0; cx <= x1; ++cx)
                for (auto cy = y0; cy <= y1; ++cy) entries.push_back({cx, cy, static_cast<std::int32_t>(s)});
        }
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
            return a.cx != b.cx ? a.cx < b.cx : a.cy != b.cy ? a.cy < b.cy : a.seg < b.seg;
        });
        std::vector<std::vector<Touch>> on_edge((verts.size() + kBlock - 1) / kBlock);
        parallel_for(verts.size(), threads, [&](std::size_t b, std::size_t e) {
            auto& out = on_edge[b / kBlock];
            for (std::size_t i = b; i < e; ++i) {
                const auto& v = verts[i];
                const auto cx = static_cast<std::int64_t>(std::floor(v.x / scell)), cy = static_cast<std::int64_t>(std::floor(v.y / scell));
                auto it = std::lower_bound(entries.begin(), entries.end(), std::make_pair(cx, cy),
                                           [](const Entry& a, const std::pair<std::int64_t, std::int64_t>& k) { return a.cx != k.first ? a.cx < k.first : a.cy < k.second; });
                for (; it != entries.end() && it->cx == cx && it->cy == cy; ++it) {
                    const auto& g = segs[static_cast<std::size_t>(it->seg)];
                    if (g.poly == v.poly) continue;
                    if (seg_dist2(v.x, v.y, g) > tol2) continue;
                    // Near an end point: that is a vertex match, found above.
                    const double d0 = (v.x - g.x0) * (v.x - g.x0) + (v.y - g.y0) * (v.y - g.y0);
                    const double d1 = (v.x - g.x1) * (v.x - g.x1) + (v.y - g.y1) * (v.y - g.y1);
                    if (d0 <= tol2 || d1 <= tol2) continue;
                    // The point on the other side is identified by this vertex (negative ids never meet vertex numbers).
                    emit(out, v.poly, v.seq, g.poly, -1 - static_cast<std::int64_t>(v.seq));
                }
            }
        }, kBlock);
        for (auto& o : on_edge) found.push_back(std::move(o));
    }
    progress.report(0.75, "contiguity: links");

    std::size_t total = 0;
    for (const auto& f : found) total += f.size();
    std::vector<Touch> touches;
    touches.reserve(total);
    for (auto& f : found) {
        touches.insert(touches.end(), f.begin(), f.end());
        std::vector<Touch>().swap(f);
    }
    std::sort(touches.begin(), touches.end(), [](const Touch& a, const Touch& b) {
        return a.pair != b.pair ? a.pair < b.pair : a.pa != b.pa ? a.pa < b.pa : a.pb < b.pb;
    });
    std::vector<std::uint64_t> pairs;
    std::vector<std::int64_t> side_a, side_b;
    for (std::size_t i = 0; i < touches.size();) {
        std::size_t j = i + 1;
        while (j < touches.size() && touches[j].pair == touches[i].pair) ++j;
        bool linked = true;
        if (options.rule == ContiguityRule::Rook) {
            // Two distinct boundary points on both sides (spdep's rook).
            side_a.clear();
            side_b.clear();
            for (std::size_t k = i; k < j; ++k) {
                side_a.push_back(touches[k].pa);
                side_b.push_back(touches[k].pb);
            }
            std::sort(side_a.begin(), side_a.end());
            std::sort(side_b.begin(), side_b.end());
            linked = std::unique(side_a.begin(), side_a.end()) - side_a.begin() >= 2 && std::unique(side_b.begin(), side_b.end()) - side_b.begin() >= 2;
        }
        if (linked) pairs.push_back(touches[i].pair);
        i = j;
    }
    SpatialWeights w;
    w.ids = ids;
    if (w.ids.empty())
        for (std::size_t i = 0; i < n; ++i) w.ids.push_back(std::to_string(i));
    w.neighbours.resize(n);
    w.weights.resize(n);
    for (auto p : pairs) {
        const auto a = static_cast<std::int32_t>(p >> 32), b = static_cast<std::int32_t>(p & 0xffffffffu);
        w.neighbours[static_cast<std::size_t>(a)].push_back(b);
        w.neighbours[static_cast<std::size_t>(b)].push_back(a);
    }
    for (std::size_t i = 0; i < n; ++i) {
        std::sort(w.neighbours[i].begin(), w.neighbours[i].end());
        w.weights[i].assign(w.neighbours[i].size(), 1.0);
    }
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
    return contiguity_weights(table.geometries(), ids, o, progress);
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
