#pragma once
// One parser per top-level section of the project file, each in its own
// project/section_<name>.cpp. parser.cpp dispatches on the section name.
//
// To add a section (e.g. [spatial], [cluster], [report]):
//   1. add its settings to Project (project.hpp),
//   2. declare its keys once in steps/<step>_params.cpp and write
//      project/section_<name>.cpp defining parse_section_<name>() (ParseContext::
//      apply_params sets the keys and names the line of every error) and
//      declare_section_<name>() (for describe and the docs),
//   3. declare both below and add one line to kSections in parser.cpp,
//   4. add a generated key table to docs/project-file.md (tools/gen-docs.sh).
// Checks that need several sections (an indicator's domain exists) go in
// finish_project() (parser.cpp), which runs after all sections.
#include <toml++/toml.h>

#include "project/parse_context.hpp"

namespace leefbaar::project {

using SectionParser = void (*)(const toml::node& section, ParseContext& ctx);

// The parameters of a section, declared into `list` and bound to `p` (the parser
// uses the same function; `describe` and the docs read it).
void declare_section_spatial(params::ParamList& list, Project& p);
void declare_section_cluster(params::ParamList& list, Project& p);
void declare_section_input(params::ParamList& list, Project& p);
void declare_section_input_table(params::ParamList& list, Project& p);
void declare_section_index(params::ParamList& list, Project& p);
void declare_section_domain(params::ParamList& list, Project& p);
void declare_section_indicator(params::ParamList& list, Project& p);
void declare_section_uncertainty(params::ParamList& list, Project& p);
void declare_section_monitor(params::ParamList& list, Project& p);
void declare_section_areas(params::ParamList& list, Project& p);
void declare_section_validate(params::ParamList& list, Project& p);
void declare_section_areas_level(params::ParamList& list, Project& p);
void declare_section_explain(params::ParamList& list, Project& p);

void parse_section_project(const toml::node& section, ParseContext& ctx);
void parse_section_input(const toml::node& section, ParseContext& ctx);
void parse_section_output(const toml::node& section, ParseContext& ctx);
void parse_section_index(const toml::node& section, ParseContext& ctx);
void parse_section_domain(const toml::node& section, ParseContext& ctx);
void parse_section_indicator(const toml::node& section, ParseContext& ctx);
void parse_section_uncertainty(const toml::node& section, ParseContext& ctx);
void parse_section_spatial(const toml::node& section, ParseContext& ctx);
void parse_section_cluster(const toml::node& section, ParseContext& ctx);
void parse_section_validate(const toml::node& section, ParseContext& ctx);
void parse_section_report(const toml::node& section, ParseContext& ctx);
void parse_section_monitor(const toml::node& section, ParseContext& ctx);
void parse_section_areas(const toml::node& section, ParseContext& ctx);
void parse_section_explain(const toml::node& section, ParseContext& ctx);

// After the weights keys of a section are set: a .gal/.gwt path or weights_file
// means type "file", relative to the project file (section_spatial.cpp).
void resolve_weights_file(const toml::table& t, ParseContext& ctx, WeightsSpec& w);

// A number of `t` that its parameter's range refuses, reported in the section's own
// words with a hint ("the weight of indicator 'x' is negative") instead of the
// generic "KEY in [section] must be ..." of apply_params; call before apply_params.
// The range is the parameter's (section_index.cpp).
void refuse_out_of_range(const toml::table& t, const params::ParamList& list, const std::string& key, ParseContext& ctx,
                         const std::string& message, const std::string& hint);

}  // namespace leefbaar::project
