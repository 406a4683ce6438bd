#include "time/mann_kendall.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "spatial/global_stats.hpp"

namespace leefbaar {
namespace {

// Σ t (t - 1)(2t + 5) and Σ t (t - 1)/2 over the groups of t equal values.
struct TieSums {
    double variance = 0, pairs = 0;
};

TieSums tie_sums(std::vector<double> x) {
    std::sort(x.begin(), x.end());
    TieSums s;
    for (std::size_t a = 0; a < x.size();) {
        std::size_t b = a;
        while (b < x.size() && x[b] == x[a]) ++b;
        const double t = static_cast<double>(b - a);
        s.variance += t * (t - 1.0) * (2.0 * t + 5.0);
        s.pairs += t * (t - 1.0) / 2.0;
        a = b;
    }
    return s;
}

}  // namespace

MannKendall mann_kendall(const std::vector<double>& series) {
    std::vector<double> x;
    for (double v : series)
        if (std::isfinite(v)) x.push_back(v);
    if (x.size() < kMannKendallMinValues)
        throw DataError("a series of " + std::to_string(x.size()) + " value(s) is too short for the Mann-Kendall trend test", {},
                        "the trend test needs at least " + std::to_string(kMannKendallMinValues) + " time steps with a value");
    MannKendall r;
    r.n = x.size();
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j) r.s += (x[j] > x[i]) - (x[j] < x[i]);
    const double n = static_cast<double>(r.n);
    const TieSums ties = tie_sums(x);
    r.variance = (n * (n - 1.0) * (2.0 * n + 5.0) - ties.variance) / 18.0;
    const double n0 = n * (n - 1.0) / 2.0;
    if (r.variance <= 0) {  // every value equal: no trend can be seen
        r.tau = 0;
        return r;
    }
    const double sd = std::sqrt(r.variance);
    r.z = r.s > 0 ? (r.s - 1.0) / sd : r.s < 0 ? (r.s + 1.0) / sd : 0.0;
    r.p = two_sided_p(r.z);
    r.tau = r.s / std::sqrt(n0 * (n0 - ties.pairs));
    return r;
}

}  // namespace leefbaar
