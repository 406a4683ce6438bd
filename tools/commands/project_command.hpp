#pragma once
// The body of `leefbaar run` (the whole pipeline of a project file) and `leefbaar
// score` (the index alone, on units that already hold the indicators): both read a
// project file and call run_project; they differ only in their front
// (steps::RunFront: the units come from [input] or from a layer).
#include "commands/command.hpp"
#include "commands/step_io.hpp"
#include "core/error.hpp"
#include "project/pipeline.hpp"
#include "project/project.hpp"
#include "project/summary.hpp"
#include "steps/project_params.hpp"

namespace leefbaar::cli {

class ProjectCommand final : public Command {
public:
    ProjectCommand(std::string verb, std::string summary, steps::RunFront front)
        : verb_(std::move(verb)), summary_(std::move(summary)), front_(front) {}
    std::string name() const override { return verb_; }
    std::string summary() const override { return summary_; }
    std::string category() const override { return "Liveability index"; }

    void declare(params::ParamList& list) override { steps::declare_run(list, params_, front_); }

    // run's -o/--gpkg, --report and --html are [output] gpkg/report and [report] html
    // of the project, given again to override them.
    std::vector<std::string> sections() const override {
        if (front_ == steps::RunFront::Run) return {"output", "report", "uncertainty"};
        if (front_ == steps::RunFront::Areas) return {"uncertainty", "areas"};
        return {"uncertainty"};
    }
    steps::StepIo io() const override { return index_step_io(front_ == steps::RunFront::Run); }

    void check() override {
        steps::finish_run(params(), params_, options_);
        // Engine messages now name options as project keys ("s_srs in [input]").
        project::use_project_param_names();
        project_ = project::load_project(params_.project_file);
        if (front_ == steps::RunFront::Run) validate_join_job(project_.input);
        if (front_ == steps::RunFront::Areas) override_areas();
    }

    int run(const GlobalOptions& global, const Console& console) override {
        for (const auto& w : project_.warnings) console.warning(w);
        options_.threads = global.threads;
        const bool whole = front_ == steps::RunFront::Run;
        if (whole) options_.software = std::string("leefbaar ") + LEEFBAAR_VERSION;
        auto result = project::run_project(project_, options_, console.progress(whole ? "running " + params_.project_file : "scoring"));
        console.end_progress();
        console.info(project::summarise(project_, result, true));
        for (const auto& w : result.warnings) console.warning(w);
        return 0;
    }

private:
    // `leefbaar areas`: the project must define levels; flags replace [areas] keys.
    void override_areas() {
        if (!project_.areas_enabled)
            throw UsageError("project " + params_.project_file + " has no [areas] section", {},
                             "add [areas] with [[areas.level]] tables (docs/methods/areas.md), or use `leefbaar score`");
        options_.areas_only = true;
        const auto& l = params();
        auto& a = project_.areas;
        if (l.given("population")) a.population = params_.areas.population;
        if (l.given("households")) a.households = params_.areas.households;
        if (l.given("low_classes")) a.low_classes = params_.areas.low_classes;
        if (l.given("reference")) a.reference = params_.areas.reference;
        if (l.given("strengths")) a.strengths = params_.areas.strengths;
        if (l.given("profile")) a.profile = params_.areas.profile;
    }

    std::string verb_, summary_;
    steps::RunFront front_;
    steps::RunParams params_;
    project::Project project_;
    project::RunOptions options_;
};

}  // namespace leefbaar::cli
