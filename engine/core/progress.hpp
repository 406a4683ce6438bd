#pragma once
// Progress reporting for long engine operations, in GDAL's callback style:
// a function of (fraction done in [0,1], message) returning false to cancel.
// Sub-steps get a scaled view so an operation can report 0..1 for its own part.
#include <functional>
#include <string>

namespace leefbaar {

using ProgressFn = std::function<bool(double fraction, const std::string& message)>;

class Progress {
public:
    Progress() = default;
    explicit Progress(ProgressFn fn) : fn_(std::move(fn)) {}

    // Reports and throws Cancelled when the callback asks to stop.
    void report(double fraction, const std::string& message = {}) const;
    // A view onto [from, to] of this progress: sub.report(0.5) == report(from + 0.5 (to-from)).
    Progress scaled(double from, double to) const;
    bool active() const { return static_cast<bool>(fn_); }

private:
    ProgressFn fn_;
    double from_ = 0.0;
    double to_ = 1.0;
};

}  // namespace leefbaar
