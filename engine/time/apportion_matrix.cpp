// Completing an apportion matrix (merge, sort, coverage checks); apportion.cpp applies it.
#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "core/error.hpp"
#include "time/apportion.hpp"

namespace leefbaar {
namespace {

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g %%", 100.0 * share);
    return buf;
}

void merge_pairs(std::vector<ApportionLink>& links) {
    std::sort(links.begin(), links.end(), [](const ApportionLink& a, const ApportionLink& b) {
        return a.target != b.target ? a.target < b.target : a.source < b.source;
    });
    std::vector<ApportionLink> merged;
    for (const auto& l : links) {
        if (!merged.empty() && merged.back().target == l.target && merged.back().source == l.source) {
            merged.back().share += l.share;
            merged.back().mass += l.mass;
        } else {
            merged.push_back(l);
        }
    }
    links = std::move(merged);
}

// Shares of one source summing above 1 happen only when target polygons overlap
// (a crosswalk is checked before): scaled to 1 so that no count is created.
void cap_overlapping(ApportionMatrix& m, std::vector<double>& covered) {
    std::vector<std::string> named;
    for (std::size_t i = 0; i < covered.size(); ++i)
        if (covered[i] > 1.0 + kIdentityTolerance) named.push_back(m.source_codes[i] + " (" + percent(covered[i]) + ")");
    if (named.empty()) return;
    for (auto& l : m.links)
        if (covered[l.source] > 1.0 + kIdentityTolerance) l.share /= covered[l.source];
    for (auto& c : covered) c = std::min(c, 1.0);
    m.warnings.push_back(std::to_string(named.size()) + " source unit(s) are covered more than once by overlapping target units: " +
                         join_names(named) + "; their shares were scaled to sum to 1");
}

void warn_coverage(ApportionMatrix& m) {
    std::vector<std::string> uncovered, unreached;
    for (std::size_t i = 0; i < m.uncovered.size(); ++i)
        if (m.uncovered[i] > kIdentityTolerance) uncovered.push_back(m.source_codes[i] + " (" + percent(m.uncovered[i]) + ")");
    std::vector<std::uint8_t> reached(m.target_codes.size(), 0);
    for (const auto& l : m.links) reached[l.target] = 1;
    for (std::size_t j = 0; j < reached.size(); ++j)
        if (!reached[j]) unreached.push_back(m.target_codes[j]);
    if (!uncovered.empty())
        m.warnings.push_back(std::to_string(uncovered.size()) + " source unit(s) are not wholly covered by the target units (uncovered share): " +
                             join_names(uncovered) + "; that part of their counts reaches no target");
    if (!unreached.empty())
        m.warnings.push_back(std::to_string(unreached.size()) + " target unit(s) receive nothing from the source units and stay missing: " +
                             join_names(unreached));
}

}  // namespace

bool is_identity_link(const ApportionMatrix& m, const ApportionLink& l) {
    return l.share >= 1.0 - kIdentityTolerance && m.source_codes[l.source] == m.target_codes[l.target];
}

void finalise(ApportionMatrix& m) {
    merge_pairs(m.links);
    std::vector<double> covered(m.source_codes.size(), 0.0);
    for (const auto& l : m.links) covered[l.source] += l.share;
    cap_overlapping(m, covered);
    m.uncovered.assign(covered.size(), 0.0);
    for (std::size_t i = 0; i < covered.size(); ++i) m.uncovered[i] = std::max(0.0, 1.0 - covered[i]);
    warn_coverage(m);
}

void weight_by_population(ApportionMatrix& m, const std::vector<double>& population) {
    if (population.size() != m.source_codes.size())
        throw UsageError(std::to_string(population.size()) + " population values given for " + std::to_string(m.source_codes.size()) +
                         " source units");
    for (auto& l : m.links) l.mass = l.share * population[l.source];
    m.weighting += " x population";
}

}  // namespace leefbaar
