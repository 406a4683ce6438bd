#include "project/weights_keys.hpp"

#include <algorithm>

namespace leefbaar::project {

namespace {

std::string one_of(const ParseContext& ctx, const toml::table& t, const std::string& key, const std::string& where,
                   const std::vector<std::string>& allowed, const std::string& current) {
    const auto v = ctx.get_string(t, key, where);
    if (!v) return current;
    if (std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) return *v;
    const std::string near = nearest_name(*v, allowed);
    ctx.fail(*t.get(key), key + " = \"" + *v + "\" is not known",
             (near.empty() ? std::string() : "did you mean \"" + near + "\"? ") + "choose one of: " + join_names(allowed));
}

}  // namespace

std::vector<std::string> weights_keys(bool full) {
    std::vector<std::string> k = {"weights", "weights_file", "snap_tolerance", "islands"};
    if (full)
        for (const char* s : {"order", "cumulative_order", "neighbours", "threshold", "power", "kernel", "adaptive", "bandwidth", "points",
                              "great_circle", "transform"})
            k.emplace_back(s);
    return k;
}

void parse_weights_keys(const toml::table& t, ParseContext& ctx, const std::string& where, WeightsSpec& s, bool full) {
    const std::vector<std::string> types = full ? std::vector<std::string>{"queen", "rook", "knn", "distance", "inverse-distance", "kernel", "file"}
                                                : std::vector<std::string>{"queen", "rook", "file"};
    s.type = one_of(ctx, t, "weights", where, types, s.type);
    if (const auto f = ctx.get_string(t, "weights_file", where)) {
        s.file = ctx.resolve_path(*f);
        s.type = "file";
    } else if (s.type == "file") {
        ctx.fail(*t.get("weights"), "weights = \"file\" needs weights_file = \"....gal\" (or .gwt)", "name the GAL/GWT file, relative to the project file");
    }
    if (const auto v = ctx.get_number(t, "snap_tolerance", where)) {
        if (*v < 0) ctx.fail(*t.get("snap_tolerance"), "snap_tolerance must not be negative", "it is in the units of the CRS (metres for RD New)");
        s.snap_tolerance = *v;
    }
    s.islands = one_of(ctx, t, "islands", where, {"keep", "drop", "connect-nearest"}, s.islands);
    if (!full) return;
    if (const auto v = ctx.get_int(t, "order", where, 1, 10)) s.order = *v;
    s.cumulative_order = ctx.get_bool(t, "cumulative_order", where).value_or(s.cumulative_order);
    if (const auto v = ctx.get_int(t, "neighbours", where, 1, kIntMax, "neighbours is the k of k-nearest, e.g. neighbours = 6")) s.k = *v;
    if (const auto v = ctx.get_number(t, "threshold", where)) {
        if (*v <= 0) ctx.fail(*t.get("threshold"), "threshold must be positive", "omit it to use the smallest distance that leaves no unit without a neighbour");
        s.threshold = *v;
    }
    if (const auto v = ctx.get_number(t, "power", where)) {
        if (*v <= 0) ctx.fail(*t.get("power"), "power must be positive");
        s.power = *v;
    }
    s.kernel = one_of(ctx, t, "kernel", where, {"triangular", "uniform", "epanechnikov", "quartic", "gaussian"}, s.kernel);
    s.adaptive = ctx.get_bool(t, "adaptive", where).value_or(s.adaptive);
    if (const auto v = ctx.get_number(t, "bandwidth", where)) {
        if (*v <= 0) ctx.fail(*t.get("bandwidth"), "bandwidth must be positive");
        s.bandwidth = *v;
    }
    s.points = one_of(ctx, t, "points", where, {"centroid", "point-on-surface"}, s.points);
    s.great_circle = ctx.get_bool(t, "great_circle", where).value_or(s.great_circle);
    s.transform = one_of(ctx, t, "transform", where, {"row", "binary"}, s.transform);
}

}  // namespace leefbaar::project
