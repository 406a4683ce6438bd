#include "time/emerging_hot_spots.hpp"

#include <cmath>

#include "core/error.hpp"
#include "spatial/weights_ops.hpp"
#include "time/unit_subset.hpp"

namespace leefbaar {
namespace {

void validate(const SpatialWeights& raw, const SpaceTimeValues& data, const EmergingHotSpotOptions& o) {
    if (!(o.alpha > 0 && o.alpha < 1)) throw UsageError("alpha must lie between 0 and 1", {}, "use e.g. {{alpha 0.1}}");
    if (o.permutations < 1) throw UsageError("Emerging Hot Spot Analysis needs at least 1 permutation", {}, "use e.g. {{permutations 999}}");
    parse_alternative(o.alternative);
    parse_multiple_testing(o.multiple_testing);
    parse_draws(o.draws);
    if (data.steps.size() < kMannKendallMinValues)
        throw DataError(std::to_string(data.steps.size()) + " time step(s) are too few for Emerging Hot Spot Analysis", {},
                        "the Mann-Kendall trend test needs at least " + std::to_string(kMannKendallMinValues) + " time steps");
    if (data.values.size() != raw.size())
        throw DataError("the weights have " + std::to_string(raw.size()) + " units but the values " + std::to_string(data.values.size()));
    for (std::size_t i = 0; i < data.values.size(); ++i)
        if (data.values[i].size() != data.steps.size())
            throw DataError("unit '" + raw.ids[i] + "' has " + std::to_string(data.values[i].size()) + " values for " + std::to_string(data.steps.size()) +
                            " time steps");
}

LocalInferenceOptions inference(const EmergingHotSpotOptions& o) {
    LocalInferenceOptions inf;
    inf.permutations = o.permutations;
    inf.seed = o.seed;  // the same seed every step: each step's Gi* is that step's single-step analysis
    inf.alternative = parse_alternative(o.alternative);
    inf.adjust = parse_multiple_testing(o.multiple_testing);
    inf.alpha = o.alpha;
    inf.threads = o.threads;
    inf.draws = parse_draws(o.draws);
    return inf;
}

// Gi* of one step on binary weights with each unit its own neighbour, among the
// units with a value that step (as spatial_analysis.cpp computes it).
LocalResult step_gistar(const SpatialWeights& raw, const std::vector<double>& x, const std::string& step, const LocalInferenceOptions& inf,
                        const Progress& progress, std::vector<std::string>& warnings) {
    const auto s = finite_units(x);
    if (s.keep.size() < 4)
        throw DataError("time step " + step + " has a value for only " + std::to_string(s.keep.size()) + " unit(s)", {},
                        "Gi* needs at least 4 units with a value in every time step");
    if (s.keep.size() < x.size())
        warnings.push_back("time step " + step + ": " + std::to_string(x.size() - s.keep.size()) +
                           " unit(s) without a value count as not significant that step");
    const auto wstar = include_self(subset_weights(raw, s, WeightsTransform::Binary));
    try {
        return expand_to_units(local_g(s.values, wstar, true, inf, progress), s, x.size());
    } catch (const DataError& e) {
        throw DataError("time step " + step + ": " + e.message(), e.context(), e.hint());
    }
}

std::vector<double> step_column(const SpaceTimeValues& data, std::size_t t) {
    std::vector<double> x(data.values.size());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = data.values[i][t];
    return x;
}

}  // namespace

std::vector<StepSign> unit_signs(const EmergingHotSpotResult& r, std::size_t i) {
    std::vector<StepSign> s(r.gistar.size(), 0);
    for (std::size_t t = 0; t < s.size(); ++t) {
        const double z = r.gistar[t].z[i];
        if (r.gistar[t].significant[i] && std::isfinite(z) && z != 0) s[t] = z > 0 ? 1 : -1;
    }
    return s;
}

EmergingHotSpotResult emerging_hot_spots(const SpatialWeights& raw, const SpaceTimeValues& data, const EmergingHotSpotOptions& o, const Progress& progress) {
    validate(raw, data, o);
    EmergingHotSpotResult r;
    r.options = o;
    const auto inf = inference(o);
    const std::size_t steps = data.steps.size(), n = raw.size();
    for (std::size_t t = 0; t < steps; ++t) {
        const double from = 0.95 * static_cast<double>(t) / static_cast<double>(steps);
        const double to = 0.95 * static_cast<double>(t + 1) / static_cast<double>(steps);
        r.gistar.push_back(step_gistar(raw, step_column(data, t), data.steps[t], inf, progress.scaled(from, to), r.warnings));
    }
    r.trend.assign(n, MannKendall{});
    r.category.assign(n, EmergingCategory::NoPattern);
    std::size_t short_series = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<double> z(steps);
        std::size_t finite = 0;
        for (std::size_t t = 0; t < steps; ++t) finite += std::isfinite(z[t] = r.gistar[t].z[i]) ? 1 : 0;
        if (finite >= kMannKendallMinValues) r.trend[i] = mann_kendall(z);
        else ++short_series;
        r.category[i] = classify_emerging(unit_signs(r, i), r.trend[i], o.alpha);
    }
    if (short_series)
        r.warnings.push_back(std::to_string(short_series) + " unit(s) have a Gi* z-score in fewer than " + std::to_string(kMannKendallMinValues) +
                             " time steps (no value, or no neighbours): no trend");
    progress.report(1.0, "emerging hot spots done");
    return r;
}

}  // namespace leefbaar
