// `leefbaar run PROJECT.toml`: the whole pipeline of a project file (join ->
// index -> uncertainty -> audit -> spatial statistics -> clusters) into one
// GeoPackage and one JSON report. Options: steps/project_params.hpp.
#include "commands/project_command.hpp"

namespace leefbaar::cli {

std::unique_ptr<Command> make_run_command() {
    return std::make_unique<ProjectCommand>("run", "Run a project file: join, liveability index, uncertainty, audit -> GeoPackage + report",
                                            steps::RunFront::Run);
}

}  // namespace leefbaar::cli
