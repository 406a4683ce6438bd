#pragma once
// Wall-clock seconds of the named phases of a run, in the order they ran: `leefbaar
// run` times each step of the pipeline, and a step the parts it has, for the JSON
// report's "timings" (docs/benchmarks.md, "Whole pipeline"). Measured, never
// asserted: they depend on the machine and its load.
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace leefbaar {

struct PhaseTime {
    std::string name;
    double seconds = 0;
    std::vector<PhaseTime> parts;  // the phases within it, when they are timed
};

// A steady clock that starts when it is made.
class Stopwatch {
public:
    double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
    // The seconds since the previous lap (or the start); starts the next lap.
    double lap() {
        const auto now = std::chrono::steady_clock::now();
        const double s = std::chrono::duration<double>(now - start_).count();
        start_ = now;
        return s;
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// The report's "timings": the phases in order, each {name, seconds[, parts]}.
inline nlohmann::json timings_json(const std::vector<PhaseTime>& phases) {
    auto a = nlohmann::json::array();
    for (const auto& ph : phases) {
        nlohmann::json j = {{"name", ph.name}, {"seconds", ph.seconds}};
        if (!ph.parts.empty()) j["parts"] = timings_json(ph.parts);
        a.push_back(std::move(j));
    }
    return a;
}

}  // namespace leefbaar
