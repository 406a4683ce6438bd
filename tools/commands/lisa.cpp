// `leefbaar lisa POLYGONS --field X -o OUT.gpkg`: Local Moran's I (LISA) with
// conditional permutation inference, the Moran scatter and the global statistics.
#include "commands/spatial_local_command.hpp"

namespace leefbaar::cli {

std::unique_ptr<Command> make_lisa_command() {
    return std::make_unique<SpatialLocalCommand>("lisa", "Local Moran's I (LISA) clusters and outliers, with global Moran's I", true);
}

}  // namespace leefbaar::cli
