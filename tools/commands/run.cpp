// `leefbaar run PROJECT.toml`: the whole pipeline of a project file (join ->
// index -> uncertainty -> audit) into one GeoPackage and one JSON report. Options:
// steps/project_params.hpp.
#include "commands/command.hpp"
#include "commands/step_io.hpp"
#include "core/error.hpp"
#include "project/pipeline.hpp"
#include "project/project.hpp"
#include "project/summary.hpp"
#include "steps/project_params.hpp"

namespace leefbaar::cli {
namespace {

class RunCommand final : public Command {
public:
    std::string name() const override { return "run"; }
    std::string summary() const override { return "Run a project file: join, liveability index, uncertainty, audit -> GeoPackage + report"; }

    void declare(params::ParamList& list) override { steps::declare_run(list, params_, steps::RunFront::Run); }

    std::vector<std::string> sections() const override { return {"uncertainty"}; }
    steps::StepIo io() const override { return index_step_io(true); }

    void check() override {
        steps::finish_run(params(), params_, options_);
        // Engine messages now name options as project keys ("s_srs in [input]").
        project::use_project_param_names();
        project_ = project::load_project(params_.project_file);
        validate_join_job(project_.input);
    }

    int run(const GlobalOptions& global, const Console& console) override {
        for (const auto& w : project_.warnings) console.warning(w);
        options_.threads = global.threads;
        options_.software = std::string("leefbaar ") + LEEFBAAR_VERSION;
        auto result = project::run_project(project_, options_, console.progress("running " + params_.project_file));
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

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace leefbaar::cli
