// [output]: where the GeoPackage and the JSON report go (relative to the project
// file) and the layer names. The keys are declared in steps/project_params.cpp.
#include "project/sections.hpp"
#include "steps/project_params.hpp"

namespace leefbaar::project {

void parse_section_output(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[output]";
    const auto& t = ctx.as_table(section, where);
    auto& p = ctx.project();
    params::ParamList list;
    steps::declare_output(list, p);
    ctx.apply_params(t, list, where);
    if (list.given("gpkg")) p.output_gpkg = ctx.resolve_path(p.output_gpkg);
    if (list.given("report")) p.output_report = ctx.resolve_path(p.output_report);
    if (p.units_layer == p.audit_layer) ctx.fail(section, "layer and audit_layer must differ");
}

}  // namespace leefbaar::project
