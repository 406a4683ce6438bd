#include "steps/weights_params.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"

namespace leefbaar::steps {

using params::Type;

bool is_weights_file(const std::string& s) {
    const auto dot = s.find_last_of('.');
    if (dot == std::string::npos) return false;
    std::string e = s.substr(dot + 1);
    for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e == "gal" || e == "gwt";
}

namespace {
void declare_distance_options(params::ParamList& l, WeightsSpec& s);
}

void declare_weights(params::ParamList& l, WeightsSpec& s, WeightsGroup group) {
    const bool all = group == WeightsGroup::All;
    l.begin_group("Weights");
    std::vector<std::string> types = {"queen", "rook"};
    if (all) types.insert(types.end(), {"knn", "distance", "inverse-distance", "kernel"});
    types.push_back("file");
    l.add("weights", Type::Choice,
          all ? "Spatial weights: contiguity (queen, rook), k nearest neighbours, a distance band, inverse distance, a kernel, or a GAL/GWT file"
              : "Contiguity for the spatial methods: queen, rook, or a GAL/GWT file")
        .choices(types)
        .also_accept(is_weights_file, "the path of a .gal/.gwt file")
        .meta("TYPE|FILE")
        .bind(s.type);
    l.add("weights_file", Type::InputPath, "GAL/GWT weights file whose ids are the key values (same as weights = FILE)").meta("FILE").bind(s.file);
    l.add("snap_tolerance", Type::Number, "Contiguity: boundaries closer than this count as shared")
        .unit("CRS units")
        .min(0)
        .default_text("0.01 m (projected CRS)")
        .old_name("snap")
        .bind(s.snap_tolerance);
    l.add("islands", Type::Choice, "Units without neighbours: keep (their statistics are undefined), drop, or connect-nearest")
        .choices({"keep", "drop", "connect-nearest"})
        .bind(s.islands);
    if (all) declare_distance_options(l, s);
    l.begin_group("");
}

namespace {
void declare_distance_options(params::ParamList& l, WeightsSpec& s) {
    l.add("order", Type::Integer, "Contiguity order (2 = neighbours of neighbours)").min(1).max(20).bind(s.order);
    l.add("cumulative_order", Type::Boolean, "With order > 1: include all orders 1..order").old_name("cumulative").bind(s.cumulative_order);
    l.add("neighbours", Type::Integer, "knn: neighbours per unit; kernel: the k-th neighbour sets the bandwidth")
        .min(1)
        .max(10000)
        .old_name("k")
        .bind(s.k);
    l.add("threshold", Type::Number, "distance / inverse-distance: the distance band")
        .unit("m")
        .min(0, false)
        .default_text("smallest leaving no unit without a neighbour")
        .bind(s.threshold);
    l.add("power", Type::Number, "inverse-distance: w = 1 / d^power").min(0, false).bind(s.power);
    l.add("kernel", Type::Choice, "kernel function").choices({"triangular", "uniform", "epanechnikov", "quartic", "gaussian"}).bind(s.kernel);
    l.add("adaptive", Type::Boolean, "kernel: adaptive bandwidth (distance to each unit's k-th neighbour)").bind(s.adaptive);
    l.add("bandwidth", Type::Number, "kernel: fixed bandwidth")
        .unit("m")
        .min(0, false)
        .default_text("largest k-th neighbour distance")
        .bind(s.bandwidth);
    l.add("points", Type::Choice, "Points for distance weights").choices({"centroid", "point-on-surface"}).bind(s.points);
    l.add("great_circle", Type::Boolean, "Distances on the sphere, for longitude/latitude data").bind(s.great_circle);
    l.add("transform", Type::Choice, "row (row-standardised) or binary").choices({"row", "binary"}).bind(s.transform);
}
}  // namespace

void finish_weights(WeightsSpec& s) {
    if (is_weights_file(s.type)) {
        s.file = s.type;
        s.type = "file";
    } else if (!s.file.empty()) {
        s.type = "file";
    } else if (s.type == "file") {
        ErrorContext ctx;
        ctx.param = "weights";
        throw UsageError("weights = file needs {{weights_file}}", ctx, "name the GAL/GWT file, relative to the project file or the working directory");
    }
}

}  // namespace leefbaar::steps
