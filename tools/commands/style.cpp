// `leefbaar style GPKG [--layer L ...]`: makes an existing GeoPackage QGIS-ready in
// place: default styles (layer_styles), an embedded QGIS project, provenance metadata
// and field descriptions, for the layers whose fields leefbaar recognises. Options:
// steps/report_params.hpp.
#include <sstream>

#include "commands/command.hpp"
#include "commands/option_checks.hpp"
#include "core/error.hpp"
#include "output/results_writer.hpp"
#include "steps/report_params.hpp"

namespace leefbaar::cli {
namespace {

class StyleCommand final : public Command {
public:
    std::string name() const override { return "style"; }
    std::string summary() const override { return "Add QGIS default styles, a QGIS project and metadata to a GeoPackage"; }
    std::string category() const override { return "Output"; }

    void declare(params::ParamList& list) override { steps::declare_style(list, params_); }

    steps::StepIo io() const override {
        steps::StepIo io;
        io.inputs.push_back({"gpkg", "geopackage", "a GeoPackage with leefbaar's field names; it is updated in place", {}});
        io.outputs.push_back({"gpkg", "geopackage", "the same file with QGIS layer styles, an embedded QGIS project and metadata", {}});
        return io;
    }

    void check() override {
        require_input_file(params_.gpkg, "the GeoPackage");
        if (params_.options.project_name.empty())
            throw UsageError("the project name is empty", ErrorContext{{}, {}, {}, {}, {}, "project_name"}, "give {{project_name}} a name");
        params_.options.provenance.software = std::string("leefbaar ") + LEEFBAAR_VERSION;
    }

    int run(const GlobalOptions&, const Console& console) override {
        const auto& options = params_.options;
        const auto layers = output::style_gpkg(params_.gpkg, options, console.progress("styling"));
        console.end_progress();
        std::ostringstream s;
        s << "styled " << params_.gpkg << ": ";
        for (std::size_t i = 0; i < layers.size(); ++i) s << (i ? ", " : "") << layers[i];
        s << "; QGIS project '" << options.project_name << "' stored in the GeoPackage";
        console.info(s.str());
        return 0;
    }

private:
    steps::StyleParams params_;
};

}  // namespace

std::unique_ptr<Command> make_style_command() { return std::make_unique<StyleCommand>(); }

}  // namespace leefbaar::cli
