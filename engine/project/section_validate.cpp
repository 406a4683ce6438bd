// [validate]: the index compared with a reference score at the reference's level
// (`leefbaar validate`, docs/methods/validation.md). The keys are declared in
// steps/validate_params.cpp.
#include "project/sections.hpp"
#include "steps/validate_params.hpp"

namespace leefbaar::project {

void parse_section_validate(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[validate]";
    const auto& t = ctx.as_table(section, where);
    auto& p = ctx.project();
    p.validate_enabled = true;
    params::ParamList list;
    steps::declare_validate(list, p.validate);
    ctx.apply_params(t, list, where);
}

}  // namespace leefbaar::project
