// `leefbaar style GPKG [--layer L ...]`: makes an existing GeoPackage QGIS-ready in
// place: default styles (layer_styles), an embedded QGIS project, provenance metadata
// and field descriptions, for the layers whose fields leefbaar recognises.
#include <sstream>

#include "commands/command.hpp"
#include "commands/option_checks.hpp"
#include "core/error.hpp"
#include "output/results_writer.hpp"

namespace leefbaar::cli {
namespace {

class StyleCommand final : public Command {
public:
    std::string name() const override { return "style"; }
    std::string summary() const override { return "Add QGIS default styles, a QGIS project and metadata to a GeoPackage"; }

    void declare(params::ParamList&) override {}
    void legacy_options(CLI::App& app) override {
        app.add_option("gpkg", path_, "GeoPackage written by leefbaar (or with its field names)")->required();
        app.add_option("-l,--layer", options_.layers, "Layer to style (repeatable; default: every layer with recognised fields)");
        app.add_option("--classes", options_.style.classes, "Graduated classes when a field has no classification (default 5)")
            ->check(CLI::Range(2, 11));
        app.add_option("--project-name", options_.project_name, "Name of the QGIS project stored in the GeoPackage (default leefbaar)");
        app.add_option("--title", options_.project_title, "Title of the QGIS project");
        app.add_option("--input", options_.provenance.inputs, "Input file to record with its size and SHA-256 (repeatable)");
        app.add_option("--seed", seed_, "Seed to record in the provenance metadata")->check(CLI::NonNegativeNumber);
    }

    void check() override {
        require_input_file(path_, "the GeoPackage");
        if (options_.project_name.empty()) throw UsageError("the project name is empty", {}, "give --project-name a name");
        if (seed_ >= 0) options_.provenance.seed = static_cast<std::uint64_t>(seed_);
        options_.provenance.software = std::string("leefbaar ") + LEEFBAAR_VERSION;
    }

    int run(const GlobalOptions&, const Console& console) override {
        const auto layers = output::style_gpkg(path_, options_, console.progress("styling"));
        console.end_progress();
        std::ostringstream s;
        s << "styled " << path_ << ": ";
        for (std::size_t i = 0; i < layers.size(); ++i) s << (i ? ", " : "") << layers[i];
        s << "; QGIS project '" << options_.project_name << "' stored in the GeoPackage";
        console.info(s.str());
        return 0;
    }

private:
    std::string path_;
    output::StyleGpkgOptions options_;
    long long seed_ = -1;
};

}  // namespace

std::unique_ptr<Command> make_style_command() { return std::make_unique<StyleCommand>(); }

}  // namespace leefbaar::cli
