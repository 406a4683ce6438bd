#pragma once
// Options shared by `leefbaar weights`, `lisa` and `hotspots`: the polygon source
// and how to build (or read) the spatial weights.
#include <string>

#include <CLI/CLI.hpp>

#include "commands/option_checks.hpp"
#include "core/error.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "spatial/spatial_analysis.hpp"

namespace leefbaar::cli {

struct SpatialSource {
    std::string polygons, layer, where, key;
    std::string weights = "queen";  // a type or a .gal/.gwt file
    WeightsSpec spec;

    void add_source(CLI::App& app, bool required) {
        auto* p = app.add_option("polygons", polygons,
                                 "Polygon source (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, PG:...); a point layer for knn, distance, inverse-distance and kernel weights");
        if (required) p->required();
        app.add_option("-l,--layer", layer, "Polygon layer (needed when the source has several)");
        app.add_option("-w,--where", where, "Attribute filter on the polygons (OGR SQL)");
        app.add_option("-k,--key", key, "Key column (unit ids in weights files)");
    }

    void add_weights(CLI::App& app) {
        app.add_option("--weights", weights,
                       "queen (default), rook, knn, distance, inverse-distance, kernel, or a GAL/GWT file whose ids are the --key values");
        app.add_option("--snap", spec.snap_tolerance, "Contiguity snap tolerance in CRS units (default 0.01 m)")->check(finite_non_negative());
        app.add_option("--order", spec.order, "Contiguity order (2 = neighbours of neighbours)")->check(CLI::Range(1, 20));
        app.add_flag("--cumulative", spec.cumulative_order, "With --order: include all orders 1..order");
        app.add_option("--k", spec.k, "knn: neighbours; kernel: the k-th neighbour sets the bandwidth")->check(CLI::Range(1, 10000));
        app.add_option("--threshold", spec.threshold, "distance / inverse-distance: band in metres (default: smallest leaving no island)")
            ->check(finite_positive());
        app.add_option("--power", spec.power, "inverse-distance: w = 1 / d^power")->check(finite_positive());
        app.add_option("--kernel", spec.kernel, "kernel function")->check(CLI::IsMember({"triangular", "uniform", "epanechnikov", "quartic", "gaussian"}));
        app.add_flag("--adaptive", spec.adaptive, "kernel: adaptive bandwidth (distance to each unit's k-th neighbour)");
        app.add_option("--bandwidth", spec.bandwidth, "kernel: fixed bandwidth in metres")->check(finite_positive());
        app.add_option("--points", spec.points, "Points for distance weights")->check(CLI::IsMember({"centroid", "point-on-surface"}));
        app.add_flag("--great-circle", spec.great_circle, "Distances on the sphere for longitude/latitude data");
        app.add_option("--transform", spec.transform, "row (row-standardised, default) or binary")->check(CLI::IsMember({"row", "binary"}));
        app.add_option("--islands", spec.islands, "Units without neighbours: keep (statistics undefined), drop, connect-nearest")
            ->check(CLI::IsMember({"keep", "drop", "connect-nearest"}));
    }

    bool weights_is_file() const {
        const auto dot = weights.find_last_of('.');
        if (dot == std::string::npos) return false;
        std::string e = weights.substr(dot + 1);
        for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return e == "gal" || e == "gwt";
    }

    void resolve() {
        if (weights_is_file()) {
            spec.type = "file";
            spec.file = weights;
        } else {
            spec.type = weights;
            static const char* kTypes[] = {"queen", "rook", "knn", "distance", "inverse-distance", "kernel"};
            bool ok = false;
            for (const char* t : kTypes) ok = ok || weights == t;
            if (!ok) throw UsageError("unknown --weights '" + weights + "'", {}, "use queen, rook, knn, distance, inverse-distance, kernel or a .gal/.gwt file");
        }
    }

    io::VectorReadResult read(unsigned threads, const Progress& progress) const {
        io::ensure_gdal();
        io::VectorReadOptions o;
        o.layer = layer;
        o.where = where;
        o.key_column = key;
        o.threads = threads;
        // Weights from geometry need no CRS for contiguity; distance weights check it themselves.
        o.require_crs = false;
        // Distance-based weights need only locations; contiguity refuses points itself.
        o.accept_points = true;
        return io::read_vector(polygons, o, progress);
    }
};

}  // namespace leefbaar::cli
