// [indicator.<name>]: one indicator: source column, optional transform, direction,
// domain, weight and per-indicator overrides, in file order.
#include <algorithm>
#include <cmath>

#include "project/sections.hpp"

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
        ctx.check_keys(*t, {"column", "label", "why", "domain", "direction", "weight", "transform", "denominator", "missing",
                            "normalisation", "reference", "goalposts"},
                       w);
        index::IndicatorSpec s;
        s.name = name;
        s.source.column = ctx.require_string(*t, "column", w);
        ctx.remember("indicator." + name + ".column", *t->get("column"));
        s.label = ctx.get_string(*t, "label", w).value_or(name);
        s.why = ctx.get_string(*t, "why", w).value_or("");
        s.domain = ctx.require_string(*t, "domain", w);
        ctx.remember("indicator." + name + ".domain", *t->get("domain"));
        if (!t->get("direction"))
            ctx.fail(v, w + " needs a direction", "add direction = \"higher_is_better\" or \"lower_is_better\"");
        s.direction = *ctx.parse_name(*t, "direction", w, index::parse_direction);
        if (auto x = ctx.get_number(*t, "weight", w)) {
            if (*x < 0)
                ctx.fail(*t->get("weight"), "the weight of indicator '" + name + "' is negative", "weights must be 0 or more (0 leaves it out)");
            s.weight = *x;
            ctx.project().lines["weights.explicit"] = ParseContext::line_of(*t->get("weight"));
        }
        if (auto x = ctx.parse_name(*t, "transform", w, index::parse_transform)) s.source.transform = *x;
        s.source.denominator = ctx.get_string(*t, "denominator", w).value_or("");
        if (!s.source.denominator.empty()) ctx.remember("indicator." + name + ".denominator", *t->get("denominator"));
        if ((s.source.transform == index::Transform::Per1000 || s.source.transform == index::Transform::Share) && s.source.denominator.empty())
            ctx.fail(*t->get("transform"), "transform '" + std::string(index::to_string(s.source.transform)) + "' needs a denominator",
                     "add denominator = \"<column>\" (e.g. Bevolking_Aantal_inwoners)");
        s.source.area_column = ctx.project().input.area_column.empty() ? "area_km2" : ctx.project().input.area_column;
        if (auto x = ctx.parse_name(*t, "missing", w, index::parse_imputation)) s.missing = *x;
        if (auto x = ctx.parse_name(*t, "normalisation", w, index::parse_normalisation)) s.normalisation = *x;
        if (auto x = ctx.get_number(*t, "reference", w)) {
            if (*x == 0) ctx.fail(*t->get("reference"), "reference must not be 0 (scores are percent deviations from it)");
            s.reference = *x;
        }
        if (auto x = ctx.get_numbers(*t, "goalposts", w)) {
            if (x->size() != 2 || (*x)[0] == (*x)[1]) ctx.fail(*t->get("goalposts"), "goalposts must be two different numbers [low, high]");
            s.goal_low = (*x)[0];
            s.goal_high = (*x)[1];
        }
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
