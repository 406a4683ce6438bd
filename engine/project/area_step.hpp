#pragma once
// The [areas] step of a project run: the levels read from the project (CBS code rules,
// lookup tables, drawn polygons), the references (rows of the first [[input.table]]),
// the area job (areas/area_job.hpp), one layer per level and the JSON section.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "areas/area_job.hpp"
#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "monitor/long_table.hpp"
#include "project/project.hpp"

namespace leefbaar::project {

// Every level of [[areas.level]], in file order, with its parent linked.
std::vector<areas::AreaLevel> build_area_levels(const Project& p, const FeatureTable& units, std::vector<std::string>& warnings, const Progress& progress);

// The rows of the first [[input.table]] named by [areas] reference, with their derived
// indicator values; a key the table lacks is a DataError naming it.
std::vector<areas::ReferenceRow> area_references(const Project& p);

// How each indicator aggregates (per-indicator area_rule / area_weight, else from its transform).
areas::AreaJobOptions area_job_options(const Project& p, const std::vector<std::string>& class_labels);

// The unit columns [areas] reads beside the indicators' (population, households, the
// indicators' area weights): kept in the units layer, so that a rerun finds them.
std::vector<std::string> area_columns(const Project& p);

// One layer per level: dissolved units (GEOS union) with the area fields.
FeatureTable area_layer(const Project& p, const FeatureTable& units, const std::vector<areas::AreaLevel>& levels, std::size_t level,
                        const areas::AreaJobResult& job, const std::vector<std::string>& class_labels, unsigned threads, const Progress& progress);

// With [monitor]: each area's index in every year, the population-weighted mean of its
// units' index on the monitor's one scale ([year][area]), and the layer of it (one row
// per area and year, with a date for QGIS's temporal controller).
std::vector<std::vector<double>> area_trajectories(const FeatureTable& units, const areas::AreaLevel& level, const monitor::LongTable& lt,
                                                   const std::string& population);
FeatureTable area_years_layer(const FeatureTable& area_table, const areas::AreaLevel& level, const std::vector<int>& years,
                              const std::vector<std::vector<double>>& trajectory);

nlohmann::json areas_json(const Project& p, const std::vector<areas::AreaLevel>& levels, const areas::AreaJobResult& job,
                          const std::vector<std::string>& class_labels);

}  // namespace leefbaar::project
