#pragma once
// A subcommand of `leefbaar`. Each lives in its own file (commands/<verb>.cpp),
// declares its options in configure() (parsing and validation happen there and in
// validate(), before any heavy I/O) and calls the engine in run().
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "console.hpp"

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
    virtual void configure(CLI::App& app) = 0;
    // Cheap checks after parsing (option combinations, existing outputs). Throw UsageError.
    virtual void validate() {}
    // Returns the process exit code; engine errors propagate as exceptions.
    virtual int run(const GlobalOptions& global, const Console& console) = 0;
};

// The one table of all subcommands (commands/registry.cpp).
std::vector<std::unique_ptr<Command>> all_commands();

}  // namespace leefbaar::cli
