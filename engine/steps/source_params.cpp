#include "steps/source_params.hpp"

#include <filesystem>

#include "core/error.hpp"

namespace leefbaar::steps {

using params::Scope;
using params::Type;

std::string refuse_gpkg(const params::Value& v) {
    const auto& path = std::get<std::string>(v);
    return std::filesystem::path(path).extension() == ".gpkg" ? std::string() : "must be a GeoPackage ending in .gpkg, not '" + path + "'";
}

void declare_source(params::ParamList& l, SourceOptions& o, const SourceHelp& h) {
    declare_source(l, SourceFields{o.source, o.layer, o.where, o.key}, h);
}

void declare_source(params::ParamList& l, SourceFields o, const SourceHelp& h) {
    const Scope scope = h.project_keys ? Scope::Both : Scope::CliOnly;
    auto& s = l.add(h.name, Type::InputPath, h.source).positional().scope(scope).bind(o.source);
    if (h.required) s.required();
    l.add("layer", Type::String, "Layer of the source (needed when it has several)").short_name('l').scope(scope).bind(o.layer);
    if (h.where)
        l.add("where", Type::String, "Attribute filter on the features (OGR SQL), e.g. \"gemeentecode = 'GM0917'\"")
            .short_name('w')
            .scope(scope)
            .bind(o.where);
    auto& k = l.add("key", Type::String, h.key).short_name('k').scope(scope).meta("FIELD").bind(o.key);
    if (h.key_required) k.required();
}

void declare_outputs(params::ParamList& l, OutputOptions& o, const OutputHelp& h) {
    l.begin_group("Output");
    if (!h.output.empty()) {
        auto& out = l.add("output", Type::OutputPath, h.output).short_name('o').scope(Scope::CliOnly).meta("FILE").bind(o.output);
        if (h.output_required) out.required();
        if (h.geopackage) out.check(refuse_gpkg);
    }
    if (h.geopackage && h.layer)
        l.add("output_layer", Type::String, "Name of the output layer (default: the input layer's name)").scope(Scope::CliOnly).bind(o.output_layer);
    if (!h.report.empty()) l.add("report", Type::OutputPath, h.report).scope(Scope::CliOnly).meta("FILE").bind(o.report);
    l.add("overwrite", Type::Boolean, "Replace existing output files as a whole").scope(Scope::CliOnly).bind(o.overwrite);
    if (h.geopackage)
        l.add("update", Type::Boolean,
              "Add the layers to an existing GeoPackage (may be the input), replacing leefbaar's layers of the same name and keeping the others")
            .scope(Scope::CliOnly)
            .bind(o.update);
    l.begin_group("");
}

void check_outputs(const OutputOptions& o) {
    if (o.overwrite && o.update) {
        ErrorContext ctx;
        ctx.param = "update";
        throw UsageError("--overwrite and --update exclude each other", ctx, "--overwrite replaces the file as a whole; --update adds layers to it");
    }
}

}  // namespace leefbaar::steps
