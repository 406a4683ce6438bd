#pragma once
// Outlier treatment before normalisation, so that one extreme neighbourhood does
// not compress everyone else into a corner of the 0-100 scale.
//   coinr: COINr's rule (Becker et al., COINr documentation "Outlier treatment"):
//          an indicator needs treatment when |skewness| >= 2 AND excess kurtosis
//          >= 3.5. The most extreme value(s) on the side of the skew are winsorised
//          one step at a time (set to the next value inwards) until the rule passes
//          or winsor_max points are changed; if it still fails the winsorising is
//          undone and the indicator is log transformed instead,
//          ln(x - min + 0.01 (max - min)) for positive skew and its mirror for
//          negative skew (direction of the indicator is preserved).
//   clip:  values below/above the clip_low/clip_high percentiles (type 7) are set to them.
#include <limits>
#include <string>
#include <vector>

#include "index/methods.hpp"

namespace leefbaar::index {

struct OutlierOptions {
    OutlierMethod method = OutlierMethod::Coinr;
    double skew_threshold = 2.0;
    double kurtosis_threshold = 3.5;
    int winsor_max = 5;
    double clip_low = 0.05;
    double clip_high = 0.95;
};

struct OutlierReport {
    std::string treatment = "none";  // none, winsorised, log, clipped
    int points_changed = 0;
    double skew_before = 0, kurtosis_before = 0, skew_after = 0, kurtosis_after = 0;
    bool flagged = false;  // failed the rule before treatment (coinr)
    // The treatment as fitted, to apply it to new values (an area's aggregated value,
    // index/fitted_model.hpp): winsorised and clipped values are clamped to
    // [low, high]; the log transform uses the untreated range [low, high], eps and the
    // side of the skew.
    double low = -std::numeric_limits<double>::infinity(), high = std::numeric_limits<double>::infinity();
    double eps = 0;
    bool positive = true;
};

// The fitted treatment applied to one value (NaN stays NaN).
double apply_treatment(const OutlierReport& r, double v);

bool coinr_rule_fails(double skew, double kurtosis, const OutlierOptions& o);
// x: NaN = missing (left as is). Treated in place.
OutlierReport treat_outliers(std::vector<double>& x, const OutlierOptions& options);

}  // namespace leefbaar::index
