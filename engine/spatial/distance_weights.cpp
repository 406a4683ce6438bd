#include "spatial/distance_weights.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "spatial/representative_point.hpp"

namespace leefbaar {
namespace {

namespace bgi = boost::geometry::index;
// Always three dimensions: planar points get z = 0, lon/lat become points on a
// sphere, whose chord length orders neighbours exactly as the great-circle distance.
using P3 = bg::model::point<double, 3, bg::cs::cartesian>;
using Value = std::pair<P3, std::int32_t>;
using Tree = bgi::rtree<Value, bgi::quadratic<16>>;
constexpr double kEarthRadius = 6371008.8;  // mean radius (IUGG), metres

struct Space {
    std::vector<P3> p;
    bool sphere = false;
    Tree tree;

    Space(const std::vector<Point>& pts, bool great_circle) : sphere(great_circle) {
        p.reserve(pts.size());
        std::vector<Value> vals;
        vals.reserve(pts.size());
        for (std::size_t i = 0; i < pts.size(); ++i) {
            const double x = bg::get<0>(pts[i]), y = bg::get<1>(pts[i]);
            if (!std::isfinite(x) || !std::isfinite(y))
                throw DataError("unit " + std::to_string(i + 1) + " has no location (empty geometry)", ErrorContext{{}, {}, static_cast<std::int64_t>(i + 1), {}, {}},
                                "remove features with empty geometries or repair them before building distance weights");
            if (great_circle) {
                const double lon = x * std::numbers::pi / 180.0, lat = y * std::numbers::pi / 180.0;
                p.emplace_back(kEarthRadius * std::cos(lat) * std::cos(lon), kEarthRadius * std::cos(lat) * std::sin(lon), kEarthRadius * std::sin(lat));
            } else {
                p.emplace_back(x, y, 0.0);
            }
            vals.emplace_back(p.back(), static_cast<std::int32_t>(i));
        }
        tree = Tree(vals.begin(), vals.end());  // packing: faster queries than inserting
    }
    double chord(std::size_t i, std::size_t j) const { return bg::distance(p[i], p[j]); }
    double dist(std::size_t i, std::size_t j) const { return to_dist(chord(i, j)); }
    double to_dist(double c) const { return sphere ? 2.0 * kEarthRadius * std::asin(std::min(1.0, c / (2.0 * kEarthRadius))) : c; }
    double to_chord(double d) const { return sphere ? 2.0 * kEarthRadius * std::sin(std::min(d / (2.0 * kEarthRadius), std::numbers::pi / 2)) : d; }

