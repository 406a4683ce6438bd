#pragma once
// The input of `leefbaar weights`, `lisa` and `hotspots`: the polygon (or point)
// source and the weights to build or read. Declared by the shared groups of
// engine/steps (source_params, weights_params).
#include <string>

#include "core/error.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "spatial/spatial_analysis.hpp"
#include "steps/source_params.hpp"
#include "steps/weights_params.hpp"

namespace leefbaar::cli {

struct SpatialSource {
    steps::SourceOptions src;

    void declare(params::ParamList& list, bool required) {
        steps::SourceHelp h;
        h.source = "Polygon source (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, PG:...); a point layer for knn, distance, inverse-distance and kernel weights";
        h.key = "Key column (unit ids in weights files)";
        h.required = required;
        steps::declare_source(list, src, h);
    }

    io::VectorReadResult read(unsigned threads, const Progress& progress) const {
        io::ensure_gdal();
        io::VectorReadOptions o;
        o.layer = src.layer;
        o.where = src.where;
        o.key_column = src.key;
        o.threads = threads;
        // Weights from geometry need no CRS for contiguity; distance weights check it themselves.
        o.require_crs = false;
        // Distance-based weights need only locations; contiguity refuses points itself.
        o.accept_points = true;
        return io::read_vector(src.source, o, progress);
    }
};

}  // namespace leefbaar::cli
