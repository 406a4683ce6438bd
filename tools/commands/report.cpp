// `leefbaar report GPKG -o report.html`: a self-contained HTML page with the maps
// and charts of a result GeoPackage, for readers who would rather look than read.
// Options: steps/report_params.hpp.
#include "commands/command.hpp"
#include "commands/output_flags.hpp"
#include "commands/option_checks.hpp"
#include "core/error.hpp"
#include "io/gpkg_writer.hpp"
#include "output/report.hpp"
#include "steps/report_params.hpp"

namespace leefbaar::cli {
namespace {

class ReportCommand final : public Command {
public:
    std::string name() const override { return "report"; }
    std::string summary() const override { return "Write an HTML report with maps and charts of a result GeoPackage"; }
    std::string category() const override { return "Output"; }

    void declare(params::ParamList& list) override {
        steps::declare_report(list, params_);
        steps::OutputHelp h;
        h.output = "HTML file to write";
        h.geopackage = false;
        h.report.clear();
        flags_.declare(list, h);
    }

    std::vector<std::string> sections() const override { return {"report"}; }

    steps::StepIo io() const override {
        steps::StepIo io;
        io.inputs.push_back({"gpkg", "geopackage", "a result GeoPackage (from run, score, lisa, ...)", {}});
        io.outputs.push_back({"output", "html", "a self-contained HTML page: maps, histograms, correlations, audit", {}});
        return io;
    }

    void check() override {
        const std::string& gpkg = params_.gpkg;
        const std::string& output = flags_.options().output;
        require_input_file(gpkg, "the GeoPackage");
        if (!steps::is_html_path(output))
            throw UsageError("the report must be an HTML file ending in .html", ErrorContext{output, {}, {}, {}, {}, "output"});
        auto& outputs = flags_.begin();
        outputs.add_input(gpkg);
        params_.options.write_to = outputs.add(output, "--output");
    }

    int run(const GlobalOptions& global, const Console& console) override {
        const std::string& gpkg = params_.gpkg;
        const std::string& output = flags_.options().output;
        auto& options = params_.options;
        options.threads = global.threads;
        // The report belongs to the run that wrote the GeoPackage: it shows that run's id.
        options.run_id = io::read_run_id(gpkg);
        if (options.run_id.empty()) options.run_id = flags_.set().run_id();
        output::write_report_from_gpkg(gpkg, output, options, console.progress("drawing"));
        console.end_progress();
        flags_.set().commit();
        console.info("wrote " + output);
        return 0;
    }

private:
    steps::ReportParams params_;
    OutputFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }

}  // namespace leefbaar::cli
