// [report]: the HTML report (figures drawn with cairo, engine/output/report.hpp)
// and whether the GeoPackage is styled for QGIS (on by default). The keys are
// declared in steps/report_params.cpp.
#include "project/sections.hpp"
#include "steps/report_params.hpp"

namespace leefbaar::project {

void parse_section_report(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[report]";
    const auto& t = ctx.as_table(section, where);
    auto& p = ctx.project();
    p.report_enabled = true;  // the section asks for the report unless enabled = false
    params::ParamList list;
    steps::declare_report_section(list, p);
    ctx.apply_params(t, list, where);
    if (list.given("html")) p.report_html = ctx.resolve_path(p.report_html);
}

}  // namespace leefbaar::project
