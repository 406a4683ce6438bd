#include <regex>

#include "core/field_names.hpp"
#include "output/document.hpp"

namespace leefbaar::output {

FieldDoc describe_field(const std::string& table, const std::string& c) {
    FieldDoc d{table, c, {}, {}};
    auto set = [&](std::string t, std::string desc) {
        d.title = std::move(t);
        d.description = std::move(desc);
        return d;
    };
    if (c == fields::index_score) return set("Liveability index", "Composite liveability score; higher = more liveable.");
    if (c == fields::index_rank) return set("Rank", "Rank of the index; 1 = most liveable.");
    if (c == fields::index_percentile) return set("Percentile", "Percentile of the index (0-100).");
    if (c == fields::index_class) return set("Index class", "Class of the index; 1 = lowest.");
    if (c == fields::index_class_label) return set("Index class label", "Label of the index class.");
    if (c == fields::index_status) return set("Index status", "'ok' or the reason the unit has no index score.");
    if (c == fields::rank_median) return set("Rank (median)", "Median rank over the Monte Carlo uncertainty runs.");
    if (c == fields::rank_p05) return set("Rank (5th percentile)", "5th percentile of the rank over the uncertainty runs.");
    if (c == fields::rank_p95) return set("Rank (95th percentile)", "95th percentile of the rank over the uncertainty runs.");
    if (c == fields::dist_mean)
        return set("Distance from the mean unit", "Index minus the index of the mean unit (every normalised indicator at its mean); the contributions add up to it.");
    if (c == fields::top_plus) return set("Strongest indicators", "Indicators that raise the index most above the mean unit, with their contributions in index points.");
    if (c == fields::top_minus) return set("Weakest indicators", "Indicators that lower the index most below the mean unit, with their contributions in index points.");
    if (c == fields::next_class)
        return set("To the next class", "The least change of one indicator that lifts the unit into the next class, or why none does (top class, not reachable).");
    if (c == fields::next_class_indicator) return set("Next class: indicator", "The indicator whose change reaches the next class with the least relative change.");
    if (c == fields::next_class_change) return set("Next class: change", "Change of that indicator's raw value (its own units) that puts the index on the class bound; any more moves the unit up.");
    if (c == fields::next_class_domain) return set("Next class: domain", "The domain whose score reaches the next class with the least change.");
    if (c == fields::next_class_domain_change) return set("Next class: domain change", "Change of that domain score (score points) that puts the index on the class bound.");
    if (c == fields::cluster_id) return set("Cluster", "Cluster or region number; empty = excluded (see cluster_status).");
    if (c == fields::cluster_status) return set("Cluster status", "Why a unit has no cluster, if so.");
    std::smatch m;
    static const std::regex norm("^n_(.+)$"), imp("^imp_(.+)$"), dom("^d_(.+)$"), lisa("^lisa_(.+)_(i|z|p|cl)$"), gi("^gi_(.+)_(z|p|bin)$"),
        ms("^ms_(.+)_(z|lag)$"), lg("^lg_(.+)$");
    if (std::regex_match(c, m, norm)) return set(m[1].str() + " (normalised)", "Normalised indicator " + m[1].str() + "; higher = better.");
    if (std::regex_match(c, m, imp)) return set(m[1].str() + " imputed", "1 if the value of " + m[1].str() + " was imputed.");
    if (std::regex_match(c, m, dom)) return set("Domain " + m[1].str(), "Score of the domain " + m[1].str() + "; higher = more liveable.");
    if (std::regex_match(c, m, lisa)) {
        const std::string x = m[1].str(), k = m[2].str();
        if (k == "i") return set("Local Moran's I of " + x, "Local Moran's I (Anselin 1995) of " + x + ".");
        if (k == "z") return set("LISA z of " + x, "Standardised local Moran's I of " + x + ".");
        if (k == "p") return set("LISA p of " + x, "Pseudo p-value of the local Moran's I of " + x + " (conditional permutation).");
        return set("LISA cluster of " + x, "High-High, Low-Low, Low-High, High-Low, Not significant, No neighbours or Undefined.");
    }
    if (std::regex_match(c, m, gi)) {
        const std::string x = m[1].str(), k = m[2].str();
        if (k == "z") return set("Gi* z of " + x, "Getis-Ord Gi* z-score of " + x + "; positive = hot spot.");
        if (k == "p") return set("Gi* p of " + x, "p-value of the Getis-Ord Gi* of " + x + ".");
        return set("Hot/cold spot of " + x, "Gi* confidence bin: +3/+2/+1 hot spot at 99/95/90 %, -3..-1 cold spot, 0 not significant.");
    }
    if (std::regex_match(c, m, ms)) {
        const std::string x = m[1].str();
        return m[2].str() == "z" ? set(x + " (standardised)", "z-score of " + x + " as used in the Moran scatter plot.")
                                 : set("Spatial lag of " + x, "Spatially lagged standardised " + x + " (row-standardised weights).");
    }
    if (std::regex_match(c, m, lg)) return set("Local Geary of " + m[1].str(), "Local Geary's c (Anselin 1995) of " + m[1].str() + ".");
    return d;
}

}  // namespace leefbaar::output
