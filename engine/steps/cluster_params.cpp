#include "steps/cluster_params.hpp"

#include <cmath>
#include <cstdlib>

#include "cluster/clustering.hpp"
#include "core/error.hpp"
#include "steps/enum_param.hpp"
#include "steps/weights_params.hpp"

namespace leefbaar::steps {

using params::Scope;
using params::Type;

namespace {

// "2..10" on the command line, [2, 10] in a project.
std::string refuse_k_table(const params::Value& v) {
    const auto& k = std::get<std::vector<double>>(v);
    const auto whole = [](double x) { return x == std::floor(x) && x <= 2147483647.0; };
    if (k.size() != 2 || k[0] < 1 || k[1] < k[0] || !whole(k[0]) || !whole(k[1]))
        return "must be two whole numbers [k_min, k_max] with 1 <= k_min <= k_max, e.g. [2, 10] (2..10 on the command line)";
    return {};
}

// "2..10" or "2,10"; anything else is left for refuse_k_table to name.
params::Value k_range_text(const std::vector<std::string>& texts) {
    std::string all;
    for (const auto& t : texts) all += (all.empty() ? "" : ",") + t;
    const auto dots = all.find("..");
    if (dots != std::string::npos) all = all.substr(0, dots) + "," + all.substr(dots + 2);
    std::vector<double> out;
    std::size_t from = 0;
    while (from <= all.size()) {
        const auto comma = all.find(',', from);
        const std::string item = all.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        char* end = nullptr;
        const double v = std::strtod(item.c_str(), &end);
        if (item.empty() || *end != '\0') throw UsageError("cannot read the k range '" + all + "'", ErrorContext{{}, {}, {}, {}, {}, "k_table"},
                                                          "write it as MIN..MAX, e.g. {{k_table 2..10}}");
        out.push_back(v);
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return out;
}

void declare_method_options(params::ParamList& l, cluster::ClusterOptions& c) {
    l.begin_group("Method");
    l.add("restarts", Type::Integer, "k-means restarts").min(1).max(1000000).bind(c.restarts);
    bind_enum(l.add("tree_cost", Type::Choice, "SKATER/REDCAP cut criterion: ssd, or distance (spdep/spopt)"), c.tree_cost,
              cluster::parse_tree_cost, [](cluster::TreeCost x) { return cluster::to_string(x); }, cluster::tree_cost_names());
    bind_enum(l.add("redcap_linkage", Type::Choice, "REDCAP linkage").old_name("linkage"), c.redcap_linkage, cluster::parse_redcap_linkage,
              [](cluster::RedcapLinkage x) { return cluster::to_string(x); }, cluster::redcap_linkage_names());
    bind_enum(l.add("local_search", Type::Choice, "max-p/AZP local search").old_name("search"), c.local_search, cluster::parse_azp_search,
              [](cluster::AzpSearch x) { return cluster::to_string(x); }, cluster::azp_search_names());
    l.add("iterations", Type::Integer, "max-p: greedy constructions to try (the best is kept)").min(1).max(1000000).bind(c.construction_iterations);
    l.add("k_table", Type::NumberList, "Also report within SS and pseudo-F for every k in [k_min, k_max]")
        .comma_separated()
        .meta("MIN..MAX")
        .check(refuse_k_table)
        .from_text(k_range_text)
        .bind_with([&c](const params::Value& v) {
            const auto& k = std::get<std::vector<double>>(v);
            c.table_k_min = static_cast<int>(k[0]);
            c.table_k_max = static_cast<int>(k[1]);
        });
}

}  // namespace

void declare_cluster(params::ParamList& l, ClusterStepOptions& o, ClusterFront front) {
    auto& c = o.cluster;
    const bool project = front == ClusterFront::Project;
    auto& fields = l.add("fields", Type::StringList, "Clustering variables").short_name('f').comma_separated().meta("FIELD").bind(c.fields);
    if (project) fields.default_text("the domain scores d_<domain>");
    else fields.required();
    bind_enum(l.add("method", Type::Choice, "kmeans and the hierarchical methods cluster on the values; skater, redcap, maxp and azp form contiguous regions")
                  .short_name('m'),
              c.method, cluster::parse_method, [](cluster::Method x) { return cluster::to_string(x); }, cluster::method_names());
    l.add("clusters", Type::Integer, "Number of clusters or regions (not for maxp)").min(1).old_name("k").bind(c.k);
    bind_enum(l.add("scaling", Type::Choice, "Transformation of the variables").old_name("scale"), c.scaling, cluster::parse_scaling,
              [](cluster::Scaling x) { return cluster::to_string(x); }, cluster::scaling_names());
    bind_enum(l.add("distance", Type::Choice, "Distance between units"), c.distance, cluster::parse_distance,
              [](cluster::Distance x) { return cluster::to_string(x); }, cluster::distance_names());
    bind_enum(l.add("missing", Type::Choice, "Units with missing values: exclude (reason in cluster_status) or mean (impute)"), c.missing,
              cluster::parse_missing, [](cluster::MissingPolicy x) { return cluster::to_string(x); }, cluster::missing_names());
    l.add("seed", Type::Integer, "Random seed (k-means, max-p, AZP); same seed, same result").min(0).bind(c.seed);
    l.begin_group("Regions");
    l.add("floor_field", Type::String, "Field whose sum every region must reach, e.g. a population count").meta("FIELD").bind(c.floor_field);
    l.add("floor", Type::Number, "Minimum sum of floor_field per region").min(0, false).bind(c.floor);
    l.add("min_size", Type::Integer, "Minimum number of units per region (spatial methods)").min(0).bind(c.min_size);
    l.add("regions", Type::Boolean, "Write the dissolved regions layer").bind(o.regions);
    l.add("regions_layer", Type::String, "Name of the regions layer").bind(o.regions_layer);
    declare_weights(l, o.weights, WeightsGroup::Contiguity);
    declare_method_options(l, c);
    l.begin_group("");
}

void check_cluster(const ClusterStepOptions& o, ClusterFront front) {
    const auto& c = o.cluster;
    const auto fail = [](const std::string& param, const std::string& msg, const std::string& hint) {
        throw UsageError(msg, ErrorContext{{}, {}, {}, {}, {}, param}, hint);
    };
    if (c.floor && c.floor_field.empty())
        fail("floor", "floor needs floor_field: the field whose sum each region must reach", "e.g. {{floor_field a_inw}} (inhabitants)");
    cluster::ClusterOptions check = c;
    // In a project the pipeline fills in the domain scores.
    if (front == ClusterFront::Project && check.fields.empty()) check.fields = {"d_"};
    cluster::validate_options(check, cluster::is_spatial(c.method));
}

}  // namespace leefbaar::steps
