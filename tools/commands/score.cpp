// `leefbaar score UNITS --project P.toml -o OUT.gpkg`: the liveability index alone,
// on units that already carry the indicator columns (e.g. the output of `leefbaar
// join`), with the index, domain, indicator and uncertainty sections of a project
// file; its [input] is not used. Options: steps/project_params.hpp.
#include "commands/project_command.hpp"

namespace leefbaar::cli {

std::unique_ptr<Command> make_score_command() {
    return std::make_unique<ProjectCommand>("score", "Compute the liveability index of units that already hold the indicators",
                                            steps::RunFront::Score);
}

}  // namespace leefbaar::cli
