#include "index/transform.hpp"

#include <cmath>
#include <utility>

#include "core/error.hpp"

namespace leefbaar::index {

namespace {
// The one list of transform names: the parser, to_string and the project key's
// choices (steps/index_params.cpp) all read it.
const std::pair<const char*, Transform> kTransforms[] = {
    {"none", Transform::None}, {"per_1000", Transform::Per1000}, {"per_km2", Transform::PerKm2}, {"share", Transform::Share}, {"log", Transform::Log}};
}  // namespace

Transform parse_transform(const std::string& s) {
    if (s.empty()) return Transform::None;
    for (const auto& [n, t] : kTransforms)
        if (s == n) return t;
    const auto known = names_transform();
    const auto near = nearest_name(s, known);
    throw UsageError("unknown transform '" + s + "'", {}, (near.empty() ? "" : "did you mean '" + near + "'? ") + "known: " + join_names(known));
}

const char* to_string(Transform t) {
    for (const auto& [n, x] : kTransforms)
        if (x == t) return n;
    return "?";
}

std::vector<std::string> names_transform() {
    std::vector<std::string> out;
    for (const auto& [n, t] : kTransforms) out.emplace_back(n);
    return out;
}

namespace {
const Column& numeric(const FeatureTable& t, const std::string& name) {
    const Column& c = t.column(name);
    if (!c.is_numeric())
        throw DataError("column '" + name + "' holds text, not numbers", ErrorContext{t.source_file, t.source_layer, {}, name, {}},
                        "choose a numeric column, or check the table's decimal separator");
    return c;
}
}  // namespace

std::vector<double> derive(const FeatureTable& t, const TransformSpec& s) {
    const Column& x = numeric(t, s.column);
    std::vector<double> out(t.rows());
    const Column* den = nullptr;
    if (s.transform == Transform::Per1000 || s.transform == Transform::Share) {
        if (s.denominator.empty())
            throw UsageError("transform '" + std::string(to_string(s.transform)) + "' of '" + s.column + "' needs a denominator column", {},
                             "set denominator = \"<column>\"");
        den = &numeric(t, s.denominator);
    } else if (s.transform == Transform::PerKm2) {
        den = &numeric(t, s.area_column);
    }
    for (std::size_t i = 0; i < t.rows(); ++i) {
        const double v = x.as_double(i);
        double d = den ? den->as_double(i) : 1.0;
        switch (s.transform) {
        case Transform::None: out[i] = v; break;
        case Transform::Per1000: out[i] = d != 0 ? 1000.0 * v / d : NAN; break;
        case Transform::PerKm2: out[i] = d > 0 ? v / d : NAN; break;
        case Transform::Share: out[i] = d != 0 ? 100.0 * v / d : NAN; break;
        case Transform::Log: out[i] = v > -1 ? std::log1p(v) : NAN; break;
        }
        if (std::isinf(out[i])) out[i] = NAN;
    }
    return out;
}

}  // namespace leefbaar::index
