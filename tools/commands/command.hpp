#pragma once
// A subcommand of `leefbaar`. Each lives in its own file (commands/<verb>.cpp),
// declares its options in configure() (parsing and validation happen there and in
// validate(), before any heavy I/O) and calls the engine in run().
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands/param_cli.hpp"
#include "console.hpp"
#include "core/param_list.hpp"
#include "core/step_info.hpp"

namespace leefbaar::cli {

struct GlobalOptions {
    bool quiet = false;
    bool progress = false;  // force the progress bar even when stderr is not a terminal
    unsigned threads = 0;   // 0 = all cores
};

class Command {
public:
    virtual ~Command() = default;
    virtual std::string name() const = 0;
    virtual std::string summary() const = 0;
    // Declares the command's parameters (engine/steps/*_params.hpp): the one
    // declaration that also gives `describe`, the docs and the project keys.
    virtual void declare(params::ParamList& list) = 0;
    // The CLI11 options, from the declaration.
    void configure(CLI::App& app) {
        declare(params_);
        cli_.attach(app, params_);
    }
    // Applies the parsed values (validation of each parameter), then check().
    void validate() {
        cli_.apply();
        check();
    }
    const params::ParamList& params() const { return params_; }
    // Inputs and outputs, with the layers and fields written (for `describe`).
    virtual steps::StepIo io() const { return {}; }
    // The project-file sections that configure this step, if any.
    virtual std::vector<std::string> sections() const { return {}; }
    // The group of steps it belongs to ("Spatial statistics"), for front ends that
    // group their tools (the QGIS Processing toolbox, tools/qgis/).
    virtual std::string category() const { return "Other"; }
    // Returns the process exit code; engine errors propagate as exceptions.
    virtual int run(const GlobalOptions& global, const Console& console) = 0;

protected:
    // Cheap checks across parameters (combinations, existing outputs), before any
    // heavy I/O. Throw UsageError naming the parameter.
    virtual void check() {}

private:
    params::ParamList params_;
    CliParams cli_;
};

// The one table of all subcommands (commands/registry.cpp).
std::vector<std::unique_ptr<Command>> all_commands();

// The options of every command (--quiet, --progress, --threads), declared once.
inline void declare_global(params::ParamList& l, GlobalOptions& g) {
    using params::Scope;
    using params::Type;
    l.add("quiet", Type::Boolean, "Print nothing but errors").short_name('q').scope(Scope::CliOnly).bind(g.quiet);
    l.add("progress", Type::Boolean, "Show progress even when stderr is not a terminal").scope(Scope::CliOnly).bind(g.progress);
    l.add("threads", Type::Integer, "Worker threads (0 = all cores); results do not depend on it").min(0).max(1024).scope(Scope::CliOnly).bind(g.threads);
}

}  // namespace leefbaar::cli
