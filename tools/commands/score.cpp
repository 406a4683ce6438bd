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

// `leefbaar areas UNITS --project P.toml -o OUT.gpkg`: the index of units that hold
// the indicators, rolled up to the project's [areas] levels (docs/methods/areas.md);
// [areas]'s keys can be given as flags.
std::unique_ptr<Command> make_areas_command() {
    return std::make_unique<ProjectCommand>("areas", "Roll scored units up to wijken, stadsdelen and programme areas: scores, ranks, profiles",
                                            steps::RunFront::Areas);
}

}  // namespace leefbaar::cli
