// [areas] and its [[areas.level]] tables: units rolled up to named areas. The keys are
// declared in steps/areas_params.cpp, with the per-indicator keys of [indicator.<name>].
#include "core/error.hpp"
#include "project/sections.hpp"
#include "steps/areas_params.hpp"

namespace leefbaar::project {

void parse_section_areas(const toml::node& section, ParseContext& ctx) {
    const std::string w = "[areas]";
    const auto& t = ctx.as_table(section, w);
    auto& p = ctx.project();
    p.areas_enabled = true;
    params::ParamList list;
    steps::declare_areas(list, p.areas);
    ctx.apply_params(t, list, w, {"level"});
    const toml::node* levels = t.get("level");
    if (!levels) ctx.fail(section, "[areas] defines no level", "add [[areas.level]] tables, e.g. name = \"wijk\", by = \"code\", code = \"wijk\"");
    const auto* arr = levels->as_array();
    if (!arr) ctx.fail(*levels, "areas.level must be a list of tables", "write each level as [[areas.level]]");
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string where = "[[areas.level]] #" + std::to_string(i + 1);
        const auto& lt = ctx.as_table(*arr->get(i), where);
        steps::AreaLevelStep level;
        params::ParamList ll;
        steps::declare_area_level(ll, level);
        ctx.apply_params(lt, ll, where);
        if (level.label.empty()) level.label = level.name;
        if (level.output_layer.empty()) level.output_layer = "areas_" + level.name;
        p.lines["areas.level." + level.name] = ParseContext::line_of(lt);
        p.areas.levels.push_back(std::move(level));
    }
    try {
        steps::check_areas(p.areas);
    } catch (const UsageError& e) {
        ctx.fail(section, e.message(), e.hint());
    }
}

}  // namespace leefbaar::project
