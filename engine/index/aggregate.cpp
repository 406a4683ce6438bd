#include "index/aggregate.hpp"

#include <cmath>
#include <limits>

namespace leefbaar::index {

double aggregate(const double* v, const double* w, std::size_t k, Aggregation method) {
    double sw = 0, s = 0;
    for (std::size_t i = 0; i < k; ++i) {
        if (std::isnan(v[i]) || w[i] == 0) continue;
        sw += w[i];
        switch (method) {
        case Aggregation::Arithmetic: s += w[i] * v[i]; break;
        case Aggregation::Geometric: s += w[i] * std::log(v[i]); break;
        case Aggregation::Harmonic: s += w[i] / v[i]; break;
        }
    }
    if (sw <= 0) return std::numeric_limits<double>::quiet_NaN();
    switch (method) {
    case Aggregation::Arithmetic: return s / sw;
    case Aggregation::Geometric: return std::exp(s / sw);
    case Aggregation::Harmonic: return sw / s;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

double column_shift(const std::vector<double>& column, Aggregation method) {
    if (method == Aggregation::Arithmetic) return 0;
    double lo = std::numeric_limits<double>::infinity();
    for (double v : column)
        if (!std::isnan(v) && v < lo) lo = v;
    return lo <= 0 ? 1.0 - lo : 0.0;
}

}  // namespace leefbaar::index
