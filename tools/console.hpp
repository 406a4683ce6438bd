#pragma once
// What the command line prints: messages on stdout, warnings and errors on
// stderr, and a progress bar on stderr only when it is a terminal.
#include <string>

#include "core/progress.hpp"

namespace leefbaar::cli {

class Console {
public:
    Console(bool quiet, bool force_progress = false);
    bool quiet() const { return quiet_; }
    void info(const std::string& text) const;     // stdout, unless --quiet
    void warning(const std::string& text) const;  // stderr, unless --quiet
    void error(const std::string& text) const;    // stderr, always
    // A progress callback drawing a bar on a terminal; a no-op callback otherwise.
    Progress progress(const std::string& label) const;
    void end_progress() const;

private:
    bool quiet_;
    bool bar_;
};

}  // namespace leefbaar::cli
