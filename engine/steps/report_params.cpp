#include "steps/report_params.hpp"

#include <filesystem>

#include "steps/project_params.hpp"

namespace leefbaar::steps {

using params::ParamList;
using params::Scope;
using params::Type;
using params::Value;

bool is_html_path(const std::string& path) {
    const auto ext = std::filesystem::path(path).extension().string();
    return ext == ".html" || ext == ".htm";
}

std::string refuse_html(const Value& v) {
    const auto& path = std::get<std::string>(v);
    return is_html_path(path) ? std::string() : "must be an HTML file ending in .html, not '" + path + "'";
}

namespace {

params::Param& declare_title(ParamList& l, std::string& title) {
    return l.add("title", Type::String, "Title of the HTML report").bind(title);
}

}  // namespace

void declare_report(ParamList& l, ReportParams& r) {
    l.add("gpkg", Type::InputPath, "Result GeoPackage (from leefbaar run, score, lisa, ...)").positional().required().scope(Scope::CliOnly).bind(r.gpkg);
    l.add("layer", Type::String, "Layer of neighbourhoods").short_name('l').scope(Scope::CliOnly).default_text("the one with an 'index' field").bind(r.options.layer);
    declare_title(l, r.options.title);
    l.add("indicator", Type::StringList, "Field for the histograms and correlations (repeatable)")
        .scope(Scope::CliOnly)
        .meta("FIELD")
        .default_text("the n_* fields")
        .bind(r.options.indicators);
}

void declare_html_file(ParamList& l, std::string& html, OutputFront front) {
    const bool project = front == OutputFront::Project;
    l.add("html", Type::OutputPath,
          project ? "The HTML report (relative to the project file); with run -o it goes next to that GeoPackage"
                  : "Also write the visual HTML report here (overrides [report] html)")
        .scope(project ? Scope::ProjectOnly : Scope::CliOnly)
        .check(refuse_html)
        .meta("FILE")
        .default_text(project ? "<gpkg name>.html next to the GeoPackage" : "[report] html of the project")
        .bind(html);
}

void declare_report_section(ParamList& l, project::Project& p) {
    l.add("enabled", Type::Boolean, "Write the HTML report").scope(Scope::ProjectOnly).bind(p.report_enabled);
    declare_html_file(l, p.report_html, OutputFront::Project);
    declare_title(l, p.report_title).default_text("the [project] name");
    l.add("style", Type::Boolean, "QGIS styles, embedded QGIS project, metadata and field descriptions in the GeoPackage")
        .scope(Scope::ProjectOnly)
        .bind(p.style_output);
}

void declare_style(ParamList& l, StyleParams& s) {
    auto& o = s.options;
    l.add("gpkg", Type::InputPath, "GeoPackage written by leefbaar (or with its field names)").positional().required().scope(Scope::CliOnly).bind(s.gpkg);
    l.add("layer", Type::StringList, "Layer to style (repeatable)")
        .short_name('l')
        .scope(Scope::CliOnly)
        .meta("LAYER")
        .default_text("every layer with recognised fields")
        .bind(o.layers);
    l.add("classes", Type::Integer, "Graduated classes when a field has no classification of its own").min(2).max(11).scope(Scope::CliOnly).bind(o.style.classes);
    l.add("project_name", Type::String, "Name of the QGIS project stored in the GeoPackage").scope(Scope::CliOnly).bind(o.project_name);
    l.add("title", Type::String, "Title of the QGIS project").scope(Scope::CliOnly).bind(o.project_title);
    l.add("input", Type::StringList, "Input file to record with its size and SHA-256 (repeatable)").scope(Scope::CliOnly).meta("FILE").bind(o.provenance.inputs);
    l.add("seed", Type::Integer, "Seed to record in the provenance metadata")
        .min(0)
        .scope(Scope::CliOnly)
        .bind_with([&o](const Value& v) { o.provenance.seed = static_cast<std::uint64_t>(std::get<std::int64_t>(v)); });
}

}  // namespace leefbaar::steps
