#pragma once
// The monitor's layers: the change layer (one row per unit) and the coverage table
// (one row per indicator and year), from the typed results.
#include <string>

#include "core/feature_table.hpp"
#include "monitor/monitor_job.hpp"

namespace leefbaar::monitor {

// Field names of the change layer.
namespace change_fields {
inline const std::string index_from = "index_from", index_to = "index_to", change = "index_change";
inline const std::string low = "change_low", high = "change_high", significance = "change_sig";
inline const std::string rank_from = "rank_from", rank_to = "rank_to", rank_change = "rank_change";
inline const std::string class_from = "class_from", class_to = "class_to", class_change = "class_change";
inline const std::string development = "development", development_label = "development_label";
inline const std::string lisa = "lisa_change_cl", lisa_p = "lisa_change_p";  // "lisa_<var>_cl": the LISA style
inline const std::string ehsa = "ehsa", ehsa_code = "ehsa_code", ehsa_tau = "ehsa_tau", ehsa_p = "ehsa_trend_p";
}  // namespace change_fields

// "significantly better", "significantly worse", "not significant", or null without an interval.
const char* significance_text(int significant);

// Units with their key, kept columns and geometry (the long table's first year) and
// the change fields.
FeatureTable change_table(const MonitorJobResult& r);
FeatureTable coverage_table(const Coverage& c);

}  // namespace leefbaar::monitor
