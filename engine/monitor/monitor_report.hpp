#pragma once
// The JSON report's "monitor" section, made once, at the edge, from the typed result.
#include <nlohmann/json.hpp>

#include "monitor/monitor_job.hpp"

namespace leefbaar::monitor {

nlohmann::json monitor_json(const MonitorJobResult& r, const std::vector<std::string>& keys);

}  // namespace leefbaar::monitor
