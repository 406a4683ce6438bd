#include "time/unit_subset.hpp"

#include <cmath>
#include <limits>

#include "spatial/weights_ops.hpp"

namespace leefbaar {
namespace {

template <class T>
std::vector<T> spread(const std::vector<T>& v, const UnitSubset& s, std::size_t n, const T& missing) {
    if (v.empty()) return {};  // a field the statistic does not fill (quadrant of Gi*)
    std::vector<T> out(n, missing);
    for (std::size_t k = 0; k < s.keep.size(); ++k) out[s.keep[k]] = v[k];
    return out;
}

}  // namespace

UnitSubset finite_units(const std::vector<double>& x) {
    UnitSubset s;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::isfinite(x[i])) {
            s.keep.push_back(i);
            s.values.push_back(x[i]);
        }
    return s;
}

SpatialWeights subset_weights(const SpatialWeights& raw, const UnitSubset& s, WeightsTransform transform) {
    auto w = subset_weights(raw, s.keep);
    apply_transform(w, transform);
    return w;
}

LocalResult expand_to_units(const LocalResult& r, const UnitSubset& s, std::size_t n) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    LocalResult out = r;
    out.value = spread(r.value, s, n, nan);
    out.expected = spread(r.expected, s, n, nan);
    out.variance = spread(r.variance, s, n, nan);
    out.z = spread(r.z, s, n, nan);
    out.p = spread(r.p, s, n, nan);
    out.z_sim = spread(r.z_sim, s, n, nan);
    out.significant = spread(r.significant, s, n, std::uint8_t{0});
    out.category = spread(r.category, s, n, category::undefined);
    out.quadrant = spread(r.quadrant, s, n, category::undefined);
    return out;
}

}  // namespace leefbaar