    // k nearest other units, by (distance, index): of several units tied at the k-th
    // distance the lowest indices are kept, as spdep's knearneigh does. Which of the
    // tied units the R-tree returns is arbitrary, so it is asked for more until the
    // farthest unit returned lies strictly beyond the k-th distance (or all are in).
    void knn(std::size_t i, std::size_t k, std::vector<std::pair<double, std::int32_t>>& out) const {
        const std::size_t n = p.size();
        out.clear();
        if (k == 0) return;
        std::vector<Value> found;
        for (std::size_t want = std::min(n, k + 2);; want = std::min(n, 2 * want)) {
            found.clear();
            out.clear();
            tree.query(bgi::nearest(p[i], static_cast<unsigned>(want)), std::back_inserter(found));
            double farthest = 0;
            for (const auto& v : found) {
                if (static_cast<std::size_t>(v.second) == i) continue;
                out.emplace_back(dist(i, static_cast<std::size_t>(v.second)), v.second);
                farthest = std::max(farthest, out.back().first);
            }
            std::sort(out.begin(), out.end());
            if (out.size() <= k) return;
            // A unit not returned is at least as far as the farthest returned one.
            if (found.size() >= n || farthest > out[k - 1].first) break;
        }
        out.resize(k);
    }
    // All other units within distance d (inclusive), by index.
    void within(std::size_t i, double d, std::vector<std::pair<double, std::int32_t>>& out, bool include_self = false) const {
        out.clear();
        const double c = to_chord(d) * (1 + 1e-12);
        const P3 lo(p[i].get<0>() - c, p[i].get<1>() - c, p[i].get<2>() - c), hi(p[i].get<0>() + c, p[i].get<1>() + c, p[i].get<2>() + c);
        std::vector<Value> found;
        tree.query(bgi::intersects(bg::model::box<P3>(lo, hi)), std::back_inserter(found));
        for (const auto& v : found) {
            const auto j = static_cast<std::size_t>(v.second);
            if (j == i && !include_self) continue;
            const double dij = j == i ? 0.0 : dist(i, j);
            if (dij <= d) out.emplace_back(dij, v.second);
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    }
};

double kernel_value(KernelFunction k, double z) {
    switch (k) {
        case KernelFunction::Triangular: return 1.0 - z;
        case KernelFunction::Uniform: return 0.5;
        case KernelFunction::Epanechnikov: return 0.75 * (1.0 - z * z);
        case KernelFunction::Quartic: return (15.0 / 16.0) * (1.0 - z * z) * (1.0 - z * z);
        case KernelFunction::Gaussian: return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
    }
    return 0.0;
}

std::string distance_unit(bool great_circle) { return great_circle ? " m (great circle)" : ""; }

}  // namespace

const char* to_string(KernelFunction k) {
    switch (k) {
        case KernelFunction::Triangular: return "triangular";
        case KernelFunction::Uniform: return "uniform";
        case KernelFunction::Epanechnikov: return "epanechnikov";
        case KernelFunction::Quartic: return "quartic";
        case KernelFunction::Gaussian: return "gaussian";
    }
    return "?";
}

std::vector<Point> representative_points(const std::vector<MultiPolygon>& polygons, PointMethod method, unsigned threads) {
    std::vector<Point> out(polygons.size(), Point(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()));
    parallel_for(polygons.size(), resolve_threads(threads), [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            if (polygons[i].empty() || bg::is_empty(polygons[i])) continue;
            if (is_point_geometry(polygons[i])) {  // a point layer: the point itself
                out[i] = polygons[i].front().outer().front();
                continue;
            }
            try {
                if (method == PointMethod::Centroid) bg::centroid(polygons[i], out[i]);
                else out[i] = point_on_surface(polygons[i]);
            } catch (const bg::exception&) {
                // Degenerate (zero-area) geometry: fall back to the first vertex.
                out[i] = polygons[i].front().outer().front();
            }
        }
    });
    return out;
}

double min_threshold_distance(const std::vector<Point>& points, bool great_circle, unsigned threads) {
    if (points.size() < 2) return 0.0;
    const Space s(points, great_circle);
    std::vector<double> nn(points.size(), 0.0);
    parallel_for(points.size(), resolve_threads(threads), [&](std::size_t b, std::size_t e) {
        std::vector<std::pair<double, std::int32_t>> r;
        for (std::size_t i = b; i < e; ++i) {
            s.knn(i, 1, r);
            nn[i] = r.empty() ? 0.0 : r[0].first;
        }
    });
    return *std::max_element(nn.begin(), nn.end());
}

SpatialWeights distance_weights(const std::vector<Point>& points, const std::vector<std::string>& ids, const DistanceWeightsOptions& o,
                                const Progress& progress) {
    const std::size_t n = points.size();
    const unsigned threads = resolve_threads(o.threads);
    if ((o.kind == DistanceWeightsKind::Knn || o.kind == DistanceWeightsKind::Kernel) && o.k < 1)
        throw UsageError("k must be at least 1", {}, "use e.g. {{neighbours 6}}");
    if (o.kind == DistanceWeightsKind::Knn && static_cast<std::size_t>(o.k) >= n)
        throw UsageError("k = " + std::to_string(o.k) + " needs more than " + std::to_string(o.k) + " units; the table has " + std::to_string(n), {}, "use a smaller {{neighbours}}");
    if (o.kind == DistanceWeightsKind::InverseDistance && !(o.power > 0)) throw UsageError("the inverse distance power must be positive", {}, "use e.g. {{power 1}} or 2");
    const Space s(points, o.great_circle);
    progress.report(0.2, "distance weights: index");
    SpatialWeights w;
    w.ids = ids;
    if (w.ids.empty())
        for (std::size_t i = 0; i < n; ++i) w.ids.push_back(std::to_string(i));
    w.neighbours.resize(n);
    w.weights.resize(n);
    w.transform = WeightsTransform::Binary;

    double threshold = o.threshold;
    if ((o.kind == DistanceWeightsKind::Band || o.kind == DistanceWeightsKind::InverseDistance) && threshold < 0)
        threshold = min_threshold_distance(points, o.great_circle, threads);

    std::vector<double> bw(n, o.bandwidth);
    if (o.kind == DistanceWeightsKind::Kernel) {
        const auto k = std::min<std::size_t>(static_cast<std::size_t>(o.k), n > 0 ? n - 1 : 0);
        parallel_for(n, threads, [&](std::size_t b, std::size_t e) {
            std::vector<std::pair<double, std::int32_t>> r;
            for (std::size_t i = b; i < e; ++i) {
                s.knn(i, k, r);
                // PySAL widens the bandwidth by 1.0000001 so the k-th neighbour keeps a small positive weight.
                bw[i] = (r.empty() ? 0.0 : r.back().first) * 1.0000001;
            }
        });
        if (!o.adaptive) {
            const double fixed = o.bandwidth > 0 ? o.bandwidth : (n ? *std::max_element(bw.begin(), bw.end()) : 0.0);
            std::fill(bw.begin(), bw.end(), fixed);
        }
    }

    parallel_for(n, threads, [&](std::size_t b, std::size_t e) {
        std::vector<std::pair<double, std::int32_t>> r;
        for (std::size_t i = b; i < e; ++i) {
            switch (o.kind) {
                case DistanceWeightsKind::Knn: s.knn(i, static_cast<std::size_t>(o.k), r); break;
                case DistanceWeightsKind::Band:
                case DistanceWeightsKind::InverseDistance: s.within(i, threshold, r); break;
                case DistanceWeightsKind::Kernel: s.within(i, bw[i], r, true); break;
            }
            std::sort(r.begin(), r.end(), [](const auto& a, const auto& c) { return a.second < c.second; });
            for (const auto& [d, j] : r) {
                double v = 1.0;
                if (o.kind == DistanceWeightsKind::InverseDistance) {
                    if (d <= 0.0)
                        throw DataError("units " + w.ids[i] + " and " + w.ids[static_cast<std::size_t>(j)] + " are at the same location", {},
                                        "inverse distance weights are infinite there: use a distance band or kernel weights");
                    v = 1.0 / std::pow(d, o.power);
                } else if (o.kind == DistanceWeightsKind::Kernel) {
                    v = kernel_value(o.kernel, bw[i] > 0 ? d / bw[i] : 0.0);
                }
                w.neighbours[i].push_back(j);
                w.weights[i].push_back(v);
            }
        }
    }, 512);
    progress.report(1.0, "distance weights: done");
    char buf[128];
    switch (o.kind) {
        case DistanceWeightsKind::Knn: w.kind = "knn k=" + std::to_string(o.k); break;
        case DistanceWeightsKind::Band:
            std::snprintf(buf, sizeof buf, "distance band %.6g%s", threshold, distance_unit(o.great_circle).c_str());
            w.kind = buf;
            break;
        case DistanceWeightsKind::InverseDistance:
            std::snprintf(buf, sizeof buf, "inverse distance power %.3g within %.6g%s", o.power, threshold, distance_unit(o.great_circle).c_str());
            w.kind = buf;
            break;
        case DistanceWeightsKind::Kernel:
            w.kind = std::string("kernel ") + to_string(o.kernel) + (o.adaptive ? " adaptive" : " fixed") + " k=" + std::to_string(o.k);
            break;
    }
    return w;
}

void require_projected(const FeatureTable& table, const std::string& what) {
    if (table.crs().geographic)
        throw UsageError(what + " need projected coordinates, but " + table.crs().label() + " is geographic (degrees)",
                         ErrorContext{table.source_file, table.source_layer, {}, {}, {}},
                         "reproject the polygons to a projected CRS (e.g. {{t_srs EPSG:28992}} when joining) or ask for great-circle distances ({{great_circle true}})");
}

SpatialWeights distance_weights(const FeatureTable& table, const DistanceWeightsOptions& options, const Progress& progress) {
    if (!options.great_circle) require_projected(table, "distance-based weights");
    if (options.great_circle && !table.crs().empty() && !table.crs().geographic)
        throw UsageError("great-circle distances need longitude/latitude, but " + table.crs().label() + " is projected", {},
                         "drop {{great_circle}}: distances in the projected CRS are used directly");
    std::vector<std::string> ids;
    if (!table.key_column().empty()) {
        const auto& c = table.column(table.key_column());
        for (std::size_t i = 0; i < table.rows(); ++i) ids.push_back(c.as_text(i));
    }
    // An empty geometry has no point to measure from: name the feature here, where
    // the file, layer, key and feature id are still known.
    const auto& geoms = table.geometries();
    for (std::size_t i = 0; i < geoms.size(); ++i) {
        if (!geoms[i].empty()) continue;
        std::string who = "feature " + std::to_string(i + 1);
        if (i < table.source_fids().size()) who += " (fid " + std::to_string(table.source_fids()[i]) + ")";
        if (!ids.empty()) who += ", " + table.key_column() + " '" + ids[i] + "',";
        throw DataError(who + " has no location: its geometry is empty",
                        ErrorContext{table.source_file, table.source_layer, static_cast<std::int64_t>(i + 1), table.key_column(), {}},
                        "distance weights need a location for every unit: remove or repair the empty geometries (e.g. {{where}}), "
                        "or use contiguity weights ({{weights queen}})");
    }
    DistanceWeightsOptions o = options;
    // Thresholds and bandwidths are given in metres; convert to CRS units (US feet etc.).
    const double unit = table.crs().geographic ? 1.0 : table.crs().linear_unit_metres;
    if (!options.great_circle && unit > 0 && unit != 1.0) {
        if (o.threshold > 0) o.threshold /= unit;
        if (o.bandwidth > 0) o.bandwidth /= unit;
    }
    return distance_weights(representative_points(table.geometries(), options.points, options.threads), ids, o, progress);
}

std::size_t connect_islands_to_nearest(SpatialWeights& w, const std::vector<Point>& points, bool great_circle) {
    if (w.size() < 2) return 0;
    const Space s(points, great_circle);
    std::size_t connected = 0;
    std::vector<std::pair<double, std::int32_t>> r;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (!w.neighbours[i].empty()) continue;
        s.knn(i, 1, r);
        if (r.empty()) continue;
        const auto j = static_cast<std::size_t>(r[0].second);
        auto insert = [&](std::size_t a, std::int32_t b) {
            auto& nb = w.neighbours[a];
            auto it = std::lower_bound(nb.begin(), nb.end(), b);
            if (it != nb.end() && *it == b) return;
            const auto pos = it - nb.begin();
            nb.insert(it, b);
            w.weights[a].insert(w.weights[a].begin() + pos, 1.0);
        };
        insert(i, static_cast<std::int32_t>(j));
        insert(j, static_cast<std::int32_t>(i));
        ++connected;
    }
    return connected;
}

}  // namespace leefbaar
