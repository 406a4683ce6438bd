#include "cluster/cluster_job.hpp"

#include "io/dissolve.hpp"

namespace leefbaar::cluster {

ClusterJobResult run_cluster_job(FeatureTable& table, const ClusterJobOptions& options, const Progress& progress) {
    ClusterJobResult res;
    Stopwatch clock;
    ClusterOptions co = options.cluster;
    co.threads = options.threads;
    if (is_spatial(co.method)) {
        WeightsSpec ws = options.weights;
        ws.threads = options.threads;
        res.weights = build_weights(table, ws, progress.scaled(0.0, 0.2));
        res.weights_summary = summarise(*res.weights);
        res.timings.push_back({"weights: " + ws.type, clock.lap(), {}});
    }
    res.cluster = run_clustering(table, res.weights ? &*res.weights : nullptr, co, progress.scaled(0.2, 0.8));
    res.warnings = res.cluster.warnings;
    res.timings.push_back({std::string("clustering: ") + to_string(co.method), clock.lap(), {}});
    const ClusterResult& cr = res.cluster;
    if (options.regions && cr.k > 0) {
        std::vector<MultiPolygon> geoms;
        if (table.has_geometry()) geoms = io::dissolve_groups(table.geometries(), cr.cluster_of_row, cr.k, options.threads, progress.scaled(0.8, 1.0));
        res.regions = build_regions_table(table, cr, std::move(geoms));
        res.has_regions = true;
        res.timings.push_back({"regions: dissolve", clock.lap(), {}});
    }
    progress.report(1.0, "clustering done");
    return res;
}

nlohmann::json ClusterJobResult::to_json() const {
    nlohmann::json j = cluster.to_json();
    if (weights) j["weights"] = {{"kind", weights->kind}, {"links", weights->links()}};
    return j;
}

}  // namespace leefbaar::cluster
