// Entry point of the `leefbaar` command: parses the command line, dispatches to one
// subcommand, and maps every engine error to a message and a documented exit code
// (docs/exit-codes.md) in this one place.
#include <csignal>
#include <algorithm>
#include <exception>
#include <iostream>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "commands/command.hpp"
#include "core/cancel.hpp"
#include "core/error.hpp"
#include "io/gdal_env.hpp"
#include "io/output_set.hpp"

using namespace leefbaar;

namespace {

// First Ctrl-C (or SIGTERM/SIGHUP): ask the engine to stop; the next progress report
// throws Cancelled, the outputs' temporaries are removed while unwinding, and main
// exits with 4. A second one stops at once, removing the temporaries here.
void on_signal(int) {
    if (!cancel_requested()) {
        request_cancel();
        static const char msg[] = "\ncancelling (press Ctrl-C again to stop at once) ...\n";
        (void)!::write(2, msg, sizeof msg - 1);
        return;
    }
    if (io::remove_temporaries_now()) {
        static const char msg[] = "cancelled\n";
        (void)!::write(2, msg, sizeof msg - 1);
        ::_exit(kExitCancelled);
    }
}

void install_signal_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
    // A file size limit (ulimit -f) then fails the write with EFBIG, which is reported
    // as a system error with the output cleaned up, instead of killing the process.
    std::signal(SIGXFSZ, SIG_IGN);
}

// The first word that is neither an option nor an option's value, when no
// subcommand was recognised: CLI11 then reports only "A subcommand is required".
std::string unknown_command(const CLI::App& app, const std::vector<std::string>& names, int argc, char** argv) {
    if (!app.get_subcommands().empty()) return {};
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--threads") {  // the one global option that takes a separate value
            ++i;
            continue;
        }
        if (!a.empty() && a[0] == '-') continue;
        return std::find(names.begin(), names.end(), a) == names.end() ? a : std::string();
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    cli::GlobalOptions global;
    CLI::App app{"leefbaar: neighbourhood liveability analysis (join, index, spatial statistics, clusters)"};
    app.set_version_flag("--version", std::string("leefbaar ") + LEEFBAAR_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    params::ParamList global_params;
    cli::CliParams global_cli;
    cli::declare_global(global_params, global);
    global_cli.attach(app, global_params);

    auto commands = cli::all_commands();
    cli::Command* chosen = nullptr;
    for (auto& cmd : commands) {
        CLI::App* sub = app.add_subcommand(cmd->name(), cmd->summary());
        cmd->configure(*sub);
        sub->callback([&chosen, c = cmd.get()] { chosen = c; });
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        std::vector<std::string> names;
        for (const auto& cmd : commands) names.push_back(cmd->name());
        if (const std::string word = unknown_command(app, names, argc, argv); !word.empty()) {
            const std::string near = nearest_name(word, names);
            std::cerr << "error: unknown command '" << word << "'\n  hint: " << (near.empty() ? "" : "did you mean '" + near + "'? ")
                      << "the commands are: " << join_names(names) << " (leefbaar --help describes them)\n";
            return kExitUsageError;
        }
        const int code = app.exit(e);
        return code == 0 ? kExitOk : kExitUsageError;
    }

    try {
        global_cli.apply();
    } catch (const UsageError& e) {
        std::cerr << "error: " << e.describe() << '\n';
        return kExitUsageError;
    }
    cli::Console console(global.quiet, global.progress);
    install_signal_handlers();
    try {
        io::GdalEnvironment gdal;  // registers drivers and routes GDAL errors into ours
        chosen->validate();
        return chosen->run(global, console);
    } catch (const UsageError& e) {
        console.end_progress();
        console.error(e.describe());
        return kExitUsageError;
    } catch (const DataError& e) {
        console.end_progress();
        console.error(e.describe());
        return kExitDataError;
    } catch (const Cancelled& e) {
        console.end_progress();
        std::cerr << "cancelled (" << e.message() << "); no output was written\n";
        return kExitCancelled;
    } catch (const Error& e) {
        console.end_progress();
        console.error(e.describe());
        return kExitSystemError;
    } catch (const std::bad_alloc&) {
        console.end_progress();
        console.error("out of memory; try a smaller input or fewer threads (--threads 1)");
        return kExitSystemError;
    } catch (const std::exception& e) {
        console.end_progress();
        console.error(std::string("internal error: ") + e.what() + " (please report this with the command you ran)");
        return kExitSystemError;
    }
}
