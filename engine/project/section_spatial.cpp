// [spatial]: spatial weights and the global and local spatial statistics of the
// fields it names (default: the composite index). Maps one to one onto
// SpatialAnalysisOptions / WeightsSpec (engine/spatial/spatial_analysis.hpp).
#include <algorithm>

#include "project/sections.hpp"
#include "project/weights_keys.hpp"

namespace leefbaar::project {

namespace {

void require_one_of(const ParseContext& ctx, const toml::table& t, const std::string& key, const std::string& value,
                    const std::vector<std::string>& allowed) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    const std::string near = nearest_name(value, allowed);
    ctx.fail(*t.get(key), key + " = \"" + value + "\" is not known",
             (near.empty() ? std::string() : "did you mean \"" + near + "\"? ") + "choose one of: " + join_names(allowed));
}

}  // namespace

void parse_section_spatial(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[spatial]";
    const auto& t = ctx.as_table(section, where);
    std::vector<std::string> known = {"variables", "global", "lisa", "gistar", "local_geary", "permutations", "seed",
                                      "alternative", "alpha", "multiple_testing", "enabled", "adjust_n"};
    for (const auto& k : weights_keys(true)) known.push_back(k);
    ctx.check_keys(t, known, where);
    auto& p = ctx.project();
    p.spatial_enabled = ctx.get_bool(t, "enabled", where).value_or(true);
    auto& o = p.spatial;
    o.variables = ctx.get_strings(t, "variables", where).value_or(std::vector<std::string>{"index"});
    if (o.variables.empty()) ctx.fail(section, "[spatial] variables is empty", "name at least one field, e.g. variables = [\"index\"]");
    for (const auto& v : o.variables) p.lines["spatial.variable." + v] = ctx.line_of(t.get("variables") ? *t.get("variables") : section);
    o.global = ctx.get_bool(t, "global", where).value_or(o.global);
    o.lisa = ctx.get_bool(t, "lisa", where).value_or(o.lisa);
    o.gistar = ctx.get_bool(t, "gistar", where).value_or(o.gistar);
    o.local_geary = ctx.get_bool(t, "local_geary", where).value_or(o.local_geary);
    o.adjust_n = ctx.get_bool(t, "adjust_n", where).value_or(o.adjust_n);
    if (const auto n = ctx.get_int(t, "permutations", where, 0, 1000000, "999 is the usual choice")) {
        // 0 is allowed for the global statistics alone (analytic inference); the local
        // statistics have only permutation inference.
        if (*n == 0 && (o.lisa || o.gistar || o.local_geary))
            ctx.fail(*t.get("permutations"), "permutations = 0 leaves the local statistics (LISA, Gi*, Local Geary) without p-values",
                     "use at least 1 (999 is the usual choice), or switch them off with lisa = false, gistar = false, local_geary = false");
        o.permutations = *n;
    }
    if (const auto s = ctx.get_integer(t, "seed", where, 0, kNoMax)) o.seed = static_cast<std::uint64_t>(*s);
    if (const auto a = ctx.get_string(t, "alternative", where)) {
        require_one_of(ctx, t, "alternative", *a, {"two-sided", "doubled", "folded", "greater", "less"});
        o.alternative = *a;
    }
    if (const auto a = ctx.get_number(t, "alpha", where)) {
        if (!(*a > 0 && *a < 1)) ctx.fail(*t.get("alpha"), "alpha must lie between 0 and 1", "0.05 is the usual choice");
        o.alpha = *a;
    }
    if (const auto m = ctx.get_string(t, "multiple_testing", where)) {
        require_one_of(ctx, t, "multiple_testing", *m, {"none", "fdr", "bonferroni"});
        o.multiple_testing = *m;
    }
    parse_weights_keys(t, ctx, where, o.weights, true);
    p.lines["spatial"] = ctx.line_of(section);
}

}  // namespace leefbaar::project
