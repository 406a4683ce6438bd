#include "time/emerging_categories.hpp"

#include <cmath>
#include <stdexcept>

#include "core/error.hpp"

namespace leefbaar {
namespace {

struct Named {
    EmergingCategory c;
    std::string name;
};

const std::vector<Named>& names() {
    static const std::vector<Named> n = {
        {EmergingCategory::NewHot, "New hot spot"},
        {EmergingCategory::ConsecutiveHot, "Consecutive hot spot"},
        {EmergingCategory::IntensifyingHot, "Intensifying hot spot"},
        {EmergingCategory::PersistentHot, "Persistent hot spot"},
        {EmergingCategory::DiminishingHot, "Diminishing hot spot"},
        {EmergingCategory::SporadicHot, "Sporadic hot spot"},
        {EmergingCategory::OscillatingHot, "Oscillating hot spot"},
        {EmergingCategory::HistoricalHot, "Historical hot spot"},
        {EmergingCategory::NewCold, "New cold spot"},
        {EmergingCategory::ConsecutiveCold, "Consecutive cold spot"},
        {EmergingCategory::IntensifyingCold, "Intensifying cold spot"},
        {EmergingCategory::PersistentCold, "Persistent cold spot"},
        {EmergingCategory::DiminishingCold, "Diminishing cold spot"},
        {EmergingCategory::SporadicCold, "Sporadic cold spot"},
        {EmergingCategory::OscillatingCold, "Oscillating cold spot"},
        {EmergingCategory::HistoricalCold, "Historical cold spot"},
        {EmergingCategory::NoPattern, "No pattern detected"},
    };
    return n;
}

// "At least 90 percent of the time-step intervals", in integers so that 9 of 10
// counts and no rounding of 0.9 decides.
bool ninety_percent(std::size_t count, std::size_t n) { return 10 * count >= 9 * n; }

EmergingCategory signed_category(int sign, EmergingCategory hot) { return static_cast<EmergingCategory>(sign * static_cast<int>(hot)); }

// The final step is a significant spot of sign `s` (+1 hot, -1 cold); the rules
// for hot spots, mirrored for cold ones by `s`.
EmergingCategory final_step_category(const std::vector<StepSign>& signs, int s, const MannKendall& trend, double alpha) {
    const std::size_t n = signs.size();
    std::size_t same = 0, opposite = 0;
    for (auto v : signs) {
        same += v == s ? 1 : 0;
        opposite += v == -s ? 1 : 0;
    }
    if (ninety_percent(same, n)) {
        // Intensifying: the clustering grows stronger in the spot's direction
        // (z rising for hot, falling for cold), significantly; diminishing: the reverse.
        const bool significant = trend.n > 0 && trend.p <= alpha && trend.z != 0;
        if (!significant) return signed_category(s, EmergingCategory::PersistentHot);
        return signed_category(s, (trend.z > 0) == (s > 0) ? EmergingCategory::IntensifyingHot : EmergingCategory::DiminishingHot);
    }
    // A significant spot of the other sign before: oscillating, even where the
    // text of "new" or "consecutive" would also fit (see the methods page).
    if (opposite > 0) return signed_category(s, EmergingCategory::OscillatingHot);
    if (same == 1) return signed_category(s, EmergingCategory::NewHot);
    std::size_t run = 0;
    while (run < n && signs[n - 1 - run] == s) ++run;
    return signed_category(s, run == same ? EmergingCategory::ConsecutiveHot : EmergingCategory::SporadicHot);
}

}  // namespace

const std::string& to_string(EmergingCategory c) {
    for (const auto& n : names())
        if (n.c == c) return n.name;
    throw std::logic_error("unknown emerging hot spot category");
}

const std::vector<EmergingCategory>& all_emerging_categories() {
    static const std::vector<EmergingCategory> all = [] {
        std::vector<EmergingCategory> v;
        for (const auto& n : names()) v.push_back(n.c);
        return v;
    }();
    return all;
}

std::vector<StepSign> step_signs(const std::vector<double>& z, const std::vector<double>& p, double cutoff) {
    if (z.size() != p.size()) throw UsageError("step_signs: " + std::to_string(z.size()) + " z-scores but " + std::to_string(p.size()) + " p-values");
    std::vector<StepSign> s(z.size(), 0);
    for (std::size_t t = 0; t < z.size(); ++t)
        if (std::isfinite(z[t]) && std::isfinite(p[t]) && p[t] <= cutoff && z[t] != 0) s[t] = z[t] > 0 ? 1 : -1;
    return s;
}

EmergingCategory classify_emerging(const std::vector<StepSign>& signs, const MannKendall& trend, double alpha) {
    if (signs.empty()) return EmergingCategory::NoPattern;
    const StepSign last = signs.back();
    if (last != 0) return final_step_category(signs, last, trend, alpha);
    // Historical: not a significant spot at the final step, but one in at least
    // 90 % of the steps (only possible from 10 steps on).
    std::size_t hot = 0, cold = 0;
    for (auto v : signs) {
        hot += v > 0 ? 1 : 0;
        cold += v < 0 ? 1 : 0;
    }
    if (ninety_percent(hot, signs.size())) return EmergingCategory::HistoricalHot;
    if (ninety_percent(cold, signs.size())) return EmergingCategory::HistoricalCold;
    return EmergingCategory::NoPattern;
}

}  // namespace leefbaar
