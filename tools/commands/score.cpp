// `leefbaar score UNITS --project P.toml -o OUT.gpkg`: the liveability index alone,
// on units that already carry the indicator columns (e.g. the output of `leefbaar
// join`), with the index, domain, indicator and uncertainty sections of a project
// file; its [input] is not used.
#include "commands/command.hpp"
#include "core/error.hpp"
#include "project/pipeline.hpp"
#include "project/project.hpp"
#include "project/summary.hpp"

namespace leefbaar::cli {
namespace {

class ScoreCommand final : public Command {
public:
    std::string name() const override { return "score"; }
    std::string summary() const override { return "Compute the liveability index of units that already hold the indicators"; }

    void declare(params::ParamList&) override {}
    void legacy_options(CLI::App& app) override {
        app.add_option("units", options_.units_source, "Polygon source with the indicator columns (e.g. the GeoPackage from `leefbaar join`)")
            ->required();
        app.add_option("-p,--project", project_file_, "Project file with the [index], [domain.*], [indicator.*] sections")->required();
        app.add_option("-l,--layer", options_.units_layer, "Layer of the units (needed when the source has several)");
        app.add_option("-k,--key", options_.units_key, "Key column of the units (default: [input] key of the project)");
        app.add_option("-o,--output", options_.output_gpkg, "Output GeoPackage")->required();
        app.add_option("--report", options_.output_report, "JSON report (default: next to --output)");
        auto* ow = app.add_flag("--overwrite", options_.overwrite, "Replace existing output files as a whole");
        app.add_flag("--update", options_.update,
                     "Add the layers to an existing GeoPackage (replacing leefbaar's layers of the same name, keeping the others)")
            ->excludes(ow);
        app.add_option("--seed", seed_, "Seed of the Monte Carlo")->check(CLI::NonNegativeNumber);  // CLI11 would wrap -1 to 2^64 - 1
        app.add_option("--runs", runs_, "Monte Carlo runs (0 = none)")->check(CLI::Range(0, 1000000));
    }

    void check() override {
        project_ = project::load_project(project_file_);
        if (seed_) options_.seed = *seed_;
        if (runs_) options_.runs = *runs_;
    }

    int run(const GlobalOptions& global, const Console& console) override {
        options_.threads = global.threads;
        auto result = project::run_project(project_, options_, console.progress("scoring"));
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

std::unique_ptr<Command> make_score_command() { return std::make_unique<ScoreCommand>(); }

}  // namespace leefbaar::cli
