#pragma once
// The project as a whole: the [project] and [output] sections, and what `leefbaar
// run` and `leefbaar score` take on the command line: the project file, score's
// units, the outputs that override [output] gpkg, [output] report and [report] html,
// and --runs / --seed, which override [uncertainty] runs / seed (declared with
// [uncertainty], steps/index_params.hpp).
#include <string>

#include "core/param_list.hpp"
#include "steps/areas_params.hpp"
#include "index/uncertainty.hpp"
#include "project/project.hpp"
#include "steps/source_params.hpp"

namespace leefbaar::project {
struct RunOptions;
}

namespace leefbaar::steps {

// [project]: name, description, source.
void declare_project(params::ParamList& list, project::Project& p);

enum class OutputFront { Project, Override };

// [output] gpkg and report; with Override the same two options of `leefbaar run`
// (command line only, -o short for --gpkg), which override the project's.
void declare_output_files(params::ParamList& list, std::string& gpkg, std::string& report, OutputFront front);

// [output]: gpkg, report, layer, audit_layer, source_columns, keep. The paths are set
// as written; the section makes them relative to the project file.
void declare_output(params::ParamList& list, project::Project& p);

// run: the whole pipeline of a project; score: the index alone on a layer that holds
// the indicators; areas: the index and the project's [areas] on such a layer.
enum class RunFront { Run, Score, Areas };

struct RunParams {
    std::string project_file;
    SourceOptions units;                    // score: the units, --layer, --key
    OutputOptions outputs;                  // -o, --report, --overwrite, --update
    std::string html;                       // run: --html
    index::UncertaintyOptions uncertainty;  // --runs, --seed (when given)
    AreasStep areas;                        // areas: [areas] keys given as flags
};

void declare_run(params::ParamList& list, RunParams& r, RunFront front);
// After the command line: --overwrite with --update is a UsageError; what was given
// goes into the pipeline's options, the one place the overrides are applied.
void finish_run(const params::ParamList& list, const RunParams& r, project::RunOptions& o);

}  // namespace leefbaar::steps
