// [project]: a name, a description and a source statement, copied into the report and
// the GeoPackage (the description and source are printed on the QGIS print layouts).
// The keys are declared in steps/project_params.cpp.
#include "project/sections.hpp"
#include "steps/project_params.hpp"

namespace leefbaar::project {

void parse_section_project(const toml::node& section, ParseContext& ctx) {
    const auto& t = ctx.as_table(section, "[project]");
    params::ParamList list;
    steps::declare_project(list, ctx.project());
    ctx.apply_params(t, list, "[project]");
}

}  // namespace leefbaar::project
