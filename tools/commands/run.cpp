// `leefbaar run PROJECT.toml`: the whole pipeline of a project file (join ->
// index -> uncertainty -> audit) into one GeoPackage and one JSON report.
#include <filesystem>

#include "commands/command.hpp"
#include "core/error.hpp"
#include "project/pipeline.hpp"
#include "project/project.hpp"
#include "project/summary.hpp"

namespace leefbaar::cli {
namespace {

class RunCommand final : public Command {
public:
    std::string name() const override { return "run"; }
    std::string summary() const override { return "Run a project file: join, liveability index, uncertainty, audit -> GeoPackage + report"; }

    void declare(params::ParamList&) override {}
    void legacy_options(CLI::App& app) override {
        app.add_option("project", project_file_, "Project file (TOML), e.g. sample-data/heerlen/liveability.toml")->required();
        app.add_option("-o,--output", options_.output_gpkg, "Output GeoPackage (default: [output] gpkg of the project)");
        app.add_option("--report", options_.output_report, "JSON report (default: [output] report, or next to --output)");
        app.add_option("--html", options_.output_html, "Also write the visual HTML report here (default: [report] html)");
        auto* ow = app.add_flag("--overwrite", options_.overwrite, "Replace existing output files as a whole");
        app.add_flag("--update", options_.update,
                     "Add the layers to an existing GeoPackage (replacing leefbaar's layers of the same name, keeping the others)")
            ->excludes(ow);
        app.add_option("--seed", seed_, "Seed of the Monte Carlo (default: [uncertainty] seed)")
            ->check(CLI::NonNegativeNumber);  // CLI11 would wrap -1 to 2^64 - 1
        app.add_option("--runs", runs_, "Monte Carlo runs (default: [uncertainty] runs; 0 = none)")->check(CLI::Range(0, 1000000));
    }

    void check() override {
        project_ = project::load_project(project_file_);
        if (seed_) options_.seed = *seed_;
        if (runs_) options_.runs = *runs_;
        validate_join_job(project_.input);
    }

    int run(const GlobalOptions& global, const Console& console) override {
        options_.threads = global.threads;
        options_.software = std::string("leefbaar ") + LEEFBAAR_VERSION;
        auto result = project::run_project(project_, options_, console.progress("running " + project_file_));
        console.end_progress();
        console.info(project::summarise(project_, result, true));
        for (const auto& w : result.warnings) console.warning(w);
        return 0;
    }

private:
    std::string project_file_;
    project::Project project_;
    project::RunOptions options_;
    std::optional<std::uint64_t> seed_;
    std::optional<std::size_t> runs_;
};

}  // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace leefbaar::cli
