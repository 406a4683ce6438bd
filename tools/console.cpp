#include "console.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace leefbaar::cli {

Console::Console(bool quiet, bool force_progress) : quiet_(quiet), bar_(!quiet && (force_progress || ::isatty(2))) {}

void Console::info(const std::string& text) const {
    if (!quiet_) std::cout << text << '\n';
}

void Console::warning(const std::string& text) const {
    if (!quiet_) std::cerr << "warning: " << text << '\n';
}

void Console::error(const std::string& text) const { std::cerr << "error: " << text << '\n'; }

Progress Console::progress(const std::string& label) const {
    if (!bar_) return Progress();
    struct State {
        int last_percent = -1;
        std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
    };
    auto state = std::make_shared<State>();
    return Progress([state, label](double f, const std::string& msg) {
        const int percent = static_cast<int>(f * 100.0 + 0.5);
        const auto now = std::chrono::steady_clock::now();
        // Redraw at most every 100 ms unless the percentage changed, to keep the terminal calm.
        if (percent == state->last_percent && now - state->last < std::chrono::milliseconds(100)) return true;
        state->last_percent = percent;
        state->last = now;
        constexpr int width = 30;
        const int filled = percent * width / 100;
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(width, '.');
        std::fprintf(stderr, "\r%-14.14s [%s] %3d%% %-40.40s", label.c_str(), bar.c_str(), percent, msg.c_str());
        std::fflush(stderr);
        return true;
    });
}

void Console::end_progress() const {
    if (bar_) {
        std::fprintf(stderr, "\r%*s\r", 100, "");
        std::fflush(stderr);
    }
}

}  // namespace leefbaar::cli
