#include "core/crs.hpp"

namespace leefbaar {

std::string Crs::label() const {
    if (empty()) return "no CRS";
    std::string out = epsg ? "EPSG:" + std::to_string(*epsg) : std::string("custom CRS");
    if (!name.empty()) out += " (" + name + ")";
    return out;
}

}  // namespace leefbaar
