#pragma once
// The JSON report's index, uncertainty and audit sections, made once, at the edge,
// from the typed results of the steps (project/pipeline.cpp report_json).
#include <nlohmann/json.hpp>

#include "index/audit.hpp"
#include "index/composite.hpp"
#include "index/uncertainty.hpp"

namespace leefbaar::index {

// What was done: methods, imputation, outliers, weights, classes, unscored units
// (with the reason in the table's index_status).
nlohmann::json index_json(const FeatureTable& table, const IndexModel& model, const IndexResult& result);
nlohmann::json uncertainty_json(const UncertaintyResult& result);
nlohmann::json audit_json(const IndexModel& model, const AuditResult& audit);

}  // namespace leefbaar::index
