// `leefbaar score UNITS --project P.toml -o OUT.gpkg`: the liveability index alone,
// on units that already carry the indicator columns (e.g. the output of `leefbaar
// join`), with the index, domain, indicator and uncertainty sections of a project
// file; its [input] is not used. Options: steps/project_params.hpp.
#include "commands/command.hpp"
#include "commands/step_io.hpp"
#include "core/error.hpp"
#include "project/pipeline.hpp"
#include "project/project.hpp"
#include "project/summary.hpp"
#include "steps/project_params.hpp"

namespace leefbaar::cli {
namespace {

class ScoreCommand final : public Command {
public:
    std::string name() const override { return "score"; }
    std::string summary() const override { return "Compute the liveability index of units that already hold the indicators"; }

    void declare(params::ParamList& list) override { steps::declare_run(list, params_, steps::RunFront::Score); }

    std::vector<std::string> sections() const override { return {"uncertainty"}; }
    steps::StepIo io() const override { return index_step_io(false); }

    void check() override {
        steps::finish_run(params(), params_, options_);
        // Engine messages now name options as project keys ("s_srs in [input]").
        project::use_project_param_names();
        project_ = project::load_project(params_.project_file);
    }

    int run(const GlobalOptions& global, const Console& console) override {
        for (const auto& w : project_.warnings) console.warning(w);
        options_.threads = global.threads;
        auto result = project::run_project(project_, options_, console.progress("scoring"));
        console.end_progress();
        console.info(project::summarise(project_, result, true));
        for (const auto& w : result.warnings) console.warning(w);
        return 0;
    }

private:
    steps::RunParams params_;
    project::Project project_;
    project::RunOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_score_command() { return std::make_unique<ScoreCommand>(); }

}  // namespace leefbaar::cli
