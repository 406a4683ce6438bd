#include "monitor/change_significance.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "index/stats.hpp"

namespace leefbaar::monitor {
namespace {

// Interval of one unit's changes over the runs; none when fewer than half the runs
// scored the unit in both years.
void interval_of(std::vector<double>& d, std::size_t runs, double level, double& low, double& high) {
    d.erase(std::remove_if(d.begin(), d.end(), [](double x) { return std::isnan(x); }), d.end());
    low = high = NAN;
    if (d.empty() || 2 * d.size() < runs) return;
    std::sort(d.begin(), d.end());
    low = index::quantile_sorted(d, (1.0 - level) / 2.0);
    high = index::quantile_sorted(d, (1.0 + level) / 2.0);
}

}  // namespace

ChangeMonteCarlo change_intervals(const index::IndexModel& model, const index::IndexResult& det, index::UncertaintyOptions o,
                                  const std::vector<std::pair<std::size_t, std::size_t>>& pairs, std::size_t units, double level,
                                  const Progress& progress) {
    if (!(level > 0 && level < 1)) throw UsageError("the interval level must be between 0 and 1", {}, "e.g. {{level 0.9}}");
    if (o.runs < 2) throw UsageError("the significance of a change needs Monte Carlo runs", {}, "set {{runs}}, e.g. 1000");
    const std::size_t runs = o.runs;
    o.rank_intervals = false;  // ranks over all unit-years mean nothing here
    o.rank_shift = o.sensitivity;  // nor does their shift, unless the sensitivity indices need it
    // diffs[p][run * units + u]: float halves the memory; a change needs no more digits.
    std::vector<std::vector<float>> diffs(pairs.size(), std::vector<float>(runs * units));
    o.on_run = [&](std::size_t run, const std::vector<double>& index) {
        for (std::size_t p = 0; p < pairs.size(); ++p) {
            const std::size_t a = pairs[p].first * units, b = pairs[p].second * units;
            float* out = diffs[p].data() + run * units;
            for (std::size_t u = 0; u < units; ++u) out[u] = static_cast<float>(index[b + u] - index[a + u]);
        }
    };
    ChangeMonteCarlo mc;
    mc.uncertainty = index::run_uncertainty(model, det, o, progress.scaled(0.0, 0.95));
    for (std::size_t p = 0; p < pairs.size(); ++p) {
        ChangeInterval ci;
        ci.low.assign(units, NAN);
        ci.high.assign(units, NAN);
        ci.significant.assign(units, 0);
        parallel_for(units, resolve_threads(o.threads), [&](std::size_t b, std::size_t e) {
            std::vector<double> d;
            for (std::size_t u = b; u < e; ++u) {
                d.resize(runs);
                for (std::size_t r = 0; r < runs; ++r) d[r] = diffs[p][r * units + u];
                interval_of(d, runs, level, ci.low[u], ci.high[u]);
                ci.significant[u] = ci.low[u] > 0 ? 1 : ci.high[u] < 0 ? -1 : 0;
            }
        }, 256);
        mc.pairs.push_back(std::move(ci));
    }
    progress.report(1.0);
    return mc;
}

}  // namespace leefbaar::monitor
