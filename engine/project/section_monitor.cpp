// [monitor]: the same units over several years. The keys are declared in
// steps/monitor_params.cpp, with the per-indicator keys of [indicator.<name>].
#include "project/sections.hpp"
#include "steps/monitor_params.hpp"

namespace leefbaar::project {

void parse_section_monitor(const toml::node& section, ParseContext& ctx) {
    const std::string w = "[monitor]";
    const auto& t = ctx.as_table(section, w);
    auto& p = ctx.project();
    p.monitor_enabled = true;
    params::ParamList list;
    steps::declare_monitor(list, p.monitor);
    ctx.apply_params(t, list, w);
    // table is an input path: apply_params has made it relative to the project file
    // ({year} and all).
    try {
        steps::check_monitor(p.monitor);
    } catch (const UsageError& e) {
        ctx.fail(section, e.message(), e.hint());
    }
}

}  // namespace leefbaar::project
