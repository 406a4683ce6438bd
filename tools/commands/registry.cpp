#include "commands/command.hpp"

namespace leefbaar::cli {

std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_join_command();
std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_score_command();
std::unique_ptr<Command> make_areas_command();
std::unique_ptr<Command> make_validate_command();
std::unique_ptr<Command> make_cluster_command();
std::unique_ptr<Command> make_weights_command();
std::unique_ptr<Command> make_lisa_command();
std::unique_ptr<Command> make_hotspots_command();
std::unique_ptr<Command> make_style_command();
std::unique_ptr<Command> make_report_command();
std::unique_ptr<Command> make_describe_command();

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> out;
    out.push_back(make_info_command());
    out.push_back(make_join_command());
    out.push_back(make_run_command());
    out.push_back(make_score_command());
    out.push_back(make_areas_command());
    out.push_back(make_validate_command());
    out.push_back(make_cluster_command());
    out.push_back(make_weights_command());
    out.push_back(make_lisa_command());
    out.push_back(make_hotspots_command());
    out.push_back(make_style_command());
    out.push_back(make_report_command());
    out.push_back(make_describe_command());
    return out;
}

}  // namespace leefbaar::cli
