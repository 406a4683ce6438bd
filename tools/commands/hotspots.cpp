// `leefbaar hotspots POLYGONS --field X -o OUT.gpkg`: Getis-Ord Gi* hot and cold
// spots with confidence bins, and the global statistics.
#include "commands/spatial_local_command.hpp"

namespace leefbaar::cli {

std::unique_ptr<Command> make_hotspots_command() {
    return std::make_unique<SpatialLocalCommand>("hotspots", "Getis-Ord Gi* hot and cold spots, with global Moran's I and General G", false);
}

}  // namespace leefbaar::cli
