#pragma once
// The names of the fields the engine adds to the feature table. One place, because
// three stages depend on them: the stage that writes a field, the styles that
// recognise it (output/), and the documentation users read. A GIS user sees these
// names in QGIS' attribute table, so they are short, lower case and stable.
#include <string>
#include <string_view>

namespace leefbaar::fields {

// ---- composite index (engine/index) ----
inline std::string normalised(const std::string& indicator) { return "n_" + indicator; }    // 0..100 or z, higher = better
inline std::string imputed_flag(const std::string& indicator) { return "imp_" + indicator; }  // int 0/1
// Indicators with smoothing: the crude rate and the Empirical Bayes rate that enters the index.
inline std::string crude_rate(const std::string& indicator) { return "raw_" + indicator; }
inline std::string smoothed_rate(const std::string& indicator) { return "eb_" + indicator; }
inline std::string domain_score(const std::string& domain) { return "d_" + domain; }
inline const std::string index_score = "index";           // composite score, higher = more liveable
inline const std::string index_rank = "index_rank";       // 1 = most liveable
inline const std::string index_percentile = "index_pct";  // 0..100
inline const std::string index_class = "index_class";     // int class number, 1 = lowest
inline const std::string index_class_label = "index_class_label";
inline const std::string index_status = "index_status";   // "ok" or the reason the unit has no score
inline const std::string rank_median = "rank_median";     // Monte Carlo
inline const std::string rank_p05 = "rank_p05";
inline const std::string rank_p95 = "rank_p95";

// ---- explanations (engine/index/explain.hpp, [explain]) ----
inline const std::string dist_mean = "dist_mean";          // index - the mean unit's index (index points)
inline const std::string top_plus = "top_plus";            // text: "woz +4.2; gp +2.1": largest positive contributions
inline const std::string top_minus = "top_minus";          // text: most negative contributions
inline const std::string next_class = "next_class";        // text: what reaches the next class, or why nothing does
inline const std::string next_class_indicator = "next_class_ind";      // the best single indicator
inline const std::string next_class_change = "next_class_change";      // its change, in its raw units
inline const std::string next_class_domain = "next_class_domain";      // the best single domain
inline const std::string next_class_domain_change = "next_class_domain_change";  // its change, in score points

// ---- spatial statistics (engine/spatial), on a variable X ----
inline std::string moran_std(const std::string& x) { return "ms_" + x + "_z"; }    // standardised value
inline std::string moran_lag(const std::string& x) { return "ms_" + x + "_lag"; }  // its spatial lag
inline std::string lisa_i(const std::string& x) { return "lisa_" + x + "_i"; }
inline std::string lisa_z(const std::string& x) { return "lisa_" + x + "_z"; }
inline std::string lisa_p(const std::string& x) { return "lisa_" + x + "_p"; }
// Text: "High-High", "Low-Low", "Low-High", "High-Low", "Not significant",
// "No neighbours", "Undefined" (missing value).
inline std::string lisa_cluster(const std::string& x) { return "lisa_" + x + "_cl"; }
inline std::string gistar_z(const std::string& x) { return "gi_" + x + "_z"; }
inline std::string gistar_p(const std::string& x) { return "gi_" + x + "_p"; }
// Int -3..3: ±3 = 99 %, ±2 = 95 %, ±1 = 90 % confidence hot (+) / cold (−) spot, 0 = not significant.
inline std::string gistar_bin(const std::string& x) { return "gi_" + x + "_bin"; }
inline std::string local_geary(const std::string& x) { return "lg_" + x; }

// ---- clustering (engine/cluster) ----
inline const std::string cluster_id = "cluster";  // int, 1..k; null = excluded (reason in cluster_status)
inline const std::string cluster_status = "cluster_status";
inline const std::string regions_layer = "regions";  // dissolved regions: cluster, n_units, <bound field>_sum, mean_<var>

// ---- validation against a reference (engine/validate), one row per area ----
inline const std::string validation_reference = "val_ref";        // the reference score (higher = better)
inline const std::string validation_z_own = "val_z_own";          // the index, z-standardised over the matched areas
inline const std::string validation_z_ref = "val_z_ref";
inline const std::string validation_residual = "val_residual";    // val_z_own - val_z_ref
inline const std::string validation_rank_own = "val_rank_own";
inline const std::string validation_rank_ref = "val_rank_ref";

// ---- recognising earlier results ----
// Whether `name` is one of the unit fields above, so that `score` on a layer that holds
// the results of an earlier run replaces them as a whole instead of mixing old and new.
// The bare prefixes n_, imp_, raw_, eb_, d_ and lg_ and the explanation fields (next_class, ...)
// also occur in users' own data: they count only on a layer leefbaar scored (`scored_layer`: it has index_status, a name no other tool
// writes); the names with a fixed suffix (lisa_<x>_cl, ...) count on any layer.
inline bool is_result_field(std::string_view name, bool scored_layer) {
    for (const std::string* f : {&index_score, &index_rank, &index_percentile, &index_class, &index_class_label, &index_status, &rank_median,
                                 &rank_p05, &rank_p95, &cluster_id, &cluster_status})
        if (name == *f) return true;
    // prefix + a variable name of at least one character + suffix
    const auto framed = [&](std::string_view prefix, std::string_view suffix) {
        return name.size() > prefix.size() + suffix.size() && name.substr(0, prefix.size()) == prefix &&
               name.substr(name.size() - suffix.size()) == suffix;
    };
    for (std::string_view suffix : {"_z", "_lag"})
        if (framed("ms_", suffix)) return true;
    for (std::string_view suffix : {"_i", "_z", "_p", "_cl"})
        if (framed("lisa_", suffix)) return true;
    for (std::string_view suffix : {"_z", "_p", "_bin"})
        if (framed("gi_", suffix)) return true;
    if (scored_layer)
        for (const std::string* f : {&dist_mean, &top_plus, &top_minus, &next_class, &next_class_indicator, &next_class_change, &next_class_domain,
                                     &next_class_domain_change})
            if (name == *f) return true;
    if (scored_layer)
        for (std::string_view prefix : {"n_", "imp_", "raw_", "eb_", "d_", "lg_"})
            if (framed(prefix, "")) return true;
    return false;
}

}  // namespace leefbaar::fields
