#include "monitor/monitor_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "index/index_report.hpp"
#include "monitor/monitor_tables.hpp"

namespace leefbaar::monitor {
namespace {

nlohmann::json num(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

nlohmann::json coverage_json(const Coverage& c) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < c.indicators.size(); ++i) {
        nlohmann::json years = nlohmann::json::object();
        for (std::size_t y = 0; y < c.years.size(); ++y)
            years[std::to_string(c.years[y])] = {{"column", c.column[i][y]}, {"observed", c.observed[i][y]}, {"filled", c.filled[i][y]}};
        out.push_back({{"indicator", c.indicators[i]}, {"years", years}});
    }
    return out;
}

// Units whose change is significant, best or worst first.
nlohmann::json significant(const MonitorJobResult& r, const std::vector<std::string>& keys, int sign) {
    std::vector<std::size_t> units;
    for (std::size_t u = 0; u < keys.size(); ++u)
        if (r.interval && r.interval->significant[u] == sign) units.push_back(u);
    std::sort(units.begin(), units.end(), [&](std::size_t a, std::size_t b) { return sign * r.change.change[a] > sign * r.change.change[b]; });
    nlohmann::json out = nlohmann::json::array();
    for (auto u : units)
        out.push_back({{"unit", keys[u]}, {"change", num(r.change.change[u])}, {"low", num(r.interval->low[u])}, {"high", num(r.interval->high[u])},
                       {"development", r.change.development[u]}});
    return out;
}

}  // namespace

nlohmann::json monitor_json(const MonitorJobResult& r, const std::vector<std::string>& keys) {
    nlohmann::json j;
    j["years"] = r.long_table.years;
    j["units"] = r.long_table.units;
    j["coverage"] = coverage_json(r.long_table.coverage);
    // Per year: how its units were mapped onto the polygons (boundary changes).
    const auto& cov = r.long_table.coverage;
    for (std::size_t y = 0; y < cov.years.size() && y < cov.mapping.size(); ++y) j["editions"][std::to_string(cov.years[y])] = cov.mapping[y];
    j["index"] = index::index_json(r.long_table.table, *r.model, r.index);
    j["compare"] = {{"from", r.change.from}, {"to", r.change.to}};
    j["development_thresholds"] = r.thresholds;
    std::map<std::string, std::size_t> dev;
    for (int d : r.change.development)
        if (d > 0) ++dev[development_labels()[static_cast<std::size_t>(d - 1)]];
    j["development"] = dev;
    if (r.interval) {
        j["level"] = r.level;
        j["significantly_better"] = significant(r, keys, 1);
        j["significantly_worse"] = significant(r, keys, -1);
        j["monte_carlo"] = index::uncertainty_json(*r.uncertainty);
    }
    if (r.emerging) {
        std::map<std::string, std::size_t> cats;
        for (auto c : r.emerging->category) ++cats[to_string(c)];
        j["emerging_hot_spots"] = {{"categories", cats}, {"alpha", r.emerging->options.alpha}, {"permutations", r.emerging->options.permutations}};
    }
    if (r.differential) {
        std::map<std::string, std::size_t> cats;
        for (const auto& c : r.differential->lisa.category) ++cats[c];
        j["lisa_of_change"] = cats;
    }
    if (!r.warnings.empty()) j["warnings"] = r.warnings;
    return j;
}

}  // namespace leefbaar::monitor
