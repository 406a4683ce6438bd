#include "time/differential_moran.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "time/unit_subset.hpp"

namespace leefbaar {

DifferentialMoranResult differential_local_moran(const std::vector<double>& before, const std::vector<double>& after, const SpatialWeights& raw,
                                                 WeightsTransform transform, const LocalInferenceOptions& inference, const Progress& progress) {
    if (before.size() != raw.size() || after.size() != raw.size())
        throw UsageError("differential Local Moran: " + std::to_string(before.size()) + " and " + std::to_string(after.size()) + " values for " +
                         std::to_string(raw.size()) + " units");
    DifferentialMoranResult r;
    r.change.assign(raw.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < raw.size(); ++i) r.change[i] = after[i] - before[i];  // NaN when either is
    const auto s = finite_units(r.change);
    if (s.keep.size() < 3)
        throw DataError("only " + std::to_string(s.keep.size()) + " unit(s) have a value in both time steps", {},
                        "the differential Local Moran needs the change of at least 3 units");
    try {
        r.lisa = expand_to_units(local_moran(s.values, subset_weights(raw, s, transform), inference, progress), s, raw.size());
    } catch (const DataError& e) {
        throw DataError("change: " + e.message(), e.context(), e.hint());
    }
    r.lisa.statistic = "differential_local_moran";
    return r;
}

}  // namespace leefbaar
