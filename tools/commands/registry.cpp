#include "commands/command.hpp"

namespace leefbaar::cli {

std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_join_command();

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> out;
    out.push_back(make_info_command());
    out.push_back(make_join_command());
    return out;
}

}  // namespace leefbaar::cli
