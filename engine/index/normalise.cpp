#include "index/normalise.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "index/stats.hpp"

namespace leefbaar::index {

std::vector<double> average_ranks(const std::vector<double>& x) {
    std::vector<std::size_t> order;
    order.reserve(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i])) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b] || (x[a] == x[b] && a < b); });
    std::vector<double> r(x.size(), std::nan(""));
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
        const double avg = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (std::size_t k = i; k <= j; ++k) r[order[k]] = avg;
        i = j + 1;
    }
    return r;
}

void normalise(const std::vector<double>& x, std::vector<double>& out, const NormaliseParams& p) {
    out.assign(x.size(), std::nan(""));
    const bool reverse = p.direction == Direction::LowerIsBetter;
    // Only the rank normalisations need the count: a pass saved per Monte Carlo run.
    const bool ranks = p.method == Normalisation::Rank || p.method == Normalisation::PercentileRank;
    const std::size_t n = ranks ? count_present(x) : 0;
    switch (p.method) {
    case Normalisation::MinMax: {
        double lo = INFINITY, hi = -INFINITY;
        for (double v : x)
            if (!std::isnan(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!std::isnan(x[i])) out[i] = hi > lo ? 100.0 * (x[i] - lo) / (hi - lo) : 50.0;
        break;
    }
    case Normalisation::ZScore: {
        const double mu = mean(x), sd = sample_sd(x);
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!std::isnan(x[i])) out[i] = sd > 0 ? (x[i] - mu) / sd : 0.0;
        break;
    }
    case Normalisation::Rank:
        out = average_ranks(x);
        break;
    case Normalisation::PercentileRank: {
        out = average_ranks(x);
        for (double& v : out)
            if (!std::isnan(v)) v = n > 1 ? 100.0 * (v - 1.0) / (static_cast<double>(n) - 1.0) : 50.0;
        break;
    }
    case Normalisation::DistanceToReference:
        if (p.reference == 0 || std::isnan(p.reference))
            throw UsageError("distance to a reference needs a non-zero reference value", {},
                             "set reference = <value> for the indicator (e.g. the national average)");
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!std::isnan(x[i])) out[i] = 100.0 * (x[i] - p.reference) / std::abs(p.reference);
        break;
    case Normalisation::Goalposts:
        if (!(p.goal_high != p.goal_low))
            throw UsageError("goalposts need two different values", {}, "set goalposts = [low, high] for the indicator");
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!std::isnan(x[i])) out[i] = std::clamp(100.0 * (x[i] - p.goal_low) / (p.goal_high - p.goal_low), 0.0, 100.0);
        break;
    }
    if (!reverse) return;
    for (double& v : out) {
        if (std::isnan(v)) continue;
        switch (p.method) {
        case Normalisation::MinMax:
        case Normalisation::PercentileRank:
        case Normalisation::Goalposts: v = 100.0 - v; break;
        case Normalisation::Rank: v = static_cast<double>(n) + 1.0 - v; break;
        case Normalisation::ZScore:
        case Normalisation::DistanceToReference: v = -v; break;
        }
    }
}

}  // namespace leefbaar::index
