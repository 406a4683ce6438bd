// `leefbaar report GPKG -o report.html`: a self-contained HTML page with the maps
// and charts of a result GeoPackage, for readers who would rather look than read.
#include <filesystem>

#include "commands/command.hpp"
#include "commands/output_flags.hpp"
#include "commands/option_checks.hpp"
#include "core/error.hpp"
#include "io/gpkg_writer.hpp"
#include "output/report.hpp"

namespace leefbaar::cli {
namespace {

class ReportCommand final : public Command {
public:
    std::string name() const override { return "report"; }
    std::string summary() const override { return "Write an HTML report with maps and charts of a result GeoPackage"; }

    void declare(params::ParamList&) override {}
    void legacy_options(CLI::App& app) override {
        app.add_option("gpkg", gpkg_, "Result GeoPackage (from leefbaar run, score, lisa, ...)")->required();
        app.add_option("-o,--output", output_, "HTML file to write")->required();
        app.add_option("-l,--layer", options_.layer, "Layer of neighbourhoods (default: the one with an 'index' field)");
        app.add_option("--title", options_.title, "Title of the report");
        app.add_option("--indicator", options_.indicators, "Field for the histograms and correlations (repeatable; default: n_* fields)");
        flags_.add(app, false);
    }

    void check() override {
        require_input_file(gpkg_, "the GeoPackage");
        const auto ext = std::filesystem::path(output_).extension().string();
        if (ext != ".html" && ext != ".htm")
            throw UsageError("the report must be an HTML file ending in .html", ErrorContext{output_, {}, {}, {}, {}});
        auto& outputs = flags_.begin();
        outputs.add_input(gpkg_);
        options_.write_to = outputs.add(output_, "--output");
    }

    int run(const GlobalOptions&, const Console& console) override {
        // The report belongs to the run that wrote the GeoPackage: it shows that run's id.
        options_.run_id = io::read_run_id(gpkg_);
        if (options_.run_id.empty()) options_.run_id = flags_.set().run_id();
        output::write_report_from_gpkg(gpkg_, output_, options_, console.progress("drawing"));
        console.end_progress();
        flags_.set().commit();
        console.info("wrote " + output_);
        return 0;
    }

private:
    std::string gpkg_, output_;
    output::ReportOptions options_;
    OutputFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }

}  // namespace leefbaar::cli
