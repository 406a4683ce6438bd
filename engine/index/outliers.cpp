#include "index/outliers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "index/stats.hpp"

namespace leefbaar::index {

bool coinr_rule_fails(double skew, double kurtosis, const OutlierOptions& o) {
    return !std::isnan(skew) && !std::isnan(kurtosis) && std::abs(skew) >= o.skew_threshold && kurtosis >= o.kurtosis_threshold;
}

namespace {

// One winsorising step on the side of the skew: every value equal to the extreme
// becomes the next value inwards (COINr replaces all tied extremes at once).
// Returns the number of points changed, 0 if there is no next value.
int winsorise_step(std::vector<double>& x, bool high) {
    double extreme = high ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    for (double v : x)
        if (!std::isnan(v)) extreme = high ? std::max(extreme, v) : std::min(extreme, v);
    double next = high ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    int count = 0;
    for (double v : x) {
        if (std::isnan(v)) continue;
        if (v == extreme) ++count;
        else next = high ? std::max(next, v) : std::min(next, v);
    }
    if (std::isinf(next)) return 0;
    for (double& v : x)
        if (v == extreme) v = next;
    return count;
}

int extreme_count(const std::vector<double>& x, bool high) {
    double extreme = high ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    for (double v : x)
        if (!std::isnan(v)) extreme = high ? std::max(extreme, v) : std::min(extreme, v);
    return static_cast<int>(std::count(x.begin(), x.end(), extreme));
}

}  // namespace

OutlierReport treat_outliers(std::vector<double>& x, const OutlierOptions& o) {
    OutlierReport r;
    skew_kurtosis(x, r.skew_before, r.kurtosis_before);
    r.skew_after = r.skew_before;
    r.kurtosis_after = r.kurtosis_before;
    if (o.method == OutlierMethod::None) return r;
    if (o.method == OutlierMethod::PercentileClip) {
        const double lo = quantile(x, o.clip_low), hi = quantile(x, o.clip_high);
        for (double& v : x) {
            if (std::isnan(v)) continue;
            if (v < lo || v > hi) {
                v = std::clamp(v, lo, hi);
                ++r.points_changed;
            }
        }
        if (r.points_changed) {
            r.treatment = "clipped";
            r.low = lo;
            r.high = hi;
        }
        skew_kurtosis(x, r.skew_after, r.kurtosis_after);
        return r;
    }
    r.flagged = coinr_rule_fails(r.skew_before, r.kurtosis_before, o);
    if (!r.flagged) return r;
    std::vector<double> w = x;
    int changed = 0;
    double skew = r.skew_before, kurt = r.kurtosis_before;
    while (coinr_rule_fails(skew, kurt, o)) {
        const bool high = skew > 0;
        if (changed + extreme_count(w, high) > o.winsor_max) break;
        const int c = winsorise_step(w, high);
        if (c == 0) break;
        changed += c;
        skew_kurtosis(w, skew, kurt);
    }
    if (!coinr_rule_fails(skew, kurt, o)) {
        x = std::move(w);
        r.treatment = "winsorised";
        r.points_changed = changed;
        r.low = std::numeric_limits<double>::infinity();
        r.high = -r.low;
        for (double v : x)
            if (!std::isnan(v)) r.low = std::min(r.low, v), r.high = std::max(r.high, v);
    } else {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (double v : x)
            if (!std::isnan(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        const double eps = 0.01 * (hi - lo);
        const bool positive = r.skew_before > 0;
        for (double& v : x) {
            if (std::isnan(v)) continue;
            v = positive ? std::log(v - lo + eps) : -std::log(hi - v + eps);
        }
        r.treatment = "log";
        r.low = lo;
        r.high = hi;
        r.eps = eps;
        r.positive = positive;
        r.points_changed = static_cast<int>(count_present(x));
    }
    skew_kurtosis(x, r.skew_after, r.kurtosis_after);
    return r;
}

double apply_treatment(const OutlierReport& r, double v) {
    if (std::isnan(v) || r.treatment == "none") return v;
    // A new value outside the units' range is held at its edge: the log is undefined
    // beyond it, and winsorising exists to cap exactly such values.
    v = std::clamp(v, r.low, r.high);
    if (r.treatment != "log") return v;
    return r.positive ? std::log(v - r.low + r.eps) : -std::log(r.high - v + r.eps);
}

}  // namespace leefbaar::index
