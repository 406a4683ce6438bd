// Times the stages of a clustering run on a joined GeoPackage (bench/cluster/run.sh):
//   bench_cluster IN.gpkg METHOD FIELDS (K | FLOOR_FIELD FLOOR) [threads]
// Prints one line: "units=N links=L weights_s=… cluster_s=… dissolve_s=… regions=k objective=…".
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "cluster/clustering.hpp"
#include "io/dissolve.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "spatial/contiguity.hpp"

using namespace leefbaar;

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: bench_cluster IN.gpkg METHOD FIELDS (K | FLOOR_FIELD FLOOR) [threads]\n");
        return 2;
    }
    io::ensure_gdal();
    cluster::ClusterOptions o;
    o.method = cluster::parse_method(argv[2]);
    std::stringstream ss(argv[3]);
    for (std::string f; std::getline(ss, f, ',');) o.fields.push_back(f);
    int next = 4;
    if (o.method == cluster::Method::MaxP) {
        o.floor_field = argv[next++];
        o.floor = std::strtod(argv[next++], nullptr);
    } else {
        o.k = std::atoi(argv[next++]);
    }
    o.threads = argc > next ? static_cast<unsigned>(std::atoi(argv[next])) : 0;

    auto t0 = std::chrono::steady_clock::now();
    io::VectorReadOptions ro;
    ro.threads = o.threads;
    auto in = io::read_vector(argv[1], ro);
    const double read_s = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    ContiguityOptions co;
    co.threads = o.threads;
    auto w = contiguity_weights(in.table.geometries(), {}, co);
    const double weights_s = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    auto r = cluster::run_clustering(in.table, &w, o);
    const double cluster_s = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    auto geoms = io::dissolve_groups(in.table.geometries(), r.cluster_of_row, r.k, o.threads);
    const double dissolve_s = seconds_since(t0);

    std::printf("units=%zu links=%zu read_s=%.2f weights_s=%.2f cluster_s=%.2f dissolve_s=%.2f regions=%zu within_ss=%.6g contiguous=%s\n",
                in.table.rows(), w.links(), read_s, weights_s, cluster_s, dissolve_s, r.k, r.quality.within_ss,
                r.quality.all_contiguous ? "yes" : "no");
    return 0;
}
