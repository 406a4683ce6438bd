#include "index/smoothing.hpp"

#include <cmath>
#include <utility>

#include "core/error.hpp"

namespace leefbaar::index {

namespace {
const std::pair<const char*, Smoothing> kSmoothing[] = {{"none", Smoothing::None}, {"eb", Smoothing::Eb}, {"spatial_eb", Smoothing::SpatialEb}};

bool usable(double x, double n) { return !std::isnan(x) && !std::isnan(n) && n > 0; }

// The reference's pooled rate b and prior variance a, in two passes (the one-pass
// form sum n r^2 - b sum x loses digits to cancellation when rates are small).
struct Reference {
    double b = 0, a = 0;
};

template <class Each>
Reference fit_reference(const std::vector<double>& x, const std::vector<double>& n, Each each) {
    double sx = 0, sn = 0, count = 0;
    each([&](std::size_t k) { sx += x[k]; sn += n[k]; count += 1; });
    Reference ref;
    ref.b = sx / sn;
    double ss = 0;
    each([&](std::size_t k) {
        const double d = x[k] / n[k] - ref.b;
        ss += n[k] * d * d;
    });
    ref.a = ss / sn - ref.b / (sn / count);
    if (!(ref.a > 0)) ref.a = 0;  // Marshall: a negative moment estimate means no between-unit variance
    return ref;
}

double shrink(double x, double n, const Reference& ref) {
    const double denom = ref.a + ref.b / n;
    // b = 0 (no events anywhere in the reference): the rate is 0 already.
    const double w = denom > 0 ? ref.a / denom : 1.0;
    return w * (x / n) + (1.0 - w) * ref.b;
}
}  // namespace

Smoothing parse_smoothing(const std::string& s) {
    if (s.empty()) return Smoothing::None;
    for (const auto& [n, v] : kSmoothing)
        if (s == n) return v;
    const auto known = names_smoothing();
    const auto near = nearest_name(s, known);
    throw UsageError("unknown smoothing '" + s + "'", {}, (near.empty() ? "" : "did you mean '" + near + "'? ") + "known: " + join_names(known));
}

const char* to_string(Smoothing s) {
    for (const auto& [n, v] : kSmoothing)
        if (v == s) return n;
    return "?";
}

std::vector<std::string> names_smoothing() {
    std::vector<std::string> out;
    for (const auto& [n, v] : kSmoothing) out.emplace_back(n);
    return out;
}

std::vector<double> eb_global(const std::vector<double>& x, const std::vector<double>& n, double scale) {
    const auto all = [&](auto&& f) {
        for (std::size_t k = 0; k < x.size(); ++k)
            if (usable(x[k], n[k])) f(k);
    };
    std::vector<double> out(x.size(), NAN);
    bool any = false;
    all([&](std::size_t) { any = true; });
    if (!any) return out;
    const Reference ref = fit_reference(x, n, all);
    all([&](std::size_t i) { out[i] = scale * shrink(x[i], n[i], ref); });
    return out;
}

std::vector<double> eb_spatial(const std::vector<double>& x, const std::vector<double>& n, const SpatialWeights& w, double scale) {
    if (w.size() != x.size())
        throw UsageError("the neighbours describe " + std::to_string(w.size()) + " units, the rates " + std::to_string(x.size()), {},
                         "build the neighbours from the same units as the table");
    std::vector<double> out(x.size(), NAN);
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!usable(x[i], n[i])) continue;
        const auto window = [&](auto&& f) {
            f(i);
            for (const auto j : w.neighbours[i]) {
                const auto k = static_cast<std::size_t>(j);
                if (k != i && usable(x[k], n[k])) f(k);
            }
        };
        out[i] = scale * shrink(x[i], n[i], fit_reference(x, n, window));
    }
    return out;
}

}  // namespace leefbaar::index
