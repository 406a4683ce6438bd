#pragma once
// The model behind `leefbaar describe`: every command (step) and project-file section
// with its declared parameters, as JSON, and the Markdown option tables made from it.
#include <string>

#include <nlohmann/json.hpp>

#include "core/param.hpp"

namespace leefbaar::cli {

inline constexpr int kDescribeSchemaVersion = 1;

nlohmann::json param_json(const params::Param& p);
// {"schema", "schema_version", "leefbaar_version", "steps": [...], "project_sections": [...]}
nlohmann::json describe_all();
// The option table of a step (or, with `keys`, the key table of a section).
std::string markdown_table(const nlohmann::json& step, bool keys = false);
std::string text_summary(const nlohmann::json& step);

}  // namespace leefbaar::cli
