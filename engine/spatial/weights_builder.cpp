#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "spatial/contiguity.hpp"
#include "spatial/distance_weights.hpp"
#include "spatial/spatial_analysis.hpp"
#include "spatial/weights_io.hpp"

namespace leefbaar {
namespace {

KernelFunction parse_kernel(const std::string& s) {
    if (s == "triangular") return KernelFunction::Triangular;
    if (s == "uniform") return KernelFunction::Uniform;
    if (s == "epanechnikov") return KernelFunction::Epanechnikov;
    if (s == "quartic" || s == "biweight") return KernelFunction::Quartic;
    if (s == "gaussian") return KernelFunction::Gaussian;
    throw UsageError("unknown kernel '" + s + "'", {}, "use triangular, uniform, epanechnikov, quartic or gaussian");
}

PointMethod parse_points(const std::string& s) {
    if (s == "centroid") return PointMethod::Centroid;
    if (s == "point-on-surface" || s == "surface") return PointMethod::PointOnSurface;
    throw UsageError("unknown point method '" + s + "'", {}, "use centroid or point-on-surface");
}

// Weights are keyed by unit id: two units with one id would give a GAL/GWT file
// that no reader (ours included) can take back, and a file matched to such a
// table is ambiguous. Refused before any weights are built, as `join` does.
void check_unique_ids(const std::vector<std::string>& ids, const FeatureTable& table) {
    std::unordered_map<std::string, std::size_t> first;  // id -> first row
    first.reserve(ids.size() * 2);
    std::vector<std::string> shown;
    std::size_t duplicates = 0;
    std::optional<std::size_t> first_dup_row;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto [it, fresh] = first.emplace(ids[i], i);
        if (fresh) continue;
        ++duplicates;
        if (!first_dup_row) first_dup_row = i;
        if (shown.size() < 10)
            shown.push_back("'" + ids[i] + "' (rows " + std::to_string(it->second + 1) + " and " + std::to_string(i + 1) + ")");
    }
    if (duplicates == 0) return;
    throw DataError(std::to_string(duplicates) + " row(s) repeat a value of the key column '" + table.key_column() +
                        "': " + join_names(shown, 10),
                    ErrorContext{table.source_file, table.source_layer, static_cast<std::int64_t>(*first_dup_row + 1), table.key_column(), {}},
                    "weights need a unique key per unit: choose a unique key column ({{key}}), or filter or dissolve the duplicates "
                    "({{where}})");
}

}  // namespace

WeightsTransform parse_transform(const std::string& s) {
    if (s == "row" || s == "r" || s == "W") return WeightsTransform::Row;
    if (s == "binary" || s == "b" || s == "B") return WeightsTransform::Binary;
    throw UsageError("unknown weights transform '" + s + "'", {}, "use row (row-standardised) or binary");
}

SpatialWeights build_weights(const FeatureTable& table, const WeightsSpec& spec, const Progress& progress) {
    if (spec.islands != "keep" && spec.islands != "drop" && spec.islands != "connect-nearest")
        throw UsageError("unknown islands policy '" + spec.islands + "'", {}, "use keep, drop or connect-nearest");
    parse_transform(spec.transform);
    std::vector<std::string> ids;
    if (!table.key_column().empty()) {
        const auto& c = table.column(table.key_column());
        for (std::size_t i = 0; i < table.rows(); ++i) ids.push_back(c.as_text(i));
        check_unique_ids(ids, table);
    } else {
        for (std::size_t i = 0; i < table.rows(); ++i) ids.push_back(std::to_string(i + 1));
    }
    const bool contiguity = spec.type == "queen" || spec.type == "rook";
    const bool distance = spec.type == "knn" || spec.type == "distance" || spec.type == "inverse-distance" || spec.type == "kernel";
    if (!contiguity && !distance && spec.type != "file")
        throw UsageError("unknown weights type '" + spec.type + "'", {}, "use queen, rook, knn, distance, inverse-distance, kernel or file");
    if (spec.type != "file" && !table.has_geometry())
        throw UsageError("weights of type " + spec.type + " need polygons, but the table has no geometry", ErrorContext{table.source_file, table.source_layer, {}, {}, {}},
                         "read a polygon layer, or give a GAL/GWT file");
    SpatialWeights w;
    if (spec.type == "file") {
        if (spec.file.empty()) throw UsageError("weights type 'file' needs a file name", {}, "give {{weights_file FILE.gal}}");
        w = read_weights_file(spec.file, ids);
    } else if (contiguity) {
        if (table.points())
            throw UsageError(spec.type + " contiguity needs polygons, but layer '" + table.source_layer + "' holds points",
                             ErrorContext{table.source_file, table.source_layer, {}, {}, {}},
                             "points share no boundaries: use distance-based weights, e.g. {{weights knn}} with {{neighbours 6}}, or distance, inverse-distance or kernel");
        ContiguityOptions co;
        co.rule = spec.type == "queen" ? ContiguityRule::Queen : ContiguityRule::Rook;
        co.tolerance = spec.snap_tolerance;
        co.threads = spec.threads;
        w = contiguity_weights(table, co, progress.scaled(0.0, 0.9));
        w.ids = std::move(ids);  // no longer needed here: a million keys are not copied
        if (spec.order > 1) w = higher_order(w, spec.order, spec.cumulative_order);
    } else {
        DistanceWeightsOptions o;
        o.kind = spec.type == "knn" ? DistanceWeightsKind::Knn
                 : spec.type == "distance" ? DistanceWeightsKind::Band
                 : spec.type == "inverse-distance" ? DistanceWeightsKind::InverseDistance
                                                   : DistanceWeightsKind::Kernel;
        o.k = spec.k;
        o.threshold = spec.threshold;
        o.power = spec.power;
        o.kernel = parse_kernel(spec.kernel);
        o.adaptive = spec.adaptive;
        o.bandwidth = spec.bandwidth;
        o.points = parse_points(spec.points);
        o.great_circle = spec.great_circle;
        o.threads = spec.threads;
        w = distance_weights(table, o, progress.scaled(0.0, 0.9));
        w.ids = ids;
    }
    if (spec.islands == "connect-nearest" && !islands(w).empty()) {
        if (!table.has_geometry()) throw UsageError("connect-nearest needs polygons to find the nearest unit");
        if (!spec.great_circle) require_projected(table, "connecting islands to their nearest unit");
        const auto pts = representative_points(table.geometries(), parse_points(spec.points), spec.threads);
        connect_islands_to_nearest(w, pts, spec.great_circle);
        w.kind += " + islands connected to nearest";
    }
    progress.report(1.0, "weights built");
    return w;
}

}  // namespace leefbaar
