// [explain]: per-unit explanations of the index (index/explain.hpp), on by default.
// The keys are declared in steps/explain_params.cpp.
#include "project/sections.hpp"
#include "steps/explain_params.hpp"

namespace leefbaar::project {

void parse_section_explain(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[explain]";
    const auto& t = ctx.as_table(section, where);
    params::ParamList list;
    steps::declare_explain(list, ctx.project().explain);
    ctx.apply_params(t, list, where);
}

}  // namespace leefbaar::project
