// [indicator.<name>]: one indicator: source column, optional transform, direction,
// domain, weight and per-indicator overrides, in file order. The keys of one
// indicator are declared in steps/index_params.cpp.
#include <algorithm>
#include <cmath>

#include "project/sections.hpp"
#include "steps/areas_params.hpp"
#include "steps/index_params.hpp"

namespace leefbaar::project {
namespace {

bool valid_name(const std::string& s) {
    if (s.empty() || s.size() > 40) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

void parse_section_indicator(const toml::node& section, ParseContext& ctx) {
    const auto& all = ctx.as_table(section, "[indicator]");
    if (all.empty())
        ctx.fail(section, "the project defines no indicators: [indicator] is empty",
                 "add at least one [indicator.<name>] section with column, domain and direction");
    std::vector<std::pair<int, index::IndicatorSpec>> found;
    for (const auto& [k, v] : all) {
        const std::string name(k.str());
        const std::string w = "[indicator." + name + "]";
        const auto* t = v.as_table();
        if (!t) ctx.fail(v, "indicator '" + name + "' must be a section", "write [indicator." + name + "] with column, domain, direction");
        if (!valid_name(name))
            ctx.fail(v, "indicator name '" + name + "' must be lower case letters, digits and _ (it becomes the field n_" + name + ")");
        index::IndicatorSpec s;
        s.name = name;
        s.label = name;
        s.source.area_column = ctx.project().input.area_column.empty() ? "area_km2" : ctx.project().input.area_column;
        params::ParamList list;
        steps::declare_indicator(list, s);
        steps::declare_indicator_monitoring(list, ctx.project().monitoring[name]);
        steps::declare_indicator_areas(list, ctx.project().area_rules[name]);
        refuse_out_of_range(*t, list, "weight", ctx, "the weight of indicator '" + name + "' is negative", "weights must be 0 or more (0 leaves it out)");
        ctx.apply_params(*t, list, w);
        // Required keys, in the words they always had.
        if (s.source.column.empty()) ctx.fail(*t, w + " needs column", "add column = \"...\" to " + w);
        if (s.domain.empty()) ctx.fail(*t, w + " needs domain", "add domain = \"...\" to " + w);
        if (!list.given("direction")) ctx.fail(v, w + " needs a direction", "add direction = \"higher_is_better\" or \"lower_is_better\"");
        ctx.remember("indicator." + name + ".column", *t->get("column"));
        ctx.remember("indicator." + name + ".domain", *t->get("domain"));
        if (list.given("weight")) ctx.project().lines["weights.explicit"] = ParseContext::line_of(*t->get("weight"));
        if (!s.source.denominator.empty()) ctx.remember("indicator." + name + ".denominator", *t->get("denominator"));
        if ((s.source.transform == index::Transform::Per1000 || s.source.transform == index::Transform::Share) && s.source.denominator.empty())
            ctx.fail(*t->get("transform"), "transform '" + std::string(index::to_string(s.source.transform)) + "' needs a denominator",
                     "add denominator = \"<column>\" (e.g. Bevolking_Aantal_inwoners)");
        if (s.normalisation == index::Normalisation::DistanceToReference && std::isnan(s.reference))
            ctx.fail(v, w + " uses distance_to_reference but has no reference", "add reference = <value>");
        if (s.normalisation == index::Normalisation::Goalposts && std::isnan(s.goal_low))
            ctx.fail(v, w + " uses goalposts but has none", "add goalposts = [low, high]");
        ctx.remember("indicator." + name, v);
        found.emplace_back(ParseContext::line_of(v), s);
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [line, s] : found) ctx.project().index.indicators.push_back(s);
}

}  // namespace leefbaar::project
