// [spatial]: spatial weights and the global and local spatial statistics of the
// fields it names (default: the composite index). The keys are the parameters of
// the spatial step (steps/spatial_params.cpp), the same as `leefbaar lisa`'s flags.
#include "project/sections.hpp"
#include "steps/spatial_params.hpp"
#include "steps/weights_params.hpp"

namespace leefbaar::project {

void resolve_weights_file(const toml::table& t, ParseContext& ctx, WeightsSpec& w) {
    try {
        steps::finish_weights(w);
    } catch (const Error& e) {
        ctx.fail(t.get("weights") ? *t.get("weights") : static_cast<const toml::node&>(t), e.message(), e.hint());
    }
    if (w.type == "file") w.file = ctx.resolve_path(w.file);
}

void declare_section_spatial(params::ParamList& list, Project& p) {
    p.spatial.variables = {"index"};
    // A [spatial] section switches the step on unless it says enabled = false.
    p.spatial_enabled = true;
    list.add("enabled", params::Type::Boolean, "Run the spatial statistics").scope(params::Scope::ProjectOnly).bind(p.spatial_enabled);
    steps::declare_spatial(list, p.spatial, steps::SpatialFront::Project);
}

void parse_section_spatial(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[spatial]";
    const auto& t = ctx.as_table(section, where);
    auto& p = ctx.project();
    auto& o = p.spatial;
    params::ParamList list;
    declare_section_spatial(list, p);
    ctx.apply_params(t, list, where);
    if (o.variables.empty()) ctx.fail(section, "[spatial] fields is empty", "name at least one field, e.g. fields = [\"index\"]");
    const toml::node* fields = t.get("fields") ? t.get("fields") : t.get("variables");
    for (const auto& v : o.variables) p.lines["spatial.variable." + v] = ctx.line_of(fields ? *fields : section);
    // 0 is allowed for the global statistics alone (analytic inference); the local
    // statistics have only permutation inference.
    if (o.permutations == 0 && (o.lisa || o.gistar || o.local_geary))
        ctx.fail(*t.get("permutations"), "permutations = 0 leaves the local statistics (LISA, Gi*, Local Geary) without p-values",
                 "use at least 1 (999 is the usual choice), or switch them off with lisa = false, gistar = false, local_geary = false");
    resolve_weights_file(t, ctx, o.weights);
    p.lines["spatial"] = ctx.line_of(section);
}

}  // namespace leefbaar::project
