#include "steps/project_params.hpp"

#include "project/pipeline.hpp"
#include "steps/index_params.hpp"
#include "steps/report_params.hpp"

namespace leefbaar::steps {

using params::ParamList;
using params::Scope;
using params::Type;
using params::Value;

void declare_project(ParamList& l, project::Project& p) {
    l.add("name", Type::String, "Title of the analysis (layer descriptions, report, QGIS project)").scope(Scope::ProjectOnly).bind(p.name);
    l.add("description", Type::String, "Free text, copied into the report and printed on the QGIS print layouts").scope(Scope::ProjectOnly).bind(p.description);
    l.add("source", Type::String, "Source statement for the maps, e.g. \"Bron: CBS\" (printed on the QGIS print layouts)")
        .scope(Scope::ProjectOnly)
        .bind(p.source);
}

void declare_output_files(ParamList& l, std::string& gpkg, std::string& report, OutputFront front) {
    const bool project = front == OutputFront::Project;
    // `leefbaar run` takes the same two options to override the project's: -o is the
    // short name every command gives its output, --output the long one elsewhere.
    auto& g = l.add("gpkg", Type::OutputPath, project ? "The GeoPackage (relative to the project file; `leefbaar run -o` overrides it)"
                                                      : "Output GeoPackage (overrides [output] gpkg of the project)")
                  .check(refuse_gpkg)
                  .meta("FILE")
                  .default_text(project ? "<project file name>.gpkg" : "[output] gpkg of the project")
                  .bind(gpkg);
    auto& r = l.add("report", Type::OutputPath, project ? "The JSON report (relative to the project file; `leefbaar run --report` overrides it)"
                                                        : "JSON report (overrides [output] report; with -o: next to that GeoPackage)")
                  .meta("FILE")
                  .default_text("<gpkg name>-report.json")
                  .bind(report);
    const Scope scope = project ? Scope::ProjectOnly : Scope::CliOnly;
    g.scope(scope);
    r.scope(scope);
    if (!project) g.short_name('o').old_name("output");
}

void declare_output(ParamList& l, project::Project& p) {
    declare_output_files(l, p.output_gpkg, p.output_report, OutputFront::Project);
    l.add("layer", Type::String, "The units layer").scope(Scope::ProjectOnly).bind(p.units_layer);
    l.add("audit_layer", Type::String, "The audit table layer").scope(Scope::ProjectOnly).bind(p.audit_layer);
    l.add("source_columns", Type::Choice,
          "all: keep every joined source column; used: keep only the key, the area, the columns the indicators use (and their denominators) "
          "and those in keep")
        .choices({"all", "used"})
        .scope(Scope::ProjectOnly)
        .bind_with([&p](const Value& v) { p.keep_all_source_columns = std::get<std::string>(v) == "all"; },
                   std::string(p.keep_all_source_columns ? "all" : "used"));
    l.add("keep", Type::StringList, "Source columns to keep with source_columns = \"used\"").scope(Scope::ProjectOnly).bind(p.keep_columns);
}

void declare_run(ParamList& l, RunParams& r, RunFront front) {
    const bool run = front == RunFront::Run;
    OutputHelp out;
    out.layer = false;
    if (run) {
        l.add("project", Type::InputPath, "Project file (TOML), e.g. sample-data/heerlen/liveability.toml")
            .positional()
            .required()
            .scope(Scope::CliOnly)
            .bind(r.project_file);
        out.output.clear();  // -o and --report are [output]'s, below
        out.report.clear();
    } else {
        SourceHelp src;
        src.name = "units";
        src.source = "Polygon source with the indicator columns (e.g. the GeoPackage from `leefbaar join`)";
        src.key = "Key column of the units (default: [input] key of the project)";
        src.where = false;
        declare_source(l, r.units, src);
        l.add("project", Type::InputPath,
              front == RunFront::Areas ? "Project file with the [index], [domain.*], [indicator.*] and [areas] sections"
                                       : "Project file with the [index], [domain.*], [indicator.*] sections")
            .short_name('p')
            .required()
            .scope(Scope::CliOnly)
            .meta("FILE")
            .bind(r.project_file);
        out.report = "JSON report (default: next to --output)";
    }
    if (run) {
        l.begin_group("Output");
        declare_output_files(l, r.outputs.output, r.outputs.report, OutputFront::Override);
        declare_html_file(l, r.html, OutputFront::Override);
    }
    declare_outputs(l, r.outputs, out);
    declare_uncertainty(l, r.uncertainty, UncertaintyFront::Override);
    if (front == RunFront::Areas) {
        l.begin_group("Areas (override [areas])");
        declare_areas(l, r.areas);
        l.begin_group("");
    }
}

void finish_run(const ParamList& l, const RunParams& r, project::RunOptions& o) {
    check_outputs(r.outputs);
    o.output_gpkg = r.outputs.output;
    o.output_report = r.outputs.report;
    o.output_html = r.html;
    o.overwrite = r.outputs.overwrite;
    o.update = r.outputs.update;
    o.units_source = r.units.source;
    o.units_layer = r.units.layer;
    o.units_key = r.units.key;
    if (l.given("seed")) o.seed = r.uncertainty.seed;
    if (l.given("runs")) o.runs = r.uncertainty.runs;
}

}  // namespace leefbaar::steps
