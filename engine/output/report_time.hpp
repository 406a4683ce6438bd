#pragma once
// The pieces of the report's section "Over time" (private to output/; report.hpp has
// the section itself).
#include <cstddef>
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "output/report.hpp"

namespace leefbaar::output::detail {

// The change layer's fields the section reads (monitor/monitor_tables.hpp).
namespace time_fields {
inline const std::string index_from = "index_from", index_to = "index_to", change = "index_change";
inline const std::string low = "change_low", high = "change_high", significance = "change_sig";
inline const std::string development = "development", development_label = "development_label";
inline const std::string better = "significantly better", worse = "significantly worse";
}  // namespace time_fields

// The units whose trajectories are drawn: the `each` largest significant improvements
// (largest change first) and the `each` largest significant declines (most negative
// first). Without any significant change (or without intervals) the largest changes
// either way, and `significant` is false.
struct Trajectories {
    std::vector<std::size_t> better, worse;  // rows of the change layer
    bool significant = true;
};
Trajectories select_trajectories(const FeatureTable& change, std::size_t each);

// The rows whose change_sig is `label`, sorted by change: largest first for "better",
// most negative first otherwise.
std::vector<std::size_t> units_with_significance(const FeatureTable& change, const std::string& label);

// A unit's name for a reader: a name column when there is one, else its key.
std::string unit_name(const FeatureTable& t, std::size_t row);

ReportFigure trajectory_figure(const ReportTime& time, const Trajectories& selected, int width);

}  // namespace leefbaar::output::detail
