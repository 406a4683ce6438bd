// The parameters of each project-file section as project_sections() lists them for
// `describe` and the docs: the same declarations the section parsers apply
// (engine/steps/*_params.cpp), bound to a Project that describe throws away.
#include "project/sections.hpp"
#include "steps/validate_params.hpp"
#include "steps/explain_params.hpp"
#include "steps/index_params.hpp"
#include "steps/join_params.hpp"
#include "steps/project_params.hpp"
#include "steps/report_params.hpp"

namespace leefbaar::project {

void declare_section_input(params::ParamList& list, Project& p) { steps::declare_join(list, p.input, steps::JoinFront::Project); }

void declare_section_input_table(params::ParamList& list, Project& p) {
    p.input.tables.emplace_back();
    steps::declare_table(list, p.input.tables.back());
}

void declare_section_index(params::ParamList& list, Project& p) {
    // The shorthand only needs to live while describe reads the list.
    static steps::IndexShorthands shorthands;
    steps::declare_index(list, p.index, shorthands);
}

void declare_section_domain(params::ParamList& list, Project& p) {
    p.index.domains.emplace_back();
    steps::declare_domain(list, p.index.domains.back());
}

void declare_section_indicator(params::ParamList& list, Project& p) {
    p.index.indicators.emplace_back();
    steps::declare_indicator(list, p.index.indicators.back());
    steps::declare_indicator_monitoring(list, p.monitoring["<name>"]);
    steps::declare_indicator_areas(list, p.area_rules["<name>"]);
}

void declare_section_uncertainty(params::ParamList& list, Project& p) {
    steps::declare_uncertainty(list, p.uncertainty, steps::UncertaintyFront::Project);
}

void declare_section_monitor(params::ParamList& list, Project& p) { steps::declare_monitor(list, p.monitor); }
void declare_section_areas(params::ParamList& list, Project& p) { steps::declare_areas(list, p.areas); }
void declare_section_validate(params::ParamList& list, Project& p) { steps::declare_validate(list, p.validate); }
void declare_section_explain(params::ParamList& list, Project& p) { steps::declare_explain(list, p.explain); }
void declare_section_areas_level(params::ParamList& list, Project& p) {
    p.areas.levels.emplace_back();
    steps::declare_area_level(list, p.areas.levels.back());
}

}  // namespace leefbaar::project
