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

namespace {
std::vector<double> crude_values(const FeatureTable& t, const TransformSpec& s) {
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

// A count or population below 0 is a data error, not a small number to smooth.
std::vector<double> non_negative(const FeatureTable& t, const std::string& name, const std::string& what) {
    const Column& c = numeric(t, name);
    std::vector<double> v(t.rows());
    for (std::size_t i = 0; i < t.rows(); ++i) {
        v[i] = c.as_double(i);
        if (v[i] < 0)
            throw DataError(what + " '" + name + "' is " + std::to_string(v[i]) + " (negative)",
                            ErrorContext{t.source_file, t.source_layer, static_cast<std::int64_t>(i + 1), name, {}},
                            "Empirical Bayes smoothing needs counts and populations of 0 or more: correct the value or leave it empty");
    }
    return v;
}

void smooth(const FeatureTable& t, const TransformSpec& s, const SpatialWeights* w, Derived& d) {
    if (s.transform != Transform::Per1000 && s.transform != Transform::Share)
        throw UsageError("smoothing = \"" + std::string(to_string(s.smoothing)) + "\" of '" + s.column + "' needs a rate: transform = \"per_1000\" or \"share\"",
                         {}, "set transform and denominator (the population at risk), or remove smoothing");
    if (s.smoothing == Smoothing::SpatialEb && !w)
        throw UsageError("smoothing = \"spatial_eb\" of '" + s.column + "' needs the units' neighbours", {},
                         "use polygons as the units, or smoothing = \"eb\"");
    const auto x = non_negative(t, s.column, "count");
    const auto n = non_negative(t, s.denominator, "population");
    for (std::size_t i = 0; i < n.size(); ++i) d.zero_population += !std::isnan(x[i]) && n[i] == 0 ? 1 : 0;
    const double scale = s.transform == Transform::Per1000 ? 1000.0 : 100.0;
    d.crude = std::move(d.value);
    d.value = s.smoothing == Smoothing::Eb ? eb_global(x, n, scale) : eb_spatial(x, n, *w, scale);
}
}  // namespace

Derived derive_all(const FeatureTable& t, const TransformSpec& s, const SpatialWeights* w) {
    Derived d;
    d.value = crude_values(t, s);
    if (s.smoothing != Smoothing::None) smooth(t, s, w, d);
    if (s.min_population > 0) {
        const std::string& pop = s.denominator.empty() || s.transform == Transform::PerKm2 ? s.population : s.denominator;
        if (pop.empty())
            throw UsageError("min_population of '" + s.column + "' needs a population column", {},
                             "give the indicator a denominator (per_1000, share), or set [index] population");
        const Column& c = numeric(t, pop);
        d.population.resize(t.rows());
        d.too_small.assign(t.rows(), 0);
        for (std::size_t i = 0; i < t.rows(); ++i) {
            d.population[i] = c.as_double(i);
            if (std::isnan(d.population[i]) || d.population[i] >= s.min_population) continue;
            d.too_small[i] = 1;
            d.value[i] = NAN;
        }
    }
    return d;
}

std::vector<double> derive(const FeatureTable& t, const TransformSpec& s, const SpatialWeights* w) { return derive_all(t, s, w).value; }

}  // namespace leefbaar::index
