// [project]: a name, a description and a source statement, copied into the report and
// the GeoPackage (the description and source are printed on the QGIS print layouts).
#include "project/sections.hpp"

namespace leefbaar::project {

void parse_section_project(const toml::node& section, ParseContext& ctx) {
    const auto& t = ctx.as_table(section, "[project]");
    ctx.check_keys(t, {"name", "description", "source"}, "[project]");
    auto& p = ctx.project();
    p.name = ctx.get_string(t, "name", "[project]").value_or("");
    p.description = ctx.get_string(t, "description", "[project]").value_or("");
    p.source = ctx.get_string(t, "source", "[project]").value_or("");
}

}  // namespace leefbaar::project
