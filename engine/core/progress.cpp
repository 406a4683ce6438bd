#include "core/progress.hpp"

#include <algorithm>

#include "core/cancel.hpp"
#include "core/error.hpp"

namespace leefbaar {

void Progress::report(double fraction, const std::string& message) const {
    // Checked even without a callback, so Ctrl-C stops a quiet run too.
    if (cancel_requested()) throw Cancelled("interrupted");
    if (!fn_) return;
    const double f = from_ + std::clamp(fraction, 0.0, 1.0) * (to_ - from_);
    if (!fn_(f, message)) throw Cancelled("cancelled by the user");
}

Progress Progress::scaled(double from, double to) const {
    Progress p(fn_);
    p.from_ = from_ + from * (to_ - from_);
    p.to_ = from_ + to * (to_ - from_);
    return p;
}

}  // namespace leefbaar
