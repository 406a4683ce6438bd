// [project]: a name and a description, copied into the report and the GeoPackage.
#include "project/sections.hpp"

namespace leefbaar::project {

void parse_section_project(const toml::node& section, ParseContext& ctx) {
    const auto& t = ctx.as_table(section, "[project]");
    ctx.check_keys(t, {"name", "description"}, "[project]");
    auto& p = ctx.project();
    p.name = ctx.get_string(t, "name", "[project]").value_or("");
    p.description = ctx.get_string(t, "description", "[project]").value_or("");
}

}  // namespace leefbaar::project
