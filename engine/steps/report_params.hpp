#pragma once
// The HTML report and the QGIS styling: `leefbaar report`, `leefbaar style` and the
// [report] section of a project file. `title` is one parameter: the report's
// --title and [report] title.
#include <string>

#include "core/param_list.hpp"
#include "output/report.hpp"
#include "output/results_writer.hpp"
#include "project/project.hpp"
#include "steps/project_params.hpp"

namespace leefbaar::steps {

// An HTML output path: ends in .html or .htm.
bool is_html_path(const std::string& path);
// Param::check of an HTML output ("must be an HTML file ending in .html", or empty).
std::string refuse_html(const params::Value& v);

// `leefbaar report GPKG`: the GeoPackage, --layer, --title, --indicator (its -o and
// --overwrite are the shared outputs group, source_params.hpp).
struct ReportParams {
    std::string gpkg;
    output::ReportOptions options;
};
void declare_report(params::ParamList& list, ReportParams& r);

// [report] html; with Override `leefbaar run --html`, which overrides it.
void declare_html_file(params::ParamList& list, std::string& html, OutputFront front);

// [report]: enabled, html (as written; the section makes it relative to the
// project file), title, style.
void declare_report_section(params::ParamList& list, project::Project& p);

// `leefbaar style GPKG`: --layer, --classes, --project-name, --title, --input, --seed.
struct StyleParams {
    std::string gpkg;
    output::StyleGpkgOptions options;
};
void declare_style(params::ParamList& list, StyleParams& s);

}  // namespace leefbaar::steps
