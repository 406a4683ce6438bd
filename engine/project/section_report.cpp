// [report]: the HTML report (figures drawn with cairo, engine/output/report.hpp)
// and whether the GeoPackage is styled for QGIS (on by default).
#include "project/sections.hpp"

namespace leefbaar::project {

void parse_section_report(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[report]";
    const auto& t = ctx.as_table(section, where);
    ctx.check_keys(t, {"enabled", "html", "title", "style"}, where);
    auto& p = ctx.project();
    p.report_enabled = ctx.get_bool(t, "enabled", where).value_or(true);
    if (const auto h = ctx.get_string(t, "html", where)) {
        if (h->size() < 5 || (h->substr(h->size() - 5) != ".html" && h->substr(h->size() - 4) != ".htm"))
            ctx.fail(*t.get("html"), "the report must be an HTML file ending in .html");
        p.report_html = ctx.resolve_path(*h);
    }
    p.report_title = ctx.get_string(t, "title", where).value_or(p.report_title);
    p.style_output = ctx.get_bool(t, "style", where).value_or(p.style_output);
}

}  // namespace leefbaar::project
