#include "cluster/clustering.hpp"

#include <algorithm>
#include <map>

#include "cluster/azp.hpp"
#include "cluster/data.hpp"
#include "cluster/graph.hpp"
#include "cluster/hierarchical.hpp"
#include "cluster/kmeans.hpp"
#include "cluster/maxp.hpp"
#include "cluster/redcap.hpp"
#include "cluster/skater.hpp"
#include "core/error.hpp"
#include "core/field_names.hpp"

namespace leefbaar::cluster {
namespace {

Linkage linkage_of(Method m) {
    switch (m) {
        case Method::Average: return Linkage::Average;
        case Method::Complete: return Linkage::Complete;
        case Method::Single: return Linkage::Single;
        default: return Linkage::Ward;
    }
}

}  // namespace

void validate_options(const ClusterOptions& o, bool have_weights) {
    if (o.fields.empty()) throw UsageError("no clustering variables given", {}, "name the fields to cluster on, e.g. {{fields a,b,c}}");
    if (is_spatial(o.method) && !have_weights)
        throw UsageError(std::string(to_string(o.method)) + " needs spatial weights", {}, "give {{weights queen}}, rook or a .gal file");
    if (o.method != Method::MaxP && o.k < 1) throw UsageError("k must be at least 1", {}, "give {{clusters 2}} or more");
    const bool has_floor = o.floor.has_value() || !o.floor_field.empty();
    if (has_floor && (o.floor_field.empty() || !o.floor.has_value()))
        throw UsageError("a floor needs both a field and a value", {}, "give {{floor_field FIELD}} and {{floor VALUE}} together");
    if ((has_floor || o.min_size > 0) && !is_spatial(o.method))
        throw UsageError("a floor or minimum size applies to the regionalisation methods only", {},
                         "use {{method skater}}, redcap, maxp or azp, or drop {{floor}}/{{min_size}}");
    if (o.method == Method::MaxP && !has_floor && o.min_size <= 0)
        throw UsageError("max-p needs a floor", {}, "give {{floor_field}} and {{floor}} (e.g. {{floor_field inwoners}} with {{floor 5000}}), or {{min_size}}");
    if (o.method == Method::KMeans && o.distance != Distance::Euclidean)
        throw UsageError("k-means minimises squared Euclidean distances", {}, "use {{distance euclidean}} with k-means, or a hierarchical method");
    if ((o.table_k_min > 0 || o.table_k_max > 0) && (o.table_k_min < 1 || o.table_k_max < o.table_k_min))
        throw UsageError("the k range of the table is empty", {}, "give a range like {{k_table 2..10}}");
    if ((o.table_k_min > 0) && o.method == Method::MaxP)
        throw UsageError("max-p chooses the number of regions itself; a k table does not apply", {}, "use the table with another method");
}

namespace {

struct Problem {
    const DataMatrix& data;
    const Graph* graph;
    const std::vector<RegionFloor>& floors;
    const ClusterOptions& o;
};

// Labels 0..k-1 (or −1) on the data rows for a given k.
std::vector<std::int32_t> solve(const Problem& p, int k, std::vector<double>* objective, const std::vector<Merge>* dendrogram,
                                const Progress& progress, std::size_t* unassigned = nullptr) {
    const auto& o = p.o;
    switch (o.method) {
        case Method::KMeans: return kmeans(p.data, k, o.restarts, o.max_iterations, o.seed, o.threads, progress).labels;
        case Method::Ward:
        case Method::Average:
        case Method::Complete:
        case Method::Single: return cut_dendrogram(*dendrogram, p.data.n, k);
        case Method::Skater: {
            if (static_cast<std::size_t>(k) > p.data.n)
                throw UsageError("k = " + std::to_string(k) + " regions for " + std::to_string(p.data.n) + " units", {}, "choose k between 1 and the number of units");
            auto r = skater(p.data, *p.graph, k, o.tree_cost, o.distance, p.floors, progress);
            if (objective) *objective = r.objective;
            return r.labels;
        }
        case Method::Redcap: {
            if (static_cast<std::size_t>(k) > p.data.n)
                throw UsageError("k = " + std::to_string(k) + " regions for " + std::to_string(p.data.n) + " units", {}, "choose k between 1 and the number of units");
            auto r = redcap(p.data, *p.graph, k, o.redcap_linkage, o.tree_cost, o.distance, p.floors, progress);
            if (objective) *objective = r.objective;
            return r.labels;
        }
        case Method::MaxP: {
            MaxPOptions mo;
            mo.construction_iterations = o.construction_iterations;
            mo.search = {o.local_search, o.max_passes, o.annealing_cooling, o.tabu_length};
            mo.seed = o.seed;
            mo.threads = o.threads;
            auto r = max_p(p.data, *p.graph, p.floors, mo, progress);
            if (unassigned) *unassigned = r.unassigned;
            return r.labels;
        }
        case Method::Azp: {
            AzpOptions ao;
            ao.k = k;
            ao.search = {o.local_search, o.max_passes, o.annealing_cooling, o.tabu_length};
            ao.seed = o.seed;
            return azp(p.data, *p.graph, p.floors, ao, progress).labels;
        }
    }
    return {};
}

std::string key_of(const FeatureTable& t, std::size_t row) {
    if (!t.key_column().empty() && t.has_column(t.key_column())) {
        const auto s = t.column(t.key_column()).as_text(row);
        if (!s.empty()) return s;
    }
    return "row " + std::to_string(row + 1);
}

}  // namespace

ClusterResult run_clustering(FeatureTable& table, const SpatialWeights* weights, const ClusterOptions& options, const Progress& progress) {
    validate_options(options, weights != nullptr);
    ClusterResult res;
    res.options = options;
    res.units = table.rows();
    std::vector<std::string> required;
    if (!options.floor_field.empty()) required.push_back(options.floor_field);
    PreparedData prep = prepare_data(table, options.fields, options.scaling, options.missing, required);
    res.imputed_values = prep.imputed_values;
    const DataMatrix& data = prep.data;

    std::vector<RegionFloor> floors;
    std::vector<double> bound;
    if (!options.floor_field.empty()) {
        const Column& c = table.column(options.floor_field);
        RegionFloor f{{}, *options.floor, options.floor_field};
        for (auto r : prep.table_row) f.weight.push_back(c.as_double(r));
        bound = f.weight;
        floors.push_back(std::move(f));
    }
    if (options.min_size > 0) floors.push_back({std::vector<double>(data.n, 1.0), static_cast<double>(options.min_size), "units"});

    Graph graph;
    if (weights) {
        graph = induced_graph(*weights, prep.table_row, table.rows());
        std::int32_t parts = 0;
        components(graph, &parts);
        res.components = static_cast<std::size_t>(parts);
        for (std::size_t i = 0; i < graph.size(); ++i)
            if (graph.adj[i].empty()) res.islands.push_back(key_of(table, prep.table_row[i]));
        if (!res.islands.empty() && is_spatial(options.method))
            res.warnings.push_back(std::to_string(res.islands.size()) + " unit(s) have no neighbours (islands) and form regions of their own" +
                                   (options.method == Method::MaxP ? " if they reach the floor" : ""));
    }
    Problem problem{data, weights ? &graph : nullptr, floors, options};

    std::vector<Merge> dendrogram;
    const bool hierarchical = options.method == Method::Ward || options.method == Method::Average || options.method == Method::Complete ||
                              options.method == Method::Single;
    if (hierarchical) dendrogram = agglomerate(data, linkage_of(options.method), options.distance, progress.scaled(0, 0.6));
    if (options.method != Method::MaxP && static_cast<std::size_t>(options.k) > data.n)
        throw UsageError("asked for " + std::to_string(options.k) + " clusters but only " + std::to_string(data.n) + " units can be clustered", {},
                         "choose k at most " + std::to_string(data.n));

    std::size_t unassigned = 0;
    std::vector<std::int32_t> labels = solve(problem, options.k, &res.objective, &dendrogram, progress.scaled(0.6, 0.9), &unassigned);
    res.unassigned = unassigned;

    if (options.table_k_min > 0) {
        for (int k = options.table_k_min; k <= options.table_k_max && static_cast<std::size_t>(k) <= data.n; ++k) {
            KTableRow row;
            row.k = k;
            try {
                const auto lk = solve(problem, k, nullptr, &dendrogram, {});
                const auto q = evaluate(data, lk);
                row.within_ss = q.within_ss;
                row.ratio = q.ratio;
                row.pseudo_f = q.pseudo_f;
            } catch (const DataError&) {
                row.feasible = false;
            }
            res.k_table.push_back(row);
        }
    }

    res.quality = evaluate(data, labels, bound, weights ? &graph : nullptr);
    res.k = res.quality.k;
    if (weights && !res.quality.all_contiguous && is_spatial(options.method))
        throw SystemError("internal check failed: a region of " + std::string(to_string(options.method)) + " is not contiguous", {},
                          "please report this with the command you ran");
    // Cluster means in the variables' own units (the quality figures use the scaled ones).
    res.means.assign(res.k, std::vector<double>(data.p, 0.0));
    for (std::size_t c = 0; c < res.k; ++c)
        for (std::size_t j = 0; j < data.p; ++j) res.means[c][j] = res.quality.clusters[c].mean[j] * prep.scale[j] + prep.centre[j];

    res.cluster_of_row.assign(table.rows(), 0);
    Column id = Column::make(fields::cluster_id, ColumnType::Int64, table.rows());
    id.title = "Cluster";
    id.description = std::string("Cluster number 1..") + std::to_string(res.k) + " from " + to_string(options.method) + " on " +
                     join_names(options.fields) + "; empty when the unit was not clustered (see cluster_status)";
    Column status = Column::make(fields::cluster_status, ColumnType::Text, table.rows());
    status.title = "Cluster status";
    status.description = "ok, imputed (missing values replaced by the mean) or the reason the unit has no cluster";
    for (std::size_t r = 0; r < table.rows(); ++r) status.set(r, prep.status[r]);
    for (std::size_t i = 0; i < data.n; ++i) {
        const auto r = prep.table_row[i];
        if (labels[i] >= 0) {
            id.set(r, static_cast<std::int64_t>(labels[i] + 1));
            res.cluster_of_row[r] = labels[i] + 1;
            ++res.clustered;
        } else {
            status.set(r, "unassigned: its connected part cannot reach the floor");
        }
    }
    for (const auto& s : prep.status) res.excluded += s.rfind("excluded", 0) == 0;
    if (res.excluded) res.warnings.push_back(std::to_string(res.excluded) + " unit(s) excluded for missing values (see cluster_status)");
    if (res.unassigned)
        res.warnings.push_back(std::to_string(res.unassigned) + " unit(s) lie in connected parts whose total is below the floor and have no region");
    table.add_column(std::move(id), true);
    table.add_column(std::move(status), true);
    progress.report(1.0, "clustering done");
    return res;
}

nlohmann::json ClusterResult::to_json() const {
    using nlohmann::json;
    json j;
    const auto& o = options;
    j["method"] = to_string(o.method);
    j["options"] = {{"fields", o.fields},          {"scaling", to_string(o.scaling)}, {"distance", to_string(o.distance)},
                    {"missing", to_string(o.missing)}, {"seed", o.seed}};
    if (o.method != Method::MaxP) j["options"]["k"] = o.k;
    if (!o.floor_field.empty()) j["options"]["floor_field"] = o.floor_field, j["options"]["floor"] = *o.floor;
    if (o.min_size > 0) j["options"]["min_size"] = o.min_size;
    if (o.method == Method::KMeans) j["options"]["restarts"] = o.restarts;
    if (o.method == Method::Skater || o.method == Method::Redcap) j["options"]["tree_cost"] = to_string(o.tree_cost);
    if (o.method == Method::Redcap) j["options"]["linkage"] = to_string(o.redcap_linkage);
    if (o.method == Method::MaxP || o.method == Method::Azp) j["options"]["local_search"] = to_string(o.local_search);
    j["units"] = units;
    j["clustered"] = clustered;
    j["excluded"] = excluded;
    j["unassigned"] = unassigned;
    j["imputed_values"] = imputed_values;
    j["clusters"] = k;
    if (is_spatial(o.method)) {
        j["components"] = components;
        j["islands"] = islands;
    }
    j["quality"] = {{"total_ss", quality.total_ss}, {"within_ss", quality.within_ss}, {"between_ss", quality.between_ss},
                    {"ratio_between_total", quality.ratio}, {"pseudo_f", quality.pseudo_f}, {"all_contiguous", quality.all_contiguous},
                    {"note", "sums of squares on the scaled variables"}};
    json cl = json::array();
    for (std::size_t c = 0; c < quality.clusters.size(); ++c) {
        const auto& s = quality.clusters[c];
        json e{{"cluster", c + 1}, {"size", s.size}, {"within_ss", s.within_ss}};
        if (!o.floor_field.empty()) e[o.floor_field + "_sum"] = s.bound_sum;
        if (is_spatial(o.method)) e["contiguous"] = s.contiguous;
        json means_j;
        for (std::size_t v = 0; v < o.fields.size(); ++v) means_j[o.fields[v]] = means[c][v];
        e["means"] = means_j;
        cl.push_back(e);
    }
    j["per_cluster"] = cl;
    if (!objective.empty()) j["heterogeneity_by_cut"] = objective;
    if (!k_table.empty()) {
        json t = json::array();
        for (const auto& r : k_table)
            t.push_back(r.feasible ? json{{"k", r.k}, {"within_ss", r.within_ss}, {"ratio_between_total", r.ratio}, {"pseudo_f", r.pseudo_f}}
                                   : json{{"k", r.k}, {"feasible", false}});
        j["k_table"] = t;
    }
    j["warnings"] = warnings;
    return j;
}

FeatureTable build_regions_table(const FeatureTable& units, const ClusterResult& result, std::vector<MultiPolygon> geometries) {
    FeatureTable t;
    const std::size_t k = result.k;
    if (!geometries.empty()) t.enable_geometry(true);
    t.resize(k);
    t.set_crs(units.crs());
    if (!geometries.empty()) {
        geometries.resize(k);
        t.geometries() = std::move(geometries);
    }
    auto& id = t.add_column(fields::cluster_id, ColumnType::Int64);
    id.title = "Cluster";
    for (std::size_t c = 0; c < k; ++c) t.column(fields::cluster_id).set(c, static_cast<std::int64_t>(c + 1));
    t.add_column("n_units", ColumnType::Int64).title = "Number of units";
    for (std::size_t c = 0; c < k; ++c) t.column("n_units").set(c, static_cast<std::int64_t>(result.quality.clusters[c].size));
    const auto& o = result.options;
    if (!o.floor_field.empty()) {
        const std::string name = o.floor_field + "_sum";
        t.add_column(name, ColumnType::Float64).title = "Sum of " + o.floor_field;
        for (std::size_t c = 0; c < k; ++c) t.column(name).set(c, result.quality.clusters[c].bound_sum);
    }
    for (std::size_t v = 0; v < o.fields.size(); ++v) {
        const std::string name = "mean_" + o.fields[v];
        t.add_column(name, ColumnType::Float64).title = "Mean of " + o.fields[v];
        for (std::size_t c = 0; c < k; ++c) t.column(name).set(c, result.means[c][v]);
    }
    t.add_column("within_ss", ColumnType::Float64).description = "Within-cluster sum of squares of the scaled variables";
    for (std::size_t c = 0; c < k; ++c) t.column("within_ss").set(c, result.quality.clusters[c].within_ss);
    if (is_spatial(o.method)) {
        t.add_column("contiguous", ColumnType::Int64).description = "1 when the region's units form one connected piece";
        for (std::size_t c = 0; c < k; ++c) t.column("contiguous").set(c, static_cast<std::int64_t>(result.quality.clusters[c].contiguous ? 1 : 0));
    }
    t.set_key_column(fields::cluster_id);
    return t;
}

}  // namespace leefbaar::cluster
