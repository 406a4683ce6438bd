#include "index/imputation.hpp"

#include <cmath>

#include "core/error.hpp"
#include "index/stats.hpp"

namespace leefbaar::index {

ImputeResult impute(std::vector<double>& x, Imputation method, const SpatialWeights* weights) {
    ImputeResult r;
    r.imputed.assign(x.size(), 0);
    const std::size_t missing = x.size() - count_present(x);
    if (missing == 0) return r;
    if (method == Imputation::None) {
        r.left_missing = missing;
        return r;
    }
    if (method == Imputation::NeighbourMean) {
        if (!weights)
            throw UsageError("missing values by neighbour mean need spatial weights", {},
                             "use polygons as input, or choose missing = \"mean\" or \"median\"");
        if (weights->size() != x.size())
            throw UsageError("spatial weights cover " + std::to_string(weights->size()) + " units but the table has " +
                             std::to_string(x.size()));
        const std::vector<double> observed = x;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!std::isnan(observed[i])) continue;
            double s = 0, sw = 0;
            const auto& nb = weights->neighbours[i];
            for (std::size_t k = 0; k < nb.size(); ++k) {
                const double v = observed[static_cast<std::size_t>(nb[k])];
                if (std::isnan(v)) continue;
                const double w = weights->weights.empty() ? 1.0 : weights->weights[i][k];
                s += w * v;
                sw += w;
            }
            if (sw > 0) {
                x[i] = s / sw;
                r.imputed[i] = 1;
                ++r.filled;
            } else {
                ++r.left_missing;
            }
        }
        return r;
    }
    const double fill = method == Imputation::Mean ? mean(x) : median(x);
    if (std::isnan(fill)) {
        r.left_missing = missing;
        return r;
    }
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::isnan(x[i])) {
            x[i] = fill;
            r.imputed[i] = 1;
            ++r.filled;
        }
    return r;
}

}  // namespace leefbaar::index
