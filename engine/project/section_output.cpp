// [output]: where the GeoPackage and the JSON report go (relative to the project
// file) and the layer names.
#include "project/sections.hpp"

namespace leefbaar::project {

void parse_section_output(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[output]";
    const auto& t = ctx.as_table(section, where);
    ctx.check_keys(t, {"gpkg", "report", "layer", "audit_layer", "source_columns", "keep"}, where);
    auto& p = ctx.project();
    if (const auto g = ctx.get_string(t, "gpkg", where)) {
        if (g->size() < 5 || g->substr(g->size() - 5) != ".gpkg") ctx.fail(*t.get("gpkg"), "the output must be a GeoPackage ending in .gpkg");
        p.output_gpkg = ctx.resolve_path(*g);
    }
    if (const auto r = ctx.get_string(t, "report", where)) p.output_report = ctx.resolve_path(*r);
    p.units_layer = ctx.get_string(t, "layer", where).value_or(p.units_layer);
    p.audit_layer = ctx.get_string(t, "audit_layer", where).value_or(p.audit_layer);
    if (const auto sc = ctx.get_string(t, "source_columns", where)) {
        if (*sc != "all" && *sc != "used") ctx.fail(*t.get("source_columns"), "source_columns must be \"all\" or \"used\"");
        p.keep_all_source_columns = *sc == "all";
    }
    p.keep_columns = ctx.get_strings(t, "keep", where).value_or(std::vector<std::string>{});
    if (p.units_layer == p.audit_layer) ctx.fail(section, "layer and audit_layer must differ");
}

}  // namespace leefbaar::project
