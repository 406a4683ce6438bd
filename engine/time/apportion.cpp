#include "time/apportion.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace leefbaar {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The links of one target: [begin, end) of m.links.
struct TargetLinks {
    const ApportionLink* begin;
    const ApportionLink* end;
};

// Sums over one target's links, split by whether the source has a value and by
// whether the link is an identity link.
struct Sums {
    double mass = 0, missing_mass = 0, share = 0, missing_share = 0;
    double present_mass = 0, interp_mass = 0, interp_share = 0;
    double weighted = 0, abs_terms = 0, interp_abs_terms = 0;  // w x (extensive) or mass x (intensive)
};

Sums sum_links(const ApportionMatrix& m, TargetLinks t, const std::vector<double>& x, VariableKind kind) {
    Sums s;
    for (const auto* l = t.begin; l != t.end; ++l) {
        const double v = x[l->source];
        s.mass += l->mass;
        s.share += l->share;
        if (std::isnan(v)) {
            s.missing_mass += l->mass;
            s.missing_share += l->share;
            continue;
        }
        const bool interpolated = !is_identity_link(m, *l);
        const double term = (kind == VariableKind::Extensive ? l->share : l->mass) * v;
        s.present_mass += l->mass;
        s.weighted += term;
        s.abs_terms += std::abs(term);
        if (interpolated) {
            s.interp_mass += l->mass;
            s.interp_share += l->share;
            s.interp_abs_terms += std::abs(term);
        }
    }
    return s;
}

// The missing share by mass; by share where the masses are all 0 (a target whose
// sources have no population still receives their counts).
double missing_share(const Sums& s) {
    if (s.mass > 0) return s.missing_mass / s.mass;
    return s.share > 0 ? s.missing_share / s.share : 0.0;
}

double extensive_interp_share(const Sums& s) {
    if (s.abs_terms > 0) return s.interp_abs_terms / s.abs_terms;
    if (s.present_mass > 0) return s.interp_mass / s.present_mass;
    const double present_share = s.share - s.missing_share;
    return present_share > 0 ? s.interp_share / present_share : 0.0;
}

void apportion_target(const ApportionMatrix& m, TargetLinks t, const std::vector<double>& x, VariableKind kind, double max_missing,
                      std::size_t j, ApportionedValues& out) {
    if (t.begin == t.end) return;  // reached by no source: stays missing
    const Sums s = sum_links(m, t, x, kind);
    const double miss = missing_share(s);
    out.missing_share[j] = miss;
    // With max_missing 0 any missing source counts, even one without mass (no
    // population) that would otherwise drop its count silently. The tolerance keeps a
    // missing share that is max_missing up to rounding inside.
    if (s.missing_share > 0 && (max_missing == 0 || miss > max_missing + 1e-12)) return;
    if (kind == VariableKind::Extensive) {
        out.values[j] = s.weighted / (1.0 - miss);
        out.interp_share[j] = extensive_interp_share(s);
    } else if (s.present_mass > 0) {
        out.values[j] = s.weighted / s.present_mass;
        out.interp_share[j] = s.interp_mass / s.present_mass;
    }
}

}  // namespace

ApportionedValues apportion(const ApportionMatrix& m, const std::vector<double>& source_values, VariableKind kind, const ApportionOptions& options) {
    if (!(options.max_missing_share >= 0 && options.max_missing_share < 1))
        throw UsageError("the largest missing share must lie in [0, 1), not " + std::to_string(options.max_missing_share), {},
                         "use 0 to make a target missing whenever one of its sources is, or e.g. 0.1");
    if (source_values.size() != m.source_codes.size())
        throw UsageError(std::to_string(source_values.size()) + " values given for " + std::to_string(m.source_codes.size()) + " source units");
    const std::size_t n = m.target_codes.size();
    ApportionedValues out{std::vector<double>(n, kNaN), std::vector<double>(n, kNaN), std::vector<double>(n, kNaN)};
    const ApportionLink* l = m.links.data();
    const ApportionLink* end = l + m.links.size();
    while (l != end) {
        const ApportionLink* group_end = l;
        while (group_end != end && group_end->target == l->target) ++group_end;
        apportion_target(m, {l, group_end}, source_values, kind, options.max_missing_share, l->target, out);
        l = group_end;
    }
    return out;
}

}  // namespace leefbaar
