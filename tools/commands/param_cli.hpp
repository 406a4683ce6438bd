#pragma once
// The command-line front end of the parameter registry (core/param.hpp): every
// parameter of a step's ParamList becomes one CLI11 option (--kebab-name, its short
// name, a positional, or for a boolean that defaults to true, --no-name). CLI11 only
// collects the text; apply() hands it to Param::set_text, the same validation the
// project file uses, so ranges and choices are the same everywhere.
#include <deque>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/param_list.hpp"

namespace leefbaar::cli {

class CliParams {
public:
    // Adds an option per command-line parameter of `list` (which must outlive this).
    void attach(CLI::App& app, params::ParamList& list);
    // Validates and applies what was given, in declaration order; throws UsageError
    // naming the flag. An earlier spelling of a flag is a silent alias: scripts keep
    // printing what they printed (a project file's old key gets a warning).
    void apply();

private:
    struct Slot {
        params::ParamList* list = nullptr;
        const params::Param* param = nullptr;
        CLI::Option* option = nullptr;
        std::vector<std::string> values;
        bool flag = false;     // a boolean: given means !default
        bool negated = false;  // --no-name
        std::string old;       // set when this slot is a deprecated spelling
    };
    std::deque<Slot> slots_;
};

// The help text of a parameter: its help, choices, range, unit and default.
std::string cli_help(const params::Param& p);

}  // namespace leefbaar::cli
