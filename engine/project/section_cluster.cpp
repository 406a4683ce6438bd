// [cluster]: clustering or spatially constrained regionalisation of the units on
// the fields it names (default: the domain scores). Maps onto
// cluster::ClusterOptions (engine/cluster/options.hpp); spatial methods use the
// contiguity described by the weights keys (default: queen).
#include <cmath>

#include "cluster/clustering.hpp"
#include "core/field_names.hpp"
#include "project/sections.hpp"
#include "project/weights_keys.hpp"

namespace leefbaar::project {

void parse_section_cluster(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[cluster]";
    const auto& t = ctx.as_table(section, where);
    std::vector<std::string> known = {"enabled", "method", "fields", "k", "scaling", "distance", "missing", "seed", "floor_field",
                                      "floor", "min_size", "restarts", "tree_cost", "local_search", "regions", "regions_layer",
                                      "k_table"};
    for (const auto& k : weights_keys(false)) known.push_back(k);
    ctx.check_keys(t, known, where);
    auto& p = ctx.project();
    p.cluster_enabled = ctx.get_bool(t, "enabled", where).value_or(true);
    auto& o = p.cluster;
    if (auto m = ctx.parse_name(t, "method", where, cluster::parse_method)) o.method = *m;
    if (auto s = ctx.parse_name(t, "scaling", where, cluster::parse_scaling)) o.scaling = *s;
    if (auto d = ctx.parse_name(t, "distance", where, cluster::parse_distance)) o.distance = *d;
    if (auto m = ctx.parse_name(t, "missing", where, cluster::parse_missing)) o.missing = *m;
    if (auto c = ctx.parse_name(t, "tree_cost", where, cluster::parse_tree_cost)) o.tree_cost = *c;
    if (auto a = ctx.parse_name(t, "local_search", where, cluster::parse_azp_search)) o.local_search = *a;
    o.fields = ctx.get_strings(t, "fields", where).value_or(std::vector<std::string>{});
    p.lines["cluster.fields"] = ctx.line_of(t.get("fields") ? *t.get("fields") : section);
    if (t.get("fields") && o.fields.empty()) ctx.fail(*t.get("fields"), "[cluster] fields is empty", "name the fields to cluster on, or omit the key to use the domain scores");
    if (const auto k = ctx.get_int(t, "k", where, 1, kIntMax, "k is the number of clusters, e.g. k = 5")) o.k = *k;
    if (const auto s = ctx.get_integer(t, "seed", where, 0, kNoMax)) o.seed = static_cast<std::uint64_t>(*s);
    if (const auto f = ctx.get_string(t, "floor_field", where)) {
        o.floor_field = *f;
        p.lines["cluster.floor_field"] = ctx.line_of(*t.get("floor_field"));
    }
    if (const auto f = ctx.get_number(t, "floor", where)) {
        if (*f <= 0) ctx.fail(*t.get("floor"), "floor must be positive", "e.g. floor = 5000 with floor_field = \"a_inw\" for regions of at least 5,000 residents");
        o.floor = *f;
    }
    if (o.floor && o.floor_field.empty())
        ctx.fail(*t.get("floor"), "floor needs floor_field: the field whose sum each region must reach", "e.g. floor_field = \"a_inw\" (inhabitants)");
    if (const auto m = ctx.get_int(t, "min_size", where, 0, kIntMax)) o.min_size = *m;
    if (const auto r = ctx.get_int(t, "restarts", where, 1, 1000000)) o.restarts = *r;
    if (const auto kt = ctx.get_numbers(t, "k_table", where)) {
        // Whole numbers that fit an int: the values are narrowed to int below.
        const auto whole = [](double v) { return v == std::floor(v) && v <= static_cast<double>(kIntMax); };
        if (kt->size() != 2 || (*kt)[0] < 1 || (*kt)[1] < (*kt)[0] || !whole((*kt)[0]) || !whole((*kt)[1]))
            ctx.fail(*t.get("k_table"), "k_table must be two whole numbers [k_min, k_max] with 1 <= k_min <= k_max", "e.g. k_table = [2, 10]");
        o.table_k_min = static_cast<int>((*kt)[0]);
        o.table_k_max = static_cast<int>((*kt)[1]);
    }
    p.cluster_regions = ctx.get_bool(t, "regions", where).value_or(p.cluster_regions);
    p.regions_layer = ctx.get_string(t, "regions_layer", where).value_or(p.regions_layer);
    parse_weights_keys(t, ctx, where, p.cluster_weights, false);
    if (o.method == cluster::Method::MaxP && !o.floor)
        ctx.fail(section, "method = \"maxp\" needs floor_field and floor", "e.g. floor_field = \"a_inw\" and floor = 5000");
    try {
        cluster::ClusterOptions check = o;
        if (check.fields.empty()) check.fields = {"d_"};  // the pipeline fills in the domain scores
        cluster::validate_options(check, cluster::is_spatial(o.method));
    } catch (const Error& e) {
        ctx.fail(section, e.message(), e.hint());
    }
    p.lines["cluster"] = ctx.line_of(section);
}

}  // namespace leefbaar::project
