// [uncertainty]: the Monte Carlo over the choices a user is unsure of. The keys are
// declared in steps/index_params.cpp (runs and seed are also score's and run's
// --runs and --seed).
#include "project/sections.hpp"
#include "steps/index_params.hpp"

namespace leefbaar::project {

void parse_section_uncertainty(const toml::node& section, ParseContext& ctx) {
    const std::string w = "[uncertainty]";
    const auto& t = ctx.as_table(section, w);
    params::ParamList list;
    steps::declare_uncertainty(list, ctx.project().uncertainty, steps::UncertaintyFront::Project);
    ctx.apply_params(t, list, w);
    if (t.get("normalisation")) ctx.remember("uncertainty.normalisation", *t.get("normalisation"));
}

}  // namespace leefbaar::project
