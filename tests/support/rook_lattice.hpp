#pragma once
// A side x side rook lattice (unit r * side + c, ids "0", "1", ...), binary weights:
// the small synthetic graph of the spatial and time tests.
#include <string>

#include "spatial/weights.hpp"

namespace leefbaar::test {

inline SpatialWeights rook_lattice(int side) {
    SpatialWeights w;
    const auto n = static_cast<std::size_t>(side * side);
    w.neighbours.resize(n);
    w.weights.resize(n);
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            const auto i = static_cast<std::size_t>(r * side + c);
            auto& nb = w.neighbours[i];
            if (r > 0) nb.push_back((r - 1) * side + c);
            if (c > 0) nb.push_back(r * side + c - 1);
            if (c + 1 < side) nb.push_back(r * side + c + 1);
            if (r + 1 < side) nb.push_back((r + 1) * side + c);
            w.weights[i].assign(nb.size(), 1.0);
        }
    for (std::size_t i = 0; i < n; ++i) w.ids.push_back(std::to_string(i));
    w.transform = WeightsTransform::Binary;
    w.kind = "rook lattice";
    return w;
}

}  // namespace leefbaar::test
