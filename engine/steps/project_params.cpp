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

void declare_output(ParamList& l, project::Project& p) {
    l.add("gpkg", Type::OutputPath, "The GeoPackage (relative to the project file; `leefbaar run -o` overrides it)")
        .scope(Scope::ProjectOnly)
        .check([](const Value& v) -> std::string {
            const auto& g = std::get<std::string>(v);
            return g.size() < 5 || g.substr(g.size() - 5) != ".gpkg" ? "must be a GeoPackage ending in .gpkg" : std::string();
        })
        .default_text("<project file name>.gpkg")
        .bind(p.output_gpkg);
    l.add("report", Type::OutputPath, "The JSON report (relative to the project file; `leefbaar run --report` overrides it)")
        .scope(Scope::ProjectOnly)
        .default_text("<gpkg name>-report.json")
        .bind(p.output_report);
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
        out.output = "Output GeoPackage (overrides [output] gpkg of the project)";
        out.output_required = false;
        out.report = "JSON report (overrides [output] report; with -o: next to that GeoPackage)";
    } else {
        SourceHelp src;
        src.name = "units";
        src.source = "Polygon source with the indicator columns (e.g. the GeoPackage from `leefbaar join`)";
        src.key = "Key column of the units (default: [input] key of the project)";
        src.where = false;
        declare_source(l, r.units, src);
        l.add("project", Type::InputPath, "Project file with the [index], [domain.*], [indicator.*] sections")
            .short_name('p')
            .required()
            .scope(Scope::CliOnly)
            .meta("FILE")
            .bind(r.project_file);
        out.report = "JSON report (default: next to --output)";
    }
    declare_outputs(l, r.outputs, out);
    if (run) {
        l.begin_group("Output");
        l.add("html", Type::OutputPath, "Also write the visual HTML report here (overrides [report] html)")
            .scope(Scope::CliOnly)
            .check(refuse_html)
            .meta("FILE")
            .bind(r.html);
        l.begin_group("");
    }
    declare_uncertainty(l, r.uncertainty, UncertaintyFront::Override);
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
