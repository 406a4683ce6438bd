#include "spatial/weights.hpp"

namespace leefbaar {

std::size_t SpatialWeights::links() const {
    std::size_t n = 0;
    for (const auto& row : neighbours) n += row.size();
    return n;
}

}  // namespace leefbaar
