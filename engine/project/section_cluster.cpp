// [cluster]: clustering or spatially constrained regionalisation of the units on
// the fields it names (default: the domain scores). The keys are the parameters of
// the clustering step (steps/cluster_params.cpp), the same as `leefbaar cluster`'s
// flags; spatial methods use the contiguity the weights keys describe (default queen).
#include "project/sections.hpp"
#include "steps/cluster_params.hpp"

namespace leefbaar::project {

void declare_section_cluster(params::ParamList& list, Project& p) {
    // A [cluster] section switches the step on unless it says enabled = false.
    p.cluster_enabled = true;
    list.add("enabled", params::Type::Boolean, "Run the clustering").scope(params::Scope::ProjectOnly).bind(p.cluster_enabled);
    steps::declare_cluster(list, p.cluster_step, steps::ClusterFront::Project);
}

void parse_section_cluster(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[cluster]";
    const auto& t = ctx.as_table(section, where);
    auto& p = ctx.project();
    params::ParamList list;
    declare_section_cluster(list, p);
    ctx.apply_params(t, list, where);
    auto& o = p.cluster_step;
    const toml::node* fields = t.get("fields");
    p.lines["cluster.fields"] = ctx.line_of(fields ? *fields : section);
    if (fields && o.cluster.fields.empty())
        ctx.fail(*fields, "[cluster] fields is empty", "name the fields to cluster on, or omit the key to use the domain scores");
    if (const auto* f = t.get("floor_field")) p.lines["cluster.floor_field"] = ctx.line_of(*f);
    resolve_weights_file(t, ctx, o.weights);
    try {
        steps::check_cluster(o, steps::ClusterFront::Project);
    } catch (const Error& e) {
        const toml::node* at = e.context().param.empty() ? nullptr : t.get(e.context().param);
        ctx.fail(at ? *at : section, e.message(), e.hint());
    }
    p.lines["cluster"] = ctx.line_of(section);
}

}  // namespace leefbaar::project
